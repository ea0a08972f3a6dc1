"""Our own scripts and styles, minified in the built site (Material's are already).

The sources in theme/ keep their comments; readers on slow connections get the
files without them.  rjsmin and rcssmin only drop comments and whitespace (no
renaming), so what runs is what the tests read.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

# Relative to site/: the files pufa's theme adds.
OWN_ASSETS = ("assets/pufa", "search/search.js")


def minify_text(text: str, suffix: str) -> str:
    if suffix == ".js":
        return rjsmin.jsmin(text, keep_bang_comments=True)
    if suffix == ".css":
        return rcssmin.cssmin(text, keep_bang_comments=True)
    return text


def minify_site(site: Path) -> tuple[int, int]:
    """Minify pufa's .js and .css files under site/ in place; returns (bytes before, bytes after)."""
    before = after = 0
    for rel in OWN_ASSETS:
        path = site / rel
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix not in (".js", ".css") or not f.is_file():
                continue
            text = f.read_text(encoding="utf-8")
            small = minify_text(text, f.suffix)
            before += len(text.encode("utf-8"))
            after += len(small.encode("utf-8"))
            if small != text:
                f.write_text(small, encoding="utf-8")
    return before, after
