"""Citations in content pages, checked against the law library at build time.

Works on the Markdown source, so every finding has its file, line and column.
A citation of an article that does not exist is an error; a citation of a
repealed or superseded law is a warning that names the replacement; a citation
written before the law's newest text, of an article that text changed, moved
or dropped, is a warning that names the new article (pufa.laws.moves).
"""
from __future__ import annotations

import datetime as dt

from pufa.content.frontmatter import prose_lines
from pufa.findings import ERROR, WARNING, Finding
from pufa.laws import citations as C
from pufa.laws import moves
from pufa.laws.library import LawLibrary
from pufa.laws.render import CITES_REPEALED, CITES_SUPERSEDED, MISSING_ARTICLE, UNKNOWN_LAW, resolve

SEVERITY = {MISSING_ARTICLE: ERROR, CITES_REPEALED: WARNING, CITES_SUPERSEDED: WARNING,
            UNKNOWN_LAW: WARNING}
CODES = {MISSING_ARTICLE: "cite.missing-article", CITES_REPEALED: "cite.repealed",
         CITES_SUPERSEDED: "cite.superseded", UNKNOWN_LAW: "cite.unknown-law"}
MOVED = "cite.moved"

# Front-matter fields whose values cite laws (in English and Chinese keys): linked on
# the page and checked by `pufa check` and the build alike.
CITATION_FIELDS = ("laws", "法条", "basis", "设定依据", "上位法依据", "answer", "简要回答")


def written_on(value) -> dt.date | None:
    """A page's `date:` as a date (YAML gives a date, a quoted one a string)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None


def check_text(lib: LawLibrary, shown: str, text: str, first_line: int = 1,
               report_unknown: bool = True, written: dt.date | None = None) -> list[Finding]:
    """Findings for the citations in text whose first line is `first_line`;
    `written`: the page's date (a citation written before a law's newest text
    is checked against the text it was written for)."""
    findings = []
    for n, line in prose_lines(text):
        if "条" not in line:
            continue
        for cite in C.find(line, lib.title_for):
            res = resolve(lib, cite)
            shown_cite = line[cite.start:cite.end]
            if not res.problem:
                if res.entry is not None and res.entry.older and not cite.own:
                    move = moves.moved(lib, res.entry, cite.key, written, cite.version_year)
                    if move is not None:
                        findings.append(Finding(WARNING, shown, first_line + n, f"{shown_cite}：{move.message}",
                                                move.hint, column=cite.start + 1, code=MOVED))
                continue
            if res.problem == UNKNOWN_LAW and not report_unknown:
                continue
            findings.append(Finding(SEVERITY[res.problem], shown, first_line + n,
                                    f"{shown_cite}：{res.message}", res.hint,
                                    column=cite.start + 1, code=CODES[res.problem]))
    return findings


def check_values(lib: LawLibrary, shown: str, values, line: int | None,
                 report_unknown: bool = True, written: dt.date | None = None) -> list[Finding]:
    """Citations in a front-matter list (laws:, basis:), items on the lines below the key."""
    findings = []
    items = values if isinstance(values, list) else [values]
    for i, value in enumerate(items):
        if not isinstance(value, str):
            continue
        at = (line + 1 + i) if (line and isinstance(values, list)) else line
        for f in check_text(lib, shown, value, at or 1, report_unknown, written):
            findings.append(Finding(f.severity, f.file, at, f.message, f.hint, None, f.code))
    return findings
