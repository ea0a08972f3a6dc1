"""The one YAML reader: every YAML staff write (front matter, _defaults.yml,
_status.yml, playlists, mkdocs.yml) goes through here.

The usual mistakes -- a full-width colon (``标题：``), a Tab, an unclosed
quote, a colon inside a value -- are recognised and explained in Chinese
with the line.  Dates stay strings, so 2024-02-30 is a finding, not a crash.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from pufa.findings import ERROR, Finding

# libyaml's parser when PyYAML was built with it (it usually is): 1,500 law files
# with a front matter each are read on every build.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):
    """SafeLoader that keeps dates and times as the text staff wrote."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SettingsLoader(yaml.SafeLoader):
    """For mkdocs.yml: tags such as !!python/name: or !ENV are not ours to
    run; they read as nothing, so the rest of the file can be checked."""


SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Parsed:
    data: object = None
    node: yaml.Node | None = None
    first_line: int = 1

    def key_lines(self) -> list[tuple[str, int]]:
        """Top-level keys with their lines in the file, in order."""
        if not isinstance(self.node, yaml.MappingNode):
            return []
        return [(str(k.value), k.start_mark.line + self.first_line) for k, _ in self.node.value]


@dataclass(frozen=True)
class Wording:
    """How messages name the YAML: a page's front matter, or a settings file."""
    block: str = "开头的信息块"     # "… YAML 格式有误"
    where: str = "信息块"           # "…里用了 Tab"
    field: str = "字段"             # "「字段: 值」"


FRONT_MATTER = Wording()
DATA_FILE = Wording("这个文件的", "文件", "字段")
SETTINGS = Wording("mkdocs.yml 的", "mkdocs.yml ", "设置项")
PLAYLIST = Wording("播放列表", "播放列表", "字段")


def parse(text: str, file: str, first_line: int = 1, loader=Loader,
          wording: Wording = FRONT_MATTER) -> tuple[Parsed, list[Finding]]:
    """YAML text whose first line is line `first_line` of `file`.

    When YAML fails (or reads a would-be mapping as one string), the lines are
    looked at one by one: a full-width colon or a Tab is named on its own line,
    where YAML would complain one line later.  Lines that parse are left alone:
    a ``：`` inside a block of text is prose, not a mistake."""
    ld = loader(text)
    try:
        node = ld.get_single_node()
        data = ld.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        lint = lint_lines(text.split("\n"), file, first_line, wording)
        return Parsed(first_line=first_line), lint or [yaml_error(exc, file, first_line, wording)]
    finally:
        ld.dispose()
    if isinstance(data, str):
        lint = lint_lines(text.split("\n"), file, first_line, wording)
        if lint:
            return Parsed(first_line=first_line), lint
    merged = value_then_list(text.split("\n"), file, first_line)
    if merged:
        return Parsed(first_line=first_line), merged
    return Parsed(data, node, first_line), []


def value_then_list(lines: list[str], file: str, first_line: int = 1) -> list[Finding]:
    """`tags: 家暴` with `  - 保护令` under it: YAML reads one sentence, 「家暴 - 保护令」."""
    findings = []
    for i, line in enumerate(lines):
        kv = _INLINE_VALUE.match(line)
        if not kv:
            continue
        following = next((row for row in lines[i + 1:] if row.strip() and not row.lstrip().startswith("#")), "")
        if re.match(r"^\s+-\s", following):
            value = kv.group(2).strip()
            findings.append(Finding(
                ERROR, file, i + first_line,
                f"「{kv.group(1)}」后面已经写了「{value}」，下面以「- 」开头的几行就不算列表了，会连成一句话",
                f"把「{value}」也挪到下一行，写成「  - {value}」，冒号后面什么都不写",
                column=kv.start(2) + 1, code="yaml.value-and-list"))
    return findings


def parse_mapping(text: str, file: str, wording: Wording = DATA_FILE) -> tuple[dict, Parsed, list[Finding]]:
    """A whole YAML file that must be 「字段: 值」 lines (empty is fine)."""
    parsed, findings = parse(text, file, 1, wording=wording)
    if findings:
        return {}, parsed, findings
    if parsed.data is None:
        return {}, parsed, []
    if not isinstance(parsed.data, dict):
        return {}, parsed, [Finding(
            ERROR, file, 1, f"{wording.where}应当是「{wording.field}: 值」的形式，每行一项",
            "例如 title: 反家庭暴力法十问（冒号是英文半角冒号，后面有一个空格）", code="yaml.not-mapping")]
    return parsed.data, parsed, []


