"""Forms attached to guides (申请表, 申请书): where they are, what they are, how big.

Staff list them in a guide's front matter (``forms:``); the files live under
content/ like images.  A missing file stops the build; a big one is a
warning, because readers download them on phones in the countryside.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from pufa.findings import ERROR, WARNING, Finding

KINDS = {".pdf": "PDF 文件", ".doc": "Word 文档", ".docx": "Word 文档", ".wps": "WPS 文字",
         ".xls": "Excel 表格", ".xlsx": "Excel 表格", ".et": "WPS 表格", ".odt": "文档", ".ods": "表格"}
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Form:
    src: str            # path under content/ ('/'-separated)
    title: str
    kind: str
    size: int

    @property
    def size_text(self) -> str:
        return f"{self.size / 1048576:.1f} MB" if self.size >= 1048576 else f"{max(1, round(self.size / 1024))} KB"


def resolve(docs_dir: Path, page_src: str, file: str) -> str | None:
    """A form's path under content/: relative to the guide's folder, else to content/."""
    file = file.replace("\\", "/").lstrip("/").removeprefix("content/")
    for candidate in (posixpath.normpath(posixpath.join(posixpath.dirname(page_src), file)), posixpath.normpath(file)):
        if not candidate.startswith("..") and (docs_dir / candidate).is_file():
            return candidate
    return None


def forms_of(item, docs_dir: Path) -> list[Form]:
    out = []
    for entry in item.meta.get("forms") or []:
        src = resolve(docs_dir, item.src_uri, entry["file"])
        if src is None:
            continue
        suffix = Path(src).suffix.lower()
        out.append(Form(src, entry["title"] or Path(src).stem, KINDS.get(suffix, "文件"), (docs_dir / src).stat().st_size))
    return out


def check(item, docs_dir: Path, shown: str) -> list[Finding]:
    findings = []
    line = item.lines.get("forms") or item.lines.get("表格下载")
    for entry in item.meta.get("forms") or []:
        file = entry["file"]
        src = resolve(docs_dir, item.src_uri, file)
        if src is None:
            findings.append(Finding(ERROR, shown, line, f"要下载的表格「{file}」找不到",
                                    "把文件放进 content 文件夹（如 content/guides/forms/），file 写相对本文件的路径，"
                                    "例如 forms/法律援助申请表.docx", code="guide.form-missing"))
            continue
        suffix = Path(src).suffix.lower()
        if suffix not in KINDS:
            findings.append(Finding(ERROR, shown, line, f"表格「{file}」的类型（{suffix or '没有扩展名'}）不适合下载",
                                    "请提供 PDF、Word（.docx/.doc）或 Excel（.xlsx/.xls）文件", code="guide.form-type"))
        size = (docs_dir / src).stat().st_size
        if size > MAX_BYTES:
            findings.append(Finding(WARNING, shown, line,
                                    f"表格「{file}」有 {size / 1048576:.1f} MB，手机上下载很慢",
                                    "另存为 PDF 或压缩图片后再放上来，最好不超过 2 MB", code="guide.form-size"))
    return findings
