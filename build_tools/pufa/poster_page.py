"""`pufa poster PAGE`: find the page and render its poster with the site's settings.

Only the poster is rendered (with the site's own templates and mkdocs.yml), not
the whole site: it takes a second even with the full law library, and site/ is
not touched.
"""
from __future__ import annotations

from pathlib import Path

from pufa import engine, pages
from pufa import poster as posters
from pufa.content.model import ContentItem, display_path, iter_markdown, load_index
from pufa.content.slug import page_dest_uri
from pufa.findings import format_all
from pufa.poster import PosterError

HINT = pages.HINT
TYPES_TEXT = "普法课堂、办事指南、民主法治示范村、党史学习、宣传活动"


def poster_html(site: Path, page: str) -> tuple[ContentItem, posters.Poster, str]:
    site = site.resolve()
    settings, config = engine.read_settings(site)
    if config is None:
        raise PosterError(engine.stop_message([f for f in settings.findings if f.is_error], "没有生成海报。"))
    pages.require_site(settings, POSTER, "海报上的二维码")
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


POSTER = pages.Purpose("海报", TYPES_TEXT, lambda item: item.ctype.posters, PosterError)


def find(page: str, **where) -> ContentItem:
    """PAGE as a file path, a page address, or a title (see pufa.pages)."""
    return pages.find(page, POSTER, **where)
