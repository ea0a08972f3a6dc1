"""Check a page's front matter against its content type.

Returns the values normalised (Chinese keys to field names, dates to
``datetime.date``) and findings in Chinese that name the field and the line.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from pufa.content import documents
from pufa.content import types as T
from pufa.content.frontmatter import FrontMatter
from pufa.findings import ERROR, WARNING, Finding

# Keys MkDocs and Material understand themselves; allowed on every page.
PASSTHROUGH = {
    "template", "hide", "icon", "status", "search", "comments", "subtitle",
    "description", "title", "tags",
}
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_PHONE = re.compile(r"^[0-9０-９+\-－()（）\s转]{3,30}$")


def parse_date(value) -> dt.date | None:
    """A real calendar date from 'YYYY-MM-DD', or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_partial_date(value) -> tuple[int, int, int] | None:
    """(year, month, day) from YYYY, YYYY-MM or YYYY-MM-DD; 0 for missing parts."""
    m = _PARTIAL.match(str(value).strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return (year, month, day)


def validate(fm: FrontMatter, ctype: T.ContentType, file: str,
             defaults: dict | None = None) -> tuple[dict, list[Finding]]:
    findings: list[Finding] = []
    names = ctype.field_names()
    meta: dict = {}
    # Folder defaults first (Eleventy's data cascade); the page wins.
    merged: list[tuple[str, object, int | None]] = []
    for key, value in (defaults or {}).items():
        merged.append((key, value, None))
    for key, value in fm.data.items():
        merged.append((str(key), value, fm.line_of(str(key))))

    for key, value, line in merged:
        f = names.get(key)
        if f is None:
            if key in PASSTHROUGH:
                meta[key] = value
                continue
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
            hint = f"是不是想写「{close[0]}」？" if close else \
                "可以写的字段：" + "、".join(f"{x.name}（{x.label}）" for x in ctype.fields)
            findings.append(Finding(
                WARNING, file, line, f"「{ctype.label}」没有「{key}」这个字段，它不会显示",
                hint, code="schema.unknown",
            ))
            meta[key] = value
            continue
        if _is_placeholder(value):
            findings.append(Finding(
                ERROR, file, line or fm.line_of(key),
                f"字段「{f.label}」（{f.name}）还没有填写（仍是模板里的占位文字）",
                f"把「{_placeholder_text(value)}」换成真实内容" + (f"：{f.help}" if f.help else ""),
                code="schema.placeholder"))
            meta[f.name] = value
            continue
        for reading in as_meant(f, value):
            findings.append(Finding(WARNING, file, line or fm.line_of(key),
                                    f"字段「{f.label}」（{f.name}）{reading.message}", reading.hint, code=reading.code))
            value = reading.value
        value, problems = check_value(f, value)
        for message, hint in problems:
            findings.append(Finding(ERROR, file, line or fm.line_of(key),
                                    f"字段「{f.label}」（{f.name}）{message}", hint,
                                    code="schema.value"))
        meta[f.name] = value

    end_line = (fm.body_line - 1) if fm.start_line else 1
    for f in ctype.fields:
        if f.name in meta and not _is_empty(meta[f.name]):
            continue
        if f.required:
            findings.append(Finding(
                ERROR, file, end_line if fm.start_line else 1,
                f"缺少必填字段「{f.label}」（{f.name}）",
                f"在开头的信息块（两行 --- 之间）加一行「{f.name}: …」" +
                (f"：{f.help}" if f.help else ""),
                code="schema.missing",
            ))
        elif f.recommended:
            findings.append(Finding(
                WARNING, file, end_line if fm.start_line else 1,
                f"没有填写「{f.label}」（{f.name}），群众需要它",
                f"在开头的信息块加一行「{f.name}: …」" + (f"：{f.help}" if f.help else ""),
                code="schema.recommended",
            ))

    if ctype is T.CAMPAIGN:
        start, end = meta.get("start"), meta.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            findings.append(Finding(
                ERROR, file, fm.line_of("end"), "结束日期早于开始日期",
                "检查 start（开始日期）和 end（结束日期）", code="schema.range",
            ))
        if "date" not in meta and isinstance(start, dt.date):
            meta["date"] = start
    if ctype is T.DOCUMENT:
        # Placeholders are reported above; their shape is not worth a second finding.
        filled = {k: v for k, v in meta.items() if not _is_placeholder(v)}
        for name, p in documents.page_problems(filled):
            f = ctype.field(name)
            line = fm.lines.get(name) or fm.lines.get(f.label) or fm.line_of(name)
            findings.append(Finding(p.severity, file, line, p.message, p.hint,
                                    code=p.code))
    return meta, findings


_PLACEHOLDER = re.compile(r"待补充|第[xX×]+条|^\s*(?:xx+|XX+|××+)\s*$")


def _placeholder_text(value) -> str:
    if isinstance(value, list):
        return next((str(v) for v in value if _PLACEHOLDER.search(str(v))), "")
    return str(value)


def _is_placeholder(value) -> bool:
    """Text left as `pufa new` wrote it (待补充, 第xx条)."""
    if isinstance(value, list):
        return any(isinstance(v, str) and _PLACEHOLDER.search(v) for v in value)
    return isinstance(value, str) and bool(_PLACEHOLDER.search(value))


# (Not brackets: 「12348（热线）」 is how a note after a number is written.)
_HALFWIDTH = str.maketrans("０１２３４５６７８９－—–／＋", "0123456789---/+")


_USUAL_DATE = re.compile(r"^(\d{4})\s*(?:[年/.]\s*(?:(\d{1,2})\s*(?:[月/.]\s*(?:(\d{1,2})\s*日?)?)?)?)?\s*$")


def usual_date(value: str) -> str | None:
    """A date as people write it (2024年5月1日, 2024/5/1, 2024.5.1, 1921年7月) as
    pufa reads it (2024-05-01, 1921-07); None when it is not one, or already is."""
    m = _USUAL_DATE.match(halfwidth(value))
    if not m or not (m.group(2) or "年" in value):
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    iso = y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")
    return iso if iso != value.strip() else None


def halfwidth(value):
    """Digits and punctuation a Chinese input method typed full-width: ２０２６－０３－０８ → 2026-03-08."""
    return value.translate(_HALFWIDTH).strip() if isinstance(value, str) else value


def _shown(value) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


_LIST_SEPARATORS = re.compile(r"\s*[；;]\s*")
_SOFT_SEPARATORS = re.compile(r"\s*(?:[，、]|,\s)\s*")
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*(?:\d+|[A-Ha-h])\s*[)）]|(?:\d+|[A-Ha-h])\s*[、.．)）]"
                        r"|[一二三四五六七八九十]+\s*[、.．])\s*")


