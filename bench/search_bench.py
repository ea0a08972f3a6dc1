#!/usr/bin/env python3
"""Search quality, bytes and latency on the law corpus, with the shared evaluator.

Runs ../shared/tools/search_eval.py (which builds a law-only site with this
project's CLI and queries it in headless Chromium) and, on the same site, the
index size and how long building the index took (build with and without the
pufa-search plugin).

    .venv/bin/python bench/search_bench.py [--queries ../shared/search-eval/dev.tsv]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


def timed(cmd) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", type=Path, default=SHARED / "search-eval" / "dev.tsv")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "laws")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    evaluator = SHARED / "tools" / "search_eval.py"
    if not evaluator.is_file() or not args.corpus.is_dir():
        print(f"没有找到 {evaluator} 或法律语料，跳过搜索基准测试")
        return 0
    work = Path(tempfile.mkdtemp(prefix="pufa-search-bench-"))
    try:
        site = work / "laws"
        subprocess.run([BIN / "pufa", "init", site, "--empty"], check=True, capture_output=True)
        subprocess.run([BIN / "pufa", "import-laws", args.corpus, "--site", site], check=True, capture_output=True)
        cfg = site / "mkdocs.yml"
        with_search = cfg.read_text(encoding="utf-8")
        without = re.sub(r"^  - pufa-search.*$", "  - pufa-search:\n      enabled: false", with_search, flags=re.M)
        times = {"with": [], "without": []}
        for _ in range(args.repeat):
            cfg.write_text(without, encoding="utf-8")
            times["without"].append(timed([BIN / "pufa", "build", "--site", site]))
            cfg.write_text(with_search, encoding="utf-8")
            times["with"].append(timed([BIN / "pufa", "build", "--site", site]))
        a, b = sorted(times["with"])[len(times["with"]) // 2], sorted(times["without"])[len(times["without"]) // 2]
        print(f"law-corpus build: {b:.1f} s without search, {a:.1f} s with search: index adds {a - b:.1f} s (goal <= 4)")
        proc = subprocess.run([sys.executable, evaluator, "--site-dir", site / "site", "--queries", args.queries],
                              capture_output=True, text=True)
        print(proc.stdout[-3000:], proc.stderr[-2000:] if proc.returncode else "", sep="")
        return proc.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
