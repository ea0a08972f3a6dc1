"""Word files laid out as the national laws and regulations database
(flk.npc.gov.cn) offers them for download, made with python-docx:

    title (centred, bold)
    （history: the steps, separated by full-width spaces）
    目　　录 and the chapters
    第一章　总　　则          (chapter headings, the characters spaced)
    第一条　……                (articles: the number, a full-width space, the text)
    （一）……                  (items: paragraphs of their own)
"""
from __future__ import annotations

from pathlib import Path

SPACE = "\u3000"


def spaced(name: str) -> str:
    """总则 -> 总　　则, as the database sets two-character chapter names."""
    return (SPACE * 2).join(name) if len(name) == 2 else name


def write(path: Path, title: str, history: list[str], chapters: list[tuple[str, list[tuple[str, list[str]]]]],
          toc: bool = True) -> Path:
    """chapters: [(第一章 name, [(第一条, [paragraph, …]), …]), …]."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(title).bold = True
    if history:
        note = document.add_paragraph("（" + SPACE.join(history) + "）")
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if toc:
        document.add_paragraph(f"目{SPACE * 2}录")
        for heading, _ in chapters:
            number, name = heading.split(" ", 1)
            document.add_paragraph(f"{number}{SPACE}{spaced(name)}")
    for heading, articles in chapters:
        number, name = heading.split(" ", 1)
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f"{number}{SPACE}{spaced(name)}").bold = True
        for label, paragraphs in articles:
            first = document.add_paragraph()
            first.add_run(label).bold = True
            first.add_run(SPACE + paragraphs[0])
            for more in paragraphs[1:]:
                document.add_paragraph(more)
    document.save(str(path))
    return path
