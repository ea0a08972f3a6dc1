"""One build of one site: what the engine's events ask of the model, and the
order of everything pufa does around the pages -- written once, here.

The engine (MkDocs, through pufa's plugins) calls, in this order:

1. `generated_pages`  pages no file holds (listings, quizzes, screens, search …)
2. `pages_known`      every page's address is final: the law index starts
3. per page: `page_markdown`, then (HTML) `page_html`, then `post_page`
4. `finish`           after the last page: the steps listed in `finish`

Nothing here imports MkDocs: URLs come in as strings, templates through the
Jinja environment handed to `finish`.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from markupsafe import Markup, escape

from pufa import fingerprint
from pufa import poster as posters
from pufa import pwa, usage
from pufa.backup import is_working_file
from pufa.browser_bundle import write_bundle
from pufa.check.links import photo_url
from pufa.content import documents, quiz
from pufa.content import types as T
from pufa.content import views
from pufa.content.case_layout import wrap_case_sections
from pufa.htmlcompact import compact
from pufa.htmlvalid import valid_html
from pufa.laws.compare import comparison_src
from pufa.laws.library import LAWS_FOLDER, STATUS_LABELS
from pufa.laws.render import Linker, law_html, law_outline, link_html
from pufa.minify import minify_site
from pufa.precompress import precompress_site
from pufa.offline import localise_material_bundle
from pufa.screens import site as screen_site
from pufa.search.site_index import SEARCH_PAGE, SiteIndex
from pufa.site import preview
from pufa.site.model import SiteModel

TIMELINE_SRC = f"{T.PARTY_HISTORY.folder}/timeline.md"
OFFLINE_PAGE = "offline/index.md"
LAWS_HOME = f"{LAWS_FOLDER}/index.md"
# Sections whose index is more than cards: the document register is a table.
LISTING_TEMPLATES = {T.DOCUMENT.key: "pufa/document-register.html"}


def listing_template(ctype: T.ContentType) -> str:
    return LISTING_TEMPLATES.get(ctype.key, "pufa/listing.html")


SITE_MAP_PAGE = "site-map/index.md"


class Run:
    def __init__(self, model: SiteModel, relative_url: Callable[[str, str], str], *,
                 preview_mode: bool = False, site_url: str | None = None, memory=None):
        self.model = model
        self.settings = model.settings
        self.relative_url = relative_url            # (target URL, from page URL) -> href
        self.preview = preview_mode
        # The public address: QR codes and posters point there, also in preview.
        self.site_url = self.settings.site_url if site_url is None else site_url
        self.files: dict[str, tuple[str, str]] = {}  # src_uri -> (url, dest_uri), every file built
        self.generated: set[str] = set()
        self.screens: dict = {}                      # generated display page -> playlist
        self.posters: dict[str, posters.Poster] = {}
        self.linkers: dict[str, Linker] = {}
        self.comparisons: dict[str, tuple] = {}      # 新旧对照 page src -> (older entry, newer entry)
        self.offline_pages: dict[str, str] = {}      # dest_uri -> section
        self.search: SiteIndex | None = None
        self.preview_findings = preview.by_file(model.findings) if preview_mode else None
        self.wechat: dict[str, str] = {}             # pufa serve: dest_uri -> the page's 公众号 article
        self.wechat_markdown = None
        self.assets: dict[str, str] = {}             # pufa's own files: plain name -> fingerprinted
        self.finished = False
        # pufa serve: the previous build's memory; the pages to render again (None: all).
        self.memory = memory
        self.first = memory is None or memory.model is None    # not a preview's rebuild after a save
        self.rebuild: set[str] | None = None
        if memory is not None:
            self.rebuild = preview.pages_to_rebuild(memory.model, model)
            memory.model = model
            memory.generation += 1

    # -- 1. files ------------------------------------------------------------
    def hidden(self, src_uri: str) -> bool:
        """Files under content/ that are data, not published: folder defaults,
        underscore files, playlists; and working files -- backups, Word's and
        WPS's lock files, the thumbnails Windows and macOS leave."""
        name = src_uri.rsplit("/", 1)[-1]
        return any(p.startswith("_") for p in src_uri.split("/")) or screen_site.is_playlist_file(src_uri) \
            or is_working_file(name)

    def generated_pages(self, exists: Callable[[str], bool]) -> list[tuple[str, dict]]:
        """(src_uri, front matter) of the pages pufa makes that no file holds."""
        index, out = self.model.index, []

        def add(src: str, meta: dict) -> None:
            if not exists(src) and all(src != s for s, _ in out):
                out.append((src, meta))

        if self.settings.laws is not None:
            add(LAWS_HOME, {"title": "法律法规库"})
            for cat in self.model.laws.categories():
                add(f"{LAWS_FOLDER}/{cat['slug']}/index.md", {"title": cat["name"]})
            # 新旧对照: each older version against the one after it, under the newest's address.
            for versions in self.model.laws.by_title.values():
                if versions[0].is_case:
                    continue
                for older, newer in zip(versions[1:], versions):
                    src = comparison_src(versions[0], older)
                    self.comparisons[src] = (older, newer)
                    add(src, {"title": f"{older.short_title}新旧对照", "template": "pufa/law-compare.html",
                              "hide": ["navigation", "toc"], "search": {"exclude": True}})

        for playlist in self.model.playlists:
            src = screen_site.page_src(playlist)
            if not exists(src):
                self.screens[src] = playlist
                add(src, {"template": "pufa/screen.html", "search": {"exclude": True}})
        for src, campaign in self.model.quizzes.items():
            add(src, {"title": f"{campaign.title} · 知识自测"})
        # The kiosk usage page: generated, not linked, not indexed.
        add(usage.USAGE_SRC, {"title": "一体机使用统计", "template": "pufa/usage.html",
                              "search": {"exclude": True}, "hide": ["navigation", "toc"]})
        # Missing section pages, so every type with content has its listing.
        for ctype in T.TYPES:
            if index.of_type(ctype):
                add(f"{ctype.folder}/index.md", {"title": ctype.label})
        if any(s.startswith(T.PARTY_HISTORY.folder + "/") for s in self.model.sources):
            add(TIMELINE_SRC, {"title": "党史时间轴"})
        if self.settings.search_enabled:
            add(SEARCH_PAGE, {"title": "搜索", "template": "pufa/search.html", "hide": ["navigation", "toc"]})
        # 网站地图: every column and its pages (linked from every footer; inspections ask for it).
        add(SITE_MAP_PAGE, {"title": "网站地图", "template": "pufa/site-map.html",
                            "hide": ["navigation", "toc"], "search": {"exclude": True}})
        if self.settings.offline_enabled:
            add(OFFLINE_PAGE, {"title": "离线阅读", "template": "pufa/offline.html",
                               "hide": ["navigation", "toc"], "search": {"exclude": True}})
        for src, _ in out:
            if src.endswith("/index.md") and T.type_for_path(src) and src.count("/") == 1:
                index.others.setdefault(src, None)
        self.generated = {src for src, _ in out}
        return out

    def must_render(self, src_uri: str) -> bool:
        """pufa serve after a save: whether this page is rendered again."""
        if self.rebuild is None:
            return True
        if src_uri in self.rebuild:
            return True
        if src_uri not in self.generated or not self.rebuild:
            return False
        saved = {r.split("/", 1)[0] for r in self.rebuild}      # the sections something was saved in
        if src_uri.startswith(LAWS_FOLDER + "/"):
            return LAWS_FOLDER in saved
        if src_uri == TIMELINE_SRC:
            return T.PARTY_HISTORY.folder in saved
        if src_uri in self.model.quizzes:
            return bool(saved & {T.LESSON.folder, T.CAMPAIGN.folder})
        return src_uri in self.screens           # the screens show titles of every kind

    # -- 2. addresses ------------------------------------------------------------
    def pages_known(self, files: dict[str, tuple[str, str]], site_dir: Path) -> None:
        """Every file's (url, dest_uri) is final: items and laws learn theirs,
        and the law library's search index starts (while the pages render)."""
        self.files = files
        for item in self.model.index.items:
            item.url = self.url_of(item.src_uri)
        lib = self.model.laws
        for entry in lib.entries:
            entry.url = self.url_of(entry.src_uri)
        if self.settings.search_enabled:
            s = self.settings.search
            self.search = SiteIndex(site_dir / "search", s.shards, s.max_postings, s.snippet_chars, s.unit_terms,
                                    s.common_share)
            if self.first:              # a preview's later builds index after the pages, in the background
                self.search.start(lib if self.settings.laws is not None else None)

    def url_of(self, src_uri: str) -> str:
        """The URL of a file by its path under content/ ('' if there is none)."""
        return self.files.get(src_uri, ("", ""))[0]

    def empty_sections(self) -> list[str]:
        """Section pages to leave out of the menu: nothing published there yet.
        A law-only site's 1,500+ pages would each carry the link."""
        return [f"{t.folder}/index.md" for t in T.TYPES if not self.model.index.of_type(t)]

    # -- 3. pages ------------------------------------------------------------
    def law_entry(self, src_uri: str):
        if self.settings.laws is None:
            return None
        return self.model.laws.by_src.get(src_uri)

    def page_source(self, src_uri: str) -> str | None:
        """What the engine renders instead of reading the file again (None: read it)."""
        item = self.model.item(src_uri)
        if item is not None:
            return item.body        # front matter already parsed and validated
        if self.law_entry(src_uri) is not None:
            return ""               # law pages are rendered from the parsed corpus
        return None

    def title_of(self, src_uri: str) -> str | None:
        item, entry = self.model.item(src_uri), self.law_entry(src_uri)
        title = item.title if item is not None else entry.title if entry is not None else None
        return escape(title) if title else None

    def page_markdown(self, src_uri: str, url: str, markdown: str, meta: dict,
                      is_homepage: bool) -> tuple[str, dict]:
        item = self.model.item(src_uri)
        entry = self.law_entry(src_uri)
        if item is not None:
            meta = dict(item.meta)
            if item.is_listing:
                meta.setdefault("title", item.ctype.label)
                meta.setdefault("template", listing_template(item.ctype))
            else:
                meta["template"] = item.ctype.template
            if "description" not in meta and views.summary_of(item):
                meta["description"] = views.summary_of(item)
            if meta.get("photos"):
                # Written beside the page's file; the page itself is one folder deeper.
                meta["photos"] = [dict(p, src=photo_url(src_uri, url, p["src"])) for p in meta["photos"]]
        elif entry is not None:
            meta = {"title": escape(entry.title), "template": "pufa/law.html", "hide": ["navigation"],
                    "description": escape(f"{entry.title}（{STATUS_LABELS[entry.status]}）")}
        elif src_uri in self.model.quizzes:
            meta["template"] = "pufa/quiz.html"
            markdown = self._campaign_quiz(src_uri, url)
        elif src_uri == TIMELINE_SRC:
            meta.setdefault("template", "pufa/timeline.html")
        elif is_homepage:
            meta.setdefault("template", "pufa/home.html")
            meta.setdefault("hide", ["navigation", "toc"])
        elif src_uri == LAWS_HOME and self.settings.laws is not None:
            meta.setdefault("template", "pufa/law-library.html")
            meta.setdefault("hide", ["toc"])
        elif src_uri.startswith(LAWS_FOLDER + "/") and src_uri.endswith("/index.md") \
                and self.settings.laws is not None:
            meta.setdefault("template", "pufa/law-category.html")
            meta.setdefault("hide", ["toc"])
        elif src_uri.endswith("/index.md") and T.type_for_path(src_uri):
            ctype = T.type_for_path(src_uri)
            meta.setdefault("title", ctype.label)
            meta.setdefault("template", listing_template(ctype))
        # Self-test questions become a form scored in the reader's browser.
        markdown = quiz.replace_blocks(markdown, "pufa")
        # Titles reach HTML through Material's templates unescaped: escape them here.
        for key in ("title", "description", "summary", "author"):
            if key in meta and meta[key] is not None and not isinstance(meta[key], Markup):
                meta[key] = escape(str(meta[key]))
        return markdown, meta

    def _campaign_quiz(self, src_uri: str, url: str) -> str:
        campaign = self.model.quizzes[src_uri]
        questions = []
        for lesson in quiz.campaign_lessons(self.model.index, campaign):
            for q in quiz.questions_of(lesson.body):
                q.source = (lesson.title, self.relative_url(lesson.url, url))
                questions.append(q)
        return "\n" + quiz.render(questions, "pufa-campaign-quiz") + "\n"

    def law_outline(self, src_uri: str) -> tuple[list[dict], set[str]]:
        """A law page's table of contents and anchor ids (its body comes later, in `law_body`)."""
        return law_outline(self.law_entry(src_uri))

    def law_body(self, src_uri: str, url: str) -> str:
        """A law page's body, from the parsed corpus (Markdown is the slowest step
        for 1,500 laws, and the structure is already known).  Made just before
        the page's template and dropped after it is written: a library of any
        size holds one law page's HTML at a time."""
        entry = self.law_entry(src_uri)
        linker = Linker(self.model.laws, lambda target: self.relative_url(target.url, url), own=entry)
        body = law_html(entry, linker)
        data = linker.preview_json()
        if data:
            body += f'\n<script type="application/json" id="pufa-cite-data">{data}</script>'
        return body

    def linker(self, src_uri: str, url: str) -> Linker:
        linker = self.linkers.get(src_uri)
        if linker is None:
            linker = Linker(self.model.laws, lambda target: self.relative_url(target.url, url))
            self.linkers[src_uri] = linker
        return linker

    def cite(self, value, src_uri: str | None, url: str = "") -> Markup:
        """Jinja filter: escape a value and link the citations in it."""
        if src_uri is None or not self.settings.link_citations:
            return escape(value)
        return Markup(self.linker(src_uri, url).link_text(str(value)))

    def page_html(self, src_uri: str, url: str, html: str, meta: dict) -> str:
        """A content page's HTML from Markdown: case sections, citation links."""
        if self.law_entry(src_uri) is None and self.settings.link_citations:
            html = link_html(html, self.linker(src_uri, url))
        if meta.get("layout") == "以案释法":
            html = wrap_case_sections(html)
        return html

    def plan_assets(self, theme_dirs) -> None:
        """Before the templates: the fingerprinted names of pufa's own files (not in a preview)."""
        if not self.preview:
            self.assets = fingerprint.plan(theme_dirs)

    def asset(self, rel: str) -> str:
        """Jinja filter pufa_asset: the name a page loads one of pufa's files by."""
        return self.assets.get(rel, rel)

    def page_context(self, src_uri: str, dest_uri: str) -> None:
        """Before the page's template: note its poster (written in `finish`)."""
        item = self.model.item(src_uri)
        if self.site_url and posters.has_poster(item):
            p = posters.make_for(item, dest_uri, self.settings, self.site_url)
            self.posters[p.dest_uri] = p

    def post_page(self, output: str, *, src_uri: str, dest_uri: str, url: str, title: str,
                  meta: dict, is_homepage: bool) -> str:
        """A page's finished HTML, in this order: its citations' preview data,
        the search index, the offline list, the preview banner, compaction."""
        linker = self.linkers.pop(src_uri, None)
        if linker is not None and linker.previews:
            output = output.replace(
                "</body>", f'<script type="application/json" id="pufa-cite-data">{linker.preview_json()}</script>\n</body>', 1)
        if self.search is not None and self.search.wants(src_uri, meta.get("template", ""), is_homepage, meta):
            if self.memory is not None:
                self.memory.pages[src_uri] = (title, url, dest_uri)    # (read back from the folder)
            if self.first:
                self.search.add(src_uri, title, url, output)
        if self.settings.offline_enabled:
            self.offline_pages[dest_uri] = dest_uri.split("/", 1)[0] if "/" in dest_uri else "home"
        if self.preview_findings is not None:
            banner = preview.banner(self.preview_findings, f"{self.model.root}/{src_uri}")
            output = output.replace("</body>", banner + "</body>", 1)
            output = self._wechat(output, src_uri, dest_uri, url)
        return compact(valid_html(output))

    def shell_files(self) -> tuple[str, ...]:
        """Files every page shows outside assets/: the offline shell caches them too."""
        gov = getattr(self.settings.pufa, "gov", None) if self.settings.pufa is not None else None
        badge = (getattr(gov, "badge", "") or "").strip().lstrip("/") if gov is not None else ""
        dest = self.files.get(badge, (None, None))[1] if badge else None
        return (dest,) if dest else ()

    def static_page(self, output: str) -> str:
        """A page made from a template alone (404.html): valid and compact like the others."""
        return compact(valid_html(output))

    def _wechat(self, output: str, src_uri: str, dest_uri: str, url: str) -> str:
        """pufa serve: the page's 公众号 article beside it (written in `finish`) and the button that copies it."""
        item = self.model.item(src_uri)
        if item is None or item.is_listing:
            return output
        from pufa.wechat.page import Markdown, article

        try:
            if self.wechat_markdown is None:
                self.wechat_markdown = Markdown(self.settings)
            made = article(self.model, item, dest_uri=dest_uri, markdown=self.wechat_markdown,
                           image_src=lambda src: self.relative_url(self.url_of(src), url))
        except Exception:  # noqa: BLE001 - the page itself shows; its problems are in the banner
            return output
        self.wechat[preview.wechat_dest(dest_uri)] = made.document()
        return preview.with_wechat_button(output, dest_uri, len(made.images),
                                          self.relative_url(preview.WECHAT_SCRIPT, url))

    # -- 4. after the pages ---------------------------------------------------------
    def finish(self, site_dir: Path, env) -> None:
        """Everything after the last page, in the order it must happen."""
        if self.finished:
            return
        self.finished = True
        again = not self.first                   # a preview build after a save
        # Posters are plain files: not pages, so not in the nav, the sitemap,
        # the search or the offline precache.
        for dest, p in self.posters.items():
            out = site_dir / dest
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(compact(posters.render(env, p)), encoding="utf-8")
        # pufa serve: each content page's 公众号 article, for its 「复制到公众号」 button.
        for dest, text in self.wechat.items():
            (site_dir / dest).write_text(text, encoding="utf-8")
        if self.preview:
            preview.write_wechat_script(site_dir)
        # The register as spreadsheets, beside its page (documents/*.csv).
        for name, text in documents.register_csv(self.model.index).items():
            out = site_dir / T.DOCUMENT.folder / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        if not again:                            # (a preview copies theme files only once)
            localise_material_bundle(site_dir)
            write_bundle(site_dir)               # pufa's scripts, joined from their modules
            minify_site(site_dir)
            fingerprint.apply(site_dir, self.assets)    # (the names the pages were given)
            if not self.settings.material_search:
                # Material's own search (lunr and its worker) is not used: pufa has its own.
                for folder in ("lunr", "workers"):
                    shutil.rmtree(site_dir / "assets" / "javascripts" / folder, ignore_errors=True)
        screen_site.drop_from_sitemap(site_dir)
        if self.search is not None:
            if self.first:
                self.search.finish(self.model.synonyms)
                if self.memory is not None:
                    preview.mark_indexed(site_dir / "search", self.model.stamps)
            elif not preview.indexed(site_dir / "search", self.model.stamps):
                preview.index_in_background(self, site_dir)
        # Last: the offline precache lists and hashes every file as served.
        if self.preview:
            pwa.write_preview_worker(site_dir)   # a preview is never served from a cache
        elif self.settings.offline_enabled:
            o, s = self.settings.offline, self.settings
            pwa.write_offline(site_dir, site_name=s.site_name, description=s.site_description,
                              theme_color=o.theme_color, precache_mb=o.precache_mb,
                              logo=s.docs_dir / s.logo if s.logo else None, pages=self.offline_pages,
                              shell=self.shell_files())
        # Very last, after every file is written: the copies a web server sends compressed
        # (not for a preview, nor for the offline zip, which no server serves).
        if not self.preview and self.settings.use_directory_urls:
            precompress_site(site_dir)

    def cancel(self) -> None:
        if self.search is not None:
            self.search.cancel()