def one_line_list(value: str, short: bool = False) -> list[str]:
    """A list typed on one line, as in Word: 「家暴，保护令」, 「1、身份证；2、户口簿」
    (its items), or [] if it is one item.  `short`: the items are words (tags, audiences,
    quiz options), so 「，」 separates them too."""
    text = value.strip()
    if _LIST_SEPARATORS.search(text):
        parts = _LIST_SEPARATORS.split(text)
    else:
        parts = _SOFT_SEPARATORS.split(text)
        numbered = sum(bool(_NUMBERING.match(p)) for p in parts) == len(parts)
        # In a list of sentences 「，」 joins the halves of one (双方自愿，纠纷属于民间纠纷):
        # split there only between numbered items; 「、」 always enumerates.
        if not (short or numbered or "、" in text):
            return []
    items = [_NUMBERING.sub("", p).strip() for p in parts]
    items = [i for i in items if i]
    return items if len(items) > 1 else []


@dataclass(frozen=True)
class Reading:
    """A value as staff typed it (Word, a Chinese input method), read as they meant it:
    the check warns with `message`, and `pufa check --fix` writes `value`, saying `change`."""
    value: object
    code: str
    message: str            # after 字段「标签」（tags）
    hint: str
    change: str             # after 「标签」, in what --fix prints


def as_meant(f: T.Field, value) -> list[Reading]:
    """The readings of one value, in order (each starts from the one before)."""
    out: list[Reading] = []
    if f.kind in (T.CHOICES, T.TEXT_LIST) and isinstance(value, str):
        items = one_line_list(value, has_short_items(f))
        if items:
            out.append(Reading(
                items, "schema.one-line-list", f"写成了一行「{value}」，已分成 {len(items)} 项：{'、'.join(items)}",
                f"每项单独一行，以「- 」开头，例如\n        {f.name}:\n          - {items[0]}\n          - {items[1]}",
                f"写在一行的「{value}」→ 分成 {len(items)} 行"))
            value = items
    if f.kind in (T.DATE, T.PARTIAL_DATE, T.PHONE) and isinstance(value, (str, list)):
        half = [halfwidth(v) for v in value] if isinstance(value, list) else halfwidth(value)
        if half != value and not check_value(f, half)[1]:
            out.append(Reading(
                half, "schema.fullwidth", f"用了全角数字或符号（输入法在中文状态）：已按「{_shown(half)}」处理",
                f"切换到英文输入法重新输入，写成 {_shown(half)}（pufa check --fix 会自动改）",
                f"的全角数字和符号「{_shown(value)}」→「{_shown(half)}」"))
            value = half
    if f.kind in (T.DATE, T.PARTIAL_DATE) and isinstance(value, str):
        iso = usual_date(value)
        if iso and not check_value(f, iso)[1]:
            out.append(Reading(iso, "schema.date-format", f"的日期写成了「{value}」：已按「{iso}」处理",
                               f"写成 {iso}（年-月-日，用英文减号；pufa check --fix 会自动改）",
                               f"的日期「{value}」→「{iso}」"))
    return out


