"""One site, read once: content, law library, playlists, synonyms and every finding.

`pufa check` reports `SiteModel.findings`; `pufa build` stops on the same list
and builds from the same objects, so the two always agree.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from pufa import filecache, government
from pufa.backup import is_working_file
from pufa.check import domain, files, fixer, links, pasted, placeholders
from pufa.content import quiz
from pufa.content import types as T
from pufa.content.model import ContentIndex, ContentItem, load_index
from pufa.content.rules import body_findings, cross_page_findings
from pufa.content.slug import slugify_path
from pufa.findings import ERROR, WARNING, Finding, Findings
from pufa.laws import checks as law_checks
from pufa.laws.library import (LAWS_FOLDER, STATUS_FILE, LawLibrary, is_law_file, load_library, region_of,
                               status_findings)
from pufa.screens.checks import load_checked
from pufa.search.language import load_synonyms
from pufa.site.settings import Settings

QUIZ_FOLDER = "quiz"


@dataclass
class SiteModel(Findings):
    settings: Settings
    today: dt.date
    sources: list[str] = field(default_factory=list)     # every file under content/, '/'-separated
    stamps: dict = field(default_factory=dict)            # source -> (mtime_ns, size): what a preview compares
    index: ContentIndex | None = None
    laws: LawLibrary | None = None
    playlists: list = field(default_factory=list)
    synonyms: dict = field(default_factory=dict)
    quizzes: dict = field(default_factory=dict)           # generated quiz src -> campaign item
    findings: list[Finding] = field(default_factory=list)
    # The errors no build goes past, not even `pufa build --no-check`: pages
    # that cannot be read or typed, a broken law library or citation.
    build_errors: list[Finding] = field(default_factory=list)
    pages: int = 0
    fixed: list = field(default_factory=list)             # (file, what pufa check --fix did)

    @property
    def root(self) -> str:
        return self.settings.root

    def item(self, src_uri: str) -> ContentItem | None:
        return self.index.by_src(src_uri) if self.index is not None else None


def load(settings: Settings, today: dt.date | None = None, fix: bool = False) -> SiteModel:
    """Read and check the whole site. Settings findings come first."""
    model = SiteModel(settings, today or dt.date.today())
    found = list(settings.findings)
    blocking = [f for f in settings.findings if f.is_error]
    docs_dir, root = settings.docs_dir, settings.root
    if not docs_dir.is_dir():
        missing = Finding(ERROR, root, None, f"找不到内容文件夹 {root}",
                          "检查 mkdocs.yml 里的 docs_dir，或先运行 pufa init", code="site.docs")
        model.findings = _ordered(found + [missing])
        model.build_errors = blocking + [missing]
        return model

    model.sources = _sources(docs_dir)
    site = links.Site(docs_dir, model.sources, settings.site_url)
    if fix:
        for rel in model.sources:
            path = docs_dir / rel
            if path.suffix.lower() in files.TEXT_SUFFIXES:
                done = files.fix_file(path, docs_dir)
                if done:
                    model.fixed.append((f"{root}/{rel}", done))
            if rel.endswith(".md") and not is_law_file(rel):
                model.fixed += [(f"{root}/{rel}", done) for done in fixer.fix_page(path, rel, docs_dir, site)]
    model.stamps = _stamps(docs_dir, model.sources)
    model.stamps.update({"/" + k: v for k, v in _stamps(settings.site, [settings.config_file.name]).items()})

    for rel in model.sources:
        found += filecache.get(("file", root), docs_dir / rel,
                               lambda: files.check_file(docs_dir / rel, rel, f"{root}/{rel}"))
    found += files.duplicate_urls([r for r in model.sources if not r.startswith(LAWS_FOLDER + "/")], root)

    pages = [r for r in model.sources if r.endswith(".md") and not r.startswith(LAWS_FOLDER + "/")
             and not any(p.startswith("_") for p in r.split("/"))
             and _has_text(docs_dir / r)]
    model.pages = len(pages)

    # Content: typed pages, their rules across pages, playlists.
    index = load_index(docs_dir, display_root=root, src_uris=pages)
    index.findings += cross_page_findings(index)
    index.findings += body_findings(index)
    model.playlists, screen_findings = load_checked(docs_dir, root, index, model.today)
    index.findings += screen_findings
    model.index = index
    found += index.findings
    blocking += [f for f in index.findings if f.is_error]
    found += _duplicate_titles(index, root)
    found += domain.check(index, model.today)
    found += _government(settings, index, root, model.today)

    # Bodies: placeholders and links (front-matter text values too).
    anchors = {rel: filecache.get("anchors", docs_dir / rel, lambda fm=fm: links.anchors_of(fm.body))
               for rel, fm in index.pages.items()}
    for rel, fm in index.pages.items():
        shown = f"{root}/{rel}"
        found += placeholders.find(fm.body, shown, fm.body_line)
        for key, value in fm.data.items():
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str) and "待补充" not in text and "第xx条" not in text.lower():
                    for f in placeholders.find(text, shown, fm.line_of(str(key))):
                        found.append(Finding(f.severity, f.file, f.line, f.message, f.hint, None, f.code))
        found += links.check(site, rel, shown, fm.body, fm.body_line, anchors)
        found += pasted.check(fm.body, shown, fm.body_line, fm.data.get("title"))
    for item in index.items:
        if item.meta.get("photos"):
            found += links.photo_findings(site, item.src_uri, f"{root}/{item.src_uri}", item.meta["photos"],
                                          item.lines.get("photos"))

    # The law library and every citation of it.
    model.laws = load_library(docs_dir, root, [r for r in model.sources if is_law_file(r)], model.today)
    model.laws.region = region_of(getattr(settings.pufa, "region", "") or "") or ""
    law_findings = list(model.laws.findings) + status_findings(model.laws, f"{root}/{LAWS_FOLDER}/{STATUS_FILE}")
    if settings.link_citations or settings.laws is None:
        unknown = (settings.laws is None or bool(settings.laws.warn_unknown_laws)) and bool(model.laws.entries)
        for rel, fm in index.pages.items():
            shown = f"{root}/{rel}"
            written = law_checks.written_on(fm.data.get("date"))
            for key in law_checks.CITATION_FIELDS:
                if key in fm.data:
                    law_findings += law_checks.check_values(model.laws, shown, fm.data[key], fm.lines.get(key),
                                                            unknown, written)
            law_findings += law_checks.check_text(model.laws, shown, fm.body, fm.body_line, unknown, written)
    found += law_findings
    blocking += [f for f in law_findings if f.is_error]

    model.synonyms, synonym_findings = load_synonyms(docs_dir, root)
    found += synonym_findings
    blocking += synonym_findings
    found += _site_url(settings) + _region(settings)

    model.quizzes = _quizzes(index)
    model.findings = _ordered(found)
    model.build_errors = _ordered(blocking)
    return model


def _sources(docs_dir) -> list[str]:
    out = []
    top = len(os.fspath(docs_dir)) + 1
    for base, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = base[top:].replace(os.sep, "/")
        prefix = rel + "/" if rel else ""
        out.extend(prefix + name for name in sorted(names)
                   if not name.startswith(".") and not is_working_file(name))
    return out


def _has_text(path) -> bool:
    """A page with something in it (and still there: staff may be moving files)."""
    try:
        return bool(path.stat().st_size and path.read_bytes().strip())
    except OSError:
        return False


def _stamps(docs_dir, rels: list[str]) -> dict:
    out = {}
    for rel in rels:
        try:
            st = os.stat(os.path.join(docs_dir, rel))
            out[rel] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    return out


def _quizzes(index: ContentIndex) -> dict:
    """A self-test page per campaign whose lessons have questions."""
    out = {}
    for campaign in index.of_type(T.CAMPAIGN):
        if any(quiz.questions_of(lesson.body) for lesson in quiz.campaign_lessons(index, campaign)):
            stem = slugify_path(campaign.src_uri).rsplit("/", 1)[-1].removesuffix(".md")
            out[f"{QUIZ_FOLDER}/{stem}.md"] = campaign
    return out


def _duplicate_titles(index: ContentIndex, root: str) -> list[Finding]:
    out = []
    for ctype in T.TYPES:
        seen: dict[str, str] = {}
        for item in index.of_type(ctype, include_drafts=True):
            title = item.title.strip()
            if title in seen:
                out.append(Finding(WARNING, f"{root}/{item.src_uri}", item.lines.get("title"),
                                   f"「{ctype.label}」里已经有一篇同样标题的内容：{root}/{seen[title]}",
                                   "改一个能区分的标题，或删掉重复的一篇", code="content.duplicate-title"))
            else:
                seen[title] = item.src_uri
    return out


def _site_url(settings: Settings) -> list[Finding]:
    """Without site_url pages have no QR code and there are no posters."""
    if settings.site_url.strip() or any(f.is_error for f in settings.findings) \
            or not settings.config_file.is_file():
        return []               # (a mkdocs.yml that cannot be read is reported as such)
    try:
        text = settings.config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("site_url")), None)
    return [Finding(WARNING, "mkdocs.yml", line,
                    "没有填写网站网址（site_url）：页面上不会显示手机扫码的二维码，也不会生成宣传海报",
                    "在 mkdocs.yml 里填写 site_url：网站正式上线后的网址，如 https://pufa.example.gov.cn/",
                    code="site.site-url")]


def _region(settings: Settings) -> list[Finding]:
    region = getattr(settings.pufa, "region", "") if settings.pufa is not None else ""
    if not region or region_of(region):
        return []
    try:
        rows = settings.config_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        rows = []
    line = next((n for n, row in enumerate(rows, 1) if row.strip().startswith("region:")), None)
    return [Finding(ERROR, "mkdocs.yml", line, f"region 写的「{region}」不是省、自治区或直辖市的名字",
                    "写省份的简称或全称，如 浙江、浙江省、广西壮族自治区；不需要就写 \"\"", code="site.region")]


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Each finding once, by file and line."""
    seen, out = set(), []
    for f in findings:
        key = (f.file, f.line, f.code, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    out.sort(key=lambda f: (f.file, f.line or 0, f.column or 0, f.code))
    return out


def _government(settings: Settings, index, root: str, today) -> list[Finding]:
    """A site marked government: true: its required settings and its columns (pufa.government)."""
    pufa = settings.pufa
    if not government.is_government(pufa):
        return []
    config_shown = settings.config_file.name
    try:
        text = settings.config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    found = government.check_settings(pufa.gov, config_shown, text,
                                      lambda rel: (settings.docs_dir / rel.lstrip("/")).is_file(),
                                      bureau_name=getattr(pufa.bureau, "name", "") or "")
    found += government.check_columns(index, pufa.home, today, root)
    return found
