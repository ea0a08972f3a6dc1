"""`pufa import-docx`: a Word document as a new page, its pictures beside it.

    content/lessons/li-hun-leng-jing-qi.md       the page (front matter + body)
    content/lessons/li-hun-leng-jing-qi/*.png    its pictures, named in pinyin

The front matter is the one `pufa new` writes (scaffold.archetypes), with the
title, the date and the summary taken from the document; what the document
cannot say stays a placeholder that `pufa check` points out.  Nothing is ever
overwritten, and the .docx is only read.  See docs/decisions/0010.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pufa.content import types as T
from pufa.content.slug import slugify

SAVE_AS = "请用 Word 或 WPS 打开它，点「文件」→「另存为」，保存类型选「Word 文档 (*.docx)」，再导入新保存的那个 .docx 文件"
IMAGE_NAME_MAX = 40
ALT_TODO = "待补充：图片说明"


class DocxError(Exception):
    """A problem staff can fix; the message is Chinese and names the file."""


@dataclass
class WrittenImage:
    path: Path
    before: int          # bytes in the document
    after: int           # bytes written
    alt_missing: bool


@dataclass
class Imported:
    page: Path
    ctype: T.ContentType
    title: str
    images: list = field(default_factory=list)     # WrittenImage
    todo: list = field(default_factory=list)       # placeholders left: (line, what)
    notes: list = field(default_factory=list)      # other things staff should know (Chinese)
    seconds: float = 0.0


def import_docx(site: Path, source: Path, type_name: str, today: dt.date | None = None) -> Imported:
    from pufa.docx_import import markdown, reader

    started = time.perf_counter()
    ctype = T.find_type(type_name)
    if ctype is None:
        names = "、".join(f"{t.key}（{t.label}）" for t in T.TYPES)
        raise DocxError(f"没有「{type_name}」这种内容类型。可以用：{names}")
    content = site / "content"
    if not content.is_dir():
        raise DocxError(f"{site} 里没有 content 文件夹：这不是一个 pufa 网站。用 --site 写网站文件夹，或先运行 pufa init")
    document = open_docx(source)
    doc = reader.Reader(document).read()
    result = markdown.page(doc, fallback_title=source.stem.strip() or "未命名")
    slug = slugify(result.title) or slugify(source.stem) or "wen-zhang"
    folder = content / ctype.folder
    page_path = folder / f"{slug}.md"
    image_dir = folder / slug
    if page_path.exists():
        raise DocxError(f"文件已存在，没有覆盖：{_shown(page_path, site)}。"
                        f"要重新导入，先把它删除或改名；要保留两份，把 {source.name} 改个标题再导入")
    if result.images and image_dir.exists():
        raise DocxError(f"图片文件夹已存在，没有覆盖：{_shown(image_dir, site)}。先把它删除或改名，再导入")

    imported = Imported(page_path, ctype, result.title)
    if doc.tracked_changes:
        imported.notes.append("文档里有修订标记（「审阅」里的修订）：按「接受所有修订」后的文字导入，请核对")
    try:
        if result.images:
            imported.images = _write_images(result.images, image_dir, slug, imported.notes)
            result = markdown.page(doc, fallback_title=result.title)    # the pictures' names in the text
        text = _page_text(ctype, result, doc.date or today or dt.date.today(), today or dt.date.today())
        folder.mkdir(parents=True, exist_ok=True)
        with open(page_path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except BaseException:
        if image_dir.exists() and not page_path.exists():
            shutil.rmtree(image_dir, ignore_errors=True)
        raise
    imported.todo = _todo(text, ctype, _shown(page_path, site))
    imported.seconds = time.perf_counter() - started
    return imported


def _shown(path: Path, site: Path) -> str:
    try:
        return path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return str(path)


def _page_text(ctype: T.ContentType, page, date: dt.date, today: dt.date) -> str:
    from pufa.scaffold.archetypes import front_matter

    values = {}
    if page.summary:
        values.update(summary=page.summary, answer=page.summary)
    for name in ("date", "issued"):
        if ctype.field(name) is not None:
            values[name] = date.isoformat()
    return front_matter(ctype, page.title, today, values) + "\n" + page.body


def _todo(text: str, ctype: T.ContentType, shown: str) -> list[tuple[int, str]]:
    """What `pufa check` will call unfilled, as (line, what): the field's label or the text."""
    from pufa.check.placeholders import find

    names = ctype.field_names()
    lines = text.split("\n")
    out = []
    for finding in find(text, shown):
        line = lines[finding.line - 1]
        key = line.split(":", 1)[0].strip() if not line.startswith((" ", "-", "!")) else ""
        if key in names:
            f = names[key]
            out.append((finding.line, f"{f.label}（{f.name}）"))
        elif line.lstrip().startswith("- ") and finding.line > 1:
            # a list item of the front matter: name the field above it
            above = next((l for l in reversed(lines[: finding.line - 1]) if not l.startswith(" ")), "")
            f = names.get(above.split(":", 1)[0].strip())
            out.append((finding.line, f"{f.label}（{f.name}）" if f else line.strip()))
        elif "![" in line and "待补充" in line:
            out.append((finding.line, "图片说明（图片下面或上面没有图注，Word 里也没有写替换文字）"))
        else:
            out.append((finding.line, finding.message.split("：", 1)[-1]))
    return out


