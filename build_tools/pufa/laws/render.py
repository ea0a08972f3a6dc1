"""HTML for law pages and citation links, without Markdown (it is the hot path).

Law pages are rendered straight from the parsed corpus structure: every
article is a block with the anchor ``art-N`` and a link to itself; citations
inside the text become links.  ``Linker`` turns citations in any text into
links and collects the cited articles for the page's offline previews.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from pufa.dates import cn_date
from pufa.laws import citations as C
from pufa.laws import corpus
from pufa.laws.library import (EXPIRED, IN_FORCE, PENDING, REPEALED, STATUS_LABELS, SUPERSEDED, LawEntry,
                               LawLibrary)
from pufa.laws.numerals import label

PREVIEW_CHARS = 180

# Problems a citation can have.
UNKNOWN_LAW = "unknown-law"
MISSING_ARTICLE = "missing-article"
CITES_REPEALED = "repealed"
CITES_SUPERSEDED = "superseded"


@dataclass
class Resolution:
    entry: LawEntry | None
    article: corpus.Article | None
    problem: str | None = None
    message: str = ""
    hint: str = ""


def resolve(lib: LawLibrary, cite: C.Citation, own: LawEntry | None = None) -> Resolution:
    written = f"《{cite.name}》" if cite.name else "本法"
    art = label(cite.key)
    if cite.own and own is not None:
        entry = own
    else:
        title = cite.title
        if title is None:
            return Resolution(None, None, UNKNOWN_LAW, f"法律库里没有{written}，无法链接到{art}",
                              "检查法律名称是否写错；如果是法律库之外的文件可以忽略")
        repeal = lib.repeals.get(title)
        entry = lib.current(title)
        if entry is None:
            if repeal:
                return Resolution(None, None, CITES_REPEALED, *_repeal_text(lib, repeal, written))
            return Resolution(None, None, UNKNOWN_LAW, f"法律库里没有{written}，无法链接到{art}",
                              "检查法律名称是否写错；如果是法律库之外的文件可以忽略")
        if cite.version_year:
            older = [e for e in lib.by_title.get(title, [])
                     if e.version and e.version.year == cite.version_year and e is not entry]
            if older:
                entry = older[0]
    article = entry.doc.article(cite.key)
    if article is None:
        last = entry.doc.articles[-1].label if entry.doc.articles else "（没有条文）"
        return Resolution(entry, None, MISSING_ARTICLE,
                          f"{written}没有{art}（最后一条是{last}）",
                          "核对条号；法律修订后条号可能变了")
    if entry.status in (REPEALED, EXPIRED) and entry.repeal:
        message, hint = _repeal_text(lib, entry.repeal, written)
        return Resolution(entry, article, CITES_REPEALED, message, hint)
    if entry.status == SUPERSEDED and entry.revision is not None:
        rev = entry.revision
        return Resolution(entry, article, CITES_SUPERSEDED,
                          f"{written}已于{cn_date(rev.adopted)}修改，新文本自{cn_date(rev.applies_from)}起施行；"
                          f"法律库里只有旧文本（{cn_date(entry.version)}），{art}的内容和条号可能已经改变",
                          "到国家法律法规数据库（flk.npc.gov.cn）核对新文本的条文和条号，改正引用；"
                          "把新文本的 Word 文件下载后用「pufa import-laws 文件.docx」导入法律库")
    if entry.status == SUPERSEDED and entry.newer is not None:
        newer = entry.newer
        return Resolution(entry, article, CITES_SUPERSEDED,
                          f"引用的是{written}的旧版本（{cn_date(entry.version)}），现行版本是{cn_date(newer.version)}的版本",
                          "改为引用现行版本，并核对条号（修订后条号可能变了）")
    return Resolution(entry, article)


def _repeal_text(lib: LawLibrary, repeal, written: str) -> tuple[str, str]:
    when = f"于{cn_date(repeal.date)}" if repeal.date else ""
    word = "失效" if repeal.status == EXPIRED else "废止"
    message = f"引用了已{word}的{written}（{when}{word}" + (
        f"，由《{repeal.replaced_by}》取代）" if repeal.replaced_by else "）")
    hint = f"改为引用《{repeal.replaced_by}》的相应条文" if repeal.replaced_by else "删去或改为引用现行法律"
    return message, hint


@dataclass
class Problem:
    citation_text: str
    resolution: Resolution


@dataclass
class Linker:
    """Links citations for one page and remembers what the page cites."""
    lib: LawLibrary
    url_for: object                      # (entry) -> URL of the entry's page relative to this page
    own: LawEntry | None = None
    previews: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def _resolve_name(self, name: str) -> str | None:
        return self.lib.title_for(name)

    def link_text(self, text: str) -> str:
        """Escape text and turn its citations into links."""
        cites = C.find(text, self._resolve_name, self.own.title if self.own else None)
        if not cites:
            return html.escape(text, quote=False)
        out, pos = [], 0
        for cite in cites:
            out.append(html.escape(text[pos:cite.start], quote=False))
            out.append(self._anchor(cite, text[cite.start:cite.end]))
            pos = cite.end
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    def _anchor(self, cite: C.Citation, written: str) -> str:
        res = resolve(self.lib, cite, self.own)
        shown = html.escape(written, quote=False)
        if res.problem:
            self.problems.append(Problem(written, res))
        if res.problem == UNKNOWN_LAW:
            return shown
        if res.entry is None or res.article is None:
            css = "pufa-cite pufa-cite--repealed" if res.problem == CITES_REPEALED else "pufa-cite pufa-cite--missing"
            return f'<span class="{css}" title="{html.escape(res.message)}">{shown}</span>'
        target = res.entry
        same_page = self.own is not None and target is self.own
        href = f"#{res.article.id}" if same_page else f"{self.url_for(target)}#{res.article.id}"
        # Previews are keyed by the target's URL from the site root; pufa.js
        # resolves each link's href the same way (no data attribute per link).
        key = f"{target.url}#{res.article.id}"
        if not same_page and key not in self.previews:
            self.previews[key] = preview(target, res.article)
        css = "pufa-cite"
        note = ""
        if res.problem == CITES_REPEALED:
            css += " pufa-cite--repealed"
            note = f' title="{html.escape(res.message)}"'
        elif res.problem == CITES_SUPERSEDED:
            css += " pufa-cite--superseded"
            note = f' title="{html.escape(res.message)}"'
        return f'<a class="{css}" href="{html.escape(href)}"{note}>{shown}</a>'

    def preview_json(self) -> str:
        """The cited articles' text for offline previews (no request needed)."""
        if not self.previews:
            return ""
        data = json.dumps(self.previews, ensure_ascii=False, separators=(",", ":"))
        # Safe inside <script>: no '</' sequence can close it.
        return data.replace("</", "<\\/")


