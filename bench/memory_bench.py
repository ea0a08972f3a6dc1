#!/usr/bin/env python3
"""Peak memory and time of `pufa build` as the law library grows: 1× (the
national corpus), 2.2× (plus the local regulations) and 5× (plus copies of
corpus files under new titles), with the growth ratios between the points.

Peak RSS is getrusage's: the build process, and its largest child (the search
index is made in a forked process).

    .venv/bin/python bench/memory_bench.py [--sizes 1,2.2,5] [--keep DIR]

With --keep, the law sites are made once in DIR (site-1, site-2.2, site-5) and
reused by later runs.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = [SHARED / "laws", SHARED / "local-laws"]
COPY = "（副本{n}）"
MEASURE = """
import resource, sys, time
from pufa.cli import main
t = time.perf_counter()
rc = main(["build", "--site", sys.argv[1]])
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(f"RESULT {rc} {me} {child} {time.perf_counter() - t:.1f}")
"""


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if p.name.lower() != "readme.md")


def retitled(src: Path, dest_dir: Path, n: int) -> None:
    """A corpus file as a distinct law: its title and file name get （副本n）."""
    text = src.read_text(encoding="utf-8-sig")
    text = re.sub(r"^(# .+?)\s*$", lambda m: m.group(1) + COPY.format(n=n), text, count=1, flags=re.M)
    stem = re.sub(r"(\(\d{4}-\d{2}-\d{2}\))?$", lambda m: COPY.format(n=n) + (m.group(1) or ""), src.stem, count=1)
    (dest_dir / f"{stem}.md").write_text(text, encoding="utf-8")


def make_site(site: Path, size: float, national: int) -> None:
    """An empty pufa site whose library is `size` times the national corpus."""
    src = Path(tempfile.mkdtemp(prefix="pufa-corpus-"))
    try:
        files = []
        for corpus in CORPORA[:1] if size == 1 else CORPORA:
            for path in corpus_files(corpus):
                link = src / corpus.name / path.relative_to(corpus)
                link.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(path, link)
                files.append((path, link.parent))
        want, have, n = round(size * national), len(files), 0
        while have < want:
            n += 1
            for path, folder in files[: want - have]:
                retitled(path, folder, n)
            have += min(len(files), want - have)
        subprocess.run([str(BIN / "pufa"), "init", str(site), "--empty"], check=True, capture_output=True)
        subprocess.run([str(BIN / "pufa"), "import-laws", str(src), "--site", str(site)], check=True,
                       capture_output=True)
    finally:
        shutil.rmtree(src, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2.2,5")
    ap.add_argument("--keep", type=Path, help="make the law sites here once and reuse them")
    args = ap.parse_args()
    if not CORPORA[0].is_dir():
        sys.exit(f"no corpus at {CORPORA[0]}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="pufa-memory-"))
    national = len(corpus_files(CORPORA[0]))
    rows = []
    try:
        for size in [float(s) for s in args.sizes.split(",")]:
            site = work / f"site-{size:g}"
            if not (site / "content" / "laws").is_dir():
                make_site(site, size, national)
            docs = sum(1 for p in (site / "content" / "laws").rglob("*.md") if p.name != "index.md")
            shutil.rmtree(site / "site", ignore_errors=True)
            out = subprocess.run([sys.executable, "-c", MEASURE, str(site)], capture_output=True, text=True)
            line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                sys.exit(f"build failed at {size:g}×:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
            rc, me, child, seconds = line.split()[1:]
            rows.append((size, docs, int(me), int(child), float(seconds)))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'library':>8} {'documents':>10} {'build MB':>9} {'child MB':>9} {'peak MB':>8} {'seconds':>8}")
    for size, docs, me, child, seconds in rows:
        print(f"{size:>7g}× {docs:>10,} {me:>9,} {child:>9,} {max(me, child):>8,} {seconds:>8.1f}")
    print("growth between points (peak memory ratio / library ratio; under 0.5 is the goal):")
    for (s0, d0, m0, c0, _), (s1, d1, m1, c1, _) in zip(rows, rows[1:]):
        mem, lib = max(m1, c1) / max(m0, c0), d1 / d0
        print(f"  {s0:g}× → {s1:g}×: library ×{lib:.2f}, peak ×{mem:.2f}, "
              f"marginal {(mem - 1) / (lib - 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
