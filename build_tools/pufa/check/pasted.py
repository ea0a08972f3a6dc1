"""What text pasted from Word, WPS or a WeChat article leaves in a page's body
that Markdown reads differently from what staff see in their editor:

- a second title (`# 标题`): the page already shows its title from the front matter;
- a paragraph indented by spaces or a Tab (Word's first-line indent): Markdown
  shows it as a grey code box, and its citations are not linked;
- numbered lines `1.…` `2.…` (or `1、` `（1）`, or a list straight under a
  sentence): Markdown runs them into one paragraph;
- paragraphs on consecutive lines: they run into one paragraph too.
"""
from __future__ import annotations

import re

from pufa.findings import ERROR, WARNING, Finding

_FENCE = re.compile(r"^\s*(```|~~~)")
_H1 = re.compile(r"^#(?!#)\s*(\S.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+\S")
# A container whose body is indented: admonitions, details, footnotes, definitions, HTML.
_CONTAINER = re.compile(r"^(?:!!!|\?\?\?\+?|\[\^[^\]]+\]:|:\s{1,3}\S|<)")
_NUMBERED = re.compile(r"^\s{0,3}(?:\d+\s*[.．](?=\S)|\d+\s*[、)）]|[（(]\s*\d+\s*[)）]|[一二三四五六七八九十]+\s*、)")
_SENTENCE_END = re.compile(r"[。！？!?…”」』）)]\s*$")
# Markdown typed with a Chinese input method: （） ！ ＃ where Markdown needs ( ) ! #.
_FULLWIDTH_LINK = re.compile(r"(\[[^\]\n]*\])（([^（）\s]*[./#:][^（）\s]*)）")
_FULLWIDTH_IMAGE = re.compile(r"！(\[[^\]\n]*\]\()")
_FULLWIDTH_HEADING = re.compile(r"^(＃{1,6})\s*(?=\S)")
_EMPTY_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*\)")
_SCRIPT = re.compile(r"<\s*script\b|<[a-z][^>]*\son[a-z]+\s*=|\]\(\s*javascript:|href\s*=\s*[\"']?\s*javascript:", re.I)
_STYLE = re.compile(r"<\s*style\b", re.I)
_BLOCK_START = re.compile(r"^\s*(?:#|>|\||[-*+]\s|\d+[.)]\s|!!!|\?\?\?|<|\[\^|:\s|---|\*\*\*|```|~~~|!\[)")


def _lines(body: str):
    """(index, line) outside fenced blocks (code and quiz YAML have their own rules)."""
    fence = False
    for n, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fence = not fence
            yield n, None
            continue
        yield n, (None if fence else line)


