"""Read a law document in the corpus format.

    # 中华人民共和国民法典          title (H1)
    # 婚姻家庭编                    optional second H1: one part of a split code
    2020年5月28日 …通过              history lines
    <!-- INFO END -->              end of the header
    ## 第一章  一般规定              编/章/节 headings (##, ###, ####)
    第一千零四十条 本编调整……       an article starts a paragraph
    （一）……                        further paragraphs belong to the article
    <!-- FORCE BREAK -->           paragraph break marker, not content

A pufa front matter (``version``, ``source``) may precede it; the importer
writes one so the version date survives the pinyin file name.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pufa.laws.numerals import CN_NUMBER, anchor, article_key, cn_to_int

INFO_END = "<!-- INFO END -->"
FORCE_BREAK = "<!-- FORCE BREAK -->"

# Lines of the official texts that hold only a zero-width space (between
# chapters): an empty paragraph on the page, not text.
INVISIBLE = "\u200b\u200c\u200d\ufeff"
_ARTICLE_LINE = re.compile(
    rf"^(第[{CN_NUMBER}0-9]+条(?:之[{CN_NUMBER}0-9]+)?)(?:[ \u3000\t]+(.*)|$)")
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")
_STRUCTURE = re.compile(rf"^第([{CN_NUMBER}0-9]+)(编|分编|章|节)")
_STRUCTURE_ID = {"编": "bian", "分编": "fenbian", "章": "zhang", "节": "jie"}


@dataclass
class Heading:
    level: int          # 2, 3, 4 as in the corpus (## 章, ### 节 …)
    text: str
    id: str = ""


@dataclass
class Article:
    key: tuple[int, int]
    label: str          # 第一千零七十七条 as written
    paragraphs: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return anchor(self.key)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Paragraph:
    text: str


@dataclass
class LawDoc:
    title: str
    part: str | None = None
    history: list[str] = field(default_factory=list)
    version: dt.date | None = None
    blocks: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [b for b in self.blocks if isinstance(b, Article)]

    def article(self, key: tuple[int, int]) -> Article | None:
        return self.article_index().get(key)

    def article_index(self) -> dict:
        index = self.__dict__.get("_article_index")
        if index is None:
            index = {a.key: a for a in self.articles}
            self.__dict__["_article_index"] = index
        return index

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def history_version(history: list[str]) -> dt.date | None:
    """The latest date named in the history lines (the last revision)."""
    dates = []
    for line in history:
        for m in _CN_DATE.finditer(line):
            try:
                dates.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                pass
    return max(dates) if dates else None


def file_version(name: str) -> dt.date | None:
    m = _FILE_DATE.search(name)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m[1])
    except ValueError:
        return None


def parse(text: str, name: str = "") -> LawDoc:
    """Parse one document (text without a pufa front matter)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    head_lines: list[str]
    marker = next((i for i, line in enumerate(lines) if line.strip() == INFO_END), None)
    if marker is not None:
        head_lines, body_lines = lines[:marker], lines[marker + 1:]
    else:
        # No header marker: the header is the H1s and what precedes the first ## or article.
        cut = 0
        for i, line in enumerate(lines):
            if line.startswith("## ") or _ARTICLE_LINE.match(line.strip()):
                break
            cut = i + 1
        head_lines, body_lines = lines[:cut], lines[cut:]

    h1s = [line[2:].strip() for line in head_lines if line.startswith("# ")]
    doc = LawDoc(title=h1s[0] if h1s else "")
    if len(h1s) > 1:
        doc.part = h1s[1]
    doc.history = [line.strip() for line in head_lines
                   if line.strip() and not line.startswith("#")]
    doc.version = file_version(name) or history_version(doc.history)
    if not doc.title:
        doc.problems.append("没有标题：第一行应当是「# 法律名称」")

    current: Article | None = None
    seen: set = set()
    for raw in body_lines:
        line = raw.strip().strip(INVISIBLE).strip()
        if not line or line == FORCE_BREAK:
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            current = None
            if title:
                doc.blocks.append(Heading(level, title))
            continue
        m = _ARTICLE_LINE.match(line)
        key = article_key(m.group(1)) if m else None
        if key is not None and key not in seen:
            seen.add(key)
            current = Article(key, m.group(1), [m.group(2).strip()] if m.group(2) else [])
            doc.blocks.append(current)
            continue
        if current is not None:
            current.paragraphs.append(line)
        else:
            doc.blocks.append(Paragraph(line))
    _assign_heading_ids(doc.headings)
    return doc


def _assign_heading_ids(headings: list[Heading]) -> None:
    """Short, stable ids from the structure: 第二编第三章 -> bian-2-zhang-3."""
    stack: list[tuple[int, str]] = []
    used: set[str] = set()
    for n, h in enumerate(headings, 1):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        m = _STRUCTURE.match(h.text)
        number = cn_to_int(m.group(1)) if m else None
        own = f"{_STRUCTURE_ID[m.group(2)]}-{number}" if m and number else f"h-{n}"
        hid = "-".join([s for _, s in stack] + [own]) if m else own
        while hid in used:
            hid += "-x"
        used.add(hid)
        h.id = hid
        stack.append((h.level, own))


def merge_parts(parts: list[LawDoc]) -> LawDoc:
    """One law from the parts of a split code (民法典's 总则, 物权编 …).

    Parts are ordered by their first article; each part's headings move one
    level down under a heading with the part's name.
    """
    def first_article(doc: LawDoc) -> tuple[int, int]:
        arts = doc.articles
        return arts[0].key if arts else (10 ** 9, 0)

    parts = sorted(parts, key=first_article)
    base = next((p for p in parts if p.history), parts[0])
    merged = LawDoc(title=parts[0].title, history=list(base.history),
                    version=max((p.version for p in parts if p.version), default=None))
    for p in parts:
        merged.blocks.append(Heading(2, p.part or p.title))
        for b in p.blocks:
            merged.blocks.append(Heading(b.level + 1, b.text) if isinstance(b, Heading) else b)
        merged.problems.extend(p.problems)
    _assign_heading_ids(merged.headings)
    return merged


def to_markdown(doc: LawDoc) -> str:
    """Write a document back in the corpus format (used for merged codes)."""
    out = [f"# {doc.title}", ""]
    if doc.part:
        out += [f"# {doc.part}", ""]
    for line in doc.history:
        out += [line, ""]
    out += [INFO_END, ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + b.text, ""]
        elif isinstance(b, Article):
            first, *rest = b.paragraphs or [""]
            out += [f"{b.label} {first}".rstrip(), ""]
            for p in rest:
                out += [p, ""]
        else:
            out += [b.text, ""]
    return "\n".join(out).rstrip("\n") + "\n"
