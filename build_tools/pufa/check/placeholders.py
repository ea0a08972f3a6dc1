"""Unfilled placeholders: xx, XX, xxx, ××, 待补充, TODO, 【】.

Not inside Latin words (xxl, Xbox), not in code, and never 某某 (cases use it
for names).  The bureau's own report once went out with "粉丝xx万".
"""
from __future__ import annotations

import re

from pufa.content.frontmatter import prose_lines
from pufa.findings import ERROR, Finding

_PATTERN = re.compile(
    r"(?<![A-Za-z])(?:xx+|XX+|Xx|xX)(?![A-Za-z])"   # xx, XX, xxx (not in words)
    r"|××+|✕✕+"                                       # ×× (multiplication signs)
    r"|待补充|待填写|待定稿"
    r"|(?<![A-Za-z])TODO(?![A-Za-z])"
    r"|【\s*】"                                       # empty lenticular brackets
)
_INLINE_CODE = re.compile(r"`[^`]*`")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_URL = re.compile(r"\]\([^)]*\)|https?://\S+")


def find(text: str, shown: str, first_line: int = 1) -> list[Finding]:
    findings = []
    for n, line in prose_lines(text):
        scan = _HTML_COMMENT.sub(lambda m: " " * len(m.group(0)), line)
        scan = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), scan)
        scan = _URL.sub(lambda m: " " * len(m.group(0)), scan)
        for m in _PATTERN.finditer(scan):
            word = m.group(0)
            findings.append(Finding(
                ERROR, shown, first_line + n,
                f"「{word}」像是没有填写的占位文字：{_context(line, m.start(), m.end())}",
                "换成真实内容；确实要写这几个字的话，用反引号括起来，如 `xx`",
                column=m.start() + 1, code="text.placeholder",
            ))
    return findings


def _context(line: str, start: int, end: int) -> str:
    left = max(0, start - 8)
    right = min(len(line), end + 8)
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")