def preview(entry: LawEntry, article: corpus.Article) -> dict:
    """An article's preview: title, text, and — unless it simply is in force — the
    status (s), a status notice (n), and the transitions still to come (w) that the
    browser reads on the reader's clock."""
    text = article.text
    if len(text) > PREVIEW_CHARS:
        text = text[:PREVIEW_CHARS].rstrip() + "……"
    data = {"t": f"《{entry.short_title}》{article.label}", "x": text}
    if entry.status != IN_FORCE:
        data["s"] = entry.status
    coming = entry.timeline_attr()
    if coming:
        data["w"] = coming
    notes = {status: note for status in {entry.status, *(v for _, v in entry.status_after(entry.built_on))}
             if (note := status_note(entry, status))} if entry.built_on else {}
    if notes:
        data["n"] = notes
    return data


def status_note(entry: LawEntry, status: str) -> str:
    """One sentence on what a status means for this text (law page and previews)."""
    if status == SUPERSEDED and entry.revision is not None:
        rev = entry.revision
        return (f"这是旧文本：本法已于{cn_date(rev.adopted)}修改，新文本自{cn_date(rev.applies_from)}起施行，"
                f"条文和条号可能已经改变。新文本尚未收入本库，请以国家法律法规数据库公布的文本为准。")
    if status == SUPERSEDED and entry.newer is not None:
        since = entry.superseded_since
        return (f"这是{cn_date(entry.version)}的旧文本" + (f"，自{cn_date(since)}起已被新文本取代" if since else "，已被修改")
                + f"。现行文本：{cn_date(entry.newer.version)}公布的版本。")
    if status in (REPEALED, EXPIRED) and entry.repeal is not None:
        r = entry.repeal
        word = "失效" if status == EXPIRED else "废止"
        return ((f"本法已于{cn_date(r.date)}{word}" if r.date else f"本法已{word}")
                + (f"，由《{r.replaced_by}》取代" if r.replaced_by else "") + "。")
    if status == PENDING and entry.facts.applies_from:
        return f"本法尚未生效，自{cn_date(entry.facts.applies_from)}起施行。"
    return ""


_TAG_SPLIT = re.compile(r"(<[^>]+>)")
_SKIP_TAGS = {"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "textarea",
              "button", "select", "option", "svg", "title"}


def link_html(page_html: str, linker: Linker) -> str:
    """Link citations inside the text of rendered HTML, outside links and code."""
    if "条" not in page_html:
        return page_html
    parts = _TAG_SPLIT.split(page_html)
    depth: dict[str, int] = {}
    for i, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            m = re.match(r"<(/?)([a-zA-Z0-9]+)", part)
            if m:
                name = m.group(2).lower()
                if name in _SKIP_TAGS and not part.endswith("/>"):
                    depth[name] = depth.get(name, 0) + (-1 if m.group(1) else 1)
            continue
        if "条" in part and not any(v > 0 for v in depth.values()):
            parts[i] = linker.link_text(html.unescape(part))
    return "".join(parts)


def law_outline(entry: LawEntry) -> tuple[list[dict], set[str]]:
    """A law page's table of contents and anchor ids, without rendering it:
    what the engine needs of every page before any is written."""
    toc: list[dict] = []
    stack: list[dict] = []
    ids: set[str] = set()
    for block in entry.doc.blocks:
        if isinstance(block, corpus.Article):
            ids.add(block.id)
        elif isinstance(block, corpus.Heading):
            level = min(max(block.level, 2), 6)
            ids.add(block.id)
            token = {"level": level, "id": block.id, "name": html.escape(block.text, quote=False),
                     "children": []}
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            (stack[-1]["children"] if stack else toc).append(token)
            stack.append(token)
    return toc, ids


def law_html(entry: LawEntry, linker: Linker) -> str:
    """The body of a law page (its outline is `law_outline`)."""
    out: list[str] = []
    link = linker.link_text
    for block in entry.doc.blocks:
        if isinstance(block, corpus.Article):
            aid = block.id
            paras = block.paragraphs or [""]
            first = link(paras[0])
            # Kept small: 60,000 articles make this the bulk of the law pages.
            # CSS styles it as `.pufa-law-body > div`; the number links to itself.
            out.append(f'<div id="{aid}"><p><a href="#{aid}">{block.label}</a> {first}</p>')
            out.extend(f"<p>{link(p)}</p>" for p in paras[1:])
            out.append("</div>")
        elif isinstance(block, corpus.Heading):
            level = min(max(block.level, 2), 6)
            out.append(f'<h{level} id="{block.id}">{html.escape(block.text, quote=False)}</h{level}>')
        else:
            out.append(f"<p>{link(block.text)}</p>")
    return "\n".join(out)
