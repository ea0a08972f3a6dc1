"""The pufa MkDocs plugin: typed content, listings, timeline, home page, theme.

Only MkDocs event hooks live here; the content model, validation and the
template views are plain modules in ``pufa.content``.
"""
from __future__ import annotations

import logging
import os
import posixpath
import shutil
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from pufa import poster as posters
from pufa import qr
from pufa import usage
from pufa.browser_bundle import write_bundle
from pufa.content import documents, quiz
from pufa.content.forms import forms_of
from pufa.content import types as T
from pufa.content import views
from pufa.content.case_layout import wrap_case_sections
from pufa.content.model import ContentIndex, load_index
from pufa.content.rules import body_findings, cross_page_findings
from pufa.content.slug import heading_id, slugify_path
from pufa.findings import format_all
from pufa.htmlcompact import compact
from pufa.minify import minify_site
from pufa.offline import localise_material_bundle
from pufa.plugins.content import screens
from pufa.plugins.content.config import PufaConfig
from pufa.resources import theme_dir
from pufa.screens.checks import load_checked

log = logging.getLogger("mkdocs.plugins.pufa")

TIMELINE_SRC = f"{T.PARTY_HISTORY.folder}/timeline.md"
QUIZ_FOLDER = "quiz"
# Sections whose index is more than cards: the document register is a table.
LISTING_TEMPLATES = {T.DOCUMENT.key: "pufa/document-register.html"}


def listing_template(ctype: T.ContentType) -> str:
    return LISTING_TEMPLATES.get(ctype.key, "pufa/listing.html")


class ContentError(PluginError):
    """Content that must not be published; the message is for staff."""


