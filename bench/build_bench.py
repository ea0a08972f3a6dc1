#!/usr/bin/env python3
"""Build the same Markdown with plain Material and with pufa, in one run.

Plain Material: the sample site's mkdocs.yml with the pufa plugin and theme
override removed (same nav, same Markdown extensions, no search on either
side).  Each is built --repeat times in a fresh process; the median is
reported with the ratio pufa / Material.

    .venv/bin/python bench/build_bench.py [--repeat 5]
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def plain_material_config(pufa_cfg: str) -> str:
    cfg = yaml.safe_load(pufa_cfg)
    cfg["plugins"] = []
    cfg["theme"].pop("custom_dir", None)
    cfg["theme"]["font"] = False
    return yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)


def timed(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pufa-bench-"))
    try:
        pufa_site = work / "pufa"
        plain_site = work / "material"
        for d in (pufa_site, plain_site):
            d.mkdir()
            shutil.copytree(ROOT / "content", d / "content")
        shutil.copytree(ROOT / "theme", pufa_site / "theme")
        cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        (pufa_site / "mkdocs.yml").write_text(cfg, encoding="utf-8")
        (plain_site / "mkdocs.yml").write_text(plain_material_config(cfg), encoding="utf-8")

        runs = {"material": [], "pufa": []}
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            runs["material"].append(timed([str(BIN / "mkdocs"), "build", "-q"], plain_site))
            runs["pufa"].append(timed([str(BIN / "pufa"), "build"], pufa_site))

        pages = len(list((pufa_site / "content").rglob("*.md")))
        m, p = statistics.median(runs["material"]), statistics.median(runs["pufa"])
        mf, mb = site_size(plain_site / "site")
        pf, pb = site_size(pufa_site / "site")
        print(f"sample site: {pages} Markdown files, {args.repeat} builds each (median, whole process)")
        print(f"  plain Material : {m:6.2f} s   {mf:5d} files {mb / 1e6:6.2f} MB")
        print(f"  pufa           : {p:6.2f} s   {pf:5d} files {pb / 1e6:6.2f} MB")
        print(f"  ratio pufa/Material: time {p / m:.2f}x, size {pb / mb:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
