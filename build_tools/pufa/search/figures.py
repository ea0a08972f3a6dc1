"""Figures in article text: how many days, years, months, hours, what age,
what percentage, how many times, how much money, how many points.

Everyday questions often ask for one number (辞职要提前多少天, 试用期最长几个月,
扣几分): the articles that answer them state it (三十日, 六个月, 记12分).  At
build time each unit's kinds of figure are recorded (``f/KIND.js``: the units
that state one, loaded only for a question that asks for that kind), and the
clause that holds the unit's first figure, when the snippet does not show it,
rides in the unit's block (search.js shows it for such a question, the figure
highlighted).  search.js recognises the questions (FIGURE_ASKS) and numbers
(FIGURE_NUMBER) with the same patterns.
"""
from __future__ import annotations

import re

NUMBER = "[0-9０-９零〇一二三四五六七八九十百千万两半]+"
KINDS = {
    "day": rf"{NUMBER}(?:个)?(?:工作)?[日天]",
    "month": rf"{NUMBER}个月",
    "year": rf"{NUMBER}(?:个)?(?:周)?年(?!度)",
    "hour": rf"{NUMBER}(?:个)?小时",
    "age": rf"{NUMBER}周岁",
    "pct": r"百分之|千分之|[0-9０-９]+(?:\.[0-9]+)?[%％‰]",
    "times": rf"{NUMBER}倍",
    "money": rf"{NUMBER}(?:元|万元)",
    "score": rf"{NUMBER}分(?!之)",
}
_KIND_RES = {k: re.compile(v) for k, v in KINDS.items()}
_ANY = re.compile("|".join(f"(?:{v})" for v in KINDS.values()))
# A date (2020年5月28日) or an article reference (第十二条) is no figure of a rule.
_NOT = re.compile(rf"[0-9０-９]{{4}}年(?:{NUMBER}月)?(?:{NUMBER}日)?|第{NUMBER}[条款项章节]|{NUMBER}月{NUMBER}日")
_CLAUSE_END = "，。；：、！？"


def _plain(text: str) -> str:
    """The text with dates and article references blanked (same length)."""
    return _NOT.sub(lambda m: " " * len(m.group(0)), text)


def kinds(text: str) -> list[str]:
    """The kinds of figure a text states, in KINDS order."""
    plain = _plain(text)
    return [k for k, r in _KIND_RES.items() if r.search(plain)]


def clip(text: str, shown: int, chars: int = 40) -> str:
    """The clause holding the text's first figure, at most `chars` long, when it
    starts after the first `shown` characters (what the snippet shows); else ""."""
    plain = _plain(text)
    m = _ANY.search(plain)
    if not m or m.end() <= shown:
        return ""
    start = m.start()
    while start > 0 and text[start - 1] not in _CLAUSE_END and m.start() - start < chars // 2:
        start -= 1
    return text[start:start + chars].strip()
