"""`pufa wechat PAGE [--out FILE.html]`: one page's 公众号 article as a file, its images beside it.

The editor cannot read files on this computer, so the images are copied into
a folder beside the HTML (the HTML shows them from there) and listed for
staff to upload; the QR code is inside the HTML as a data: PNG (see
docs/decisions/0011-wechat-articles.md).
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pufa import pages
from pufa.content import types as T
from pufa.content.model import ContentItem, display_path
from pufa.content.slug import page_dest_uri
from pufa.findings import format_all
from pufa.wechat.page import Article, Markdown, WeChatError, article

HINT = pages.HINT
NOUN = "公众号版"
PURPOSE = pages.Purpose(NOUN, "、".join(t.label for t in T.TYPES), lambda item: True, WeChatError)
QR_FILE = "二维码.png"


@dataclass
class Written:
    item: ContentItem
    article: Article
    html: Path
    folder: Path                                   # the images beside it
    images: list[tuple[Path, str]] = field(default_factory=list)   # (file written, its caption)
    qr: Path | None = None


def file_name(title: str) -> str:
    """<title>-公众号.html, without characters Windows forbids in file names."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", title).strip(" .") or "文章"
    return f"{safe[:60]}-公众号.html"


def images_folder(out: Path) -> Path:
    """标题-公众号.html -> 标题-公众号图片/ (x.html -> x-图片/)."""
    return out.with_name(out.stem + ("图片" if out.stem.endswith("公众号") else "-图片"))


def find(model, page: str, site: Path) -> ContentItem:
    settings = model.settings
    pages.require_site(settings, PURPOSE, "公众号文章末尾的二维码和「阅读原文」")
    if model.index is None:
        raise WeChatError(format_all(model.build_errors) or f"找不到内容文件夹 {model.root}")
    dests = {i.src_uri: page_dest_uri(i.src_uri, settings.use_directory_urls) for i in model.index.items}
    item = pages.find(page, PURPOSE, site=site, docs_dir=settings.docs_dir, root=model.root, index=model.index,
                      sources=[s for s in model.sources if s.endswith(".md")], dests=dests,
                      site_url=settings.site_url)
    shown = display_path(model.root, item.src_uri)
    if item.is_draft:
        raise WeChatError(f"{shown} 是草稿（draft: true），网站上还没有这一页，二维码和「阅读原文」会打不开。\n"
                          f"{HINT}删掉 draft: true（或改成 false），发布到网站后再生成公众号版")
    errors = [f for f in model.errors if f.file == shown]
    if errors:
        raise WeChatError(f"{shown} 有 {len(errors)} 处错误，先改好再生成公众号版：\n" + format_all(errors))
    return item


def write(model, page: str, out: Path | None, *, site: Path, cwd: Path) -> Written:
    item = find(model, page, site)
    out = Path(out) if out is not None else cwd / file_name(item.title)
    if out.suffix.lower() not in (".html", ".htm"):
        out = out.with_name(out.name + ".html")
    out = out.resolve()
    folder = images_folder(out)
    docs_dir = model.settings.docs_dir
    copies: list[tuple[str, Path]] = []

    def image_src(src: str) -> str:
        n = len(copies) + 1
        target = folder / f"{n:02d}-{Path(src).name}"
        copies.append((src, target))
        return quote(f"{folder.name}/{target.name}")

    made = article(model, item, dest_uri=page_dest_uri(item.src_uri, model.settings.use_directory_urls),
                   markdown=Markdown(model.settings), image_src=image_src)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = Written(item, made, out, folder)
    try:
        folder.mkdir(exist_ok=True)
        for (src, target), image in zip(copies, made.images):
            shutil.copyfile(docs_dir / src, target)
            written.images.append((target, image.alt))
        if made.qr_png:
            written.qr = folder / QR_FILE
            written.qr.write_bytes(made.qr_png)
        out.write_text(made.document(), encoding="utf-8")
    except OSError as exc:
        raise WeChatError(f"无法写入 {out}（{exc.strerror or exc}）。\n"
                          f"{HINT}关掉正在打开这个文件的程序，或用 --out 换一个位置") from None
    return written


def report(w: Written, cwd: Path) -> list[str]:
    """What staff read after `pufa wechat`: what to paste where, which images to upload."""
    def shown(path: Path) -> str:
        try:
            return path.relative_to(cwd).as_posix()
        except ValueError:
            return str(path)

    a = w.article
    size = w.html.stat().st_size
    notes = f"，{a.notes} 条法条原文" if a.notes else ""
    lines = [f"公众号版已生成：{shown(w.html)}（{max(1, round(size / 1024))} KB{notes}）",
             "用浏览器打开它，按 Ctrl+A 全选、Ctrl+C 复制，再到公众号编辑器的正文里按 Ctrl+V 粘贴。",
             f"  标题（填到编辑器的标题栏）：{a.title}"]
    if a.summary:
        lines.append(f"  摘要（填到编辑器的摘要栏，最多 120 字）：{a.summary[:120]}")
    lines.append(f"  原文链接（填到编辑器的「原文链接」）：{a.url}")
    if w.images:
        lines.append(f"文中有 {len(w.images)} 张图片。公众号编辑器读不到电脑上的文件，粘贴后请在编辑器里"
                     "把这些图片按顺序重新上传到原来的位置：")
        lines += [f"  {shown(path)}" + (f"（{alt}）" if alt else "") for path, alt in w.images]
    if a.outside_images:
        lines.append(f"有 {len(a.outside_images)} 张其他网站的图片没有放进去（公众号不收外站图片），"
                     "需要的话先下载再在编辑器里上传：")
        lines += [f"  {src}" for src in a.outside_images]
    if w.qr is not None:
        lines.append(f"文末的二维码已经在网页里；如果粘贴后二维码没有显示，把 {shown(w.qr)} 上传到文末。")
    return lines
