#!/usr/bin/env python3
"""Lighthouse 12.2.3 (mobile: simulated slow 4G, a mid-range phone) on the six
page types of the sample site, served by Debian's nginx with the configuration
`pufa server-config nginx` prints (issue 18).

The goal: performance ≥ 95 and cumulative layout shift ≤ 0.02 on each;
accessibility, best practices and SEO 100.  Prints each score, FCP, LCP, TBT
and CLS (the median run of --runs), and the audits below 0.9.

Lighthouse comes from npm (`npm i -E lighthouse@12.2.3` into .bench-node/;
13 needs Node 22), Chromium is Debian's; nothing leaves 127.0.0.1.

    .venv/bin/python bench/lighthouse_bench.py [--runs 3] [--page lessons/xian-fa/]
"""
from __future__ import annotations

import argparse
import json
import re
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))
from nginx_site import serving  # noqa: E402

NODE_DIR = ROOT / ".bench-node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
PAGES = {
    "首页": "",
    "普法课堂": "lessons/xian-fa/",
    "办事指南": "guides/fa-lv-yuan-zhu-shen-qing/",
    "法律条文": "laws/min-fa-shang-fa/xiao-fei-zhe-quan-yi-bao-hu-fa/#di-er-shi-si-tiao",
    "搜索": "search/?q=%E7%A6%BB%E5%A9%9A%E5%90%8E%E5%AD%A9%E5%AD%90%E5%BD%92%E8%B0%81",
    "法律咨询": "qa/bu-jiao-wu-ye-fei-ke-yi-ma/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print(f"安装 lighthouse@{VERSION}（npm）到 {NODE_DIR} ……", flush=True)
    NODE_DIR.mkdir(exist_ok=True)
    subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(NODE_DIR),
                    f"lighthouse@{VERSION}"], check=True)


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile",
                    "--only-categories=" + ",".join(CATEGORIES)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    a = report["audits"]
    s = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    s.update(fcp=a["first-contentful-paint"]["numericValue"] / 1000,
             lcp=a["largest-contentful-paint"]["numericValue"] / 1000,
             tbt=a["total-blocking-time"]["numericValue"],
             cls=a["cumulative-layout-shift"]["numericValue"])
    s["weak"] = sorted(f"{k} {a[k]['score']:.2f}{' ' + a[k]['displayValue'] if a[k].get('displayValue') else ''}"
                       for k in a if a[k].get("score") is not None and a[k]["score"] < 0.9
                       and a[k].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="只测这些页面（相对网址，可写多次）")
    parser.add_argument("--keep", type=Path, help="把每页最后一次的完整报告（JSON）存到这个文件夹")
    args = parser.parse_args()
    install_lighthouse()
    pages = {p: p for p in args.page} if args.page else PAGES
    work = Path(tempfile.mkdtemp(prefix="pufa-lh-"))
    work.chmod(0o755)
    try:
        root = work / "s"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("content", "theme"):
            shutil.copytree(ROOT / folder, root / folder)
        subprocess.run([str(BIN / "pufa"), "build", "--site", str(root)], check=True, capture_output=True)
        rows, failed = [], []
        with serving(root, _nginx_work(work)) as (base, _):
            for name, path in pages.items():
                runs = [summary(lighthouse(base + path, work / f"r{i}.json")) for i in range(args.runs)]
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(work / f"r{args.runs - 1}.json", args.keep / (re.sub(r"[^0-9A-Za-z一-龥-]+", "_", name).strip("_") + ".json"))
                median = sorted(runs, key=lambda r: r["performance"])[len(runs) // 2]
                rows.append((name, path, median, [r["performance"] for r in runs]))
        print(f"\nLighthouse {VERSION}，手机（模拟慢速 4G），nginx + pufa server-config；每页 {args.runs} 次取中位数\n")
        print(f"{'页面':<8} {'性能':>4} {'无障碍':>5} {'最佳做法':>5} {'SEO':>4} {'FCP':>6} {'LCP':>6} {'TBT':>6} {'CLS':>6}  各次性能")
        for name, path, r, perf in rows:
            print(f"{name:<8} {r['performance']:>5} {r['accessibility']:>6} {r['best-practices']:>7} {r['seo']:>5} "
                  f"{r['fcp']:>5.1f}s {r['lcp']:>5.1f}s {r['tbt']:>4.0f}ms {r['cls']:>6.3f}  {perf}")
            ok = r["performance"] >= 95 and r["cls"] <= 0.02 and all(r[c] == 100 for c in CATEGORIES[1:])
            if not ok:
                failed.append(name)
            for weak in r["weak"]:
                print(f"{'':<10}· {weak}")
        print(f"\n目标（性能 ≥ 95，CLS ≤ 0.02，其余 100）：{len(rows) - len(failed)}/{len(rows)} 个页面达到"
              + (f"；未达到：{'、'.join(failed)}" if failed else ""))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _nginx_work(work: Path) -> Path:
    folder = work / "nginx"
    folder.mkdir(exist_ok=True)
    return folder


if __name__ == "__main__":
    raise SystemExit(main())
