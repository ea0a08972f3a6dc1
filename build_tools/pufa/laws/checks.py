"""Citations in content pages, checked against the law library at build time.

Works on the Markdown source, so every finding has its file, line and column.
A citation of an article that does not exist is an error; a citation of a
repealed or superseded law is a warning that names the replacement.
"""
from __future__ import annotations


from pufa.content.frontmatter import prose_lines
from pufa.findings import ERROR, WARNING, Finding
from pufa.laws import citations as C
from pufa.laws.library import LawLibrary
from pufa.laws.render import CITES_REPEALED, CITES_SUPERSEDED, MISSING_ARTICLE, UNKNOWN_LAW, resolve

SEVERITY = {MISSING_ARTICLE: ERROR, CITES_REPEALED: WARNING, CITES_SUPERSEDED: WARNING,
            UNKNOWN_LAW: WARNING}
CODES = {MISSING_ARTICLE: "cite.missing-article", CITES_REPEALED: "cite.repealed",
         CITES_SUPERSEDED: "cite.superseded", UNKNOWN_LAW: "cite.unknown-law"}

# Front-matter fields whose values cite laws (in English and Chinese keys): linked on
# the page and checked by `pufa check` and the build alike.
CITATION_FIELDS = ("laws", "法条", "basis", "设定依据", "上位法依据", "answer", "简要回答")


def check_text(lib: LawLibrary, shown: str, text: str, first_line: int = 1,
               report_unknown: bool = True) -> list[Finding]:
    """Findings for the citations in text whose first line is `first_line`."""
    findings = []
    for n, line in prose_lines(text):
        if "条" not in line:
            continue
        for cite in C.find(line, lib.title_for):
            res = resolve(lib, cite)
            if not res.problem or (res.problem == UNKNOWN_LAW and not report_unknown):
                continue
            findings.append(Finding(SEVERITY[res.problem], shown, first_line + n,
                                    f"{line[cite.start:cite.end]}：{res.message}", res.hint,
                                    column=cite.start + 1, code=CODES[res.problem]))
    return findings


def check_values(lib: LawLibrary, shown: str, values, line: int | None,
                 report_unknown: bool = True) -> list[Finding]:
    """Citations in a front-matter list (laws:, basis:), items on the lines below the key."""
    findings = []
    items = values if isinstance(values, list) else [values]
    for i, value in enumerate(items):
        if not isinstance(value, str):
            continue
        at = (line + 1 + i) if (line and isinstance(values, list)) else line
        for f in check_text(lib, shown, value, at or 1, report_unknown):
            findings.append(Finding(f.severity, f.file, at, f.message, f.hint, None, f.code))
    return findings
