#!/usr/bin/env python3
"""pufa serve on a site with the full law library: how long from starting it
to the first page, and from saving a lesson (or a law) to the page showing it.

Makes a law site (the sample content plus ../shared/corpus/laws), starts
`pufa serve` on 127.0.0.1, saves a lesson --repeat times and polls its page
until the change is served; then the same for a law.  Then starts it twice
more on the same site: after a lesson was saved while it was stopped, and
with nothing changed (the cache under the site folder).

    .venv/bin/python bench/preview_bench.py [--site DIR] [--repeat 5]
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, marker: str, limit: float = 120) -> float:
    """Seconds until the page at url contains marker."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if marker in fetch(url):
            return time.perf_counter() - t0
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {marker!r} at {url}")


def make_site(dest: Path) -> Path:
    subprocess.run([str(BIN / "pufa"), "init", str(dest)], check=True, capture_output=True)
    subprocess.run([str(BIN / "pufa"), "import-laws", str(CORPUS), "--site", str(dest)],
                   check=True, capture_output=True)
    return dest


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path, help="an existing site to use (a copy is served)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pufa-preview-"))
    try:
        if args.site:
            site = work / "s"
            shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("site", ".pufa-*"))
        else:
            site = make_site(work / "s")
        laws = len(list((site / "content" / "laws").rglob("*.md")))
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        lesson = site / "content" / "lessons" / "xian-fa.md"
        law = next((site / "content" / "laws").rglob("min-fa-dian*.md"), None)
        started = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "pufa"), "serve", "--site", str(site), "--addr", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(base + "lessons/xian-fa/", "</html>", limit=300)
            start = time.perf_counter() - started
            lesson_times, law_times = [], []
            for n in range(args.repeat):
                marker = f"预览测量{n}号"
                text = lesson.read_text(encoding="utf-8")
                lesson.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
                lesson_times.append(wait_for(base + "lessons/xian-fa/", marker))
                time.sleep(1.0)
            # A new page: MkDocs lists the files again; only the page, its listing and the home page render.
            fresh = lesson.with_name("yu-lan-xin-jian.md")
            fresh.write_text(lesson.read_text(encoding="utf-8").replace("title:", "title: 预览新建测量 ·", 1),
                             encoding="utf-8")
            added = wait_for(base + "lessons/yu-lan-xin-jian/", "预览新建测量")
            time.sleep(1.0)
            if law is not None:
                url = base + law.relative_to(site / "content").with_suffix("").as_posix() + "/"
                for n in range(min(args.repeat, 3)):
                    marker = f"法条预览测量{n}"
                    text = law.read_text(encoding="utf-8")
                    law.write_text(text.replace("第一条", f"第一条 {marker}", 1), encoding="utf-8")
                    law_times.append(wait_for(url, marker))
                    time.sleep(1.0)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        # A second start: the cache under the site folder holds the last preview's pages.
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\n停着时写的一段\n", encoding="utf-8")
        again = []
        for _ in range(2):
            started = time.perf_counter()
            proc = subprocess.Popen([str(BIN / "pufa"), "serve", "--site", str(site), "--addr", f"127.0.0.1:{port}"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(base + "lessons/xian-fa/", "停着时写的一段", limit=300)
                again.append(time.perf_counter() - started)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        cache = sum(f.stat().st_size for f in (site / ".pufa-cache").rglob("*") if f.is_file())
        print(f"pufa serve, {laws} law files: first page after {start:.1f} s")
        print(f"second start (one lesson saved while stopped): first page after {again[0]:.1f} s; "
              f"third start (nothing changed): {again[1]:.1f} s; cache {cache / 1e6:.0f} MB")
        print(f"save a lesson → page shows it: median {statistics.median(lesson_times):.2f} s, "
              f"max {max(lesson_times):.2f} s ({len(lesson_times)} saves)")
        print(f"add a lesson → its page shows: {added:.2f} s")
        if law_times:
            print(f"save a law → page shows it: median {statistics.median(law_times):.2f} s, "
                  f"max {max(law_times):.2f} s ({len(law_times)} saves)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
