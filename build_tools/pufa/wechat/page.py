"""One content page as a 公众号 article: what the site's template shows, for the editor.

The parts follow the type's template in theme/pufa/ (a guide's facts and
materials checklist, a Q&A's short answer, a lesson's case sections …), as
plain semantic HTML with ``wx-…`` classes; `pufa.wechat.inline` then writes
every style out and drops the classes.  Citations of the law library stay
plain text with a number; the articles' text is quoted under 「法条原文」 at
the end, then the QR code of the page and its address (阅读原文).
"""
from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import unquote

from pufa import qr
from pufa.content import documents, quiz
from pufa.content import types as T
from pufa.content import views
from pufa.content.case_layout import wrap_case_sections
from pufa.content.forms import forms_of, resolve
from pufa.content.model import ContentItem
from pufa.dates import cn_date, iso_date
from pufa.laws import citations as C
from pufa.laws.library import IN_FORCE, STATUS_LABELS
from pufa.laws.render import resolve as resolve_citation
from pufa.wechat.inline import STYLES, inline

NOTE_CHARS = 600             # an article longer than this is quoted up to here, then ……
QR_LEVEL = "M"               # read from a phone screen or a printed page
QR_SCALE = 8                 # pixels per module: sharp at 160 CSS px on any phone
SAMPLE_NOTE = "本页为示例内容：地名、单位、人名均为虚构，所引法律条文真实有效。"


class WeChatError(Exception):
    """A problem staff can fix; the message is Chinese and says how."""


def esc(value) -> str:
    return html.escape(str(value if value is not None else ""), quote=True)


# -- citations -------------------------------------------------------------------

_CIRCLED = [chr(c) for c in range(0x2460, 0x2474)] + [chr(c) for c in range(0x3251, 0x3260)] \
    + [chr(c) for c in range(0x32B1, 0x32C0)]


def number_mark(n: int) -> str:
    """①…㊿, then (51)."""
    return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"({n})"


@dataclass
class Note:
    number: int
    label: str           # 《中华人民共和国宪法》第五条
    status: str          # '' in force, else 已被修改 / 已废止 / 尚未生效 …
    paragraphs: list[str]


@dataclass
class Notes:
    """Citations found in the text, each article once, numbered as first met."""
    lib: object                         # LawLibrary (None: no law library)
    notes: dict = field(default_factory=dict)    # (law title, version, article id) -> Note

    def mark(self, text: str) -> str:
        """text escaped, each resolved citation followed by its number."""
        cites = C.find(text, self.lib.title_for) if self.lib is not None and "条" in text else []
        out, pos = [], 0
        for cite in cites:
            res = resolve_citation(self.lib, cite)
            if res.entry is None or res.article is None:
                continue                # unknown law or article: plain text (pufa check says so)
            key = (res.entry.title, str(res.entry.version), res.article.id)
            note = self.notes.get(key)
            if note is None:
                note = Note(len(self.notes) + 1, f"《{res.entry.title}》{res.article.label}",
                            STATUS_LABELS[res.entry.status] if res.entry.status != IN_FORCE else "",
                            _quoted(res.article.paragraphs))
                self.notes[key] = note
            out.append(html.escape(text[pos:cite.end], quote=False))
            out.append(f'<span style="{MARK_STYLE}">{number_mark(note.number)}</span>')
            pos = cite.end
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    def section(self) -> str:
        if not self.notes:
            return ""
        rows = []
        for note in sorted(self.notes.values(), key=lambda n: n.number):
            status = f"（{note.status}）" if note.status else ""
            body = "<br>".join(esc(p) for p in note.paragraphs)
            rows.append(f'<p class="wx-note">{number_mark(note.number)} <span class="wx-note-law">'
                        f"{esc(note.label)}{esc(status)}</span><br>{body}</p>")
        return ('<section class="wx-notes wx-nocite"><p class="wx-notes-title">法条原文</p>'
                + "".join(rows) + "</section>")


MARK_STYLE = "margin:0 1px;font-size:14px;color:#17457a;"


def _quoted(paragraphs: list[str]) -> list[str]:
    out, left = [], NOTE_CHARS
    for p in paragraphs:
        if left <= 0:
            break
        if len(p) > left:
            out.append(p[:left].rstrip() + "……")
            break
        out.append(p)
        left -= len(p)
    if sum(len(p) for p in out) < sum(len(p) for p in paragraphs) and not out[-1].endswith("……"):
        out[-1] += "……"
    return out


