"""Search documents and units from the law library and from rendered pages."""
from __future__ import annotations

import html
import re

from pufa.laws import corpus
from pufa.laws.library import LawEntry, LawLibrary, short_name
from pufa.search.build import Doc, Unit

# Ranking prefers the higher authority: 法律 > 司法解释 > 行政法规 > 部门规章 > 案例.
CATEGORY_KIND = {"司法解释": "interpretation", "行政法规": "regulation", "部门规章": "rule",
                 "案例": "case", "其他": "other"}


def law_kind(entry: LawEntry) -> str:
    return CATEGORY_KIND.get(entry.category, "law")


def law_units(entry: LawEntry, doc_index: int, doc: Doc) -> list[Unit]:
    """One unit per article (its chapter heading indexed with it); for cases and
    documents without articles, one unit per section."""
    units: list[Unit] = []
    blocks = entry.doc.blocks
    if entry.doc.articles:
        preamble = [b.text for b in blocks if isinstance(b, corpus.Paragraph)]
        units.append(Unit(doc_index, "", "", entry.title + " " + " ".join(preamble),
                          snippet=" ".join(preamble) or " ".join(entry.doc.history[-1:])))
        heading = ""
        first = None
        expected = (1, 0)
        for b in blocks:
            if isinstance(b, corpus.Heading):
                heading += " " + b.text
            elif isinstance(b, corpus.Article):
                if first is None:
                    first = len(units)
                pos = len(units) - first
                if b.key != expected:
                    doc.irregular.append([pos, b.key[0], b.key[1]])
                expected = (b.key[0] + 1, 0)
                units.append(Unit(doc_index, b.label, b.id, (heading + " " + b.text) if heading else b.text,
                                  snippet=b.text))
                heading = ""
        doc.first_article, doc.articles = first, len(units) - first
        return units
    # Sections: the text before the first heading, then each heading's section.
    # text[0] is the section's heading (or the title): indexed, not shown again.
    label, anchor, text = "", "", [entry.title]
    for b in blocks:
        if isinstance(b, corpus.Heading):
            if len(text) > 1 or label:
                units.append(Unit(doc_index, label, anchor, " ".join(text), snippet=" ".join(text[1:])))
            label, anchor, text = b.text, b.id, [b.text]
        elif isinstance(b, corpus.Paragraph):
            text.append(b.text)
    units.append(Unit(doc_index, label, anchor, " ".join(text), snippet=" ".join(text[1:])))
    return [u for u in units if u.text.strip()] or [Unit(doc_index, "", "", entry.title)]


def law_documents(lib: LawLibrary) -> tuple[list[Doc], list[list[Unit]]]:
    docs, unit_lists = [], []
    for entry in lib.entries:
        if not entry.url:
            continue
        doc = Doc(entry.title, entry.url, law_kind(entry), entry.status)
        unit_lists.append(law_units(entry, len(docs), doc))
        docs.append(doc)
    return docs, unit_lists


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_DROP = re.compile(r"<(script|style|template|svg|nav|form)\b.*?</\1>"
                   r"|<(section|p|div|aside)\b[^>]*data-pufa-noindex[^>]*>.*?</\2>", re.S | re.I)
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|dd|dt|div|h[1-6]|tr|td|th|summary|details|section|blockquote)>", re.I)


def _text(fragment: str) -> str:
    fragment = _BLOCK_END.sub(" ", fragment)
    text = html.unescape(_TAGS.sub("", fragment))
    return re.sub(r"\s+", " ", text.replace("¶", "")).strip()


def page_units(page_html: str, title: str, doc_index: int) -> list[Unit]:
    """Units of a rendered page: the part before the first h2, then each h2 section."""
    m = _ARTICLE.search(page_html)
    body = _DROP.sub(" ", m.group(1) if m else page_html)
    body = _H1.sub(" ", body)
    pieces = _H2.split(body)
    units = [Unit(doc_index, "", "", title + " " + _text(pieces[0]), snippet=_text(pieces[0]))]
    for i in range(1, len(pieces) - 2, 3):
        anchor, heading, content = pieces[i], _text(pieces[i + 1]), _text(pieces[i + 2])
        units.append(Unit(doc_index, heading, anchor, f"{heading} {content}", snippet=content))
    return [u for u in units if u.text.strip()]


def short(title: str) -> str:
    return short_name(title)
