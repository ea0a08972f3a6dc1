"""A .docx read into blocks: the title, headings, paragraphs, list items,
tables, images and footnotes, in document order (python-docx and its XML).

python-docx reads the package, the styles, the core properties and the
image parts; what it leaves to its XML -- numbering (ordered or bulleted, and
how deep), footnotes, hyperlinks, text boxes, tracked changes -- is read here.
Nothing here knows Markdown (see markdown.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W_VAL = qn("w:val")
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
O_TITLE = "{urn:schemas-microsoft-com:office:office}title"
M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"

# Style names as Word, WPS and LibreOffice write them (English inside the file,
# Chinese when a document was made with a Chinese style set).
_HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$")
_LIST_STYLE_LEVEL = re.compile(r"^list (?:bullet|number|continue|paragraph)\s*([2-9])$")
_TITLES = {"title", "标题"}
_CAPTIONS = {"caption", "题注"}
_TOC = re.compile(r"^(?:toc|目录)\s*\d*$|^toc heading$")
# A caption typed by hand: 图1 ……, 图一：……, 照片 2 ……
CAPTION_TEXT = re.compile(r"^\s*(?:图|圖|照片|图片|Figure|Fig\.?)\s*[0-9０-９一二三四五六七八九十]+\s*[-—.．、:：]?\s*")
_FALSE = {"0", "false", "off", "none"}


@dataclass
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Break:
    """Shift+Enter in Word: a line break inside a paragraph."""


@dataclass
class Image:
    key: str            # the image part's name in the package: one file for every use
    blob: bytes
    description: str    # the alt text typed in Word (右键「编辑替换文字」)
    alt: str = ""       # decided later: the caption, else the description
    href: str = ""      # where the page finds it (set when the file is named)
    problem: str = ""   # set when the picture cannot be shown on a web page


@dataclass
class Note:
    key: str            # footnote or endnote id, "f2", "e1"


Inline = Text | Break | Image | Note


@dataclass
class Para:
    kind: str                       # "title", "heading", "para", "list", "caption"
    inlines: list = field(default_factory=list)
    level: int = 0                  # heading 1-9; list nesting 0-8
    ordered: bool = False


@dataclass
class Table:
    rows: list = field(default_factory=list)    # rows of cells; a cell is a list of Para


@dataclass
class Document:
    blocks: list
    notes: dict                     # Note key -> list of Para
    date: dt.date | None
    tracked_changes: bool = False


def plain(inlines, breaks: str = " ") -> str:
    """The text a reader sees, without formatting."""
    out = []
    for piece in inlines:
        if isinstance(piece, Text):
            out.append(piece.text)
        elif isinstance(piece, Break):
            out.append(breaks)
    return "".join(out)


class _Styles:
    """Paragraph and character styles by id, followed through basedOn."""

    def __init__(self, styles_element):
        self.by_id = {}
        self.default_para = None
        for s in styles_element.iter(qn("w:style")):
            sid = s.get(qn("w:styleId"))
            self.by_id[sid] = s
            if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true"):
                self.default_para = sid

    def chain(self, sid):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            based = style.find(qn("w:basedOn"))
            sid = based.get(W_VAL) if based is not None else None

    def name(self, sid) -> str:
        style = self.by_id.get(sid)
        el = style.find(qn("w:name")) if style is not None else None
        return (el.get(W_VAL) or "").strip().lower() if el is not None else ""

    def find(self, sid, path):
        """The first element at `path` in the style or the styles it is based on."""
        for style in self.chain(sid):
            el = style.find(path)
            if el is not None:
                return el
        return None


def _on(el) -> bool | None:
    if el is None:
        return None
    return (el.get(W_VAL) or "true").lower() not in _FALSE


class _Numbering:
    """numbering.xml: whether a list level is bulleted or numbered."""

    def __init__(self, part):
        self.formats: dict[tuple[str, int], str] = {}
        if part is None:
            return
        root = part.element
        abstract = {}
        for a in root.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = fmt.get(W_VAL) if fmt is not None else "decimal"
            abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(W_VAL) if ref is not None else None, {}))
            for override in num.findall(qn("w:lvlOverride")):
                lvl = override.find(qn("w:lvl"))
                fmt = lvl.find(qn("w:numFmt")) if lvl is not None else None
                if fmt is not None:
                    levels[int(override.get(qn("w:ilvl"), "0"))] = fmt.get(W_VAL)
            for level, fmt in levels.items():
                self.formats[(num.get(qn("w:numId")), level)] = fmt

    def format(self, num_id: str, level: int) -> str | None:
        if num_id == "0":
            return None                 # "no numbering": a style's list switched off
        return self.formats.get((num_id, level), self.formats.get((num_id, 0), "decimal"))


def _walk(el):
    """`el` and what is inside it, in order; not the old-Word copy of a drawing
    (mc:Fallback: read once, not twice), not inside a text box (its own blocks)."""
    yield el
    if el.tag == qn("w:txbxContent"):
        return
    for child in el:
        if child.tag != MC_FALLBACK:
            yield from _walk(child)


class Reader:
    def __init__(self, document):
        self.doc = document
        self.part = document.part
        self.styles = _Styles(document.styles.element)
        try:
            numbering = self.part.numbering_part
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = _Numbering(numbering)
        self.tracked = False
        self.notes: dict[str, list] = {}
        self._pending: list = []        # text boxes met inside a paragraph: they follow it

    # -- the document --------------------------------------------------------
    def read(self) -> Document:
        blocks = list(self._blocks(self.doc.element.body, self.part))
        for reltype, prefix, tag in ((RT.FOOTNOTES, "f", "w:footnote"), (RT.ENDNOTES, "e", "w:endnote")):
            for rel in self.part.rels.values():
                if rel.reltype == reltype and not rel.is_external:
                    self._read_notes(rel.target_part, prefix, tag)
        return Document(blocks, self.notes, self._date(), self.tracked)

    def _date(self) -> dt.date | None:
        props = self.doc.core_properties
        for value in (props.modified, props.created):
            if isinstance(value, dt.datetime) and value.year >= 1990:
                if value.tzinfo is None:
                    value = value.replace(tzinfo=dt.timezone.utc)
                # The bureau is in China: 23:30 UTC is the next morning there.
                return value.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
        return None

    def _read_notes(self, part, prefix: str, tag: str) -> None:
        root = parse_xml(part.blob)
        for note in root.iter(qn(tag)):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paras = [b for b in self._blocks(note, part) if isinstance(b, Para)]
            self.notes[prefix + note.get(qn("w:id"), "")] = paras

    def _blocks(self, container, part):
        for child in container:
            tag = child.tag
            if tag == qn("w:p"):
                para = self._para(child, part)
                if para is not None:
                    yield para
                pending, self._pending = self._pending, []
                yield from pending
            elif tag == qn("w:tbl"):
                yield self._table(child, part)
            elif tag in (qn("w:sdt"), qn("w:customXml"), qn("w:ins")):
                content = child.find(qn("w:sdtContent"))
                yield from self._blocks(content if content is not None else child, part)

    # -- paragraphs ----------------------------------------------------------
    def _para(self, p, part) -> Para | None:
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = style_el.get(W_VAL) if style_el is not None else self.styles.default_para
        name = self.styles.name(sid)
        names = [self.styles.name(s.get(qn("w:styleId"))) for s in self.styles.chain(sid)]
        inlines = self._inlines(p, part, Text(""))
        if _TOC.match(name):
            return None                 # a table of contents: the site makes its own
        heading = next((int(m[1]) for n in names if (m := _HEADING.match(n))), None)
        if heading is None:
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            outline = outline if outline is not None else self.styles.find(sid, f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None and (outline.get(W_VAL) or "9").isdigit() and int(outline.get(W_VAL)) < 9:
                heading = int(outline.get(W_VAL)) + 1
        if any(n in _TITLES for n in names[:1]):
            return Para("title", inlines)
        if heading is not None:
            return Para("heading", inlines, level=heading)
        if any(n in _CAPTIONS for n in names):
            return Para("caption", inlines)
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_numpr = self.styles.find(sid, f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = level = None
        for source in (numpr, style_numpr):
            if source is None:
                continue
            nid, ilvl = source.find(qn("w:numId")), source.find(qn("w:ilvl"))
            if num_id is None and nid is not None:
                num_id = nid.get(W_VAL)
            if level is None and ilvl is not None:
                level = int(ilvl.get(W_VAL) or 0)
        if num_id is not None:
            level = level or 0
            fmt = self.numbering.format(num_id, level)
            if fmt is not None and fmt != "none":
                if level == 0 and (m := _LIST_STYLE_LEVEL.match(name)):
                    level = int(m[1]) - 1   # Word's 「列表项目符号 2」: a second level of its own
                return Para("list", inlines, level=level, ordered=fmt != "bullet")
        return Para("para", inlines)

    def _inlines(self, el, part, fmt: Text) -> list:
        """Text, breaks, images and note marks inside `el`, in order."""
        out: list = []
        for child in el:
            tag = child.tag
            if tag in (qn("w:pPr"), qn("w:rPr"), MC_FALLBACK, qn("w:del"), qn("w:moveFrom")):
                if tag in (qn("w:del"), qn("w:moveFrom")):
                    self.tracked = True
                continue
            if tag == qn("w:r"):
                out.extend(self._run(child, part, fmt))
            elif tag == qn("w:hyperlink"):
                rid = child.get(R_ID)
                rel = part.rels.get(rid) if rid else None
                href = rel.target_ref if rel is not None and rel.is_external else ""
                link = Text("", fmt.bold, fmt.italic, href if re.match(r"(?i)(https?:|mailto:)", href) else "")
                out.extend(self._inlines(child, part, link))
            elif tag == M_T:
                out.append(Text(child.text or "", fmt.bold, fmt.italic, fmt.href))
            else:
                if tag in (qn("w:ins"), qn("w:moveTo")):
                    self.tracked = True
                out.extend(self._inlines(child, part, fmt))
        return out

    def _run(self, r, part, fmt: Text) -> list:
        rpr = r.find(qn("w:rPr"))
        bold, italic = fmt.bold, fmt.italic
        if rpr is not None:
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                sid = rstyle.get(W_VAL)
                bold = _on(self.styles.find(sid, f"{qn('w:rPr')}/{qn('w:b')}")) or bold
                italic = _on(self.styles.find(sid, f"{qn('w:rPr')}/{qn('w:i')}")) or italic
            b, i = _on(rpr.find(qn("w:b"))), _on(rpr.find(qn("w:i")))
            bold = bold if b is None else b
            italic = italic if i is None else i
            if _on(rpr.find(qn("w:vanish"))):
                return []               # hidden text
        out: list = []
        for child in _walk(r):
            tag = child.tag
            if tag == qn("w:t"):
                out.append(Text(child.text or "", bold, italic, fmt.href))
            elif tag == qn("w:tab"):
                out.append(Text(" ", bold, italic, fmt.href))
            elif tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping") or tag == qn("w:cr"):
                out.append(Break())
            elif tag in (qn("w:noBreakHyphen"),):
                out.append(Text("-", bold, italic, fmt.href))
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                prefix = "f" if tag == qn("w:footnoteReference") else "e"
                out.append(Note(prefix + child.get(qn("w:id"), "")))
            elif tag == A_BLIP or tag == V_IMAGEDATA:
                image = self._image(child, part)
                if image is not None:
                    out.append(image)
            elif tag == qn("w:txbxContent"):
                self._pending.extend(self._blocks(child, part))
        return out

    def _image(self, el, part) -> Image | None:
        rid = el.get(R_EMBED) or el.get(R_ID)
        rel = part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            return None
        target = rel.target_part
        description = ""
        node = el
        while node is not None and node.tag != qn("w:drawing") and node.tag != qn("w:pict"):
            node = node.getparent()
        if node is not None:
            docpr = next(node.iter(WP_DOCPR), None)
            if docpr is not None:
                description = (docpr.get("descr") or docpr.get("title") or "").strip()
            elif el.tag == V_IMAGEDATA:     # old Word and WPS: <v:shape alt="…"><v:imagedata o:title="…">
                shape = el.getparent()
                description = (shape.get("alt") if shape is not None else "") or el.get(O_TITLE) or ""
                description = description.strip()
        return Image(str(target.partname), target.blob, description)

    # -- tables --------------------------------------------------------------
    def _table(self, tbl, part) -> Table:
        rows = []
        for tr in tbl.findall(qn("w:tr")):
            cells = []
            trpr = tr.find(qn("w:trPr"))
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            cells.extend([] for _ in range(int(before.get(W_VAL) or 0) if before is not None else 0))
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                span = int(span.get(W_VAL) or 1) if span is not None else 1
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                continued = vmerge is not None and (vmerge.get(W_VAL) or "continue") == "continue"
                content = [] if continued else list(self._cell_blocks(tc, part))
                cells.append(content)
                cells.extend([] for _ in range(span - 1))
            rows.append(cells)
        return Table(rows)

    def _cell_blocks(self, tc, part):
        for block in self._blocks(tc, part):
            if isinstance(block, Table):     # a table inside a cell: its text, row by row
                for row in block.rows:
                    items = [plain(p.inlines) for cell in row for p in cell]
                    yield Para("para", [Text(" ".join(i for i in items if i.strip()))])
            else:
                yield block