# -- the page ----------------------------------------------------------------------

@dataclass
class Image:
    src: str             # path under content/
    alt: str
    written: str         # what the HTML's <img src> says


@dataclass
class Article:
    title: str
    summary: str
    url: str             # the page's public address ('' without site_url)
    body: str            # the article: one <section>, inline styles only
    images: list[Image] = field(default_factory=list)
    outside_images: list[str] = field(default_factory=list)   # http(s) images left out
    notes: int = 0
    qr_png: bytes = b""

    def document(self) -> str:
        """A whole HTML file: open it in a browser, select all, copy, paste into the editor."""
        return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{esc(self.title)} · 公众号版</title>\n</head>\n"
                '<body style="margin:0;padding:0;background-color:#ffffff;">\n'
                f"{self.body}\n</body>\n</html>\n")


class Markdown:
    """The site's Markdown (mkdocs.yml's extensions and their options), made once."""

    def __init__(self, settings):
        import markdown

        try:
            self.md = markdown.Markdown(extensions=list(settings.markdown_extensions),
                                        extension_configs={k: dict(v) for k, v in settings.mdx_configs.items()})
        except Exception as exc:  # noqa: BLE001 - an extension mkdocs.yml names that does not load here
            raise WeChatError(f"mkdocs.yml 的 markdown_extensions 无法加载（{exc}）。\n"
                              "      修改方法：检查 markdown_extensions 里的名称；pufa build 能生成的网站这里也能用") from None

    def convert(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text)


def article(model, item: ContentItem, *, dest_uri: str, markdown: Markdown,
            image_src: Callable[[str], str]) -> Article:
    """The 公众号 article of a content page.

    image_src(path under content/) -> what <img src> says: a file beside the
    HTML for `pufa wechat`, the built file's address for the preview."""
    settings = model.settings
    url = qr.public_url(settings.site_url, dest_uri)
    notes = Notes(model.laws if model.laws is not None and model.laws.entries else None)
    images: list[Image] = []
    outside: list[str] = []

    def image(src: str, alt: str) -> str | None:
        if src.startswith("data:image/"):
            return src
        if re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.I):
            outside.append(src)
            return None
        found = resolve(settings.docs_dir, item.src_uri, unquote(src.split("#")[0].split("?")[0]))
        if found is None:
            return None
        done = next((i for i in images if i.src == found), None)
        if done is None:
            done = Image(found, alt, image_src(found))
            images.append(done)
        return done.written

    parts = _parts(model, item, markdown)
    main = inline(parts, cite=notes.mark, image=image)
    png = qr.png(url, QR_LEVEL, QR_SCALE) if url else b""
    tail = inline(notes.section() + _footer(model, url, png))
    body = f'<section style="{STYLES["page"]}"><section style="{STYLES["article"]}">{main}{tail}</section></section>'
    return Article(item.title, views.summary_of(item), url, body, images, outside, len(notes.notes), png)


def _footer(model, url: str, png: bytes) -> str:
    if not url:
        return ""
    bureau = model.settings.pufa.bureau if model.settings.pufa is not None else None
    name = (bureau.name if bureau is not None else "") or model.settings.site_name
    hotline = bureau.hotline if bureau is not None else ""
    data = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    line = esc(name) + (f"　公共法律服务热线 {esc(hotline)}" if hotline else "")
    return ('<section class="wx-footer wx-nocite">'
            f'<img class="wx-qr" src="{data}" alt="本文在网站上的二维码">'
            '<p class="wx-footer-p">长按识别二维码，在网站上阅读本文</p>'
            f'<p class="wx-url">阅读原文：{esc(url)}</p>'
            + (f'<p class="wx-footer-p">{line}</p>' if line else "") + "</section>")


# -- what each type's template shows -------------------------------------------------

def _parts(model, item: ContentItem, markdown: Markdown) -> str:
    ctype, meta = item.ctype, item.meta
    body = _body(item, markdown)
    show = _SHOW.get(ctype.key, _lesson)
    return show(model, item, meta, body)


def _body(item: ContentItem, markdown: Markdown) -> str:
    text = _quizzes(item.body)
    out = markdown.convert(text)
    if item.meta.get("layout") == "以案释法":
        out = wrap_case_sections(out)
    return out


