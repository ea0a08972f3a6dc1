"""Rendered HTML -> HTML the WeChat official-account editor keeps when pasted.

The editor keeps a small set of tags with inline ``style`` and drops the rest:
stylesheets, scripts, classes, ids, outside links, positioned layouts.  So
every element is rewritten here to one of those tags with its style written
out, chosen from what it is (its tag, and the classes Markdown, pufa's case
layout and `pufa.wechat.page` give it); every other attribute is dropped.

- Only ``src``/``alt`` of images, ``colspan``/``rowspan`` of cells and
  ``start`` of ordered lists are kept, besides ``style``.
- Links become their text (the editor strips links to other sites).
- Scripts, styles, frames, forms' controls, SVG and media are dropped with
  their content; unknown tags keep their content.
- Text is escaped again on the way out: nothing from the content reaches the
  output as markup.

A small HTMLParser, no dependency: the input is pufa's own Markdown output.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

# Colours of the site (theme/assets/pufa/pufa.css).
BLUE, RED, GOLD, GREEN, MUTED, INK = "#17457a", "#b3261e", "#8a5a00", "#1b6e3c", "#55606e", "#333333"
BORDER, SOFT = "#d9dee5", "#f4f6f9"
TEXT = f"font-size:16px;line-height:1.8;color:{INK};"
SMALL = "font-size:14px;line-height:1.7;"

# Admonition kinds (Material's names) -> (border colour, background).
_BOXES = {
    "note": (BLUE, "#eef3f9"), "abstract": (BLUE, "#eef3f9"), "info": (BLUE, "#eef3f9"),
    "tip": (GREEN, "#edf7f0"), "success": (GREEN, "#edf7f0"), "hint": (GREEN, "#edf7f0"),
    "important": (GREEN, "#edf7f0"), "question": (GOLD, "#fff8e6"), "warning": (GOLD, "#fff8e6"),
    "caution": (GOLD, "#fff8e6"), "attention": (GOLD, "#fff8e6"), "danger": (RED, "#fdecea"),
    "error": (RED, "#fdecea"), "failure": (RED, "#fdecea"), "bug": (RED, "#fdecea"),
    "example": (MUTED, SOFT), "quote": (MUTED, SOFT),
}
# 以案释法 sections (pufa.content.case_layout) -> (border colour, background).
_CASES = {"facts": ("#6b7c93", "#fbfcfd"), "issues": ("#c98a00", "#fffaf0"), "analysis": (BLUE, "#fbfcfd"),
          "laws": (MUTED, "#fbfcfd"), "tips": (RED, "#fdecea")}


def box(colour: str, background: str) -> str:
    return (f"margin:1em 0;padding:10px 14px;border-left:4px solid {colour};background-color:{background};"
            "border-radius:0 4px 4px 0;")


# Block and inline styles by role.  No position, float, fonts or ids: the editor drops them.
STYLES = {
    "page": "max-width:677px;margin:0 auto;padding:16px 16px 32px;background-color:#ffffff;",
    "article": f"{TEXT}letter-spacing:0.5px;text-align:justify;word-wrap:break-word;",
    "p": f"margin:0 0 1em;{TEXT}",
    "p-tight": f"margin:0 0 .4em;{TEXT}",
    "p-small": f"margin:0 0 .4em;{SMALL}color:{MUTED};",
    "h1": "margin:0 0 .5em;font-size:22px;line-height:1.45;font-weight:bold;color:#1a1a1a;",
    "h2": (f"margin:1.6em 0 .8em;padding:0 0 0 10px;border-left:4px solid {BLUE};font-size:19px;"
           f"line-height:1.5;font-weight:bold;color:{BLUE};"),
    "h2-case": "margin:.4em 0 .5em;font-size:17px;line-height:1.5;font-weight:bold;color:#1a1a1a;",
    "h3": "margin:1.4em 0 .6em;font-size:17px;line-height:1.6;font-weight:bold;color:#1a1a1a;",
    "h4": f"margin:1.2em 0 .5em;font-size:16px;line-height:1.6;font-weight:bold;color:{INK};",
    "ul": "margin:0 0 1em;padding:0 0 0 1.6em;list-style-type:disc;",
    "ol": "margin:0 0 1em;padding:0 0 0 1.8em;list-style-type:decimal;",
    "ul-plain": "margin:0 0 1em;padding:0;list-style-type:none;",
    "li": f"margin:0 0 .4em;{TEXT}",
    "li-small": f"margin:0 0 .3em;{SMALL}color:{MUTED};",
    "blockquote": (f"margin:1em 0;padding:10px 14px;border-left:4px solid #c8ced6;background-color:{SOFT};"
                   f"color:{MUTED};font-size:15px;line-height:1.8;"),
    "table": "width:100%;margin:1em 0;border-collapse:collapse;font-size:14px;line-height:1.6;",
    "th": (f"padding:6px 8px;border:1px solid {BORDER};background-color:{SOFT};font-weight:bold;"
           "text-align:left;vertical-align:top;"),
    "td": f"padding:6px 8px;border:1px solid {BORDER};text-align:left;vertical-align:top;",
    "pre": (f"margin:1em 0;padding:10px 14px;background-color:{SOFT};border-radius:4px;font-size:14px;"
            "line-height:1.6;white-space:pre-wrap;word-break:break-all;"),
    "code": f"padding:0 4px;background-color:{SOFT};border-radius:3px;font-size:.9em;",
    "img": "display:block;max-width:100%;height:auto;margin:1em auto;border-radius:4px;",
    "figure": "margin:1em 0;text-align:center;",
    "caption": f"margin:.3em 0 1em;{SMALL}color:#888888;text-align:center;",
    "hr": f"margin:1.5em 0;border:0;border-top:1px solid {BORDER};",
    "strong": "font-weight:bold;",
    "em": "font-style:italic;",
    "u": "text-decoration:underline;",
    "del": "text-decoration:line-through;",
    "mark": "background-color:#fff3b0;",
    "sup": f"font-size:12px;line-height:1;color:{BLUE};vertical-align:super;",
    "sub": "font-size:12px;line-height:1;vertical-align:sub;",
    "box-title": "margin:0 0 .4em;font-size:16px;line-height:1.6;font-weight:bold;color:{colour};",
    "box-p": "margin:0 0 .4em;font-size:15px;line-height:1.8;color:#333333;",
    "dt": f"margin:.6em 0 .2em;{TEXT}font-weight:bold;",
    "dd": f"margin:0 0 .6em 1.2em;{TEXT}",
    # pufa.wechat.page's own parts (classes wx-…)
    "kind": f"margin:0 0 .3em;font-size:14px;line-height:1.6;color:{MUTED};",
    "meta": f"margin:0 0 1em;font-size:14px;line-height:1.8;color:{MUTED};",
    "badge-sample": ("display:inline-block;margin:0 6px 0 0;padding:0 6px;border:1px solid #e0b352;border-radius:3px;"
                     "background-color:#fff3d6;color:#6b4500;font-size:13px;line-height:1.6;font-weight:bold;"),
    "badge-case": (f"display:inline-block;margin:0 6px 0 0;padding:0 6px;border:1px solid #f0b4ae;border-radius:3px;"
                   f"background-color:#fdecea;color:{RED};font-size:13px;line-height:1.6;font-weight:bold;"),
    "chip": (f"display:inline-block;margin:0 6px 4px 0;padding:0 8px;border:1px solid {BORDER};border-radius:10px;"
             f"background-color:{SOFT};color:#2d3a4a;font-size:13px;line-height:1.7;"),
    "spaced": "margin:0 10px 0 0;",
    "summary": (f"margin:0 0 1em;padding:10px 14px;background-color:{SOFT};border-radius:4px;font-size:16px;"
                "line-height:1.8;color:#2d3a4a;"),
    "sample": ("margin:0 0 1em;padding:8px 12px;border-left:4px solid #e0b352;background-color:#fffaf0;"
               "color:#5a4200;font-size:14px;line-height:1.7;"),
    "notes": f"margin:2em 0 1em;padding:12px 14px;background-color:{SOFT};border-radius:4px;",
    "notes-title": f"margin:0 0 .6em;font-size:16px;line-height:1.6;font-weight:bold;color:{BLUE};",
    "note": f"margin:0 0 .8em;{SMALL}color:{INK};",
    "note-law": "font-weight:bold;",
    "footer": f"margin:2em 0 0;padding:16px 0 0;border-top:1px solid {BORDER};text-align:center;",
    "qr": "display:block;width:160px;height:160px;margin:0 auto .5em;",
    "footer-p": f"margin:0 0 .4em;{SMALL}color:{MUTED};text-align:center;",
    "url": f"margin:0 0 .4em;font-size:13px;line-height:1.6;color:{BLUE};text-align:center;word-break:break-all;",
    "quiz-q": f"margin:1em 0 .3em;{TEXT}font-weight:bold;",
    "quiz-option": f"margin:0 0 .2em 1em;{TEXT}",
}

DROP = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "video",
        "audio", "canvas", "noscript", "template", "button", "select", "textarea", "link", "meta", "head",
        "title", "base", "source", "track", "map", "area", "param", "dialog", "portal"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_NO_CITE = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "a"}
_CONTAINERS = {"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "section", "blockquote", "dl", "div",
               "details", "figure", "article", "body", "html", "form", "fieldset"}
_INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "u": "u", "ins": "u", "del": "del",
           "s": "del", "strike": "del", "mark": "mark", "sup": "sup", "sub": "sub"}


@dataclass
class _Frame:
    tag: str                 # the input tag
    out: str | None          # the output tag (None: children only, no element of its own)
    classes: frozenset
    drop: bool = False
    cite: bool = True        # citations in its text become notes
    colour: str = ""         # a box's colour, for its title
    role: str = ""           # its style
    opening: str = ""        # text written after its start (a footnote reference's [)
    closing: str = ""        # text written before its end (… and its ])


class _Inliner(HTMLParser):
    def __init__(self, cite: Callable[[str], str] | None, image: Callable[[str, str], str | None] | None):
        super().__init__(convert_charrefs=True)
        self.cite_text, self.image = cite, image
        self.out: list[str] = []
        self.stack: list[_Frame] = []

    # -- where we are --------------------------------------------------------
    def inside(self, *tags: str) -> bool:
        return any(f.tag in tags for f in self.stack)

    def has_class(self, name: str) -> bool:
        return any(name in f.classes for f in self.stack)

    def colour(self) -> str:
        return next((f.colour for f in reversed(self.stack) if f.colour), "")

    def dropping(self) -> bool:
        return bool(self.stack) and self.stack[-1].drop

    # -- parsing ---------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start(tag, dict(attrs), closed=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, dict(attrs), closed=True)

    def _start(self, tag: str, attrs: dict, closed: bool):
        if self.dropping():
            if not closed:
                self.stack.append(_Frame(tag, None, frozenset(), drop=True))
            return
        classes = frozenset((attrs.get("class") or "").split())
        if tag in VOID or closed:
            self._void(tag, attrs, classes)
            return
        frame = self._frame(tag, attrs, classes)
        self.stack.append(frame)
        if frame.out and not frame.drop:
            self.out.append(self._open(frame.out, frame.role, attrs))
        self.out.append(frame.opening)

    def handle_endtag(self, tag):
        if not any(f.tag == tag for f in self.stack):
            return                      # a stray end tag
        while self.stack:
            frame = self.stack.pop()
            self._end(frame)
            if frame.tag == tag:
                break

    def _end(self, frame: _Frame) -> None:
        if frame.drop:
            return
        self.out.append(frame.closing)
        if frame.out:
            self.out.append(f"</{frame.out}>")

    def handle_data(self, data):
        if self.dropping() or not data:
            return
        if self.inside("pre"):
            self.out.append(html.escape(data, quote=False))
            return
        if not data.strip() and "\n" in data and (not self.stack or self.stack[-1].tag in _CONTAINERS | {"li"}):
            return                      # the newlines between blocks
        text = data.replace("\r", "").replace("\n", " ")
        if self.cite_text is not None and all(f.cite for f in self.stack):
            self.out.append(self.cite_text(text))
        else:
            self.out.append(html.escape(text, quote=False))

    def close(self):
        super().close()
        while self.stack:
            self._end(self.stack.pop())

    # -- rules -----------------------------------------------------------------
    def _frame(self, tag: str, attrs: dict, classes: frozenset) -> _Frame:
        f = _Frame(tag, None, classes)
        if tag in DROP or "headerlink" in classes or "footnote-backref" in classes or "hidden" in attrs \
                or (tag == "p" and "pufa-quiz__intro" in classes):
            f.drop = True
            return f
        f.cite = tag not in _NO_CITE and "wx-nocite" not in classes
        kind = next((c for c in classes if c in _BOXES), "note")
        if tag == "div" and "admonition" in classes or tag == "details":
            f.out, f.colour = "section", _BOXES[kind][0]
            f.role = box(*_BOXES[kind])
        elif tag == "section" and "pufa-case" in classes:
            case = next((c.rsplit("--", 1)[1] for c in classes if c.startswith("pufa-case--")), "facts")
            f.out, f.colour = "section", _CASES.get(case, _CASES["facts"])[0]
            f.role = box(*_CASES.get(case, _CASES["facts"]))
        elif tag in ("p", "summary") and ("admonition-title" in classes or tag == "summary"):
            f.out, f.role = "p", STYLES["box-title"].format(colour=self.colour() or BLUE)
        elif tag == "p":
            f.out, f.role = "p", self._p_style(classes)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = "h4" if tag in ("h5", "h6") else tag
            if level == "h2" and self.has_class("pufa-case"):
                level = "h2-case"
            f.out, f.role = ("h4" if tag in ("h5", "h6") else tag), STYLES[level]
        elif tag in ("ul", "ol"):
            f.out = tag
            f.role = STYLES["ul-plain"] if "wx-plain" in classes or "task-list" in classes else STYLES[tag]
        elif tag == "li":
            f.out, f.role = "li", STYLES["li-small"] if self.has_class("footnote") else STYLES["li"]
        elif tag == "blockquote":
            f.out, f.role = "blockquote", STYLES["blockquote"]
        elif tag in ("table", "thead", "tbody", "tfoot", "tr"):
            f.out, f.role = tag, STYLES["table"] if tag == "table" else ""
        elif tag in ("th", "td"):
            f.out, f.role = tag, STYLES[tag]
            if tag == "th" and self.has_class("wx-facts"):
                f.role += "width:6.5em;white-space:nowrap;"
        elif tag == "pre":
            f.out, f.role = "pre", STYLES["pre"]
        elif tag == "code":
            f.out, f.role = ("code", "") if self.inside("pre") else ("span", STYLES["code"])
        elif tag in ("figure",):
            f.out, f.role = "section", STYLES["figure"]
        elif tag == "figcaption":
            f.out, f.role = "p", STYLES["caption"]
        elif tag == "dt":
            f.out, f.role = "p", STYLES["dt"]
        elif tag == "dd":
            f.out, f.role = "section", STYLES["dd"]
        elif tag in _INLINE:
            f.out, f.role = "span", STYLES[_INLINE[tag]]
            if tag in ("sup", "sub"):
                f.out = tag
        elif tag == "a" and "footnote-ref" in classes:
            f.opening, f.closing = "[", "]"
        elif tag == "section" and "wx-box" in classes:
            f.out, f.colour = "section", BLUE
            f.role = box(BLUE, "#eef3f9")
        elif tag == "section" and "wx-notes" in classes:
            f.out, f.role = "section", STYLES["notes"]
        elif tag == "section" and "wx-footer" in classes:
            f.out, f.role = "section", STYLES["footer"]
        elif tag == "section" and "wx-article" in classes:
            f.out, f.role = "section", STYLES["article"]
        elif tag == "div" and "footnote" in classes:
            f.out, f.role = "section", f"margin:2em 0 1em;{SMALL}color:{MUTED};"
        elif tag == "span" and classes & {"wx-badge-sample", "wx-badge-case", "wx-chip", "wx-spaced", "wx-note-law"}:
            name = next(iter(classes & {"wx-badge-sample", "wx-badge-case", "wx-chip", "wx-spaced", "wx-note-law"}))
            f.out, f.role = "span", STYLES[name[3:]]
        elif tag in ("div", "section", "article", "aside", "header", "footer", "main", "nav", "details",
                     "fieldset", "form", "dl"):
            f.out, f.role = "section", ""
        else:
            f.out, f.role = None, ""    # span, label, abbr, time, small …: their text only
        return f

    def _p_style(self, classes: frozenset) -> str:
        for name in ("kind", "meta", "summary", "sample", "notes-title", "note", "footer-p", "url",
                     "quiz-q", "quiz-option"):
            if f"wx-{name}" in classes:
                return STYLES[name]
        if "wx-small" in classes:
            return STYLES["p-small"]
        if self.has_class("footnote"):
            return f"margin:0 0 .3em;{SMALL}color:{MUTED};"
        if self.inside("li", "td", "th", "dd"):
            return STYLES["p-tight"]
        if self.has_class("admonition") or self.inside("details") or self.has_class("pufa-case") \
                or self.has_class("wx-box"):
            return STYLES["box-p"]
        return STYLES["p"]

    def _open(self, tag: str, style: str, attrs: dict) -> str:
        extra = ""
        if tag in ("td", "th"):
            for name in ("colspan", "rowspan"):
                if str(attrs.get(name) or "").isdigit():
                    extra += f' {name}="{attrs[name]}"'
        if tag == "ol" and str(attrs.get("start") or "").isdigit():
            extra += f' start="{attrs["start"]}"'
        return f'<{tag}{extra} style="{html.escape(style)}">' if style else f"<{tag}{extra}>"

    def _void(self, tag: str, attrs: dict, classes: frozenset):
        if tag == "br":
            self.out.append("<br>")
        elif tag == "hr":
            if not self.has_class("footnote"):
                self.out.append(f'<hr style="{STYLES["hr"]}">')
        elif tag == "input" and (attrs.get("type") or "").lower() == "checkbox":
            self.out.append("☑" if "checked" in attrs else "☐")
        elif tag == "img":
            self._img(attrs, classes)

    def _img(self, attrs: dict, classes: frozenset):
        src, alt = str(attrs.get("src") or ""), str(attrs.get("alt") or "")
        mapped = self.image(src, alt) if self.image is not None else (src if src.startswith("data:") else None)
        if not mapped:
            self.out.append(html.escape(f"〔图片：{alt or src}〕", quote=False))
            return
        style = STYLES["qr"] if "wx-qr" in classes else STYLES["img"]
        self.out.append(f'<img src="{html.escape(mapped)}" alt="{html.escape(alt)}" style="{style}">')


def inline(fragment: str, *, cite: Callable[[str], str] | None = None,
           image: Callable[[str, str], str | None] | None = None) -> str:
    """fragment with every element rewritten for the editor.

    cite(text) -> HTML: the text with its citations marked (already escaped);
    image(src, alt) -> the src to write, or None to show the alt text instead
    (without it only data: images are kept)."""
    parser = _Inliner(cite, image)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
