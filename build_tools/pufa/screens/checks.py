"""Playlists checked against the site's pages, for `pufa check` and the build."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pufa.check import placeholders
from pufa.content import types as T
from pufa.dates import cn_date
from pufa.findings import WARNING, Finding
from pufa.screens.playlist import Playlist, gaps, load_all


def page_checker(docs_dir: Path, index):
    """page_exists(path) -> '' when the page is published, else why not (in Chinese)."""
    def page_exists(path: str) -> str:
        item = index.by_src(path) if index is not None else None
        if item is not None:
            return "是草稿（draft: true），不会播放" if item.is_draft else ""
        if not path.endswith(".md"):
            return "不存在"
        if (docs_dir / path).is_file():
            return ""
        # Section pages pufa generates when staff have not written one.
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        ctype = T.type_for_path(path)
        if path.endswith("/index.md") and ctype is not None and folder == ctype.folder:
            return ""
        if path in ("laws/index.md", f"{T.PARTY_HISTORY.folder}/timeline.md"):
            return ""
        return "不存在"
    return page_exists


def load_checked(docs_dir: Path, root: str, index, today: dt.date | None = None
                 ) -> tuple[list[Playlist], list[Finding]]:
    today = today or dt.date.today()
    playlists, findings = load_all(docs_dir, root, page_checker(docs_dir, index), today)
    by_name = {p.name: p for p in playlists}
    for p in playlists:
        # A slide still saying 待补充 would be shown on a public screen all day.
        findings += placeholders.find(p.title, p.file, 1) if p.title else []
        for item in p.items:
            if item.kind == "slide":
                findings += placeholders.find(item.markdown, p.file, item.line + 1)
    for p in playlists:
        if not p.items:
            continue
        empty = gaps(p, by_name, today)
        if empty:
            first = empty[0]
            findings.append(Finding(
                WARNING, p.file, 1,
                f"接下来一年里有 {len(empty)} 天没有安排任何内容（如 {cn_date(first)}），"
                "这些天屏幕只显示网站名称和热线",
                "加几项不限日期的内容，或用 fallback 指定一个备用播放列表（默认是 default.yml）",
                code="screen.gap"))
    return playlists, findings
