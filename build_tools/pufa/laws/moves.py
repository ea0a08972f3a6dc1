"""Citations written against a law's previous text: after a new version is
imported, 《治安管理处罚法》第四十三条 on a page written in 2024 meant the 2012
text's 第四十三条, which the new text may have renumbered, changed or dropped.

`moved(lib, entry, key, written_on)` says what became of the article, using
the 新旧对照 matching (pufa.laws.compare), or None when nothing needs saying:
the article reads the same in both texts, the page is dated after the new text
was published, or the citation names its version (《…》（2025年修订）第五十一条).
Plain module: no MkDocs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pufa.dates import cn_date
from pufa.laws import compare
from pufa.laws.library import LawEntry, LawLibrary
from pufa.laws.numerals import label

SNIPPET = 24


@dataclass
class Moved:
    message: str
    hint: str


def _comparison(lib: LawLibrary, older: LawEntry, newer: LawEntry) -> compare.Comparison:
    cache = lib.__dict__.setdefault("_comparisons", {})
    key = (older.src_uri, newer.src_uri)
    if key not in cache:
        cache[key] = compare.compare(older.doc, newer.doc)
    return cache[key]


def _snippet(text: str) -> str:
    text = text.replace("\n", "")
    return text[:SNIPPET] + ("……" if len(text) > SNIPPET else "")


def moved(lib: LawLibrary, entry: LawEntry, key, written_on: dt.date | None,
          version_year: int | None = None) -> Moved | None:
    if not entry.older or entry.version is None:
        return None
    if version_year == entry.version.year:
        return None                     # the citation names the new text
    if written_on is not None and written_on >= entry.version:
        return None                     # written when the new text was out
    older = entry.older[0]
    pair = _comparison(lib, older, entry).new_key_for(key)
    art = label(key)
    when = cn_date(entry.version)
    name = f"《{entry.short_title}》"
    dated = f"（本页日期{cn_date(written_on)}）" if written_on else "（本页没有日期）"
    if pair is None:
        return None                     # the old text had no such article: the citation is of the new one
    if pair.kind == compare.SAME:
        return None
    now = entry.doc.article(key)
    other = f"；新文本的{art}是另一条：「{_snippet(now.text)}」" if now is not None and pair.new is not now else ""
    if pair.kind == compare.DELETED:
        what = f"旧文本的{art}（「{_snippet(pair.old.text)}」）在新文本里删去了{other}"
        hint = (f"核对这句话依据的是哪一条：新文本没有对应的条文，改为引用新文本的相应规定，或者删去这处引用；"
                f"如果引用的就是新文本，写成「{name}（{entry.version.year}年）{art}」")
    elif pair.kind == compare.RENUMBERED:
        what = f"旧文本的{art}（「{_snippet(pair.old.text)}」）在新文本里是{pair.new.label}，内容没变{other}"
        hint = (f"如果指的是「{_snippet(pair.old.text)}」，把条号改为{pair.new.label}；"
                f"如果引用的就是新文本的{art}，写成「{name}（{entry.version.year}年）{art}」")
    else:
        moved_to = f"是新文本的{pair.new.label}，内容有修改" if pair.new.key != key else "内容有修改"
        what = f"旧文本的{art}（「{_snippet(pair.old.text)}」）{moved_to}{other}"
        hint = (f"打开新旧对照核对改了什么，再改正页面里的说法" + (f"和条号（改为{pair.new.label}）" if pair.new.key != key else "")
                + f"；核对好了、引用的就是新文本的，写成「{name}（{entry.version.year}年）{pair.new.label}」")
    return Moved(f"{name}在{when}有了新文本{dated}：{what}", hint)