def check(body: str, shown: str, first_line: int, title: str | None) -> list[Finding]:
    findings: list[Finding] = []
    previous = ""          # the line before, "" when blank or a fence
    container = False      # in a list, admonition, footnote … whose lines may be indented
    reported = False       # this paragraph already has a run-together finding

    def add(line, message, hint, code, severity=WARNING):
        findings.append(Finding(severity, shown, first_line + line, message, hint, 1, code))

    for i, line in _lines(body):
        if line is None or not line.strip():
            previous, reported = "", False
            if line is None:
                container = False
            continue
        indented = line.startswith(("    ", "\t"))
        is_item = bool(_LIST_ITEM.match(line))
        _typed(line, i, add)
        if indented and not previous and not container:
            add(i, "这一段前面有空格或 Tab（Word 的首行缩进），网站会把它显示成灰底的代码框，里面的法条也不会加链接",
                "删掉行首的空格；段落开头不用空格，网站会自动排版", "body.indented")
        if not indented:
            m = _H1.match(line)
            if m:
                same = title and m.group(1).strip() == str(title).strip()
                add(i, f"正文里又写了一个一级标题「{m.group(1)}」，页面顶部已经显示了标题",
                    "删掉这一行（标题写在开头的 title 里）" if same else f"改成二级标题：## {m.group(1)}",
                    "body.second-title")
            prose_before = previous and not indented and not previous.startswith(("    ", "\t")) \
                and not _BLOCK_START.match(previous) and not container
            if not reported and prose_before or not reported and previous and _NUMBERED.match(previous) \
                    and not _LIST_ITEM.match(previous):
                if _NUMBERED.match(line) and not is_item:
                    add(i - 1 if _NUMBERED.match(previous) else i,
                        "这几行编号在网站上会连成一段（「1.」后面没有空格，或用了「1、」「（1）」）",
                        "行与行之间空一行；或写成列表「1. 内容」（点后面加空格），列表前面空一行",
                        "body.merged-lines")
                    reported = True
                elif is_item and prose_before and not _NUMBERED.match(previous):
                    add(i, "列表前面没有空行，网站上会和上一行连成一段", "在列表的第一项前面空一行",
                        "body.merged-lines")
                    reported = True
                elif prose_before and _SENTENCE_END.search(previous) and not _BLOCK_START.match(line) \
                        and not previous.endswith("  "):
                    add(i - 1, "这两段之间没有空行，网站上会连成一段",
                        "在两段之间空一行（从 Word 或微信复制来的文字常这样）", "body.merged-lines")
                    reported = True
            container = is_item or bool(_CONTAINER.match(line)) or (container and not previous == "")
            if previous == "" and not is_item and not _CONTAINER.match(line):
                container = False
        previous = line
    return findings


def _typed(line: str, i: int, add) -> list:
    """Markdown and HTML that do not do what staff meant (reported through `add`)."""
    for m in _FULLWIDTH_LINK.finditer(line):
        add(i, f"链接的括号用了全角「（）」：{m.group(0)}，网站上不会变成链接",
            f"改成英文括号：{m.group(1)}({m.group(2)})（pufa check --fix 会自动改）", "body.fullwidth-markdown")
    if _FULLWIDTH_IMAGE.search(line):
        add(i, "图片前面的感叹号是全角「！」，网站上不会显示图片", "改成英文的「![」（pufa check --fix 会自动改）",
            "body.fullwidth-markdown")
    m = _FULLWIDTH_HEADING.match(line)
    if m:
        add(i, f"小标题的「{m.group(1)}」是全角，网站上不会变成小标题",
            "改成英文的「##」，后面加一个空格（pufa check --fix 会自动改）", "body.fullwidth-markdown")
    for m in _EMPTY_LINK.finditer(line):
        add(i, f"链接「{m.group(1)}」没有写地址，点了没有反应", "在圆括号里写要打开的文件或网址，或者去掉方括号",
            "body.empty-link")
    if _SCRIPT.search(line):
        add(i, "正文里有脚本（<script>、onclick=、javascript:），公众网站不运行从别处复制来的代码",
            "删掉这段代码；要放视频、地图或表单，把文件放进网站，或写成普通链接", "body.script", ERROR)
    elif _STYLE.search(line):
        add(i, "正文里有 <style> 样式，会改变整个网站的样子", "删掉 <style>…</style>；版式由网站统一设置",
            "body.style")
    return []


def fix_lines(lines: list[str], start: int) -> list[tuple[int, str]]:
    """`pufa check --fix`: （）！＃ typed for Markdown → ( ) ! #, in place."""
    done, fence = [], False
    for i in range(start, len(lines)):
        row = lines[i]
        if _FENCE.match(row):
            fence = not fence
            continue
        if fence:
            continue
        fixed = _FULLWIDTH_LINK.sub(lambda m: f"{m.group(1)}({m.group(2)})", row)
        fixed = _FULLWIDTH_IMAGE.sub(r"!\1", fixed)
        fixed = _FULLWIDTH_HEADING.sub(lambda m: "#" * len(m.group(1)) + " ", fixed)
        if fixed != row:
            lines[i] = fixed
            done.append((i + 1, "全角的 Markdown 符号（）！＃ → 英文符号"))
    return done
