"""A law as the national database (flk.npc.gov.cn) offers it in Word, read into
the corpus format (pufa.laws.corpus) so it imports like the Markdown corpus.

The database's layout, as its .docx downloads have it:

    中华人民共和国治安管理处罚法                         title (the first line that is one)
    （2005年8月28日第十届全国人民代表大会常务委员会…通过   history, in brackets, the steps
    　根据2012年10月26日…修正　2025年6月27日…修订）       separated by full-width spaces
    目　　录                                           table of contents: skipped
    第一章　总　　则 …
    第一章　总　　则                                   编/章/节 headings
    第一条　为了……                                     articles: 第…条 + a full-width space
    （一）……                                           items belong to the article above

Also read: an explicit 公布日期：/施行日期： line, and a 主席令 ahead of the title
(中华人民共和国主席令 第N号 …现予公布，自2026年1月1日起施行).  Plain module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pufa.laws.corpus import INFO_END
from pufa.laws.numerals import CN_NUMBER

_ARTICLE = re.compile(rf"^(第[{CN_NUMBER}0-9]+条(?:之[{CN_NUMBER}0-9]+)?)[\s\u3000]*(.*)$")
_HEADING = re.compile(rf"^(第[{CN_NUMBER}0-9]+)(编|分编|章|节)[\s\u3000]*(.*)$")
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_HISTORY_STEP = re.compile(rf"(?:根据)?{_DATE}[^　]*?(?:通过|修正|修订|公布|发布|施行|批准)")
_LABELLED = re.compile(rf"^(公布日期|发布日期|施行日期|生效日期)[:：]\s*({_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}})")
_ORDER = re.compile(r"^(中华人民共和国主席令|国务院令|第[〇零一二三四五六七八九十百\d]+号)$")
_TITLE_END = ("法", "法典", "条例", "规定", "办法", "解释", "决定", "细则", "规则", "准则", "修正案")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])")


class DocxLawError(Exception):
    """A .docx that is not a law in the database's layout; the message is Chinese."""


@dataclass
class DocxLaw:
    title: str
    history: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)       # corpus-format body lines
    articles: int = 0

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for h in self.history:
            out += [h, ""]
        out += [INFO_END, ""]
        for line in self.lines:
            out += [line, ""]
        return "\n".join(out).rstrip("\n") + "\n"


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs as text (tables' cells too, in order)."""
    try:
        import docx
        document = docx.Document(str(path))
    except Exception as exc:          # python-docx raises several kinds for a file that is not .docx
        raise DocxLawError(f"{path.name} 不是能打开的 Word 文件（.docx）：请用 Word 或 WPS 打开后"
                           f"「另存为」.docx 格式再导入") from exc
    out = []
    for p in document.paragraphs:
        text = p.text.replace("\xa0", " ").strip()
        if text:
            out.append(text)
    return out


def _clean_heading(label: str, kind: str, name: str) -> str:
    return f"{label}{kind} {_CJK_GAP.sub('', name).strip()}".strip()


def _history_lines(text: str) -> list[str]:
    """（2005年…通过　根据2012年…修正　2025年…修订） -> one line a step."""
    inner = text.strip().strip("（()）").strip()
    steps = [s.strip() for s in re.split(r"[\u3000]+|\s{2,}", inner) if s.strip()]
    merged: list[str] = []
    for s in steps:
        if merged and not re.match(rf"^(?:根据)?{_DATE}", s):
            merged[-1] += s             # a step split inside its own text
        else:
            merged.append(s)
    # As the corpus writes them: the date, a space, the step (根据 dropped).
    return [re.sub(rf"^(?:根据)?({_DATE})\s*", lambda m: re.sub(r"\s", "", m.group(1)) + " ", step) for step in merged]


def read(path: Path) -> DocxLaw:
    lines = paragraphs(path)
    law: DocxLaw | None = None
    order: list[str] = []              # a 主席令 ahead of the title
    labelled: list[str] = []
    i = 0
    while i < len(lines) and law is None:
        text = lines[i]
        if _ORDER.match(text) or "现予公布" in text or text.startswith(("中华人民共和国主席", "总理")):
            order.append(text)
        elif _LABELLED.match(text):
            labelled.append(text)
        elif re.fullmatch(_DATE, text):
            order.append(text)
        elif text.endswith(_TITLE_END) and len(text) <= 80 and not _ARTICLE.match(text):
            law = DocxLaw(_CJK_GAP.sub("", text))
        i += 1
    if law is None:
        raise DocxLawError(f"{path.name} 里找不到法律的标题：第一行应当是法律名称，如「中华人民共和国治安管理处罚法」")

    in_toc = False
    toc: list[str] = []
    for text in lines[i:]:
        if re.fullmatch(r"目[\s\u3000]*录", text):
            in_toc = True
            continue
        m_head = _HEADING.match(text)
        m_art = _ARTICLE.match(text)
        if in_toc:
            if m_head and not (toc and _clean_heading(*m_head.groups()) == toc[0]):
                toc.append(_clean_heading(*m_head.groups()))
                continue
            if not m_head and not m_art:
                continue                # 附则 and other TOC lines without a number
            in_toc = False
        if not law.lines and not m_head and not m_art:
            if text.startswith(("（", "(")) and re.search(_DATE, text):
                law.history += _history_lines(text)
                continue
            if _LABELLED.match(text):
                labelled.append(text)
                continue
        if m_head:
            law.lines.append(("## " if m_head.group(2) in ("编", "章") else "### ") + _clean_heading(*m_head.groups()))
        elif m_art:
            law.lines.append(f"{m_art.group(1)} {m_art.group(2)}".rstrip())
            law.articles += 1
        elif text in ("附则", "附　则", "总则"):
            law.lines.append("## " + _CJK_GAP.sub("", text))
        else:
            law.lines.append(text)
    # Levels: a code with 编 has its 章 one level down, its 节 two.
    if any(re.match(r"^## 第[^ ]+编", line) for line in law.lines):
        law.lines = [("### " + line[3:]) if re.match(r"^## 第[^ ]+章", line) else
                     ("#### " + line[4:]) if re.match(r"^### 第[^ ]+节", line) else line for line in law.lines]
    if not law.history:
        # No bracketed history: the 公布日期 line, or the 主席令's date, is the version's date.
        # (A 施行日期 stays out: the closing article says it, and the version is the publication.)
        published = [t for t in labelled if t.startswith(("公布日期", "发布日期"))]
        law.history = published or [f"{t}公布" for t in order if re.fullmatch(_DATE, t)]
    if not law.articles:
        raise DocxLawError(f"{path.name} 里没有找到条文：每一条应当以「第一条」「第二条」这样开头")
    return law
