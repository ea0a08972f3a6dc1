"""The pufa-laws MkDocs plugin: law pages, the library's listings, citation links.

Law pages skip Python-Markdown: they are rendered from the parsed corpus
structure (pufa.laws.render), which is what keeps a 1,500-law build fast.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from pufa.content.frontmatter import decode, split
from pufa.findings import format_all
from pufa.laws import checks
from pufa.laws.library import (CATEGORY_BY_SLUG, LAWS_FOLDER, SLUG_BY_CATEGORY, STATUS_FILE,
                               STATUS_LABELS, LawLibrary, load_library, status_findings)
from pufa.laws.render import Linker, cn_date, link_html, render_law
from pufa.plugins.content.plugin import ContentError, display_root
from pufa.plugins.laws.config import LawsConfig

log = logging.getLogger("mkdocs.plugins.pufa.laws")

HOME_SRC = f"{LAWS_FOLDER}/index.md"
# The fields whose values are citations (lessons' laws:, guides' basis:).


class LawsPlugin(BasePlugin[LawsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.lib: LawLibrary | None = None
        self.files: Files | None = None
        self.linkers: dict[str, Linker] = {}   # per page: what it cites, for previews

    @event_priority(60)  # before the content plugin: law pages are not content items
    def on_files(self, files: Files, config):
        docs_dir = Path(config.docs_dir)
        root = display_root(config)
        prefix = LAWS_FOLDER + "/"
        law_uris = [f.src_uri for f in files.documentation_pages()
                    if f.src_uri.startswith(prefix) and not f.src_uri.endswith("index.md")
                    and f.abs_src_path]
        lib = load_library(docs_dir, root, law_uris)
        shown_status = f"{root}/{LAWS_FOLDER}/{STATUS_FILE}"
        # The library may be shared (cached): its own findings list is not extended.
        findings = list(lib.findings) + status_findings(lib, shown_status) \
            + self._check_citations(files, docs_dir, root, lib)
        errors = [f for f in findings if f.is_error]
        warnings = [f for f in findings if not f.is_error]
        if warnings:
            log.warning("法律库与引用检查发现 %d 个警告：\n%s", len(warnings), format_all(warnings))
        if errors and os.environ.get("PUFA_PREVIEW") != "1":
            raise ContentError(f"法律库与引用有 {len(errors)} 处错误，网站没有生成（原来的网站保持不变）：\n"
                               + format_all(errors))

        if files.get_file_from_path(HOME_SRC) is None:
            files.append(File.generated(config, HOME_SRC, content="---\ntitle: 法律法规库\n---\n"))
        for cat in lib.categories():
            src = f"{LAWS_FOLDER}/{cat['slug']}/index.md"
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=f"---\ntitle: {cat['name']}\n---\n"))
        self.lib, self.files = lib, files
        return files

    @event_priority(60)  # URLs are final only after every plugin's on_files (pinyin names)
    def on_nav(self, nav, config, files):
        if self.lib is not None:
            for entry in self.lib.entries:
                f = files.get_file_from_path(entry.src_uri)
                entry.url = f.url if f else ""
        return nav

    def _check_citations(self, files, docs_dir: Path, root: str, lib: LawLibrary):
        if not self.config.link_citations:
            return []
        findings = []
        unknown = self.config.warn_unknown_laws and bool(lib.entries)
        for f in files.documentation_pages():
            if f.src_uri.startswith(LAWS_FOLDER + "/") or not f.abs_src_path:
                continue
            shown = f"{root}/{f.src_uri}"
            text, _ = decode(Path(f.abs_src_path).read_bytes(), shown)
            if text is None:
                continue  # reported by the content checks
            fm, problems = split(text, shown)
            if problems:
                continue
            for key in checks.CITATION_FIELDS:
                if key in fm.data:
                    findings += checks.check_values(lib, shown, fm.data[key], fm.lines.get(key), unknown)
            findings += checks.check_text(lib, shown, fm.body, fm.body_line, unknown)
        return findings

    # -- law pages ---------------------------------------------------------
    def _entry(self, page):
        return self.lib.by_src.get(page.file.src_uri) if self.lib else None

    def on_page_markdown(self, markdown, page, config, files):
        entry = self._entry(page)
        src = page.file.src_uri
        if entry is not None:
            page.meta = {"title": escape(entry.title), "template": "pufa/law.html", "hide": ["navigation"],
                         "description": escape(f"{entry.title}（{STATUS_LABELS[entry.status]}）")}
            # Law pages bypass Python-Markdown entirely: the corpus structure is
            # already known, and Markdown is the slowest step for 1,500 laws.
            page.render = lambda config, files, page=page, entry=entry: self._render_law(page, entry)
        elif src == HOME_SRC:
            page.meta.setdefault("template", "pufa/law-library.html")
            page.meta.setdefault("hide", ["toc"])
        elif src.startswith(LAWS_FOLDER + "/") and src.endswith("/index.md"):
            page.meta.setdefault("template", "pufa/law-category.html")
            page.meta.setdefault("hide", ["toc"])
        return markdown

    def _render_law(self, page, entry):
        linker = Linker(self.lib, lambda target: get_relative_url(target.url, page.url), own=entry)
        body, toc, ids = render_law(entry, linker)
        data = linker.preview_json()
        if data:
            body += f'\n<script type="application/json" id="pufa-cite-data">{data}</script>'
        page.content = body
        page.toc = get_toc(toc)
        page.present_anchor_ids = ids
        page.links_to_anchors = {}

    # -- citations in every other page -------------------------------------
    def on_page_content(self, html, page, config, files):
        if self._entry(page) is not None or not self.config.link_citations or not self.lib:
            return html
        return link_html(html, self._linker(page))

    def _linker(self, page) -> Linker:
        linker = self.linkers.get(page.file.src_uri)
        if linker is None:
            linker = Linker(self.lib, lambda target: get_relative_url(target.url, page.url))
            self.linkers[page.file.src_uri] = linker
        return linker

    def on_page_context(self, context, page, config, nav):
        context["pufa_laws"] = LawsView(self, page)
        return context

    def on_post_page(self, output, page, config):
        linker = self.linkers.pop(page.file.src_uri, None)
        if linker is not None and linker.previews:
            data = linker.preview_json()
            output = output.replace("</body>",
                                    f'<script type="application/json" id="pufa-cite-data">{data}</script>\n</body>', 1)
        return output

    def on_env(self, env, config, files):
        plugin = self

        def cite(value, page=None):
            """Jinja filter: escape a value and link the citations in it."""
            if plugin.lib is None or page is None or not plugin.config.link_citations:
                return escape(value)
            return Markup(plugin._linker(page).link_text(str(value)))

        env.filters["pufa_cite"] = cite
        return env

    @event_priority(-50)  # after the search plugin has indexed the laws
    def on_post_build(self, config):
        self.lib = None
        self.files = None
        self.linkers = {}


class LawsView:
    """The ``pufa_laws`` object templates see."""

    labels = STATUS_LABELS

    def __init__(self, plugin: LawsPlugin, page):
        self.lib = plugin.lib
        self.page = page
        self.entry = plugin._entry(page)
        self.cn_date = cn_date

    def categories(self):
        return self.lib.categories() if self.lib else []

    def category(self):
        """The category of a category page, with its laws (in force first, then by title)."""
        parts = self.page.file.src_uri.split("/")
        slug = parts[1] if len(parts) > 2 else ""
        name = CATEGORY_BY_SLUG.get(slug, slug)
        entries = [e for e in self.lib.entries if SLUG_BY_CATEGORY.get(e.category, e.category) == slug]
        order = {"in-force": 0, "superseded": 1, "repealed": 2}
        entries.sort(key=lambda e: (order[e.status], e.subcategory or "", e.title, -(e.version.toordinal() if e.version else 0)))
        return {"name": name, "slug": slug, "entries": entries}

    def repealed_without_page(self):
        return [r for t, r in sorted(self.lib.repeals.items()) if t not in self.lib.by_title] if self.lib else []

    def count(self) -> int:
        return len(self.lib.entries) if self.lib else 0
