"""PAGE on the command line (`pufa poster PAGE`, `pufa wechat PAGE`): which content item it names.

PAGE is a file path (from the current folder, the site or content/), a page
address (https://…/lessons/xian-fa/ or lessons/xian-fa/), or a title (or a
part of one).  Each command says what it makes ("海报", "公众号版") and which
items it makes it for; the messages are Chinese and say how to fix PAGE.
"""
from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pufa.content.model import ContentItem, display_path
from pufa.poster import url_of

HINT = "      修改方法："


@dataclass(frozen=True)
class Purpose:
    """What a command makes of a page, in its messages."""
    noun: str                                   # 海报 / 公众号版
    kinds: str                                  # the types it is made for: 普法课堂、办事指南…
    accepts: Callable[[ContentItem], bool]      # the items it is made for (listing pages are refused anyway)
    error: type[Exception] = ValueError         # raised with the Chinese message


def require_site(settings, purpose: Purpose, needs: str) -> None:
    """The pufa plugin and site_url, which a poster's or an article's QR code points with.
    `needs`: what the missing address leaves without one (海报上的二维码…)."""
    if settings.pufa is None:
        raise purpose.error(f"mkdocs.yml 的 plugins 里没有 pufa，无法生成{purpose.noun}。\n"
                            f"{HINT}在 mkdocs.yml 的 plugins: 下面加上 - pufa（可以照 pufa init 新建的网站抄）")
    if not settings.site_url:
        raise purpose.error(f"mkdocs.yml 里没有填写网站网址（site_url），{needs}没有网址可以指向。\n"
                            f"{HINT}在 mkdocs.yml 里填写 site_url：网站正式上线后的网址，如 https://pufa.example.gov.cn/")


def find(page: str, purpose: Purpose, *, site: Path, docs_dir: Path, root: str, index, sources: list[str],
         dests: dict[str, str], site_url: str) -> ContentItem:
    """PAGE as a file path (from here, the site or content/), a page address, or a title."""
    noun, kinds, fail = purpose.noun, purpose.kinds, purpose.error
    query = page.strip().strip("\"'“”「」")
    rel = _as_source(query, site, docs_dir, root, sources)
    if rel is None:
        # A page address: https://…/lessons/xian-fa/ or lessons/xian-fa/
        path = query[len(site_url):] if site_url and query.startswith(site_url) else query
        path = path.strip("/") + "/"
        rel = next((src for src, dest in dests.items()
                    if url_of(dest).rstrip("/") + "/" == path or dest == path.rstrip("/")), None)
    if rel is not None:
        shown = display_path(root, rel)
        if rel.startswith("laws/"):
            raise fail(f"{shown} 是法律法规，法律法规的页面没有{noun}。\n"
                       f"{HINT}{noun}只为{kinds}的文章生成；写其中一篇的文件路径或标题")
        item = index.by_src(rel)
        if item is None:
            raise fail(f"{shown} 不是{kinds}栏目里的文章，没有{noun}。\n"
                       f"{HINT}写这些栏目里某一篇文章的文件路径或标题")
        if not purpose.accepts(item):
            raise fail(f"{shown} 是{item.ctype.label}，没有{noun}。\n"
                       f"{HINT}{noun}只为{kinds}的文章生成；写其中一篇的文件路径或标题")
        if item.is_listing:
            raise fail(f"{shown} 是栏目页，栏目页没有{noun}。\n"
                       f"{HINT}写栏目里某一篇文章的文件路径或标题，如 {_example(index, root, purpose)}")
        return item

    items = [i for i in index.items if not i.is_listing and purpose.accepts(i)]
    exact = [i for i in items if i.title.strip() == query]
    found = exact or [i for i in items if query and query in i.title]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "\n".join(f"        {display_path(root, i.src_uri)}  {i.title}" for i in found[:8])
        raise fail(f"标题里有「{query}」的内容有 {len(found)} 篇：\n{listed}\n"
                   f"{HINT}写完整的标题，或写其中一篇的文件路径")
    close = difflib.get_close_matches(query, [i.title for i in items], n=3, cutoff=0.4)
    close += difflib.get_close_matches(query, [display_path(root, i.src_uri) for i in items], n=3, cutoff=0.6)
    guess = f"；你要找的是不是：{'、'.join(close[:3])}" if close else ""
    raise fail(f"找不到「{page}」这篇内容。\n"
               f"{HINT}写 {root} 里的文件路径（如 {_example(index, root, purpose)}）或文章标题{guess}")


def _as_source(query: str, site: Path, docs_dir: Path, root: str, sources: list[str]) -> str | None:
    """The path under content/ that query names, if it names a Markdown file there."""
    text = query.replace("\\", "/")
    if not text or "://" in text:
        return None
    docs = docs_dir.resolve()
    for base in (Path.cwd(), site):
        candidate = (base / text).resolve()
        for path in (candidate, candidate.with_name(candidate.name + ".md")):
            if path.suffix == ".md" and path.is_file() and path.is_relative_to(docs):
                return path.relative_to(docs).as_posix()
    rel = posixpath.normpath(text).lstrip("/")
    if rel.startswith(root + "/"):
        rel = rel[len(root) + 1:]
    for guess in (rel, rel + ".md", rel.rstrip("/") + "/index.md"):
        if guess in sources:
            return guess
    return None


def _example(index, root: str, purpose: Purpose) -> str:
    items = [i for i in index.items if not i.is_listing and purpose.accepts(i)]
    return display_path(root, items[0].src_uri) if items else f"{root}/lessons/xian-fa.md"