def has_short_items(f: T.Field) -> bool:
    """Tags and choices are words; other lists (conditions, steps) may be sentences."""
    return f.kind == T.CHOICES or f.name == "tags"


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text(value) -> str | None:
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        return None
    if value is None:
        return None
    return str(value).strip()


def check_value(f: T.Field, value) -> tuple[object, list[tuple[str, str]]]:
    """Normalise one value; return it and a list of (message, hint)."""
    if value is None:
        return None, []
    kind = f.kind
    if kind == T.TEXT:
        text = _text(value)
        if text is None:
            return value, [("应当是一段文字", f"写成「{f.name}: 文字」")]
        return text, []
    if kind == T.DATE:
        date = parse_date(value)
        if date is None:
            if _DATE.match(str(value).strip()):
                return value, [(f"的日期 {value} 不存在", "检查月份和日期，例如 2 月没有 30 日")]
            return value, [(f"的日期「{value}」格式不对", "写成 年-月-日，例如 2024-05-01")]
        return date, []
    if kind == T.PARTIAL_DATE:
        parts = parse_partial_date(value)
        if parts is None:
            return value, [(f"的日期「{value}」格式不对或不存在",
                            "写成 1921-07-23，或只写年月 1921-07，或只写年份 1921")]
        return parts, []
    if kind == T.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                return value, [("应当是一个整数", "只写阿拉伯数字，例如 12")]
        if f.min_value is not None and value < f.min_value or \
                f.max_value is not None and value > f.max_value:
            return value, [(f"的值 {value} 不在合理范围（{f.min_value}–{f.max_value}）", "检查是否写错")]
        return value, []
    if kind == T.BOOL:
        if isinstance(value, bool):
            return value, []
        text = str(value).strip()
        if text in ("是", "true", "True", "yes"):
            return True, []
        if text in ("否", "false", "False", "no"):
            return False, []
        return value, [("应当是 true 或 false", "写 true（是）或 false（否）")]
    if kind == T.CHOICE:
        text = _text(value)
        if text not in f.choices:
            return value, [(f"的值「{value}」不在可选范围内",
                            "可选：" + "、".join(f.choices))]
        return text, []
    if kind in (T.CHOICES, T.TEXT_LIST, T.PAGES):
        items = value if isinstance(value, list) else [value]
        out, problems = [], []
        for item in items:
            text = _text(item)
            if text is None or text == "":
                problems.append(("的列表里有一项不是文字", "每项一行，以「- 」开头"))
                continue
            if kind == T.CHOICES and text not in f.choices:
                problems.append((f"里的「{text}」不在可选范围内", "可选：" + "、".join(f.choices)))
            out.append(text)
        return out, problems
    if kind == T.PHONE:
        items = value if isinstance(value, list) else [value]
        out, problems = [], []
        for item in items:
            text = _text(item)
            if not text:
                continue
            number = text.split("（")[0].split("(")[0].strip()
            if not _PHONE.match(number):
                problems.append((f"里的「{text}」不像电话号码", "写成 0571-12345678 或 12348，可在后面用括号加说明"))
            out.append(text)
        return out, problems
    if kind == T.FAQ:
        if not isinstance(value, list):
            return value, [("应当是问答列表", "每条写成「- 问: …」和下一行「  答: …」")]
        out, problems = [], []
        for item in value:
            if not isinstance(item, dict):
                problems.append(("里有一条不是「问/答」的形式", "每条写成「- 问: …」和「  答: …」"))
                continue
            q = _text(item.get("问", item.get("q")))
            a = _text(item.get("答", item.get("a")))
            if not q or not a:
                problems.append(("里有一条缺少「问」或「答」", "每条都要有「问」和「答」"))
                continue
            out.append({"q": q, "a": a})
        return out, problems
    if kind == T.FORMS:
        items = value if isinstance(value, list) else [value]
        out, problems = [], []
        for item in items:
            if isinstance(item, str):
                item = {"file": item}
            if not isinstance(item, dict) or not _text(item.get("file") or item.get("文件")):
                problems.append(("里有一项没有写 file（文件路径）", "每项写成「- file: forms/申请表.docx」和「  title: 申请表」"))
                continue
            out.append({"file": _text(item.get("file") or item.get("文件")),
                        "title": _text(item.get("title") or item.get("名称")) or ""})
        return out, problems
    if kind == T.PHOTOS:
        items = value if isinstance(value, list) else [value]
        out, problems = [], []
        for item in items:
            if isinstance(item, str):
                item = {"src": item}
            if not isinstance(item, dict) or not _text(item.get("src")):
                problems.append(("里有一张照片没有写 src（图片路径）", "每张写成「- src: 图片路径」和「  alt: 文字说明」"))
                continue
            out.append({"src": _text(item["src"]), "alt": _text(item.get("alt")) or ""})
        return out, problems
    return value, []
