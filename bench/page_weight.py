#!/usr/bin/env python3
"""First-load weight of a lesson page: HTML, CSS and JS (images aside), gzip.

The same lesson built with plain Material for MkDocs (its default search
plugin on, Google Fonts off: they are blocked where the site runs) and with
pufa. Counts the page and every stylesheet and script it loads at first
paint (``<link rel=stylesheet>``, ``<script src>``), each gzip-compressed at
level 6 as a web server would. The goal (issue 8) is ≤ 100 KB for pufa.

    .venv/bin/python bench/page_weight.py [--page lessons/min-fa-dian-hun-yin-jia-ting]
"""
from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL_KB = 100


def plain_material_config(pufa_cfg: str) -> str:
    cfg = yaml.safe_load(pufa_cfg)
    cfg["plugins"] = ["search"]
    cfg["theme"].pop("custom_dir", None)
    cfg["theme"]["font"] = False
    return yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)


def first_load(site: Path, page: str) -> list[tuple[str, int, int]]:
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    out = [(f"{page}/index.html", len(html.encode()), len(gzip.compress(html.encode(), 6)))]
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html) + \
        re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html) + \
        re.findall(r'<script[^>]+src="([^"]+)"', html)
    for ref in dict.fromkeys(refs):
        if ref.startswith(("http:", "https:", "data:")):
            continue
        path = (html_path.parent / ref.split("?")[0]).resolve()
        data = path.read_bytes()
        out.append((path.relative_to(site.resolve()).as_posix(), len(data), len(gzip.compress(data, 6))))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", default="lessons/min-fa-dian-hun-yin-jia-ting")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pufa-weight-"))
    try:
        ours, plain = work / "pufa", work / "material"
        for d in (ours, plain):
            shutil.copytree(ROOT / "content", d / "content")
        shutil.copytree(ROOT / "theme", ours / "theme")
        cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        (ours / "mkdocs.yml").write_text(cfg, encoding="utf-8")
        (plain / "mkdocs.yml").write_text(plain_material_config(cfg), encoding="utf-8")
        subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=plain, check=True, capture_output=True)
        subprocess.run([str(BIN / "pufa"), "build"], cwd=ours, check=True, capture_output=True)
        totals = {}
        for name, site in (("plain Material", plain / "site"), ("pufa", ours / "site")):
            rows = first_load(site, args.page)
            raw, gz = sum(r[1] for r in rows), sum(r[2] for r in rows)
            totals[name] = gz
            print(f"{name}: {raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzip")
            for rel, r, g in rows:
                print(f"    {g / 1024:6.1f} KB gzip  {r / 1024:7.1f} KB  {rel}")
        p, m = totals["pufa"], totals["plain Material"]
        print(f"ratio pufa/Material {p / m:.2f}x; pufa {p / 1024:.1f} KB gzip (goal <= {GOAL_KB} KB): "
              + ("OK" if p <= GOAL_KB * 1024 else "OVER"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
