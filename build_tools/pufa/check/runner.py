"""Run every check over a site and say it in Chinese.

The same checks run before `pufa build` (which stops on errors) and in
`pufa check` (which lists everything, optionally as JSON, and can fix files).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pufa.check import domain, files, links, placeholders
from pufa.content import types as T
from pufa.content.frontmatter import decode, split
from pufa.content.model import load_index
from pufa.content.rules import body_findings, cross_page_findings
from pufa.findings import ERROR, WARNING, Finding
from pufa.screens.checks import load_checked


@dataclass
class Report:
    findings: list = field(default_factory=list)
    fixed: list = field(default_factory=list)     # (path, what was done)
    pages: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def to_json(self) -> str:
        return json.dumps({
            "errors": len(self.errors), "warnings": len(self.warnings), "pages": self.pages,
            "fixed": [{"file": p, "action": a} for p, a in self.fixed],
            "findings": [f.to_dict() for f in self.findings],
        }, ensure_ascii=False, indent=1)


def docs_dir_of(site: Path) -> Path:
    cfg = site / "mkdocs.yml"
    docs = "content"
    if cfg.is_file():
        try:
            data = yaml.load(cfg.read_text(encoding="utf-8-sig"), Loader=_Lenient) or {}
            docs = str(data.get("docs_dir") or "docs") if isinstance(data, dict) else "content"
        except (yaml.YAMLError, UnicodeDecodeError):
            pass
    return site / docs


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def run(site: Path, today: dt.date | None = None, fix: bool = False) -> Report:
    today = today or dt.date.today()
    site = site.resolve()
    docs_dir = docs_dir_of(site)
    root = os.path.relpath(docs_dir, site).replace(os.sep, "/")
    report = Report()
    if not docs_dir.is_dir():
        report.findings.append(Finding(ERROR, root, None, f"找不到内容文件夹 {root}",
                                       "检查 mkdocs.yml 里的 docs_dir，或先运行 pufa init", code="site.docs"))
        return report

    rels = []
    for base, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.endswith((".bak", ".tmp")):
                continue
            rels.append(Path(base, name).relative_to(docs_dir).as_posix())

    if fix:
        for rel in rels:
            path = docs_dir / rel
            if path.suffix.lower() in files.TEXT_SUFFIXES:
                done = files.fix_file(path)
                if done:
                    report.fixed.append((f"{root}/{rel}", done))

    for rel in rels:
        report.findings += files.check_file(docs_dir / rel, rel, f"{root}/{rel}")
    report.findings += files.duplicate_urls([r for r in rels if not r.startswith("laws/")], root)

    md = [r for r in rels if r.endswith(".md") and not r.startswith("laws/")
          and not any(p.startswith("_") for p in r.split("/"))
          and (docs_dir / r).read_bytes().strip()]          # empty files are reported above
    report.pages = len(md)
    index = load_index(docs_dir, display_root=root, src_uris=md)
    report.findings += index.findings
    report.findings += cross_page_findings(index)
    report.findings += body_findings(index)
    report.findings += _duplicate_titles(index, root)
    report.findings += domain.check(index, today)
    report.findings += load_checked(docs_dir, root, index, today)[1]

    # Bodies: placeholders and links (front-matter text values too).
    anchors: dict[str, set[str]] = {}
    bodies: dict[str, tuple] = {}
    for rel in md:
        text, _ = decode((docs_dir / rel).read_bytes(), rel)
        if text is None:
            continue
        fm, problems = split(text, rel)
        if problems:
            continue
        anchors[rel] = links.anchors_of(fm.body)
        bodies[rel] = (fm, text)
    for rel, (fm, _) in bodies.items():
        shown = f"{root}/{rel}"
        report.findings += placeholders.find(fm.body, shown, fm.body_line)
        for key, value in fm.data.items():
            for item in (value if isinstance(value, list) else [value]):
                if isinstance(item, str) and "待补充" not in item and "第xx条" not in item.lower():
                    for f in placeholders.find(item, shown, fm.line_of(str(key))):
                        report.findings.append(Finding(f.severity, f.file, f.line, f.message, f.hint, None, f.code))
        report.findings += links.check(docs_dir, rel, shown, fm.body, fm.body_line, anchors)

    report.findings += _laws_and_citations(docs_dir, root, bodies)
    report.findings += _settings(site)
    report.findings += _synonyms(docs_dir, root)
    report.findings = _dedupe(report.findings)
    report.findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0, f.code))
    return report


def _duplicate_titles(index, root: str) -> list[Finding]:
    out = []
    for ctype in T.TYPES:
        seen: dict[str, str] = {}
        for item in index.of_type(ctype, include_drafts=True):
            title = item.title.strip()
            if title in seen:
                out.append(Finding("警告", f"{root}/{item.src_uri}", item.lines.get("title"),
                                   f"「{ctype.label}」里已经有一篇同样标题的内容：{root}/{seen[title]}",
                                   "改一个能区分的标题，或删掉重复的一篇", code="content.duplicate-title"))
            else:
                seen[title] = item.src_uri
    return out


def _laws_and_citations(docs_dir: Path, root: str, bodies: dict) -> list[Finding]:
    from pufa.laws import checks
    from pufa.laws.library import LAWS_FOLDER, STATUS_FILE, load_library, status_findings

    lib = load_library(docs_dir, root)
    out = list(lib.findings) + status_findings(lib, f"{root}/{LAWS_FOLDER}/{STATUS_FILE}")
    unknown = bool(lib.entries)
    for rel, (fm, _) in bodies.items():
        shown = f"{root}/{rel}"
        for key in checks.CITATION_FIELDS:
            if key in fm.data:
                out += checks.check_values(lib, shown, fm.data[key], fm.lines.get(key), unknown)
        out += checks.check_text(lib, shown, fm.body, fm.body_line, unknown)
    return out


def _settings(site: Path) -> list[Finding]:
    """mkdocs.yml: without site_url pages have no QR code and there are no posters."""
    cfg = site / "mkdocs.yml"
    try:
        text = cfg.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=_Lenient) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []          # reported when the site is built
    if not isinstance(data, dict) or str(data.get("site_url") or "").strip():
        return []
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("site_url")), None)
    return [Finding(WARNING, "mkdocs.yml", line,
                    "没有填写网站网址（site_url）：页面上不会显示手机扫码的二维码，也不会生成宣传海报",
                    "在 mkdocs.yml 里填写 site_url：网站正式上线后的网址，如 https://pufa.example.gov.cn/",
                    code="site.site-url")]


def _synonyms(docs_dir: Path, root: str) -> list[Finding]:
    from pufa.search.language import load_synonyms
    return load_synonyms(docs_dir, root)[1]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.file, f.line, f.code, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
