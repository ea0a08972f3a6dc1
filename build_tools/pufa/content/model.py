"""The site's content as data: every typed page, read, validated and indexed.

Reading the whole ``content/`` folder up front lets listings, the home page
and the timeline know every page before any page is rendered, and lets
``pufa build`` refuse to publish before MkDocs starts.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pufa import filecache, yamlio
from pufa.content import types as T
from pufa.content.frontmatter import FrontMatter, decode, split
from pufa.content.validate import validate
from pufa.findings import Finding

DEFAULTS_FILE = "_defaults.yml"


@dataclass
class ContentItem:
    src_uri: str                  # path under content/, '/'-separated
    ctype: T.ContentType
    meta: dict
    body: str
    body_line: int
    url: str = ""                 # set by the site engine (MkDocs)
    findings: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # front-matter key -> line

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def date(self) -> dt.date:
        value = self.meta.get(self.ctype.sort_field) or self.meta.get("date")
        return value if isinstance(value, dt.date) else dt.date.min

    @property
    def is_draft(self) -> bool:
        return bool(self.meta.get("draft"))

    @property
    def is_listing(self) -> bool:
        return self.src_uri.endswith("/index.md")


@dataclass
class ContentIndex:
    docs_dir: Path
    items: list[ContentItem] = field(default_factory=list)
    # Pages outside the typed folders (home, about, …): src_uri -> FrontMatter
    others: dict[str, FrontMatter] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    display_root: str = "content"
    # Every page whose front matter was read without problems: its body is checked.
    pages: dict[str, FrontMatter] = field(default_factory=dict)
    _by_src: dict = field(default_factory=dict, repr=False)

    def of_type(self, ctype: T.ContentType, include_drafts: bool = False) -> list[ContentItem]:
        items = [i for i in self.items if i.ctype is ctype and not i.is_listing
                 and (include_drafts or not i.is_draft)]
        return sorted(items, key=lambda i: (i.date, i.title), reverse=True)

    def by_src(self, src_uri: str) -> ContentItem | None:
        if len(self._by_src) != len(self.items):
            self._by_src = {i.src_uri: i for i in self.items}
        return self._by_src.get(src_uri)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def display_path(root: str, src_uri: str) -> str:
    return f"{root}/{src_uri}" if root else src_uri


def load_defaults(docs_dir: Path, folder: str, display_root: str) -> tuple[dict, list[Finding]]:
    path = docs_dir / folder / DEFAULTS_FILE
    if not path.is_file():
        return {}, []
    shown = display_path(display_root, f"{folder}/{DEFAULTS_FILE}")
    text, findings = decode(path.read_bytes(), shown)
    if text is None:
        return {}, findings
    data, _, findings = yamlio.parse_mapping(text, shown)
    return data, findings


def read_page(docs_dir: Path, src_uri: str, display_root: str = "content"
              ) -> tuple[FrontMatter | None, list[Finding]]:
    shown = display_path(display_root, src_uri)
    raw = (docs_dir / src_uri).read_bytes()
    text, findings = decode(raw, shown)
    if text is None:
        return None, findings
    fm, more = split(text, shown)
    return fm, findings + more


def iter_markdown(docs_dir: Path):
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith(("_", ".")):
                yield Path(root, name).relative_to(docs_dir).as_posix()


def load_index(docs_dir: Path, display_root: str = "content",
               src_uris: list[str] | None = None) -> ContentIndex:
    """Read and validate every Markdown page under docs_dir."""
    index = ContentIndex(docs_dir=docs_dir, display_root=display_root)
    defaults_cache: dict[str, dict] = {}
    for src_uri in (src_uris if src_uris is not None else iter_markdown(docs_dir)):
        ctype = T.type_for_path(src_uri)
        fm, findings = filecache.get(("page", display_root), docs_dir / src_uri,
                                     lambda: read_page(docs_dir, src_uri, display_root))
        index.findings.extend(findings)
        if fm is None:
            continue
        if not findings:
            index.pages[src_uri] = fm
        if ctype is None or src_uri.endswith("/index.md"):
            index.others[src_uri] = fm
            if ctype is not None:
                index.items.append(ContentItem(src_uri, ctype, dict(fm.data), fm.body, fm.body_line))
            continue
        if any(f.is_error for f in findings):
            continue
        if ctype.folder not in defaults_cache:
            defaults, problems = load_defaults(docs_dir, ctype.folder, display_root)
            defaults_cache[ctype.folder] = defaults
            index.findings.extend(problems)
        meta, problems = validate(fm, ctype, display_path(display_root, src_uri),
                                  defaults_cache[ctype.folder])
        index.findings.extend(problems)
        index.items.append(ContentItem(src_uri, ctype, meta, fm.body, fm.body_line,
                                       findings=problems, lines=dict(fm.lines)))
    return index
