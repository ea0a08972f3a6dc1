"""以案释法: give the case sections of a lesson their own blocks.

Staff write plain ``## 案情简介`` … ``## 普法提示`` headings; the page shows
each as a labelled block so readers see the structure of the case.
"""
from __future__ import annotations

import html
import re

CASE_SECTIONS = {
    "案情简介": "facts",
    "争议焦点": "issues",
    "法律分析": "analysis",
    "法条链接": "laws",
    "普法提示": "tips",
}
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def heading_text(inner_html: str) -> str:
    text = html.unescape(_TAGS.sub("", inner_html))
    return text.replace("¶", "").strip()


def wrap_case_sections(page_html: str) -> str:
    """Wrap each known case section (its h2 up to the next h2) in a <section>."""
    matches = list(_H2.finditer(page_html))
    if not matches:
        return page_html
    out = [page_html[: matches[0].start()]]
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(page_html)
        chunk = page_html[m.start(): end]
        kind = CASE_SECTIONS.get(heading_text(m.group(1)))
        if kind:
            chunk = f'<section class="pufa-case pufa-case--{kind}">{chunk}</section>'
        out.append(chunk)
    return "".join(out)


def missing_sections(markdown: str) -> list[str]:
    """Case headings a 以案释法 lesson should have but does not."""
    present = {m.group(1).strip() for m in re.finditer(r"^##\s+(.+?)\s*#*\s*$", markdown, re.M)}
    wanted = ["案情简介", "争议焦点", "法律分析", "普法提示"]
    return [h for h in wanted if h not in present]
