"""Blocks read from a .docx (reader.py) as the Markdown of a page.

The title goes to the front matter, never into the body; headings start at
``##``; lists are real Markdown lists (one item a line, four spaces a level,
as Python-Markdown wants); tables are pipe tables; footnotes are ``[^1]``.
Whatever Word text could mean to Markdown (``*``, ``[``, ``<``, a line
starting ``1.`` or ``#``, a ``|`` in a table) is escaped, so the page says
what the document said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pufa.docx_import.reader import CAPTION_TEXT, Break, Document, Image, Note, Para, Table, Text, plain

# Full-width spaces (Word's first-line indent typed by hand), spaces, NBSP.
_EDGE = " \t\u3000\u00a0\u2002\u2003"
TITLE_MAX = 60          # longer than this, a first line is a paragraph, not a title
SUMMARY_MAX = 120       # a card shows two lines; a summary is 一两句话
CAPTION_MAX = 60


@dataclass
class Page:
    title: str
    summary: str
    body: str
    images: list = field(default_factory=list)     # Image, in order, each once


def _escape(text: str, table: bool = False) -> str:
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")
    text = re.sub(r"\{(?=[:#.])", r"\\{", text)     # attr_list: {: .class}
    if table:
        text = text.replace("|", "\\|")
    return text


def _line_start(line: str) -> str:
    """A line that would start a heading, a quote, a list or a block: escaped."""
    line = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", line)
    line = re.sub(r"^([#>+=-]|!!!)", lambda m: "\\" + m[1], line)
    return line


class _Renderer:
    def __init__(self, doc: Document):
        self.doc = doc
        self.note_numbers: dict[str, int] = {}
        self.images: list[Image] = []

    def inline(self, inlines, mode: str = "para") -> str:
        """Markdown of a paragraph's content; a line break is "\\n" in a body
        paragraph (it becomes a paragraph of its own) and <br> elsewhere."""
        out, group, state = [], [], None

        def flush():
            if not group:
                return
            text = "".join(group)
            group.clear()
            bold, italic, href = state
            core = text.strip(_EDGE)
            if not core or not (bold or italic or href):
                out.append(_escape(text, mode == "cell"))
                return
            lead, trail = text[: len(text) - len(text.lstrip(_EDGE))], text[len(text.rstrip(_EDGE)):]
            core = _escape(core, mode == "cell")
            if out and out[-1].endswith("*") and not lead:
                # right after another emphasis (**粗**斜): tags, since ***** would be misread
                core = ("<strong>" if bold else "") + ("<em>" if italic else "") + core \
                    + ("</em>" if italic else "") + ("</strong>" if bold else "")
            else:
                marks = ("**" if bold else "") + ("*" if italic else "")
                core = marks + core + marks[::-1]
            if href:
                core = f"[{core}](<{href}>)"
            out.append(lead + core + trail)

        for piece in inlines:
            if isinstance(piece, Text):
                key = (piece.bold, piece.italic, piece.href)
                if key != state:
                    flush()
                    state = key
                group.append(piece.text)
                continue
            flush()
            state = None
            if isinstance(piece, Break):
                out.append("\n" if mode == "para" else "<br>")
            elif isinstance(piece, Image):
                out.append(self.image(piece))
            elif isinstance(piece, Note) and piece.key in self.doc.notes:
                number = self.note_numbers.setdefault(piece.key, len(self.note_numbers) + 1)
                out.append(f"[^{number}]")
        flush()
        return "".join(out)

    def image(self, image: Image) -> str:
        if image not in self.images:
            self.images.append(image)
        if image.problem:
            return _escape(image.problem)
        alt = image.alt.replace("\\", "").replace("[", "「").replace("]", "」")
        return f"![{alt}]({image.href})"

    def lines(self, markdown: str) -> list[str]:
        """A paragraph's lines, each trimmed (full-width indents gone) and escaped at its start."""
        return [_line_start(line.strip(_EDGE)) for line in markdown.split("\n") if line.strip(_EDGE)]


def _caption_like(block) -> bool:
    if not isinstance(block, Para) or block.kind not in ("caption", "para"):
        return False
    if any(isinstance(p, Image) for p in block.inlines):
        return False
    text = plain(block.inlines).strip(_EDGE)
    return bool(text) and len(text) <= CAPTION_MAX and (block.kind == "caption" or bool(CAPTION_TEXT.match(text)))


def _only_images(block) -> bool:
    return (isinstance(block, Para) and any(isinstance(p, Image) for p in block.inlines)
            and not plain([p for p in block.inlines if isinstance(p, Text)]).strip(_EDGE))


def _alt(caption: Para) -> str:
    text = plain(caption.inlines).strip(_EDGE)
    return CAPTION_TEXT.sub("", text).strip(_EDGE) or text


