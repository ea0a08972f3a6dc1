#!/usr/bin/env python3
"""The search's budgets (issue 16, point 5) and its regional ranking, in one run.

Builds two law-only sites with the project's own commands:

    national   pufa init --empty; pufa import-laws ../shared/corpus/laws
    regional   pufa init --empty --region 浙江; import-laws laws, then local-laws

and measures each with ../shared/tools/search_eval.py (headless Chromium):
first-query bytes (≤ 150 KB), median bytes (≤ 60 KB), p95 latency (≤ 100 ms),
search files on the wire (≤ 10 MB national, ≤ 20 MB with local regulations),
and the hit rates of every query set.  On the regional site it also asks local
topics and checks that the site's own region's regulation is in the top 3 and
no other province's regulation ranks above national law.

    .venv/bin/python bench/search_budgets.py
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent
EVALUATOR = SHARED / "tools" / "search_eval.py"
QUERY_SETS = [SHARED / "search-eval" / "dev.tsv", SHARED / "search-eval" / "dev-articles.tsv",
              ROOT / "bench" / "search-eval" / "general-articles.tsv",
              ROOT / "bench" / "search-eval" / "holdout-colloquial.tsv",
              ROOT / "bench" / "search-eval" / "fresh-mixed.tsv"]
LOCAL_TOPICS = ["物业费", "电动自行车上牌", "养狗拴绳", "物业服务收费标准"]
REGION = "浙江"
BUDGETS = {"first_kb": 150, "p50_kb": 60, "p95_ms": 100}
WIRE_BUDGET_MB = {"national": 10, "regional": 20}


def run(cmd) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"失败：{' '.join(map(str, cmd))}\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def make_site(root: Path, corpora: list[Path], region: str | None) -> float:
    run([BIN / "pufa", "init", root, "--empty"] + (["--region", region] if region else []))
    for corpus in corpora:
        run([BIN / "pufa", "import-laws", corpus, "--site", root])
    return run([BIN / "pufa", "build", "--site", root])


def evaluate(site: Path, queries: Path, work: Path) -> dict:
    out = work / f"{site.parent.name}-{queries.stem}.json"
    proc = subprocess.run([sys.executable, EVALUATOR, "--site-dir", site, "--queries", queries, "--json", out],
                          capture_output=True, text=True)
    if proc.returncode or not out.is_file():
        sys.exit(f"search_eval 失败：{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    last = proc.stdout.strip().splitlines()[-1]
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    summary["wire_mb"] = float(last.split("index_wire_mb=")[1].split()[0])
    return summary


def ask(site: Path, queries: list[str]) -> dict:
    """Results (doc, url) of each query, from the built site in headless Chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            page.goto(base + "/")
            page.wait_for_function("() => window.pufa && typeof window.pufa.search === 'function'")
            for q in queries:
                out[q] = page.evaluate("q => window.pufa.search(q, {limit: 10})", q)
            browser.close()
    finally:
        server.shutdown()
    return out


def regional_check(results: list[dict], region_slug: str) -> tuple[bool, bool, list[str]]:
    """(own region's regulation in the top 3, no other province's regulation above
    national law, the first five as 'doc [where]')."""
    def where(r):
        parts = r["url"].split("di-fang-xing-fa-gui/")
        return parts[1].split("/")[0] if len(parts) > 1 else "national"
    docs, seen = [], set()
    for r in results:
        if r["doc"] not in seen:
            seen.add(r["doc"])
            docs.append((r["doc"], where(r)))
    own_top3 = any(w == region_slug for _, w in docs[:3])
    first_national = next((i for i, (_, w) in enumerate(docs) if w == "national"), len(docs))
    others_above = any(w not in ("national", region_slug) for _, w in docs[:first_national])
    return own_top3, not others_above, [f"{d} [{w}]" for d, w in docs[:5]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=Path, default=SHARED / "corpus" / "laws")
    ap.add_argument("--local-laws", type=Path, default=SHARED / "corpus" / "local-laws")
    ap.add_argument("--keep", type=Path, help="build the sites here and keep them")
    args = ap.parse_args()
    if not EVALUATOR.is_file() or not args.laws.is_dir():
        print(f"没有找到 {EVALUATOR} 或法律语料，跳过搜索预算测试")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="pufa-search-budgets-"))
    work.mkdir(parents=True, exist_ok=True)
    from pufa.laws.library import region_slug

    rows, over = [], 0
    try:
        sites = {"national": ([args.laws], None)}
        if args.local_laws.is_dir():
            sites["regional"] = ([args.laws, args.local_laws], REGION)
        for name, (corpora, region) in sites.items():
            root = work / name
            if root.exists():
                shutil.rmtree(root)
            seconds = make_site(root, corpora, region)
            print(f"{name}: built in {seconds:.1f} s", flush=True)
            for queries in QUERY_SETS:
                s = evaluate(root / "site", queries, work)
                figures = " ".join(f"{k}={s[k]:.2f}" for k in ("art_hit5", "hit5", "mrr10") if k in s)
                line = [name, queries.name, figures]
                for key, limit in BUDGETS.items():
                    ok = s[key] <= limit
                    over += not ok
                    line.append(f"{key}={s[key]:.0f}/{limit}{'' if ok else ' OVER'}")
                rows.append(line)
                print("  ".join(line), flush=True)
            wire_ok = s["wire_mb"] <= WIRE_BUDGET_MB[name]
            over += not wire_ok
            print(f"{name}: search files {s['wire_mb']:.1f} MB on the wire (budget {WIRE_BUDGET_MB[name]} MB)"
                  + ("" if wire_ok else " OVER"), flush=True)
            if region:
                answers = ask(root / "site", LOCAL_TOPICS)
                for q in LOCAL_TOPICS:
                    own, below, first = regional_check(answers[q], region_slug(region))
                    over += not (own and below)
                    print(f"  {q}: {REGION} in top 3 {'yes' if own else 'NO'}; other provinces below national law "
                          f"{'yes' if below else 'NO'}; {' | '.join(first)}", flush=True)
        print(f"budgets and regional checks missed: {over}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