# -- reading the file --------------------------------------------------------
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_docx(source: Path):
    """python-docx's Document, or a DocxError saying what the file is and what to do."""
    import docx

    name = source.name
    if not source.exists():
        raise DocxError(f"找不到文件：{source}。检查文件名和所在文件夹"
                        "（可以把文件从资源管理器拖进命令行窗口，自动填上完整路径）")
    if source.is_dir():
        raise DocxError(f"{source} 是一个文件夹，不是 Word 文档。请写 .docx 文件的路径")
    if name.startswith("~$"):
        raise DocxError(f"「{name}」是 Word 或 WPS 打开文档时生成的临时文件，不是文档本身。"
                        f"请导入不带「~$」的那个文件（{name[2:]}）")
    raw = source.read_bytes()
    suffix = source.suffix.lower()
    if raw.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in raw or "EncryptedPackage".encode("utf-16-le") in raw:
            raise DocxError(f"「{name}」设置了打开密码，pufa 读不了。请在 Word 里打开它，点「文件」→「信息」→"
                            "「保护文档」→「用密码进行加密」，清空密码后保存；WPS 里在「文件」→「文档加密」里取消密码。"
                            "然后再导入")
        kind = {".doc": "旧版 Word 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}.get(
            suffix, "旧版 Word 或 WPS 文档（.doc、.wps），只是扩展名被改成了" + (suffix or "别的"))
        raise DocxError(f"「{name}」是{kind}，pufa 只能导入 .docx。{SAVE_AS}")
    if raw.lstrip().startswith(b"{\\rtf"):
        raise DocxError(f"「{name}」是 RTF 格式，不是 .docx。{SAVE_AS}")
    if raw[:512].lstrip().lower().startswith((b"<html", b"<!doctype", b"<?xml", b"mime-version")):
        raise DocxError(f"「{name}」其实是网页或 XML 文件（有的系统导出的「Word」是这种），不是 .docx。{SAVE_AS}")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        what = "不是 Word 文档（.docx）" if suffix != ".docx" else "已损坏（可能没有下载或复制完整）"
        raise DocxError(f"「{name}」{what}，打不开。{SAVE_AS}；如果原文件也打不开，请找发文件的人重新发一份")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            broken = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DocxError(f"「{name}」已损坏，打不开（{exc}）。{SAVE_AS}；"
                        "如果 Word 也打不开，请找发文件的人重新发一份") from None
    if broken is not None:
        raise DocxError(f"「{name}」已损坏（里面的 {broken} 读不出来）。{SAVE_AS}；"
                        "如果 Word 也打不开，请找发文件的人重新发一份")
    if "word/document.xml" not in names:
        kind = ("Excel 表格" if any(n.startswith("xl/") for n in names)
                else "PowerPoint 演示文稿" if any(n.startswith("ppt/") for n in names)
                else "OpenDocument 文档（.odt 等）" if "content.xml" in names else "别的压缩文件")
        raise DocxError(f"「{name}」是{kind}，不是 Word 文档（.docx）。"
                        + (SAVE_AS if "OpenDocument" in kind else "请导入 Word 文档"))
    try:
        return docx.Document(io.BytesIO(raw))
    except ValueError as exc:
        if "macroEnabled" in str(exc) or "template" in str(exc):
            raise DocxError(f"「{name}」是带宏的文档或模板（.docm、.dotx），不是普通的 .docx。{SAVE_AS}") from None
        raise DocxError(f"「{name}」读不出来（{exc}）。{SAVE_AS}") from None
    except Exception as exc:  # noqa: BLE001 - a broken part inside the zip: say so, in Chinese
        raise DocxError(f"「{name}」里面有损坏的部分，读不出来（{type(exc).__name__}）。{SAVE_AS}；"
                        "如果 Word 也打不开，请找发文件的人重新发一份") from None


# -- pictures ----------------------------------------------------------------
_KEEP = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def _write_images(images, image_dir: Path, slug: str, notes: list) -> list[WrittenImage]:
    """Each picture once, named in pinyin after its alt text, shrunk to the site's limit."""
    from PIL import Image as PILImage, UnidentifiedImageError

    from pufa.check.images import IMAGE_SUFFIXES, compress
    from pufa.check.links import IMAGE_LIMIT

    written, used = [], set()
    for n, image in enumerate(images, 1):
        try:
            with PILImage.open(io.BytesIO(image.blob)) as img:
                fmt, mode = img.format, img.mode
        except (UnidentifiedImageError, OSError, ValueError):
            fmt, mode = None, ""
        if fmt is None or fmt in ("WMF", "EMF"):
            kind = Path(image.key).suffix.lstrip(".").upper() or "未知"
            image.problem = (f"待补充：这里原来有一张 {kind} 格式的图片，网页显示不了。请在 Word 里右键这张图片，"
                             f"选「另存为图片」存成 PNG 或 JPG，放进 {slug} 文件夹，再在这里插入")
            notes.append(f"第 {n} 张图片是 {kind} 格式，网页显示不了，没有导出：页面上留了「待补充」提示")
            continue
        suffix = _KEEP.get(fmt) or (".png" if mode in ("RGBA", "LA", "P", "1") else ".jpg")
        stem = slugify(image.alt, IMAGE_NAME_MAX) if image.alt else ""
        stem = stem or f"tu-{n}"
        name, k = stem + suffix, 2
        while name in used:
            name, k = f"{stem}-{k}{suffix}", k + 1
        used.add(name)
        image_dir.mkdir(parents=True, exist_ok=True)
        path = image_dir / name
        before = len(image.blob)
        if suffix in IMAGE_SUFFIXES and (before > IMAGE_LIMIT or fmt not in _KEEP):
            after = compress(io.BytesIO(image.blob), path, IMAGE_LIMIT)
        else:
            path.write_bytes(image.blob)
            after = before
        if after > IMAGE_LIMIT:
            notes.append(f"图片 {name} 有 {after // 1024} KB，超过 {IMAGE_LIMIT // 1024} KB：请换一张小一些的")
        image.href = f"{slug}/{name}"
        if not image.alt:
            image.alt = ALT_TODO
        written.append(WrittenImage(path, before, after, image.alt == ALT_TODO))
    return written
