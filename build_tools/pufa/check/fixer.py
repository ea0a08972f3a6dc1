"""`pufa check --fix` inside a page: what can be repaired without guessing.

- a full-width colon after a field name (`summary：…`);
- full-width digits, hyphens and colons in dates and phone numbers;
- a list typed on one line (`tags: 家暴，保护令`, `选项: 醉驾，追逐竞驶`);
- links written as the site's address or from its root → the page's .md path;
- Windows paths → the file of that name under content/, when there is exactly one.

Each change is said in Chinese; the original is kept in .pufa-backup/.
"""
from __future__ import annotations

import re
from pathlib import Path

from pufa import yamlio
from pufa.backup import keep_original
from pufa.check import links, pasted
from pufa.content import frontmatter
from pufa.content import types as T
from pufa.content.validate import as_meant, one_line_list

_FENCE = re.compile(r"^---\s*$")
_KEY_FULLWIDTH = re.compile(r"^([A-Za-z_][\w-]*)\s*：\s*")
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?):(\s+)(.*?)\s*$")
_QUIZ_FENCE = re.compile(r"^\s*(```|~~~)\s*\{?\s*\.?(quiz|自测题|测试题)\s*\}?\s*$")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_OPTIONS_KEYS = ("选项", "options")


def fix_page(path: Path, rel: str, docs_dir: Path, site: links.Site) -> list[str]:
    """Repair one page in place; returns what was changed (Chinese, by line of the
    original file), [] if nothing."""
    try:
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return []
    done: list[tuple[int, str]] = []
    # Links first: they change no line numbers.
    fm, _ = frontmatter.split(text, rel)
    edits = links.fixes(site, rel, fm.body, fm.body_line) if fm.body else []
    new = links.apply_fixes(text, edits) if edits else text
    done += [(line, f"{thing}「{old}」→「{target}」") for line, _, _, old, target, thing in edits]
    lines = new.split("\n")
    end = _front_matter_end(lines)
    # Changes inside a line, in place (no line moves): odd spaces, full-width Markdown.
    if end:
        done += _spaces(lines, end)
    done += pasted.fix_lines(lines, end + 1 if end else 0)
    # (line index, replacement lines, what), applied from the bottom so each index holds.
    changes = _quiz_options(lines, end or 0)
    if end:
        values = _values(lines, end, rel)
        # A line with both (date：２０２６…): the value's change includes the colon's.
        changes += values + [c for c in _keys(lines, end) if c[0] not in {v[0] for v in values}]
    for i, block, what in sorted(changes, key=lambda c: -c[0]):
        lines[i:i + 1] = block
        done.append((i + 1, what))
    new = "\n".join(lines)
    if new == text:
        return []
    keep_original(path, docs_dir)
    path.write_bytes(new.encode("utf-8"))
    return [f"第 {line} 行：{what}" for line, what in sorted(done)]


def _front_matter_end(lines: list[str]) -> int | None:
    if not lines or not _FENCE.match(lines[0]):
        return None
    return next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)


def _spaces(lines: list[str], end: int) -> list[tuple[int, str]]:
    """Full-width and no-break spaces (from Word, web pages, WeChat) where YAML needs spaces."""
    done = []
    for i in range(1, end):
        row = lines[i]
        lead = len(row) - len(row.lstrip(" \u3000\u00a0"))
        fixed = row[:lead].replace("\u3000", "  ").replace("\u00a0", " ") + row[lead:]
        fixed = re.sub(r"^(\s*[^\s:#]+:)\u00a0+", r"\1 ", fixed)
        if fixed != row:
            lines[i] = fixed
            done.append((i + 1, "特殊空格（全角空格、不换行空格）→ 普通空格"))
    return done


def _keys(lines: list[str], end: int) -> list:
    out = []
    for i in range(1, end):
        m = _KEY_FULLWIDTH.match(lines[i])
        if m and ":" not in lines[i][:m.end()]:
            out.append((i, [f"{m.group(1)}: " + lines[i][m.end():]],
                        f"字段「{m.group(1)}」后面的全角冒号「：」→ 英文冒号"))
    return out


def _values(lines: list[str], end: int, rel: str) -> list:
    ctype = T.type_for_path(rel)
    if ctype is None:
        return []
    names = ctype.field_names()
    out = []
    for i in range(1, end):
        row = lines[i]
        key = _KEY_FULLWIDTH.match(row)
        if key and ":" not in row[:key.end()]:
            row = f"{key.group(1)}: " + row[key.end():]      # the colon is fixed too, on the same line
        m = _KEY_VALUE.match(row)
        f = names.get(m.group(2)) if m and not m.group(1) else None
        value = _plain(m.group(4)) if f is not None else None
        if f is None or value is None:
            continue
        readings = as_meant(f, value)
        if not readings:
            continue
        meant = readings[-1].value
        if isinstance(meant, list):
            block = [f"{m.group(2)}:"] + [f"  - {yamlio.scalar(item)}" for item in meant]
        else:
            block = [f"{m.group(2)}: {_quoted(meant) if f.kind == T.PHONE else meant}"]
        out.append((i, block, "；".join(f"「{f.label}」{r.change}" for r in readings)))
    return out


def _quiz_options(lines: list[str], start: int) -> list:
    out, fence = [], None
    for i in range(start, len(lines)):
        line = lines[i]
        if _CODE_FENCE.match(line):
            fence = None if fence else ("quiz" if _QUIZ_FENCE.match(line) else "code")
        elif fence == "quiz":
            m = _KEY_VALUE.match(line)
            if m and m.group(2).strip() in _OPTIONS_KEYS:
                value = _plain(m.group(4))
                items = one_line_list(value, short=True) if value else []
                if items:
                    indent = " " * (len(m.group(1)) + 2)
                    out.append((i, [f"{m.group(1)}{m.group(2)}:"] + [f"{indent}- {yamlio.scalar(x)}" for x in items],
                                f"写在一行的选项「{value}」→ 分成 {len(items)} 行"))
    return out


def _plain(value: str) -> str | None:
    """A scalar value as written, unquoted; None for lists, maps and block scalars."""
    value = value.strip()
    if not value or value[0] in "[{|>&*!" or value.startswith("#"):
        return None
    if value[0] in "\"'":
        try:
            loaded = yamlio.load_file(f"k: {value}")
        except Exception:  # noqa: BLE001 - a broken quote is reported by the check, not fixed
            return None
        return loaded.get("k") if isinstance(loaded, dict) and isinstance(loaded.get("k"), str) else None
    return re.sub(r"\s+#.*$", "", value)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