def assign_captions(blocks: list) -> None:
    """Alt text for each picture: the caption under it, else the caption above
    it (when that caption is not the one under the picture before), else the
    description typed in Word; empty when there is none (the caller says 待补充)."""
    used = set()
    for i, block in enumerate(blocks):
        if not _only_images(block):
            continue
        below = blocks[i + 1] if i + 1 < len(blocks) else None
        above = blocks[i - 1] if i > 0 else None
        caption = below if _caption_like(below) else None
        if caption is None and _caption_like(above) and id(above) not in used:
            caption = above
        if caption is not None:
            used.add(id(caption))
        for piece in block.inlines:
            if isinstance(piece, Image) and not piece.alt:
                piece.alt = _alt(caption) if caption is not None else piece.description
    for block in blocks:
        if isinstance(block, Para):
            for piece in block.inlines:
                if isinstance(piece, Image) and not piece.alt:
                    piece.alt = piece.description


def page(doc: Document, fallback_title: str) -> Page:
    blocks = [b for b in doc.blocks if not isinstance(b, Para) or b.inlines]
    blocks = [b for b in blocks if not (isinstance(b, Para) and not plain(b.inlines).strip(_EDGE)
                                        and not any(isinstance(p, (Image, Note)) for p in b.inlines))]
    title, blocks = _title(blocks, fallback_title)
    assign_captions(blocks)
    r = _Renderer(doc)
    headings = [b.level for b in blocks if isinstance(b, Para) and b.kind == "heading"]
    top = min(headings, default=1)
    out: list[str] = []
    summary = ""
    list_run: list[Para] = []
    lists: set[int] = set()         # where in `out` a list is

    def end_list():
        if list_run:
            if out and len(out) - 1 in lists:
                out.append("<!-- -->")      # two lists in a row stay two lists
            lists.add(len(out))
            out.append(_list(r, list_run))
            list_run.clear()

    for block in blocks:
        if isinstance(block, Para) and block.kind == "list":
            outer = [b for b in list_run if b.level == 0]
            if block.level == 0 and outer and outer[-1].ordered != block.ordered:
                end_list()              # a numbered list right after a bulleted one
            list_run.append(block)
            continue
        end_list()
        if isinstance(block, Table):
            out.append(_table(r, block))
        elif block.kind == "heading":
            text = " ".join(plain(block.inlines, " ").split())
            if text:
                out.append("#" * min(6, block.level - top + 2) + " " + _escape(text))
        elif block.kind == "title":           # a second Title paragraph: a subtitle
            out.append("## " + _escape(" ".join(plain(block.inlines).split())))
        else:
            for line in r.lines(r.inline(block.inlines)):
                out.append(line)
            if not summary and block.kind == "para" and not _only_images(block) and not _caption_like(block):
                summary = _summary(plain(block.inlines, " "))
    end_list()
    notes = [f"[^{n}]: " + "<br>".join(r.inline(p.inlines, "note").strip(_EDGE) for p in doc.notes[key])
             for key, n in r.note_numbers.items()]
    body = "\n\n".join(out + notes) + "\n"
    return Page(title, summary, body, r.images)


def _title(blocks: list, fallback: str) -> tuple[str, list]:
    """The Title paragraph, else the first heading, else a short first line,
    else the file's name; the paragraph it came from leaves the body."""
    def text(b):
        return " ".join(plain(b.inlines, " ").split())

    paras = [b for b in blocks if isinstance(b, Para)]
    for kinds in (("title",), ("heading",)):
        found = next((b for b in paras if b.kind in kinds and text(b)), None)
        if found is not None:
            return text(found), [b for b in blocks if b is not found]
    first = next(iter(blocks), None)
    if isinstance(first, Para) and first.kind == "para" and 0 < len(text(first)) <= TITLE_MAX \
            and not _only_images(first) and not re.search(r"[。；;]$", text(first)):
        return text(first), blocks[1:]
    return fallback, blocks


def _summary(text: str) -> str:
    text = " ".join(text.strip(_EDGE).split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[:SUMMARY_MAX]
    end = max(cut.rfind(mark) for mark in "。！？；")
    if end >= SUMMARY_MAX // 3:
        return cut[: end + 1]
    return cut[: SUMMARY_MAX - 1].rstrip() + "…"


def _list(r: _Renderer, items: list[Para]) -> str:
    lines, counters, depth = [], [], -1
    for item in items:
        level = min(item.level, depth + 1)       # Word can skip a level; Markdown cannot
        depth = level
        del counters[level + 1:]
        while len(counters) <= level:
            counters.append(0)
        counters[level] += 1
        marker = f"{counters[level]}." if item.ordered else "-"
        text = r.inline(item.inlines, "list").strip(_EDGE)
        lines.append("    " * level + f"{marker} {text}")
    return "\n".join(lines)


def _table(r: _Renderer, table: Table) -> str:
    width = max((len(row) for row in table.rows), default=0)
    if width == 0:
        return ""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row + [[]] * (width - len(row)):
            parts, number = [], 0
            for para in cell:
                text = r.inline(para.inlines, "cell").strip(_EDGE)
                if para.kind == "list" and text:
                    number = number + 1 if para.ordered else 0
                    text = (f"{number}. " if para.ordered else "· ") + text
                if text:
                    parts.append(text)
            cells.append("<br>".join(parts).replace("\n", " ") or " ")
        rows.append("| " + " | ".join(cells) + " |")
    rows.insert(1, "|" + "|".join([" --- "] * width) + "|")
    return "\n".join(rows)
