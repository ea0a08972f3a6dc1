"""`pufa poster PAGE`: find the page and render its poster with the site's settings.

Only the poster is rendered (with the site's own templates and mkdocs.yml), not
the whole site: it takes a second even with the full law library, and site/ is
not touched.
"""
from __future__ import annotations

import difflib
import posixpath
from pathlib import Path

from pufa import engine
from pufa import poster as posters
from pufa.content.model import ContentItem, display_path, iter_markdown, load_index
from pufa.content.slug import page_dest_uri
from pufa.findings import format_all
from pufa.poster import PosterError

HINT = "      修改方法："
TYPES_TEXT = "普法课堂、办事指南、民主法治示范村、党史学习、宣传活动"


def poster_html(site: Path, page: str) -> tuple[ContentItem, posters.Poster, str]:
    site = site.resolve()
    settings, config = engine.read_settings(site)
    if config is None:
        raise PosterError(engine.stop_message([f for f in settings.findings if f.is_error], "没有生成海报。"))
    if settings.pufa is None:
        raise PosterError("mkdocs.yml 的 plugins 里没有 pufa，无法生成海报。\n"
                          f"{HINT}在 mkdocs.yml 的 plugins: 下面加上 - pufa（可以照 pufa init 新建的网站抄）")
    if not settings.site_url:
        raise PosterError("mkdocs.yml 里没有填写网站网址（site_url），海报上的二维码没有网址可以指向。\n"
                          f"{HINT}在 mkdocs.yml 里填写 site_url：网站正式上线后的网址，如 https://pufa.example.gov.cn/")
    docs_dir, root = settings.docs_dir, settings.root
    sources = list(iter_markdown(docs_dir))
    index = load_index(docs_dir, display_root=root,
                       src_uris=[s for s in sources if not s.startswith("laws/")])
    dests = {i.src_uri: page_dest_uri(i.src_uri, settings.use_directory_urls) for i in index.items}
    item = find(page, site=site, docs_dir=docs_dir, root=root, index=index, sources=sources,
                dests=dests, site_url=settings.site_url)
    shown = display_path(root, item.src_uri)
    errors = [f for f in index.findings if f.is_error and f.file == shown]
    if errors:
        raise PosterError(f"{shown} 有 {len(errors)} 处错误，先改好再生成海报：\n" + format_all(errors))
    poster = posters.make_for(item, dests[item.src_uri], settings)
    poster.page_href = poster.url     # a file printed or saved anywhere links to the public page
    return item, poster, posters.render(engine.template_env(config), poster)


def find(page: str, *, site: Path, docs_dir: Path, root: str, index, sources: list[str],
         dests: dict[str, str], site_url: str) -> ContentItem:
    """PAGE as a file path (from here, the site or content/), a page address, or a title."""
    query = page.strip().strip("\"'“”「」")
    rel = _as_source(query, site, docs_dir, root, sources)
    if rel is None:
        # A page address: https://…/lessons/xian-fa/ or lessons/xian-fa/
        path = query[len(site_url):] if site_url and query.startswith(site_url) else query
        path = path.strip("/") + "/"
        rel = next((src for src, dest in dests.items()
                    if posters.url_of(dest).rstrip("/") + "/" == path or dest == path.rstrip("/")), None)
    if rel is not None:
        if rel.startswith("laws/"):
            raise PosterError(f"{display_path(root, rel)} 是法律法规，法律法规的页面没有海报。\n"
                              f"{HINT}海报只为{TYPES_TEXT}的文章生成；写其中一篇的文件路径或标题")
        item = index.by_src(rel)
        if item is None:
            raise PosterError(f"{display_path(root, rel)} 不是{TYPES_TEXT}栏目里的文章，没有海报。\n"
                              f"{HINT}写这些栏目里某一篇文章的文件路径或标题")
        if not item.ctype.posters:
            raise PosterError(f"{display_path(root, rel)} 是{item.ctype.label}，没有海报。\n"
                              f"{HINT}海报只为{TYPES_TEXT}的文章生成；写其中一篇的文件路径或标题")
        if item.is_listing:
            raise PosterError(f"{display_path(root, rel)} 是栏目页，栏目页没有海报。\n"
                              f"{HINT}写栏目里某一篇文章的文件路径或标题，如 {_example(index, root)}")
        return item

    items = [i for i in index.items if posters.has_poster(i)]
    exact = [i for i in items if i.title.strip() == query]
    found = exact or [i for i in items if query and query in i.title]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "\n".join(f"        {display_path(root, i.src_uri)}  {i.title}" for i in found[:8])
        raise PosterError(f"标题里有「{query}」的内容有 {len(found)} 篇：\n{listed}\n"
                          f"{HINT}写完整的标题，或写其中一篇的文件路径")
    close = difflib.get_close_matches(query, [i.title for i in items], n=3, cutoff=0.4)
    close += difflib.get_close_matches(query, [display_path(root, i.src_uri) for i in items], n=3, cutoff=0.6)
    guess = f"；你要找的是不是：{'、'.join(close[:3])}" if close else ""
    raise PosterError(f"找不到「{page}」这篇内容。\n"
                      f"{HINT}写 {root} 里的文件路径（如 {_example(index, root)}）或文章标题{guess}")


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


def _example(index, root: str) -> str:
    items = [i for i in index.items if posters.has_poster(i)]
    return display_path(root, items[0].src_uri) if items else f"{root}/lessons/xian-fa.md"
