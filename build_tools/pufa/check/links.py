"""Links and images in Markdown: targets that exist, anchors that exist,
images that exist, are not too big and say what they show."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from pufa.content.frontmatter import prose_lines
from pufa.content.slug import heading_id
from pufa.findings import ERROR, WARNING, Finding

IMAGE_LIMIT = 500 * 1024
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"\bid=[\"']([^\"']+)[\"']")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)


def anchors_of(markdown: str) -> set[str]:
    """Heading ids as pufa's theme makes them (pinyin), plus explicit ids."""
    ids: set[str] = set()
    counts: dict[str, int] = {}
    for _, line in prose_lines(markdown):
        m = _HEADING.match(line)
        if m:
            text = m.group(2)
            explicit = _ATTR_ID.search(text)
            if explicit:
                ids.add(explicit.group(1))
                continue
            base = heading_id(text)
            n = counts.get(base, 0)
            counts[base] = n + 1
            ids.add(base if n == 0 else f"{base}_{n}")
        ids.update(_HTML_ID.findall(line))
    return ids


def check(docs_dir: Path, rel: str, shown: str, body: str, first_line: int,
          anchors: dict[str, set[str]], image_limit: int = IMAGE_LIMIT) -> list[Finding]:
    findings = []
    here = posixpath.dirname(rel)
    for n, line in prose_lines(body):
        lineno = first_line + n
        for m in _LINK.finditer(line):
            is_image, text, target = m.group(1) == "!", m.group(2), m.group(3)
            column = m.start() + 1
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                continue  # http:, tel:, mailto: … not ours to check
            path, _, anchor = target.partition("#")
            path = unquote(path)
            if not path:
                if anchor and anchor not in anchors.get(rel, set()):
                    findings.append(Finding(ERROR, shown, lineno, f"本页没有「#{anchor}」这个位置",
                                            "检查小标题是否改过，或删掉 # 后面的部分", column, "link.anchor"))
                continue
            target_rel = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") \
                else path.lstrip("/")
            file = docs_dir / target_rel
            if is_image:
                findings += _image(file, target, text, shown, lineno, column, image_limit)
                continue
            if file.is_dir():
                file = file / "index.md"
                target_rel = posixpath.join(target_rel, "index.md")
            if not file.is_file():
                hint = "检查文件名是否改过；站内链接写相对路径，如 ../guides/ren-min-tiao-jie.md"
                findings.append(Finding(ERROR, shown, lineno, f"链接「{target}」指向的文件不存在", hint,
                                        column, "link.missing"))
                continue
            if anchor and target_rel.endswith(".md") and target_rel in anchors \
                    and anchor not in anchors[target_rel] and not anchor.startswith("art-"):
                findings.append(Finding(ERROR, shown, lineno,
                                        f"链接「{target}」指向的页面没有「#{anchor}」这个位置",
                                        "检查那个页面的小标题是否改过", column, "link.anchor"))
        for tag in _IMG_TAG.findall(line):
            if not re.search(r"\balt=[\"'][^\"']+[\"']", tag):
                findings.append(Finding(WARNING, shown, lineno, "图片没有文字说明（alt）",
                                        "加上 alt=\"图片内容\"，读屏软件和图片加载失败时会用到", None,
                                        "image.alt"))
    return findings


def _image(file: Path, target: str, alt: str, shown: str, line: int, column: int, limit: int):
    out = []
    if not file.is_file():
        out.append(Finding(ERROR, shown, line, f"图片「{target}」不存在",
                           "检查图片文件名和位置（区分大小写）", column, "image.missing"))
        return out
    size = file.stat().st_size
    if size > limit:
        out.append(Finding(WARNING, shown, line,
                           f"图片「{target}」有 {size / 1024 / 1024:.1f} MB，手机上打开会很慢（上限 {limit // 1024} KB）",
                           "运行 pufa images --fix 自动压缩，或用画图软件缩小后再保存", column, "image.size"))
    if not alt.strip():
        out.append(Finding(WARNING, shown, line, f"图片「{target}」没有文字说明",
                           "写成 ![图片内容](图片路径)，方括号里写图片内容", column, "image.alt"))
    return out