def _quizzes(body: str) -> str:
    """Each ```quiz block as its questions, then the answers (nothing to tick in an article)."""
    found = quiz.blocks(body)
    if not found:
        return body
    lines = body.split("\n")
    for block in reversed(found):
        quiz.parse(block, "", 1)
        lines[block.start:block.end + 1] = ["", _quiz_html(block.questions), ""]
    return "\n".join(lines)


def _quiz_html(questions: list) -> str:
    if not questions:
        return ""
    out = [f'<section class="wx-quiz"><p class="wx-small">共 {len(questions)} 题，参考答案在题目后面。</p>']
    for n, q in enumerate(questions, 1):
        out.append(f'<p class="wx-quiz-q">{n}．（{quiz.KIND_LABELS[q.kind]}）{esc(q.text)}</p>')
        if q.kind != "truefalse":
            out += [f'<p class="wx-quiz-option">{quiz.LETTERS[i]}. {esc(o)}</p>' for i, o in enumerate(q.options)]
    out.append('<p class="wx-quiz-q">参考答案</p>')
    for n, q in enumerate(questions, 1):
        right = "、".join(("" if q.kind == "truefalse" else quiz.LETTERS[i] + ". ") + q.options[i] for i in q.answer)
        text = f"{n}．{right}" + (f"。{q.explanation}" if q.explanation else "") \
            + (f"（依据：{q.citation}）" if q.citation else "")
        out.append(f'<p class="wx-small">{esc(text)}</p>')
    out.append("</section>")
    return "".join(out)       # one line: a raw HTML block in Markdown


def _header(model, item: ContentItem, chips: list) -> str:
    meta, ctype = item.meta, item.ctype
    badges = []
    if meta.get("sample"):
        badges.append('<span class="wx-badge-sample">示例</span>')
    if meta.get("layout") == "以案释法":
        badges.append('<span class="wx-badge-case">以案释法</span>')
    badges += [f'<span class="wx-chip">{esc(c)}</span>' for c in chips if c]
    if meta.get("date") and ctype is not T.CAMPAIGN:
        said = "信息核对于" if ctype is T.DIRECTORY else "发布于"
        badges.append(f'<span class="wx-spaced">{said} {esc(cn_date(meta.get("date")))}</span>')
    if meta.get("author"):
        badges.append(f'<span class="wx-spaced">{esc(meta["author"])}</span>')
    out = [f'<p class="wx-kind">{esc(ctype.label)}</p>', f"<h1>{esc(item.title)}</h1>"]
    if badges:
        out.append(f'<p class="wx-meta">{"".join(badges)}</p>')
    if meta.get("summary"):
        out.append(f'<p class="wx-summary">{esc(meta["summary"])}</p>')
    if meta.get("sample"):
        out.append(f'<p class="wx-sample">{esc(SAMPLE_NOTE)}</p>')
    return "\n".join(out)


def _facts(rows: list[tuple[str, str]]) -> str:
    """Label | value rows (values already HTML)."""
    cells = "".join(f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in rows if value)
    return f'<table class="wx-facts"><tbody>{cells}</tbody></table>' if cells else ""


