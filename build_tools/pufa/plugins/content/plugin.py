"""The pufa MkDocs plugin: MkDocs' events, translated into calls on the run.

Hooks only.  What happens at each event, and in what order, is pufa.site.run;
the settings of the other pufa plugins (pufa-laws, pufa-search, pufa-offline)
reach the run through the engine adapter, never from plugin to plugin.
"""
from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from pufa import engine, yamlio
from pufa.browser_bundle import inline as inline_script
from pufa.content.slug import page_dest_uri, slugify_path
from pufa.plugins.content.config import PufaConfig
from pufa.plugins.content.nav import drop_from_nav
from pufa.search.site_index import SEARCH_PAGE
from pufa.site import session
from pufa.site.run import Run
from pufa.site.views import LawsView, PageRef, SiteView

log = logging.getLogger("mkdocs.plugins.pufa")


class PufaPlugin(BasePlugin[PufaConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.run: Run | None = None
        self.env = None

    def on_config(self, config):
        return engine.prepare_theme(config)

    def on_files(self, files: Files, config):
        run, unreported = session.run_for(config, engine.settings_of, get_relative_url)
        if unreported:          # a plain `mkdocs build`: nobody has said the findings yet
            model = run.model
            if model.warnings:
                log.warning("检查发现 %d 个警告：\n%s", len(model.warnings), "\n".join(f.format() for f in model.warnings))
            if model.errors:
                raise PluginError(engine.stop_message(model.errors, "网站没有生成（原来的网站保持不变）。"))
        self.run = run
        docs_dir = str(Path(config.docs_dir))
        for f in list(files):
            if f.abs_src_path and str(Path(f.abs_src_path)).startswith(docs_dir) and run.hidden(f.src_uri):
                files.remove(f)
        def held(src):      # a file of the site's own, not a page pufa made in an earlier build
            f = files.get_file_from_path(src)
            return f is not None and f.generated_by is None

        for src, meta in run.generated_pages(held):
            text, made = f"---\n{yamlio.dump(meta)}---\n", files.get_file_from_path(src)
            if made is None:
                files.append(File.generated(config, src, content=text))
            elif made.content_string != text:     # pufa serve, after a save: same page, new title
                made.content_string = text
        # URLs in pinyin: a file saved with a Chinese name still gets an ASCII URL.
        for f in files:
            if f.generated_by is None and not f.src_uri.isascii():
                if f.is_documentation_page():
                    f.dest_uri = page_dest_uri(f.src_uri, config.use_directory_urls)
                else:
                    f.dest_uri = slugify_path(f.src_uri)
                f.url = f._get_url()
        if run.memory is not None:         # pufa serve after a save: only what can have changed
            for f in files.documentation_pages():  # (not MkDocs' guess from file times: listings change too)
                f.is_modified = (lambda: True) if run.must_render(f.src_uri) else (lambda: False)
        return files

    def on_nav(self, nav, config, files):
        for src in self.run.empty_sections():
            drop_from_nav(nav, src)
        if self.run.memory is not None:    # pufa serve: a save renders again with these (engine.py)
            self.run.memory.engine = {"files": files, "nav": nav}
        self.run.pages_known({f.src_uri: (f.url, f.dest_uri) for f in files}, Path(config.site_dir))
        return nav

    def on_page_read_source(self, page, config):
        return self.run.page_source(page.file.src_uri)

    def on_page_markdown(self, markdown, page, config, files):
        src = page.file.src_uri
        markdown, page.meta = self.run.page_markdown(src, page.url, markdown, page.meta, page.is_homepage)
        if self.run.law_entry(src) is not None:
            page.render = lambda config, files, page=page: self._outline_law(page)
        return markdown

    def _outline_law(self, page) -> None:
        toc, ids = self.run.law_outline(page.file.src_uri)
        page.content = ""                  # the body is made in on_page_context
        page.toc = get_toc(toc)
        page.present_anchor_ids = ids
        page.links_to_anchors = {}

    def on_page_content(self, html, page, config, files):
        return self.run.page_html(page.file.src_uri, page.url, html, page.meta)

    def on_env(self, env, config, files):
        run = self.run

        def cite(value, page=None):
            """Jinja filter: escape a value and link the citations in it."""
            return run.cite(value, page.file.src_uri if page is not None else None,
                            page.url if page is not None else "")

        env.filters["pufa_cite"] = cite
        run.plan_assets(config.theme.dirs)
        env.filters["pufa_asset"] = run.asset
        env.globals["pufa_inline_script"] = lambda name: Markup(inline_script(name))
        # Material's page config (translations) as UTF-8, not \uXXXX: 0.4 MB less over the law library.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        if run.memory is not None:         # pufa serve: templates compiled once, not after every save
            env.bytecode_cache = run.memory.templates
        self.env = env
        if run.memory is not None:
            run.memory.engine["env"] = env
        if run.rebuild is not None:
            # Pages a preview did not render again still need their titles (menus, 上一篇/下一篇).
            for f in files.documentation_pages():
                if f.page is not None and f.page.content is None and "title" not in f.page.meta:
                    f.page.meta["title"] = run.title_of(f.src_uri)
        return env

    def on_page_context(self, context, page, config, nav):
        run = self.run
        if run.law_entry(page.file.src_uri) is not None:
            page.content = run.law_body(page.file.src_uri, page.url)
        ref = PageRef(page.file.src_uri, page.file.dest_uri, page.url, page.meta)
        context["pufa"] = SiteView(run, ref)
        context["pufa_laws"] = LawsView(run, ref)
        if run.settings.search_enabled:
            context["pufa_search_url"] = run.url_of(SEARCH_PAGE) or "search/"
        if run.settings.offline_enabled:
            context["pufa_offline"] = {"theme_color": run.settings.offline.theme_color}
        run.page_context(page.file.src_uri, page.file.dest_uri)
        return context

    def on_post_page(self, output, page, config):
        # Titles are escaped for the templates; the search index keeps the text itself.
        title = page.title.unescape() if isinstance(page.title, Markup) else str(page.title or "")
        if self.run.law_entry(page.file.src_uri) is not None:
            page.content = ""              # written: a law page's HTML is not kept
        return self.run.post_page(output, src_uri=page.file.src_uri, dest_uri=page.file.dest_uri,
                                  url=page.url, title=title, meta=page.meta or {}, is_homepage=page.is_homepage)

    def on_post_template(self, output_content, template_name, config):
        return self.run.static_page(output_content)      # 404.html and the like

    def on_post_build(self, config):
        self.run.finish(Path(config.site_dir), self.env)
        session.end(config)
        self.run = None

    def on_build_error(self, error):
        if self.run is not None:
            self.run.cancel()
        self.run = None
        session.end()              # a later build never picks up this one's run
