"""The pufa-search MkDocs plugin: collects pages and laws, writes site/search/."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from pufa.content import types as T
from pufa.findings import format_all
from pufa.laws.library import short_name
from pufa.plugins.content.plugin import ContentError, display_root
from pufa.plugins.search.config import SearchConfig
from pufa.search import build as B
from pufa.search.collect import law_documents, page_units
from pufa.search.language import QUESTION_WORDS, load_synonyms, pinyin_lexicon, traditional_map

log = logging.getLogger("mkdocs.plugins.pufa.search")

SEARCH_PAGE = "search/index.md"
KIND_BY_TYPE = {"lesson": "lesson", "guide": "guide", "village": "village", "party-history": "history",
                "campaign": "campaign"}
# Pages that only list other pages are not results of their own.
SKIP_TEMPLATES = {"pufa/listing.html", "pufa/timeline.html", "pufa/home.html", "pufa/law.html",
                  "pufa/law-library.html", "pufa/law-category.html", "pufa/search.html"}


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.pages: list[tuple[B.Doc, str]] = []
        self.synonyms: dict = {}
        self.seconds = 0.0
        self._files = None

    def on_files(self, files, config):
        self.pages = []
        synonyms, findings = load_synonyms(Path(config.docs_dir), display_root(config))
        if findings:
            raise ContentError(format_all(findings))
        self.synonyms = synonyms
        self._files = files
        if self.config.enabled and files.get_file_from_path(SEARCH_PAGE) is None:
            files.append(File.generated(config, SEARCH_PAGE,
                                        content="---\ntitle: 搜索\ntemplate: pufa/search.html\nhide: [navigation, toc]\n---\n"))
        return files

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled:
            f = self._files.get_file_from_path(SEARCH_PAGE) if self._files else None
            context["pufa_search_url"] = f.url if f else "search/"
        return context

    @event_priority(-50)  # after the laws plugin added citation data
    def on_post_page(self, output, page, config):
        if not self.config.enabled:
            return output
        template = page.meta.get("template", "") if page.meta else ""
        if template in SKIP_TEMPLATES or page.is_homepage or page.file.src_uri == SEARCH_PAGE:
            return output
        if page.meta.get("search", {}) == {"exclude": True}:
            return output
        ctype = T.type_for_path(page.file.src_uri)
        kind = KIND_BY_TYPE.get(ctype.key, "page") if ctype else "page"
        # Titles are escaped for the templates; the index keeps the text itself.
        title = page.title.unescape() if isinstance(page.title, Markup) else str(page.title or "")
        self.pages.append((B.Doc(title, page.url, kind), output))
        return output

    @event_priority(50)  # before the laws plugin forgets its library
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        started = time.perf_counter()
        docs: list[B.Doc] = []
        units: list[B.Unit] = []
        for doc, html in self.pages:
            units.extend(page_units(html, doc.title, len(docs)))
            docs.append(doc)
        laws = config.plugins.get("pufa-laws")
        law_titles = []
        if laws is not None and laws.lib is not None:
            law_docs, law_unit_lists = law_documents(laws.lib)
            for doc, unit_list in zip(law_docs, law_unit_lists):
                index = len(docs)
                for u in unit_list:
                    u.doc = index
                units.extend(unit_list)
                docs.append(doc)
                if doc.kind != "case":
                    law_titles.append(short_name(doc.title))
        trad, simp = traditional_map()
        # What people type in pinyin: law names and everyday words (not the legal terms).
        phrases = law_titles + list(self.synonyms)
        # Only traditional characters whose simplified form occurs in the index.
        seen = set("".join(u.text for u in units))
        pairs = [(t, s) for t, s in zip(trad, simp) if s in seen]
        extra = {"syn": self.synonyms, "question": list(QUESTION_WORDS),
                 "ts": ["".join(t for t, _ in pairs), "".join(s for _, s in pairs)]}
        settings = B.Settings(shards=self.config.shards, max_postings=self.config.max_postings,
                              snippet_chars=self.config.snippet_chars)
        out = Path(config.site_dir) / "search"
        stats = B.build(docs, units, out, extra=extra, pinyin=pinyin_lexicon(phrases), settings=settings)
        self.seconds = time.perf_counter() - started
        log.debug("search index: %s in %.1f s", stats, self.seconds)
        self.pages = []
