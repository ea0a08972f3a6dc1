"""Read a Markdown file's front matter with line numbers and friendly errors.

Staff write the YAML block between two ``---`` lines by hand.  The usual
mistakes -- a full-width colon (``标题：``), a Tab, an unclosed quote, a missing
closing ``---`` -- are recognised and explained in Chinese with the line.
Dates stay strings here so that 2024-02-30 is a finding, not a crash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from pufa.findings import ERROR, Finding


# libyaml's parser when PyYAML was built with it (it usually is): 1,500 law files
# with a front matter each are read on every build.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """SafeLoader that keeps dates and times as the text staff wrote."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:：#'\"][^:：]*?)\s*：")
_FENCE = re.compile(r"^---\s*$")


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Bytes to text; GBK and friends are named so staff know what to do."""
    findings: list[Finding] = []
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
            guess = "未知"
        findings.append(Finding(
            ERROR, file, line,
            f"文件不是 UTF-8 编码（看起来是 {guess} 编码），网站无法正确显示其中的中文",
            "运行 pufa check --fix 自动转换为 UTF-8（会保留一份 .bak 备份）；"
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
    findings = _lint_lines(yaml_lines, file)
    if findings:
        return fm, findings
    source = "\n".join(yaml_lines)
    loader = _Loader(source)
    try:
        # One pass: the node tree gives line numbers, then the values.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        return fm, [_yaml_error(exc, file, yaml_lines)]
    finally:
        loader.dispose()
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
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in fm.lines:
                findings.append(Finding(
                    ERROR, file, line, f"字段「{key}」写了两次（第 {fm.lines[key]} 行已经有了），后一个会覆盖前一个",
                    "删掉其中一行，只保留正确的那个", code="yaml.duplicate"))
                continue
            fm.lines[key] = line
    return fm, findings


def _lint_lines(yaml_lines: list[str], file: str) -> list[Finding]:
    """Mistakes YAML would report confusingly, found line by line."""
    findings = []
    for i, line in enumerate(yaml_lines):
        lineno = i + 2
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if line.startswith("\t") or (line[: len(line) - len(stripped)].count("\t")):
            findings.append(Finding(
                ERROR, file, lineno, "信息块里用了 Tab 缩进，YAML 只认空格",
                "把这一行开头的 Tab 换成两个空格", column=1, code="yaml.tab",
            ))
            continue
        m = _FULLWIDTH_KEY.match(line)
        if m and ":" not in line[: m.end()]:
            findings.append(Finding(
                ERROR, file, lineno,
                f"「{m.group(1)}」后面用了全角冒号「：」，应当用英文半角冒号「:」",
                f"改成「{m.group(1)}: 」（半角冒号，后面加一个空格）",
                column=m.end(), code="yaml.fullwidth-colon",
            ))
    return findings


def _yaml_error(exc: yaml.YAMLError, file: str, yaml_lines: list[str]) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    line = mark.line + 2 if mark is not None else 2
    column = mark.column + 1 if mark is not None else None
    if "quoted scalar" in context:
        start = context_mark.line + 2 if context_mark is not None else line
        return Finding(
            ERROR, file, start, "引号没有配对：这一行的引号开始了，却没有结束",
            "在值的末尾补上同样的引号（\" 或 '），或者把引号去掉",
            code="yaml.unclosed-quote",
        )
    if "mapping values are not allowed" in problem:
        return Finding(
            ERROR, file, line,
            "这一行的值里有英文冒号「:」，YAML 把它当成了新的字段",
            "把整个值用英文引号括起来，例如 title: \"会议：宪法宣传周\"",
            column=column, code="yaml.colon-in-value",
        )
    if "found character '\\t'" in problem:
        return Finding(ERROR, file, line, "信息块里有 Tab 字符，YAML 只认空格",
                       "把 Tab 换成空格", column=column, code="yaml.tab")
    if "could not find expected ':'" in problem:
        return Finding(
            ERROR, file, line,
            "这一行不是「字段: 值」的形式（可能漏了冒号，或冒号后没有空格）",
            "写成「字段: 值」：英文半角冒号，冒号后加一个空格",
            column=column, code="yaml.syntax",
        )
    if "found duplicate" in problem or "duplicate" in context:
        return Finding(ERROR, file, line, "同一个字段写了两次", "删掉多余的一行",
                       code="yaml.duplicate")
    detail = " ".join(x for x in (context, problem) if x)
    return Finding(
        ERROR, file, line,
        f"开头的信息块 YAML 格式有误（{detail}）",
        "检查这一行和上一行：每行「字段: 值」，列表项以「- 」开头，缩进只用空格",
        column=column, code="yaml.syntax",
    )


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