def load_file(text: str) -> object:
    """Plain data of a YAML file pufa itself ships (no line numbers needed)."""
    return yaml.load(text, Loader=_BaseLoader)


def scalar(value) -> str:
    """A YAML scalar as staff would type it, quoted only when it must be."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def dump(data) -> str:
    """YAML that reads back as the same data, whatever staff put in a title."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:：#'\"][^:：#]*?)\s*：")


_INLINE_VALUE = re.compile(r"""^([^\s:#'"-][^:#]*?):[ ]+([^\s#|>&*!\[{'"].*)$""")
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*?:\s+)?(["'])(.*)$""")


def _unclosed(rest: str, quote: str) -> bool:
    """Whether a value opened with `quote` is still open at the end of its line."""
    if quote == "'":
        return rest.replace("''", "").count("'") == 0
    return rest.replace('\\\\', "").replace('\\"', "").count('"') == 0


def lint_lines(lines: list[str], file: str, first_line: int = 1,
               wording: Wording = FRONT_MATTER) -> list[Finding]:
    """Mistakes YAML would report confusingly (or one line late), found line by line."""
    findings = []
    for i, line in enumerate(lines):
        lineno = i + first_line
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if line.startswith(("\u3000", "\u00a0")) or re.match(r"^\s*[^\s:#]+:\u00a0", line):
            findings.append(Finding(
                ERROR, file, lineno,
                f"{wording.where}这一行里有看不见的特殊空格（全角空格或网页、微信里的不换行空格），YAML 不认",
                "把这一行开头和冒号后面的空格删掉，用英文输入法重新打空格（pufa check --fix 会自动改）",
                column=1, code="yaml.odd-space"))
            continue
        if "\t" in line[: len(line) - len(stripped)]:
            findings.append(Finding(
                ERROR, file, lineno, f"{wording.where}里用了 Tab 缩进，YAML 只认空格",
                "把这一行开头的 Tab 换成两个空格", column=1, code="yaml.tab",
            ))
            continue
        q = _QUOTED_VALUE.match(line)
        if q and _unclosed(q.group(2), q.group(1)):
            findings.append(Finding(
                ERROR, file, lineno, "引号没有配对：这一行的引号开始了，却没有结束",
                "在值的末尾补上同样的引号（\" 或 '），或者把引号去掉", code="yaml.unclosed-quote"))
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


def yaml_error(exc: yaml.YAMLError, file: str, first_line: int = 1,
               wording: Wording = FRONT_MATTER) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    line = mark.line + first_line if mark is not None else first_line
    column = mark.column + 1 if mark is not None else None
    f = wording.field
    if "quoted scalar" in context:
        start = context_mark.line + first_line if context_mark is not None else line
        return Finding(
            ERROR, file, start, "引号没有配对：这一行的引号开始了，却没有结束",
            "在值的末尾补上同样的引号（\" 或 '），或者把引号去掉",
            code="yaml.unclosed-quote",
        )
    if "mapping values are not allowed" in problem:
        return Finding(
            ERROR, file, line,
            f"这一行的值里有英文冒号「:」，YAML 把它当成了新的{f}",
            "把整个值用英文引号括起来，例如 title: \"会议：宪法宣传周\"",
            column=column, code="yaml.colon-in-value",
        )
    if "found character '\\t'" in problem:
        return Finding(ERROR, file, line, f"{wording.where}里有 Tab 字符，YAML 只认空格",
                       "把 Tab 换成空格", column=column, code="yaml.tab")
    if "could not find expected ':'" in problem:
        return Finding(
            ERROR, file, line,
            f"这一行不是「{f}: 值」的形式（可能漏了冒号，或冒号后没有空格）",
            f"写成「{f}: 值」：英文半角冒号，冒号后加一个空格",
            column=column, code="yaml.syntax",
        )
    if "found duplicate" in problem or "duplicate" in context:
        return Finding(ERROR, file, line, f"同一个{f}写了两次", "删掉多余的一行",
                       code="yaml.duplicate")
    detail = " ".join(x for x in (context, problem) if x)
    return Finding(
        ERROR, file, line,
        f"{wording.block} YAML 格式有误（{detail}）",
        f"检查这一行和上一行：每行「{f}: 值」，列表项以「- 」开头，缩进只用空格",
        column=column, code="yaml.syntax",
    )
