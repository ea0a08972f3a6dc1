"""Find citations of law articles in Chinese text.

Recognised forms (the article part may be in Chinese or Arabic numerals):

    《中华人民共和国民法典》第一千零七十七条      bracketed title
    《民法典》第1077条第二款                     bracketed short name, clause
    民法典第一千零七十七条                       known name without brackets
    《刑法》第一百三十三条之一
    《民法典》第一千零七十七条、第一千零七十八条   continuation
    本法第二十条 / 本解释第三条                  the document itself (law pages)

Names resolve through the library's aliases (full title, title without
中华人民共和国, common abbreviations, the status file's aliases).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pufa.laws.numerals import CN_NUMBER, article_key, cn_to_int

_ART = re.compile(
    rf"第([{CN_NUMBER}0-9０-９]+)条(?:之([{CN_NUMBER}0-9０-９]+))?"
    rf"(?:第([{CN_NUMBER}0-9０-９]+)款)?(?:第([{CN_NUMBER}0-9０-９]+)项)?")
# 《title》 optionally followed by a version note: 《行政复议法》（2017年修正）
_BRACKET_BEFORE = re.compile(r"《([^《》\n]{1,80})》(?:[（(](\d{4})年?[^）)]{0,6}[）)])?\s*$")
_SELF = re.compile(r"(本法|本条例|本规定|本办法|本解释|本决定|本细则|本规则|本条|本编)\s*$")
_JOINER = re.compile(r"^\s*(、|，|和|及|以及|或者|或|与|至|到)\s*$")
# Law names end in one of these characters (法, 法典, 条例, 规定, 解释 …).
_NAME_ENDINGS = set("法典例定释则法令要程案")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff（）()、·]+$")


@dataclass
class Citation:
    start: int               # span in the text (the whole citation, name included)
    end: int
    art_start: int           # span of the 第…条 part
    name: str | None         # the law as written (None: the document itself)
    title: str | None        # resolved full title (None when unknown)
    key: tuple[int, int]     # (article, 之N)
    clause: int | None = None
    version_year: int | None = None
    own: bool = False        # 本法第…条: the document itself


def find(text: str, resolve, own_title: str | None = None, max_name: int = 40) -> list[Citation]:
    """All citations in text. `resolve(name) -> full title or None`."""
    out: list[Citation] = []
    prev: Citation | None = None
    for m in _ART.finditer(text):
        key = _key(m)
        if key is None:
            prev = None
            continue
        clause = cn_to_int(m.group(3)) if m.group(3) else None
        before = text[max(0, m.start() - 120): m.start()]
        cite = None
        b = _BRACKET_BEFORE.search(before)
        if b:
            name = b.group(1)
            title = resolve(name)
            start = m.start() - (len(before) - b.start())
            cite = Citation(start, m.end(), m.start(), name, title, key, clause,
                            int(b.group(2)) if b.group(2) else None)
        elif _SELF.search(before) and own_title:
            s = _SELF.search(before)
            cite = Citation(m.start() - (len(before) - s.start()), m.end(), m.start(), None,
                            own_title, key, clause, own=True)
        else:
            named = _name_before(before, resolve, max_name)
            if named:
                name, title = named
                cite = Citation(m.start() - len(name), m.end(), m.start(), name, title, key, clause)
            elif prev is not None and _JOINER.match(text[prev.end: m.start()]):
                cite = Citation(m.start(), m.end(), m.start(), prev.name, prev.title, key, clause,
                                prev.version_year, prev.own)
        if cite is not None:
            out.append(cite)
        prev = cite
    return out


def _key(m: re.Match) -> tuple[int, int] | None:
    label = f"第{m.group(1)}条" + (f"之{m.group(2)}" if m.group(2) else "")
    return article_key(label)


def _name_before(before: str, resolve, max_name: int) -> tuple[str, str] | None:
    """The longest known law name that ends right before the article."""
    tail = _NAME_CHARS.search(before)
    if not tail:
        return None
    chars = tail.group(0)[-max_name:]
    if chars[-1] not in _NAME_ENDINGS:
        return None
    for i in range(len(chars) - 1):
        name = chars[i:]
        title = resolve(name)
        if title:
            return name, title
    return None
