#!/usr/bin/env python3
"""A display page left running: JS heap over thousands of transitions, and its weight.

Builds the sample site, opens screens/da-ting/ in Chromium with Playwright's
clock, fast-forwards through --transitions slide changes and prints the
heap (after forced garbage collection) at checkpoints, with the ratio to the
heap after the first 100 transitions (the acceptance bound is 1.10).

    .venv/bin/python bench/screen_bench.py [--transitions 5000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from pufa.fingerprint import shipped

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


NODES = "document.getElementsByTagName('*').length"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--transitions", type=int, default=5000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pufa-screen-bench-"))
    try:
        for name in ("mkdocs.yml", "content", "theme"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, work / name)
        subprocess.run([str(BIN / "pufa"), "build", "--site", str(work)], check=True, capture_output=True)
        html = (work / "site" / "screens" / "da-ting" / "index.html").read_bytes()
        js = shipped(work / "site", "assets/pufa/screen.js").read_bytes()
        css = shipped(work / "site", "assets/pufa/screen.css").read_bytes()
        slides = html.count(b'class="pufa-slide ')
        print(f"display page: HTML {len(html) / 1024:.1f} KB ({len(gzip.compress(html)) / 1024:.1f} KB gzip), "
              f"screen.js {len(js) / 1024:.1f} KB, screen.css {len(css) / 1024:.1f} KB, "
              f"{slides} slides")
        handler = functools.partial(Quiet, directory=str(work / "site"))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/screens/da-ting/"
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.clock.install(time=dt.datetime(2026, 12, 3, 10, 0))
            page.goto(url)
            page.wait_for_function("window.pufa && pufa.screen && pufa.screen.current()")
            cdp = page.context.new_cdp_session(page)

            def heap() -> int:
                cdp.send("HeapProfiler.collectGarbage")
                cdp.send("HeapProfiler.collectGarbage")
                return cdp.send("Runtime.getHeapUsage")["usedSize"]

            base = None
            t0 = time.perf_counter()
            checkpoints = sorted({100, 500, 1000, 2000, args.transitions})
            for target in checkpoints:
                while page.evaluate("pufa.screen.transitions") < target:
                    page.clock.fast_forward(25_001)
                used = heap()
                base = base or used
                print(f"after {target:>5} transitions: heap {used / 1024:8.1f} KB  ratio {used / base:.3f}  "
                      f"nodes {page.evaluate(NODES)}")
            print(f"{args.transitions} transitions in {time.perf_counter() - t0:.1f} s of real time "
                  f"({page.evaluate('pufa.screen.rounds')} rounds)")
            browser.close()
        httpd.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
