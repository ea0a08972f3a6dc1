"""Our style sheets parse as written: one unclosed `@media … {` once put every rule
after it (the Q&A answer box, the search's "not sure" panel) inside a wide-screen
query, so phones never saw them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHEETS = sorted((ROOT / "theme" / "assets" / "pufa").glob("*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.name for s in SHEETS])
def test_every_block_is_closed_and_rules_sit_at_most_inside_one_at_rule(sheet):
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"\"[^\"\n]*\"|'[^'\n]*'", "\"\"", text)
    depth, line = 0, 1
    stack = []
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch == "{":
            stack.append(line)
            depth += 1
            assert depth <= 2, f"{sheet.name}:{line}: a rule nested {depth} deep (block opened on line {stack[0]})"
        elif ch == "}":
            assert depth > 0, f"{sheet.name}:{line}: a }} closes nothing"
            stack.pop()
            depth -= 1
    assert depth == 0, f"{sheet.name}: the block opened on line {stack[0]} is never closed"