class PufaPlugin(BasePlugin[PufaConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.index: ContentIndex | None = None
        self.files: Files | None = None
        self.preview_findings: dict | None = None   # pufa serve: file -> findings
        self.root = "content"
        self.screens: dict = {}                # generated src -> Playlist
        self.playlists: dict = {}              # name -> Playlist
        self.quiz_pages: dict = {}             # generated src -> campaign item
        self.env = None
        self.posters: dict[str, posters.Poster] = {}   # poster dest_uri -> poster
        self.site_url = ""          # the public address: QR codes and posters point there

    # -- configuration ---------------------------------------------------
    def on_config(self, config):
        ours = str(theme_dir())
        dirs = config.theme.dirs
        if ours not in [str(Path(d)) for d in dirs]:
            # After the site's own custom_dir (if any), before Material.
            position = 1 if config.theme.custom_dir else 0
            dirs.insert(position, ours)
        # Never fetch Google Fonts: the site must work where they are blocked.
        config.theme["font"] = False
        if config.theme.get("language") in (None, "en"):
            config.theme["language"] = "zh"
        config.extra["generator"] = False
        self.site_url = config.site_url or ""
        if os.environ.get("PUFA_PREVIEW") == "1":
            # `mkdocs serve` puts its own address in site_url; codes show the public one.
            self.site_url = _written_site_url(config.config_file_path)
        # Heading anchors in pinyin (#an-qing-jian-jie), not '#_1'.
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", heading_id)
        if "toc" not in config.markdown_extensions:
            config.markdown_extensions.append("toc")
        return config

    # -- files -----------------------------------------------------------
    @event_priority(50)
    def on_files(self, files: Files, config):
        docs_dir = Path(config.docs_dir)
        root = display_root(config)
        self.root = root
        # Laws are the pufa-laws plugin's; everything else is content.
        md_files = [f.src_uri for f in files.documentation_pages()
                    if f.abs_src_path and not f.src_uri.startswith("laws/")]
        index = load_index(docs_dir, display_root=root, src_uris=md_files)
        index.findings.extend(cross_page_findings(index))
        index.findings.extend(body_findings(index))
        playlists, screen_findings = load_checked(docs_dir, root, index)
        index.findings.extend(screen_findings)
        errors = index.errors
        warnings = [f for f in index.findings if not f.is_error]
        if warnings:
            log.warning("内容检查发现 %d 个警告：\n%s", len(warnings), format_all(warnings))
        preview = os.environ.get("PUFA_PREVIEW") == "1"
        self.preview_findings = _preview_findings(config) if preview else None
        if errors and preview:
            log.warning("内容有 %d 处错误（预览照常显示，正式生成会停止）：\n%s",
                        len(errors), format_all(errors))
        elif errors and self.config.strict_content:
            raise ContentError(
                f"内容有 {len(errors)} 处错误，网站没有生成（原来的网站保持不变）：\n"
                + format_all(errors))
        self.index = index

        # Folder defaults and other underscore files are data, not pages.
        for f in list(files):
            if any(part.startswith("_") for part in f.src_uri.split("/")) and f.abs_src_path \
                    and str(Path(f.abs_src_path)).startswith(str(docs_dir)):
                files.remove(f)

        self.screens = screens.add_pages(files, config, playlists)
        self.playlists = {p.name: p for p in playlists}

        # A self-test page per campaign, from its lessons' questions.
        self.quiz_pages = {}
        for campaign in index.of_type(T.CAMPAIGN):
            if any(quiz.questions_of(lesson.body) for lesson in quiz.campaign_lessons(index, campaign)):
                stem = slugify_path(campaign.src_uri).rsplit("/", 1)[-1].removesuffix(".md")
                src = f"{QUIZ_FOLDER}/{stem}.md"
                if files.get_file_from_path(src) is None:
                    files.append(File.generated(config, src, content=f"---\ntitle: {campaign.title} · 知识自测\n---\n"))
                    self.quiz_pages[src] = campaign

        # The kiosk usage page: generated, not linked, not indexed.
        if files.get_file_from_path(usage.USAGE_SRC) is None:
            files.append(File.generated(config, usage.USAGE_SRC, content=(
                "---\ntitle: 一体机使用统计\ntemplate: pufa/usage.html\nsearch: {exclude: true}\n"
                "hide: [navigation, toc]\n---\n")))

        # Missing section pages are generated so every type has its listing.
        for ctype in T.TYPES:
            src = f"{ctype.folder}/index.md"
            if files.get_file_from_path(src) is None and index.of_type(ctype):
                files.append(File.generated(config, src, content=f"---\ntitle: {ctype.label}\n---\n"))
                index.others.setdefault(src, None)
        has_history = any(f.src_uri.startswith(T.PARTY_HISTORY.folder + "/") for f in files)
        if has_history and files.get_file_from_path(TIMELINE_SRC) is None:
            files.append(File.generated(
                config, TIMELINE_SRC, content="---\ntitle: 党史时间轴\n---\n"))

        # URLs in pinyin: a file saved with a Chinese name still gets an ASCII URL.
        for f in files:
            if f.generated_by is None and not f.src_uri.isascii():
                if f.is_documentation_page():
                    f.dest_uri = page_dest_uri(f.src_uri, config)
                else:
                    f.dest_uri = slugify_path(f.src_uri)
                f.url = f._get_url()

        for item in index.items:
            f = files.get_file_from_path(item.src_uri)
            if f is not None:
                item.url = f.url
        self.files = files
        return files

    def on_nav(self, nav, config, files):
        # A section with nothing published yet gets no tab: readers would find an
        # empty page, and a law-only site's 1,500+ pages would each carry the link.
        if self.index is not None:
            for ctype in T.TYPES:
                if not self.index.of_type(ctype):
                    drop_from_nav(nav, f"{ctype.folder}/index.md")
        return nav

    # -- pages -----------------------------------------------------------
    def on_page_read_source(self, page, config):
        item = self.index.by_src(page.file.src_uri) if self.index else None
        if item is None:
            return None
        # The front matter is already parsed and validated; MkDocs gets the body.
        return item.body

    def on_page_markdown(self, markdown, page, config, files):
        src = page.file.src_uri
        item = self.index.by_src(src) if self.index else None
        if item is not None:
            page.meta = dict(item.meta)
            if item.is_listing:
                page.meta.setdefault("title", item.ctype.label)
                page.meta.setdefault("template", listing_template(item.ctype))
            else:
                page.meta["template"] = item.ctype.template
            if "description" not in page.meta and views.summary_of(item):
                page.meta["description"] = views.summary_of(item)
        elif src in self.quiz_pages:
            page.meta["template"] = "pufa/quiz.html"
            markdown = self._campaign_quiz(page)
        elif src == TIMELINE_SRC:
            page.meta.setdefault("template", "pufa/timeline.html")
        elif page.is_homepage:
            page.meta.setdefault("template", "pufa/home.html")
            page.meta.setdefault("hide", ["navigation", "toc"])
        elif src.endswith("/index.md") and T.type_for_path(src):
            ctype = T.type_for_path(src)
            page.meta.setdefault("title", ctype.label)
            page.meta.setdefault("template", listing_template(ctype))
        # Self-test questions become a form scored in the reader's browser.
        markdown = quiz.replace_blocks(markdown, "pufa")
        # Titles reach HTML through Material's templates unescaped: escape them here.
        for key in ("title", "description", "summary", "author"):
            if key in page.meta and page.meta[key] is not None \
                    and not isinstance(page.meta[key], Markup):
                page.meta[key] = escape(str(page.meta[key]))
        return markdown

    def _campaign_quiz(self, page) -> str:
        campaign = self.quiz_pages[page.file.src_uri]
        questions = []
        for lesson in quiz.campaign_lessons(self.index, campaign):
            for q in quiz.questions_of(lesson.body):
                q.source = (lesson.title, get_relative_url(lesson.url, page.url))
                questions.append(q)
        return "\n" + quiz.render(questions, "pufa-campaign-quiz") + "\n"

    def on_page_content(self, html, page, config, files):
        if page.meta.get("layout") == "以案释法":
            html = wrap_case_sections(html)
        return html

    def on_env(self, env, config, files):
        # Without the law library, citations are plain (escaped) text.
        env.filters.setdefault("pufa_cite", lambda value, page=None: escape(value))
        self.env = env
        self.posters = {}
        return env

    def on_page_context(self, context, page, config, nav):
        context["pufa"] = SiteView(self, page, config)
        item = self.index.by_src(page.file.src_uri) if self.index else None
        if self.site_url and posters.has_poster(item):
            p = self.poster_of(item, page.file.dest_uri, config)
            self.posters[p.dest_uri] = p
        return context

    def poster_of(self, item, page_dest_uri: str, config) -> posters.Poster:
        kind = item.ctype.label
        if item.meta.get("layout") == "以案释法":
            kind += " · 以案释法"
        bureau = self.config.bureau
        return posters.make(
            title=item.title, summary=views.summary_of(item), kind=kind,
            sample=bool(item.meta.get("sample")), site_url=self.site_url,
            page_dest_uri=page_dest_uri, bureau=bureau.name or config.site_name, hotline=bureau.hotline)

    @event_priority(-100)  # last: after every plugin has added its parts
    def on_post_page(self, output, page, config):
        if self.preview_findings is not None:
            shown = f"{self.root}/{page.file.src_uri}"
            output = output.replace("</body>", preview_banner(self.preview_findings, shown) + "</body>", 1)
        return compact(output)

    def on_post_build(self, config):
        site = Path(config.site_dir)
        # Posters are plain files: not pages, so not in the nav, the sitemap,
        # the search or the offline precache.
        for dest, p in self.posters.items():
            out = site / dest
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(compact(posters.render(self.env, p)), encoding="utf-8")
        self.posters = {}
        if self.index is not None:
            # The register as spreadsheets, beside its page (documents/*.csv).
            for name, text in documents.register_csv(self.index).items():
                out = site / T.DOCUMENT.folder / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
        localise_material_bundle(site)
        write_bundle(site)      # pufa.js and search.js from pufa/browser/: before minify_site
        minify_site(site)       # before the offline plugin hashes the files
        screens.drop_from_sitemap(site)
        if "material/search" not in config.plugins and "search" not in config.plugins:
            # Material's own search (lunr and its worker) is not used: pufa has its own.
            for folder in ("lunr", "workers"):
                shutil.rmtree(site / "assets" / "javascripts" / folder, ignore_errors=True)
        self.index = None
        self.files = None


class SiteView:
    """The ``pufa`` object templates see."""

    types = T.TYPES

    def __init__(self, plugin: PufaPlugin, page, config):
        self._plugin = plugin
        self._page = page
        self._config = config
        self.settings = plugin.config
        self.index = plugin.index
        self.site_name = config.site_name
        src = page.file.src_uri
        self.ctype = T.type_for_path(src)
        self.item = self.index.by_src(src) if self.index else None
        self.cn_date = views.cn_date
        self.tel_href = views.tel_href
        self.police_code = views.police_code

    def listing(self, key: str | None = None) -> dict:
        ctype = T.find_type(key) if key else self.ctype
        return views.listing(self.index, ctype)

    def latest(self, key: str, limit: int = 6) -> list[dict]:
        ctype = T.find_type(key)
        return [views.card(i) for i in self.index.of_type(ctype)[:limit]]

    def section_url(self, key: str) -> str:
        return self.url_of(T.find_type(key).folder + "/index.md")

    def share(self) -> dict | None:
        """The page's QR code, public address and poster link (None without site_url)."""
        site_url = self._plugin.site_url
        if not site_url or self._page is None or self._page.file is None:
            return None
        url = qr.public_url(site_url, self._page.file.dest_uri)
        poster = ""
        if posters.has_poster(self.item):
            poster = posters.url_of(posters.dest_uri(self._page.file.dest_uri))
        return {"url": url, "poster": poster,
                # Level L and a fixed mask: ~2 KB and ~0.6 ms on each of 1,500+ law pages.
                "qr": Markup(qr.svg(url, "L", label="本页二维码", mask=qr.FAST_MASK))}

    def url_of(self, src_uri: str) -> str:
        """The URL of a page by its path under content/ ('' if there is none)."""
        f = self._plugin.files.get_file_from_path(src_uri) if self._plugin.files else None
        return f.url if f is not None else ""

    def related(self) -> list[dict]:
        """A Q&A's related guides and lessons, as cards."""
        return views.related(self.index, self.item)

    def timeline(self) -> list[dict]:
        return views.timeline(self.index)

    def named_entries(self) -> list[dict]:
        """On a guide: the directory entries it names (办理机构 / 相关机构)."""
        if self.item is None or self.item.is_listing:
            return []
        return views.named_entries(self.index, self.item)

    def directory_entry(self) -> dict | None:
        """On a directory entry: its firm, its lawyers, the guides naming it."""
        if self.item is None or self.item.ctype is not T.DIRECTORY or self.item.is_listing:
            return None
        return views.directory_entry(self.index, self.item)

    def campaigns(self) -> list[dict]:
        return views.campaigns(self.index)

    def register(self) -> dict:
        """The 规范性文件 register: the counts table, the rows and their filters."""
        return documents.register(self.index)

    def document(self) -> dict:
        """On a document's page: its status row and its replacement chain."""
        if self.item is None or self.item.ctype is not T.DOCUMENT:
            return {}
        return dict(documents.row(self.item), **documents.relations(self.index, self.item))

    def quiz_of(self, campaign_url: str) -> dict | None:
        """The self-test page of a campaign: {url, count} or None."""
        for src, campaign in self._plugin.quiz_pages.items():
            if campaign.url == campaign_url:
                count = sum(len(quiz.questions_of(l.body)) for l in quiz.campaign_lessons(self.index, campaign))
                return {"url": self.url_of(src), "count": count}
        return None

    def quiz_campaign(self) -> dict | None:
        """On a campaign's self-test page: the campaign's card."""
        campaign = self._plugin.quiz_pages.get(self._page.file.src_uri)
        return views.card(campaign) if campaign is not None else None

    def forms(self) -> list[dict]:
        """This guide's forms to download: title, URL, kind and size."""
        if self.item is None or not self.item.meta.get("forms"):
            return []
        out = []
        for form in forms_of(self.item, self.index.docs_dir):
            url = self.url_of(form.src)
            if url:
                out.append({"title": form.title, "url": url, "kind": form.kind, "size": form.size_text})
        return out

    def usage_pin(self) -> str:
        """The kiosk usage page's PIN, hashed (empty when none is set)."""
        return usage.pin_hash(self.settings.kiosk.pin, self.site_name)

    def screen(self) -> dict | None:
        """The display page's slides, when this page is a screen's."""
        playlist = self._plugin.screens.get(self._page.file.src_uri)
        if playlist is None:
            return None
        site = screens.ScreenSite(self.index, self._plugin.files, self._config)
        return site.view(playlist, self._plugin.playlists)

    def field(self, name: str):
        return self.ctype.field(name) if self.ctype else None

    def label(self, name: str) -> str:
        f = self.field(name)
        return f.label if f else name

    def value(self, name: str):
        return self._page.meta.get(name)

    def date(self, name: str) -> str:
        return views.cn_date(self._page.meta.get(name))

    def counts(self) -> list[dict]:
        return [{"type": t, "count": len(self.index.of_type(t)), "url": t.folder + "/"}
                for t in T.TYPES if self.index.of_type(t)]


def drop_from_nav(nav, src_uri: str) -> None:
    """Take a top-level page (or the section it opens) out of the menu; it is still built and reachable."""
    def opens(item) -> bool:
        first = item.children[0] if getattr(item, "is_section", False) and item.children else item
        return getattr(first, "file", None) is not None and first.file.src_uri == src_uri

    entry = next((i for i in nav.items if opens(i)), None)
    if entry is None:
        return
    nav.items.remove(entry)
    pages = [entry] if not getattr(entry, "is_section", False) else [
        c for c in entry.children if getattr(c, "is_page", False)]
    for page in pages:
        if page in nav.pages:
            nav.pages.remove(page)
        before, after = page.previous_page, page.next_page
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
        page.previous_page = page.next_page = None


def page_dest_uri(src_uri: str, config) -> str:
    """Where a Markdown page is built: in pinyin when its file name is Chinese."""
    src = src_uri if src_uri.isascii() else slugify_path(src_uri)
    return File(src, None, config.site_dir, config.use_directory_urls).dest_uri


def _written_site_url(config_file: str | None) -> str:
    from pufa.engine import _LenientLoader

    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8-sig"), Loader=_LenientLoader)
    except (OSError, TypeError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return str(data.get("site_url") or "") if isinstance(data, dict) else ""


def display_root(config) -> str:
    """How staff see docs_dir in messages: 'content' relative to the site."""
    config_dir = Path(config.config_file_path or ".").resolve().parent
    docs = Path(config.docs_dir).resolve()
    try:
        return posixpath.normpath(docs.relative_to(config_dir).as_posix())
    except ValueError:
        return docs.as_posix()


def _preview_findings(config) -> dict:
    """Everything `pufa check` would say, by file, for the preview banner."""
    from pufa.check.runner import run

    report = run(Path(config.config_file_path).parent)
    by_file: dict = {"*": report.findings}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    return by_file


def preview_banner(findings: dict, shown: str) -> str:
    """A banner at the foot of each page in `pufa serve`: this page's problems,
    and how many the whole site has (the build would stop on errors)."""
    mine = findings.get(shown, [])
    everything = findings.get("*", [])
    errors = sum(1 for f in everything if f.is_error)
    if not everything:
        return ""
    items = "".join(
        f'<li class="pufa-preview-findings__{"error" if f.is_error else "warning"}">'
        f"<b>{escape(f.severity)}</b> {escape(f.location())} {escape(f.message)}"
        f'<br><span>修改方法：{escape(f.hint)}</span></li>' for f in mine)
    state = "pufa-preview-findings--errors" if errors else "pufa-preview-findings--warnings"
    return (f'<aside class="pufa-preview-findings {state}" role="status" data-pufa-noindex>'
            f'<p><b>预览检查</b>：本页 {len(mine)} 个问题；全站 {errors} 个错误、{len(everything) - errors} 个警告'
            f'{"（有错误时 pufa build 不会生成网站）" if errors else ""}。运行 <code>pufa check</code> 查看全部。</p>'
            f'{"<ul>" + items + "</ul>" if items else ""}</aside>')
