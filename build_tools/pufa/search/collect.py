"""Search documents and units from the law library and from rendered pages."""
from __future__ import annotations

import html
import re

from pufa.laws import corpus
from pufa.laws.library import REGION_SUFFIXES, SUPERSEDED, LawEntry, LawLibrary, short_name
from pufa.search.build import Doc, Unit

# Ranking prefers the higher authority: 法律 > 司法解释 > 行政法规 > 部门规章 > 案例.
# Anchor text (lend_anchor_text): the words around a citation, from these kinds of document.
ANCHORS = False     # measured in docs/decisions/0013: not a gain yet (see there)
ANCHOR_SOURCES = ("interpretation", "case")
ANCHOR_CHARS = 80          # of one citing sentence
ANCHOR_TOTAL = 240         # lent to one article in all

CATEGORY_KIND = {"司法解释": "interpretation", "行政法规": "regulation", "部门规章": "rule",
                 "案例": "case", "其他": "other"}


def law_kind(entry: LawEntry, region: str = "") -> str:
    """A local regulation ranks beside national law in its own region (the site's
    `region`), below it elsewhere: 物业费 on a 浙江 site is not Beijing's rule.
    Within the region, the province's own regulation (浙江省物业管理条例) binds every
    reader; a city's (温州市…) only that city's: "local" and "city"."""
    if entry.category == "地方性法规":
        if not region or entry.subcategory != region:
            return "elsewhere"
        return "local" if province_wide(entry.title, region) else "city"
    return CATEGORY_KIND.get(entry.category, "law")


def province_wide(title: str, region: str) -> bool:
    """浙江省物业管理条例, 北京市…, 广西壮族自治区…, 浙江省人民代表大会常务委员会关于…"""
    title = title.lstrip("《")
    return any(title.startswith(region + suffix) for suffix in REGION_SUFFIXES)


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


def law_documents(lib: LawLibrary, anchors: bool = ANCHORS) -> tuple[list[Doc], list[list[Unit]]]:
    docs, unit_lists = [], []
    for entry in lib.entries:
        if not entry.url:
            continue
        doc = Doc(entry.title, entry.url, law_kind(entry, lib.region), entry.status, entry.timeline_attr(),
                  outdated=entry.status == SUPERSEDED and entry.newer is not None)
        unit_lists.append(law_units(entry, len(docs), doc))
        docs.append(doc)
    if anchors:
        lend_anchor_text(lib, docs, unit_lists)
    return docs, unit_lists


_SENTENCE = re.compile(r"[^。；！？\n]+")
_BRACKETED = re.compile(r"《[^《》]{1,80}》")


def anchor_texts(docs: list[Doc], unit_lists: list[list[Unit]], resolve) -> dict:
    """What judicial interpretations and cases say where they cite an article of
    another document: {(doc, unit position): [sentence, …]}, each sentence with
    its citations and bracketed names taken out (the words around the citation)."""
    from pufa.laws import citations

    in_force = {d.title: i for i, d in enumerate(docs) if d.answers}
    positions = [{u.anchor: k for k, u in enumerate(units) if u.anchor.startswith("art-")} for units in unit_lists]
    out: dict = {}
    for i, (doc, units) in enumerate(zip(docs, unit_lists)):
        if doc.kind not in ANCHOR_SOURCES:
            continue
        for u in units:
            text = u.snippet or u.text
            found = [c for c in citations.find(text, resolve) if c.title and c.title != doc.title]
            for sent in _SENTENCE.finditer(text):
                inside = [c for c in found if sent.start() <= c.start < sent.end()]
                if not inside:
                    continue
                words = text[sent.start():sent.end()]
                for c in sorted(inside, key=lambda c: -c.start):
                    a, z = c.start - sent.start(), c.end - sent.start()
                    words = words[:a] + " " + words[z:]
                words = _BRACKETED.sub(" ", words).strip()
                if len(words) < 4:
                    continue
                for c in inside:
                    j = in_force.get(c.title)
                    if j is None:
                        continue
                    key = f"art-{c.key[0]}" + (f"-{c.key[1]}" if c.key[1] else "")
                    k = positions[j].get(key)
                    if k is not None:
                        out.setdefault((j, k), []).append(words[:ANCHOR_CHARS])
    return out


def lend_anchor_text(lib: LawLibrary, docs: list[Doc], unit_lists: list[list[Unit]]) -> int:
    """Index each cited article with the words around its citations (as web search
    uses link text): indexed, not shown.  Returns how many articles gained words."""
    lent = anchor_texts(docs, unit_lists, lib.title_for)
    for (j, k), sentences in lent.items():
        unit = unit_lists[j][k]
        extra = " ".join(dict.fromkeys(sentences))[:ANCHOR_TOTAL]
        unit.snippet = unit.snippet or unit.text
        unit.text = unit.text + " " + extra
    return len(lent)


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
