"""The pufa-search MkDocs plugin: collects pages and laws, writes site/search/."""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
from pufa.search.collect import law_documents
from pufa.search.collect import page_units as page_units_of
from pufa.search.language import (ASKING_WORDS, CONTACT_LEADS, CONTACT_NOUNS, CONTACT_SOUGHT, CONTACT_WORDS, QUESTION_WORDS, load_synonyms,
                                  pinyin_lexicon, traditional_map)

log = logging.getLogger("mkdocs.plugins.pufa.search")

SEARCH_PAGE = "search/index.md"
KIND_BY_TYPE = {"lesson": "lesson", "guide": "guide", "village": "village", "party-history": "history",
                "campaign": "campaign", "directory": "directory", "qa": "qa"}
# A Q&A's short answer is one or two sentences: shown whole, not cut at snippet_chars.
QA_SNIPPET_CHARS = 120
# Pages that only list other pages are not results of their own.
SKIP_TEMPLATES = {"pufa/listing.html", "pufa/timeline.html", "pufa/home.html", "pufa/law.html",
                  "pufa/law-library.html", "pufa/law-category.html", "pufa/search.html",
                  "pufa/offline.html"}


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.pages: list[tuple[B.Doc, str]] = []
        self.synonyms: dict = {}
        self.seconds = 0.0
        self._files = None
        self._job = None
        self._pool = None

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

    @event_priority(-10)  # after the laws plugin has the laws' URLs
    def on_nav(self, nav, config, files):
        """Index the law library on a worker thread while MkDocs renders pages:
        it is most of the work, and the laws are known from here on."""
        self._job = None
        if not self.config.enabled:
            return nav
        laws = config.plugins.get("pufa-laws")
        lib = laws.lib if laws is not None else None
        settings = B.Settings(shards=self.config.shards, max_postings=self.config.max_postings,
                              snippet_chars=self.config.snippet_chars)
        index = B.IndexWriter(Path(config.site_dir) / "search", settings)
        self._job = _Job(lib, index)
        return nav

    @event_priority(50)  # before the laws plugin forgets its library
    def on_post_build(self, config):
        if not self.config.enabled or self._job is None:
            return
        started = time.perf_counter()
        law = self._job.result()
        law.index.blocks_done = law.blocks_done
        docs, units = list(law.docs), list(law.units)
        page_units: list[B.Unit] = []
        for doc, html in self.pages:
            units_of_page = page_units_of(html, doc.title, len(docs))
            if doc.kind == "qa" and units_of_page:
                # The question and its short answer: shown whole as the result's snippet.
                units_of_page[0].snippet_chars = QA_SNIPPET_CHARS
                units_of_page[0].label = units_of_page[0].label or "简要回答"
            page_units.extend(units_of_page)
            docs.append(doc)
        pairs = B.merge(law.pairs, B.term_pairs(page_units, len(units), law.ascii))
        law.index.settings.keep_units_from = len(units)     # the pages' units follow the laws'
        units.extend(page_units)
        trad, simp = traditional_map()
        # What people type in pinyin: law names and everyday words (not the legal terms).
        pinyin = law.pinyin + pinyin_lexicon(list(self.synonyms))
        extra = {"syn": self.synonyms, "question": list(QUESTION_WORDS), "ask": list(ASKING_WORDS),
                 "contact": list(CONTACT_WORDS), "lead": list(CONTACT_LEADS),
                 "whom": list(CONTACT_NOUNS), "sought": list(CONTACT_SOUGHT), "ts": [trad, simp]}
        stats = law.index.finish(docs, units, pairs, law.ascii, extra=extra, pinyin=pinyin,
                                 phrases=self.synonyms)
        self.seconds = time.perf_counter() - started
        log.debug("search index: %s; %.1f s after the pages", stats, self.seconds)
        self.pages = []

    def on_build_error(self, error):
        if getattr(self, "_job", None) is not None:
            self._job.cancel()
        self._job = None


@dataclass
class _LawIndex:
    index: B.IndexWriter
    docs: list
    units: list
    pairs: B.Pairs
    ascii: B.AsciiTerms
    pinyin: list
    blocks_done: int = 0


def _index_laws(lib, index: B.IndexWriter) -> _LawIndex:
    """Terms, unit blocks and pinyin of the law library (on the worker)."""
    ascii_terms = B.AsciiTerms()
    if lib is None:
        return _LawIndex(index, [], [], B.term_pairs([], 0, ascii_terms), ascii_terms, [])
    docs, unit_lists = law_documents(lib)
    units = [u for unit_list in unit_lists for u in unit_list]
    pairs = B.term_pairs(units, 0, ascii_terms)
    index.blocks(units, final=False)
    index.writer.close()
    index.writer = B._Writer()
    titles = [short_name(d.title) for d in docs if d.kind != "case"]
    return _LawIndex(index, docs, units, pairs, ascii_terms, pinyin_lexicon(titles), index.blocks_done)


class _Job:
    """The law index, computed while MkDocs renders the pages.

    A forked process where the platform has fork and nothing else runs threads
    (pufa build on Linux): two cores really work at once.  A thread elsewhere
    (Windows, or pufa serve, whose file watcher runs threads)."""

    def __init__(self, lib, index: B.IndexWriter):
        self.index = index
        self.process = self.conn = self.future = None
        if hasattr(os, "fork") and threading.active_count() == 1 and lib is not None:
            ctx = multiprocessing.get_context("fork")
            self.conn, child = ctx.Pipe(duplex=False)
            self.process = ctx.Process(target=_child, args=(lib, index, child), daemon=True)
            self.process.start()
            child.close()
        else:
            self.pool = ThreadPoolExecutor(max_workers=1)
            self.future = self.pool.submit(_index_laws, lib, index)

    def result(self) -> _LawIndex:
        if self.future is not None:
            law = self.future.result()
            self.pool.shutdown()
            return law
        try:
            law = self.conn.recv()
        except EOFError:
            raise RuntimeError("搜索索引的后台进程意外退出") from None
        self.process.join()
        law.index = self.index
        return law

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
        if self.future is not None:
            self.future.cancel()


def _child(lib, index, conn) -> None:
    try:
        law = _index_laws(lib, index)
        law.index = None          # not sent back: the parent has its own
        # Units whose blocks are written need only their document from here on.
        done = law.blocks_done * index.settings.block_size
        law.units = [B.Unit(u.doc, "", "", "") for u in law.units[:done]] + law.units[done:]
        conn.send(law)
    finally:
        conn.close()

