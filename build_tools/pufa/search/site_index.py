"""The site's search index: the law library indexed while pages render, the
pages added as they are written, all written to site/search/ at the end."""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pufa.content import types as T
from pufa.laws.library import short_name
from pufa import processes
from pufa.processes import end_with_parent
from pufa.search import asks as A
from pufa.search import build as B
from pufa.search.collect import law_documents
from pufa.search.collect import page_units as page_units_of
from pufa.search.language import (ASKING_WORDS, CONTACT_LEADS, CONTACT_NOUNS, CONTACT_SOUGHT, CONTACT_WORDS,
                                  QUESTION_WORDS, pinyin_lexicon, traditional_bits,
                                  traditional_map)

SEARCH_PAGE = "search/index.md"
KIND_BY_TYPE = {"lesson": "lesson", "guide": "guide", "village": "village", "party-history": "history",
                "campaign": "campaign", "directory": "directory", "qa": "qa"}
# A Q&A's short answer is one or two sentences: shown whole, not cut at snippet_chars.
QA_SNIPPET_CHARS = 120
# Pages that only list other pages are not results of their own.
SKIP_TEMPLATES = {"pufa/listing.html", "pufa/timeline.html", "pufa/home.html", "pufa/law.html",
                  "pufa/law-library.html", "pufa/law-category.html", "pufa/search.html",
                  "pufa/offline.html"}


class SiteIndex:
    """One build's search index. `start` when the laws' URLs are known, `add`
    each rendered page, `finish` after the last page."""

    def __init__(self, out_dir: Path, shards: int, max_postings: int, snippet_chars: int, unit_terms: int = 0,
                 common_share: float = 0.0):
        self.settings = B.Settings(shards=shards, max_postings=max_postings, snippet_chars=snippet_chars,
                                   unit_terms=unit_terms, common_share=common_share)
        self.out_dir = out_dir
        self.pages: list[tuple[B.Doc, str]] = []
        self._job: _Job | None = None

    def start(self, lib) -> None:
        """Index the law library on a worker while the pages render: it is most of the work."""
        self._job = _Job(lib, B.IndexWriter(self.out_dir, self.settings))

    def wants(self, src_uri: str, template: str, is_homepage: bool, meta: dict) -> bool:
        if template in SKIP_TEMPLATES or is_homepage or src_uri == SEARCH_PAGE:
            return False
        return meta.get("search", {}) != {"exclude": True}

    def add(self, src_uri: str, title: str, url: str, html: str) -> None:
        ctype = T.type_for_path(src_uri)
        kind = KIND_BY_TYPE.get(ctype.key, "page") if ctype else "page"
        self.pages.append((B.Doc(title, url, kind), html))

    def finish(self, synonyms: dict) -> dict:
        law = self._job.result()
        law.index.blocks_done = law.blocks_done
        for kind, listed in law.figures.items():       # (found by the worker in the blocks it wrote)
            law.index.figures.setdefault(kind, [])[:0] = listed
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
        pairs = law.pairs.extend(B.pair_runs(page_units, len(units), law.ascii))
        law.index.settings.keep_units_from = len(units)     # the pages' units follow the laws'
        units.extend(page_units)
        trad, simp = traditional_map()
        # What people type in pinyin: law names and everyday words (not the legal terms).
        pinyin = law.pinyin + pinyin_lexicon(list(synonyms))
        extra = {"syn": synonyms, "question": list(QUESTION_WORDS), "ask": list(ASKING_WORDS),
                 "contact": list(CONTACT_WORDS), "lead": list(CONTACT_LEADS),
                 "whom": list(CONTACT_NOUNS), "sought": list(CONTACT_SOUGHT), "tsk": traditional_bits(trad)}
        # Traditional characters' simplified forms: loaded by a query that has one.
        law.index.extra_files["ts.js"] = B._js("ts", [trad, simp])
        self.pages = []
        # The question bank: its questions, and the article each answers (as differences).
        asked = sorted(law.asks or [], key=lambda a: a[1])
        extra["asks"] = len(asked)
        questions = [q for q, _ in asked]
        law.index.extra_files["asks.js"] = lambda indexed_terms: B._js("asks", {
            "q": questions, "to": B.differences([u for _, u in asked]),
            "gap": A.unindexed(questions, indexed_terms)})
        return law.index.finish(docs, units, pairs, law.ascii, extra=extra, pinyin=pinyin, phrases=synonyms)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None


@dataclass
class _LawIndex:
    index: B.IndexWriter
    docs: list
    units: list
    pairs: B.Runs
    ascii: B.AsciiTerms
    pinyin: list
    blocks_done: int = 0
    figures: dict = None
    asks: list = None             # [(question, unit)], the question bank's questions this library answers


def _index_laws(lib, index: B.IndexWriter) -> _LawIndex:
    """Terms, unit blocks and pinyin of the law library (on the worker)."""
    ascii_terms = B.AsciiTerms()
    if lib is None:
        return _LawIndex(index, [], [], B.Runs(), ascii_terms, [], 0, {}, [])
    docs, unit_lists = law_documents(lib)
    asks, _ = A.targets(A.bank(), docs, unit_lists)
    units = [u for unit_list in unit_lists for u in unit_list]
    # Sorted runs in files beside the index: tens of millions of pairs never in memory at once.
    pairs = B.pair_runs(units, 0, ascii_terms, spill=index.out)
    index.blocks(units, final=False, docs=docs)
    index.writer.close()
    index.writer = B._Writer()
    titles = [short_name(d.title) for d in docs if d.kind != "case"]
    return _LawIndex(index, docs, units, pairs, ascii_terms, pinyin_lexicon(titles), index.blocks_done,
                     {k: list(v) for k, v in index.figures.items()}, asks)


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
            processes.started(self.process)
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
        processes.finished(self.process)
        law.index = self.index
        return law

    def cancel(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=10)        # gone before its folder is removed
            processes.finished(self.process)
        if self.future is not None:
            self.future.cancel()


def _child(lib, index, conn) -> None:
    end_with_parent()             # a build killed by any signal leaves no worker behind
    try:
        law = _index_laws(lib, index)
        law.index = None          # not sent back: the parent has its own
        # Units whose blocks are written need only their document from here on.
        done = law.blocks_done * index.settings.block_size
        law.units = [B.Unit(u.doc, "", "", "") for u in law.units[:done]] + law.units[done:]
        conn.send(law)            # (the pairs stay in their files)
    finally:
        conn.close()
