"""Read a Markdown file's front matter with line numbers and friendly errors.

Staff write the YAML block between two ``---`` lines by hand.  The usual
mistakes -- a full-width colon (``标题：``), a Tab, an unclosed quote, a missing
closing ``---`` -- are recognised and explained in Chinese with the line.
Dates stay strings here so that 2024-02-30 is a finding, not a crash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pufa import yamlio
from pufa.findings import ERROR, Finding


@dataclass
class FrontMatter:
    data: dict = field(default_factory=dict)
    # key as written -> 1-based line in the file
    lines: dict = field(default_factory=dict)
    body: str = ""
    # 1-based line of the first body line
    body_line: int = 1
    # 1-based line of the opening '---', or None when there is no front matter
    start_line: int | None = None

    def line_of(self, key: str) -> int:
        return self.lines.get(key) or self.start_line or 1


_FENCE = re.compile(r"^---\s*$")


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Bytes to text; GBK and friends are named so staff know what to do."""
    findings: list[Finding] = []
    from pufa.check.files import utf16_text

    if utf16_text(raw) is not None:
        return None, [Finding(
            ERROR, file, 1,
            "文件是 UTF-16 编码（记事本「另存为」时选了「Unicode」），不是网站要求的 UTF-8，无法读取",
            "运行 pufa check --fix 自动转换为 UTF-8（原文件保存在 .pufa-backup 文件夹）；"
            "或用记事本打开，「另存为」时编码选择「UTF-8」",
            code="file.encoding")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            guess = "GBK/GB18030（Windows 记事本或 WPS 的「ANSI」）"
        except UnicodeDecodeError:
            guess = None
        if guess is None:
            findings.append(Finding(
                ERROR, file, line,
                "文件里有读不懂的字符（不是 UTF-8，也不是 GBK），可能是从别的软件里复制时损坏了",
                "用记事本或 WPS 打开这个文件，检查这一行附近的文字，「另存为」时编码选择「UTF-8」",
                code="file.encoding"))
            return None, findings
        findings.append(Finding(
            ERROR, file, line,
            f"文件不是 UTF-8 编码（看起来是 {guess} 编码），网站无法正确显示其中的中文",
            "运行 pufa check --fix 自动转换为 UTF-8（原文件保存在 .pufa-backup 文件夹）；"
            "或用记事本打开，「另存为」时编码选择「UTF-8」",
            code="file.encoding",
        ))
        return None, findings
    return text.replace("\r\n", "\n").replace("\r", "\n"), findings


def split(text: str, file: str) -> tuple[FrontMatter, list[Finding]]:
    """Split text into front matter (parsed) and body, collecting findings."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return FrontMatter(body=text, body_line=1), []
    end = None
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]) or lines[i].rstrip() == "...":
            end = i
            break
    if end is None:
        return FrontMatter(body=text, start_line=1), [Finding(
            ERROR, file, 1,
            "开头的信息块（front matter）没有结束：找不到第二个「---」",
            "在信息块最后一行的下面单独加一行「---」，再接正文",
            code="yaml.unclosed",
        )]
    yaml_lines = lines[1:end]
    fm = FrontMatter(body="\n".join(lines[end + 1:]), body_line=end + 2, start_line=1)
    parsed, findings = yamlio.parse("\n".join(yaml_lines), file, first_line=2)
    if findings:
        return fm, findings
    data = parsed.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return fm, [Finding(
            ERROR, file, 2,
            "开头的信息块应当是「字段: 值」的形式，每行一个字段",
            "例如：title: 反家庭暴力法十问（冒号是英文半角冒号，后面有一个空格）",
            code="yaml.not-mapping",
        )]
    fm.data = data
    findings = []
    for key, line in parsed.key_lines():
        if key in fm.lines:
            findings.append(Finding(
                ERROR, file, line, f"字段「{key}」写了两次（第 {fm.lines[key]} 行已经有了），后一个会覆盖前一个",
                "删掉其中一行，只保留正确的那个", code="yaml.duplicate"))
            continue
        fm.lines[key] = line
    return fm, findings


_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_QUIZ_FENCE = re.compile(r"^\s*(```|~~~)\s*\{?\s*\.?(quiz|自测题|测试题)\s*\}?\s*$")


def prose_lines(text: str):
    """(index, line) for the lines of Markdown outside fenced code blocks.

    Quiz blocks (```quiz) are content, not code: their lines are included,
    so citations and placeholders in questions are checked like any text.
    """
    fence = None
    for n, line in enumerate(text.split("\n")):
        if _CODE_FENCE.match(line):
            if fence is None:
                fence = "quiz" if _QUIZ_FENCE.match(line) else "code"
            else:
                fence = None
            continue
        if fence != "code":
            yield n, line