def _list(values, ordered: bool = False, plain: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    cls = ' class="wx-plain"' if plain else ""
    items = "".join(f"<li>{esc(v)}</li>" for v in values or [])
    return f"<{tag}{cls}>{items}</{tag}>" if items else ""


def _laws(meta: dict, heading: str) -> str:
    return f"<h2>{heading}</h2>{_list(meta.get('laws'))}" if meta.get("laws") else ""


def _lesson(model, item, meta, body) -> str:
    return _header(model, item, meta.get("audience") or []) + body + _laws(meta, "法条链接")


def _guide(model, item, meta, body) -> str:
    phones = lambda name: "、".join(esc(p) for p in meta.get(name) or [])  # noqa: E731
    out = [_header(model, item, [meta.get("service")])]
    out.append(_facts([("办理时限", esc(meta.get("time_limit"))), ("收费标准", esc(meta.get("fee"))),
                       ("办理地点", esc(meta.get("location"))), ("办理时间", esc(meta.get("hours"))),
                       ("咨询电话", phones("phone")), ("监督投诉电话", phones("complaint_phone")),
                       ("网上办理", esc(meta.get("online") or ""))]))
    named = views.named_entries(model.index, item)
    if named:
        rows = []
        for o in named:
            line = f"{esc(o['role'])}：<strong>{esc(o['title'])}</strong>（{esc(o['kind'])}）"
            if o["address"]:
                line += f"<br>地址：{esc(o['address'])}"
            if o["phones"]:
                line += f"<br>电话：{'、'.join(esc(p) for p in o['phones'])}"
            rows.append(f"<li>{line}</li>")
        out.append(f"<h2>办理机构 / 相关机构</h2><ul>{''.join(rows)}</ul>")
    out.append(f"<h2>设定依据</h2>{_list(meta.get('basis'))}")
    out.append(f"<h2>受理条件</h2>{_list(meta.get('conditions'))}")
    out.append('<h2>申请材料</h2><p class="wx-small">出门前对照清单，逐项核对材料是否带齐。</p>')
    out.append(_list(["☐ " + str(m) for m in meta.get("materials") or []], plain=True))
    forms = forms_of(item, model.index.docs_dir) if meta.get("forms") else []
    if forms:
        out.append("<h2>表格下载</h2>" + _list([f"{f.title}（{f.kind} · {f.size_text}）" for f in forms]))
        out.append('<p class="wx-small">表格可以在网站上下载（见文末「阅读原文」）。'
                   "也可以到办理地点领取纸质表格；没有打印机的，现场填写即可。</p>")
    out.append(f"<h2>办理流程</h2>{_list(meta.get('steps'), ordered=True)}")
    if item.body.strip():
        out.append(body)
    if meta.get("faq"):
        out.append("<h2>常见问题</h2>" + "".join(
            f'<p class="wx-quiz-q">{esc(qa.get("q"))}</p><p>{esc(qa.get("a"))}</p>' for qa in meta["faq"]))
    return "".join(out)


def _qa(model, item, meta, body) -> str:
    out = [_header(model, item, [meta.get("category")])]
    out.append(f'<section class="wx-box"><p class="wx-notes-title">简要回答</p><p>{esc(meta.get("answer"))}</p></section>')
    if item.body.strip():
        out.append("<h2>详细解答</h2>" + body)
    out.append(_laws(meta, "法律依据"))
    related = views.related(model.index, item)
    if related:
        out.append("<h2>相关指南和课程</h2>" + _list(f"{c['type_label']}：{c['title']}" for c in related))
    hotline = model.settings.pufa.bureau.hotline if model.settings.pufa is not None else ""
    if hotline:
        out.append('<section class="wx-box"><p>每个人的情况不同，以上解答供参考。需要具体帮助，请拨打公共法律服务热线：'
                   f"<strong>{esc(hotline)}</strong>（免费法律咨询，符合条件的可申请法律援助）。</p></section>")
    return "".join(out)


def _village(model, item, meta, body) -> str:
    out = [_header(model, item, [meta.get("town"), f"{meta.get('level')}民主法治示范村"])]
    sites = meta.get("culture_sites") or []
    out.append(_facts([
        ("所属镇街", esc(meta.get("town"))), ("命名级别", esc(meta.get("level"))),
        ("命名年份", f"{esc(meta.get('year_named'))}年"),
        ("复核状态", f"{esc(meta.get('review_status'))}（最近复核：{esc(cn_date(meta.get('last_review')))}）"),
        ("法律顾问", esc(meta.get("legal_adviser"))), ("法律明白人", f"{esc(meta.get('legal_literates'))} 名"),
        ("人民调解委员会", esc(meta.get("mediation_committee"))), ("村规民约", esc(meta.get("village_rules"))),
        ("法治文化阵地", "、".join(esc(s) for s in sites))]))
    for photo in meta.get("photos") or []:
        caption = f"<figcaption>{esc(photo['alt'])}</figcaption>" if photo.get("alt") else ""
        out.append(f'<figure><img src="{esc(photo["src"])}" alt="{esc(photo.get("alt"))}">{caption}</figure>')
    out.append(body)
    return "".join(out)


def _party_history(model, item, meta, body) -> str:
    out = [_header(model, item, [meta.get("period"), meta.get("format")])]
    event = f"{esc(meta.get('event') or item.title)}（{esc(cn_date(meta.get('event_date')))}）"
    out.append(_facts([("历史时期", esc(meta.get("period"))), ("史实", event), ("学习形式", esc(meta.get("format")))]))
    out.append(body)
    return "".join(out)


def _campaign(model, item, meta, body) -> str:
    c = next((c for c in views.campaigns(model.index) if c["title"] == item.title
              and c["start"] == iso_date(meta.get("start"))), None)
    out = [_header(model, item, [c["span"]] if c else [])]
    if meta.get("slogan"):
        out.append(f'<p class="wx-summary"><strong>{esc(meta["slogan"])}</strong></p>')
    count = sum(len(quiz.questions_of(lesson.body)) for src, campaign in model.quizzes.items() if campaign is item
                for lesson in quiz.campaign_lessons(model.index, campaign))
    if count:
        out.append(f'<p class="wx-small">活动期间可以参加知识自测（{count} 题）：点文末「阅读原文」，在网站上作答。</p>')
    out.append(body)
    if c and c["featured"]:
        out.append("<h2>活动推荐</h2>" + _list(f"{f['type_label']}：{f['title']}" for f in c["featured"]))
    return "".join(out)


def _directory(model, item, meta, body) -> str:
    links = views.directory_entry(model.index, item)
    phones = "、".join(esc(p) for p in meta.get("phone") or [])
    out = [_header(model, item, [meta.get("kind"), meta.get("town")])]
    licence = {"律师事务所": "执业许可证号", "律师": "执业证号"}.get(meta.get("kind"), "许可证号")
    areas = meta.get("practice_areas") if meta.get("kind") in (T.LAW_FIRM, T.LAWYER) else []
    out.append(_facts([
        ("类别", esc(meta.get("kind"))), ("所在镇街", esc(meta.get("town"))), ("地址", esc(meta.get("address"))),
        ("办公时间", esc(meta.get("hours") or "")), ("电话", phones),
        ("所在律所", esc(links["firm"]["title"]) if links["firm"] else ""),
        (licence, esc(meta.get("licence") or "")),
        ("服务事项", "、".join(esc(s) for s in meta.get("services") or [])),
        ("执业领域", "、".join(esc(s) for s in areas or []))]))
    if links["lawyers"]:
        out.append("<h2>本所律师</h2>" + "<ul>" + "".join(
            f"<li><strong>{esc(o['title'])}</strong>" + (f"：{esc(o['summary'])}" if o["summary"] else "")
            + (f"（电话 {'、'.join(esc(p) for p in o['phones'])}）" if o["phones"] else "") + "</li>"
            for o in links["lawyers"]) + "</ul>")
    if item.body.strip():
        out.append(body)
    if links["guides"]:
        out.append("<h2>相关办事指南</h2>" + _list(g["title"] for g in links["guides"]))
    out.append('<p class="wx-small">名录信息以机构公布的为准；出门前建议先打电话确认。</p>')
    return "".join(out)


def _document(model, item, meta, body) -> str:
    d = dict(documents.row(item), **documents.relations(model.index, item))
    out = [_header(model, item, [])]
    when = {"已修订": "修订", "宣布失效": "宣布失效", "已废止": "废止"}.get(d["status"], "")
    lines = [f"<strong>{esc(d['status'])}</strong>" + (f"　{esc(d['status_date'])}{when}" if d["status_date"] else "")]
    if d["replaced_by"]:
        r = d["replaced_by"]
        said = "修订后的文件" if d["status"] == "已修订" else "取代本文件的是"
        lines.append(f"{said}：《{esc(r['title'])}》（{esc(r['number'])}，{esc(r['status'])}）")
    if d["chain_end"]:
        r = d["chain_end"]
        lines.append(f"现在应当执行：《{esc(r['title'])}》（{esc(r['number'])}，{esc(r['status'])}）")
    if d["replaces"]:
        lines.append("本文件取代：" + "、".join(f"《{esc(r['title'])}》（{esc(r['number'])}）" for r in d["replaces"]))
    out.append('<section class="wx-box">' + "".join(f"<p>{line}</p>" for line in lines) + "</section>")
    effective = esc(cn_date(meta.get("effective"))) if meta.get("effective") else "自印发之日起施行"
    basis = "<br>".join(esc(b) for b in meta.get("basis") or [])
    out.append(_facts([("文号", esc(d["number"])), ("制定机关", esc(d["issuer"])), ("印发日期", esc(d["issued"])),
                       ("施行日期", effective), ("上位法依据", basis)]))
    out.append(body)
    return "".join(out)


_SHOW = {T.LESSON.key: _lesson, T.GUIDE.key: _guide, T.QA.key: _qa, T.VILLAGE.key: _village,
         T.PARTY_HISTORY.key: _party_history, T.CAMPAIGN.key: _campaign, T.DIRECTORY.key: _directory,
         T.DOCUMENT.key: _document}

