#!/usr/bin/env python3
"""The law corpus built by plain Material and by pufa, in one run.

Plain Material: the same Markdown files (as `pufa import-laws` writes them),
Material for MkDocs with navigation off (only the home page in `nav`) and its
search plugin with `lang: zh` (jieba).  pufa: `pufa build` of the same site.
Prints both build times (whole process, median of --repeat), site sizes, and
the ratios the law-library issue sets (time <= 0.5x Material, site <= 70 MB).

    .venv/bin/python bench/laws_bench.py [--corpus ../shared/corpus/laws] [--repeat 1]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

MATERIAL_YML = """\
site_name: 法律法规库
docs_dir: content
site_dir: site
theme:
  name: material
  language: zh
nav:
  - index.md
plugins:
  - search:
      lang: zh
"""


def run(cmd, cwd) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "laws")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"法律语料不在 {args.corpus}，跳过法律库基准测试")
        return 0
    try:
        import jieba  # noqa: F401  (Material's zh search needs it)
    except ImportError:
        sys.exit("jieba is missing: run `make bench`, which installs the bench extras")

    work = Path(tempfile.mkdtemp(prefix="pufa-laws-bench-"))
    try:
        pufa_site, plain = work / "pufa", work / "material"
        run([BIN / "pufa", "init", pufa_site, "--empty"], work)
        t_import = run([BIN / "pufa", "import-laws", args.corpus, "--site", pufa_site], work)
        (plain / "content").mkdir(parents=True)
        shutil.copytree(pufa_site / "content" / "laws", plain / "content" / "laws")
        (plain / "content" / "index.md").write_text("# 法律法规库\n", encoding="utf-8")
        (plain / "mkdocs.yml").write_text(MATERIAL_YML, encoding="utf-8")
        docs = len([p for p in (plain / "content" / "laws").rglob("*.md")])

        times = {"material": [], "pufa": []}
        for _ in range(args.repeat):
            times["material"].append(run([BIN / "mkdocs", "build", "-q"], plain))
            times["pufa"].append(run([BIN / "pufa", "build", "--site", pufa_site], work))
        m, p = statistics.median(times["material"]), statistics.median(times["pufa"])
        mf, mb = size(plain / "site")
        pf, pb = size(pufa_site / "site")
        print(f"law corpus: {docs} documents (import took {t_import:.1f} s)")
        print(f"  Material (nav off, zh search): {m:6.1f} s  {mf:6d} files  {mb / 1e6:7.1f} MB")
        print(f"  pufa                         : {p:6.1f} s  {pf:6d} files  {pb / 1e6:7.1f} MB")
        print(f"  ratio pufa/Material: time {p / m:.2f}x (goal <= 0.5), size {pb / mb:.2f}x; "
              f"pufa site {pb / 1e6:.1f} MB (goal <= 70)")
        # What the site's shares are: 新旧对照 pages, the search index, the QR codes on every page.
        site = pufa_site / "site"
        compare = [q for q in site.rglob("index.html") if q.parent.name.startswith("dui-zhao-")]
        compare_bytes = sum(q.stat().st_size for q in compare)
        search_bytes = sum(q.stat().st_size for q in (site / "search").rglob("*") if q.is_file())
        print(f"  of which: 新旧对照 {len(compare)} pages {compare_bytes / 1e6:.2f} MB "
              f"(largest {max((q.stat().st_size for q in compare), default=0) / 1e3:.0f} KB), "
              f"search {search_bytes / 1e6:.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
