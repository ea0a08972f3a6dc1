"""Pinyin file names and URLs: 反家庭暴力法十问 -> fan-jia-ting-bao-li-fa-shi-wen."""
from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_KEEP = re.compile(r"[a-z0-9]+")
MAX_LENGTH = 80


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """A lowercase ASCII slug: Chinese as pinyin syllables, other words kept."""
    text = unicodedata.normalize("NFKC", text)
    parts: list[str] = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: [s]):
        piece = piece.lower().replace("ü", "v")
        parts.extend(_KEEP.findall(piece))
    slug = "-".join(parts)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def slugify_path(src_uri: str) -> str:
    """Turn every non-ASCII segment of a content path into pinyin."""
    parts = src_uri.split("/")
    out = []
    for i, part in enumerate(parts):
        stem, dot, ext = part.rpartition(".") if i == len(parts) - 1 else (part, "", "")
        if not dot:
            stem, ext = part, ""
        if not stem.isascii() or " " in stem:
            stem = slugify(stem) or "page"
        out.append(stem + (dot + ext if dot else ""))
    return "/".join(out)


def heading_id(value: str, separator: str = "-") -> str:
    """Anchor ids for headings (Markdown's toc extension): pinyin, not '_1'."""
    import html as _html
    import re as _re
    text = _re.sub(r"<[^>]+>", "", _html.unescape(value))
    return slugify(text) or "section"


def page_dest_uri(src_uri: str, use_directory_urls: bool = True) -> str:
    """Where a Markdown page is built (as MkDocs does it): in pinyin when its
    file name is Chinese; a.md -> a/index.html, index.md or README.md -> index.html."""
    src = src_uri if src_uri.isascii() else slugify_path(src_uri)
    parent, filename = src.rsplit("/", 1) if "/" in src else ("", src)
    stem = filename.rsplit(".", 1)[0]
    stem = "index" if stem == "README" else stem
    name = f"{stem}.html" if not use_directory_urls or stem == "index" else f"{stem}/index.html"
    return f"{parent}/{name}" if parent else name
