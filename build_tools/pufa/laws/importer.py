"""`pufa import-laws`: bring corpus-format laws into content/laws/.

- grouped by category (the corpus folders), files named in pinyin;
- the parts of a split code (民法典) are merged into one law;
- two versions of a law: the newest keeps the plain name, older ones get the
  version date appended (xing-zheng-fu-yi-fa-2017-09-01.md);
- identical copies (the same law filed under two categories) are imported once;
- idempotent: files are written only when their content changes;
- additive: each file records the folder it came from (`origin:`).  Importing
  another folder (local regulations beside national law) adds to the library;
  a law whose source file is gone stays until `--prune`, which removes only
  what came from this folder and lists it.  Laws added by hand are never touched.
- the official Word file too: a `.docx` downloaded from the national database
  (flk.npc.gov.cn), alone or in a folder, is read into the corpus format
  (pufa.laws.docx_law) and goes where the library already files that law;
- a newer version supersedes, never overwrites: the text in the library moves
  to its dated name, the new one takes the plain name; an older version
  imported after a newer one gets the dated name.
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pufa.content.frontmatter import decode
from pufa.content.slug import slugify
from pufa.laws import corpus
from pufa.laws.library import (CATEGORY_BY_SLUG, LAWS_FOLDER, SLUG_BY_CATEGORY, STATUS_FILE,
                               region_of, region_slug, short_name)
from pufa.progress import track

MAX_SLUG = 64

STATUS_TEMPLATE = """\
# 法律状态表：记录法律文件本身看不出的变化。
# pufa 根据它在法律页面、条文预览和搜索结果里显示状态，并在引用这些法律的页面上提示（生成和 pufa check 时给出警告）。
#
# 收录截至：法律库文本的收录日期（导入法律时自动填写，页面上显示「本库收录截至」）。
# laws 的每一项：
#   已废止 / 失效：title 法律全称；status 已废止（或 失效）；date 废止日期；replaced_by 取代它的法律；note 说明。
#   已被修改，但新文本还没有导入法律库：title 法律全称；status 已被修改；
#     adopted 修改（修订、修正）通过的日期；in_force 新文本施行日期；note 说明。
#     导入新文本后（pufa import-laws 新文本.docx）这一项就不再起作用，可以删去。
# aliases（简称）：群众和干部常用的简称，对应法律全称，用于识别「《民诉法》第一百二十二条」这样的引用。
#
# 已核对的修改（2025年4月以后，法律库收录之后）：以全国人大网、国家法律法规数据库公布的为准。
{collected}laws:
{entries}
aliases:
  民诉法: 中华人民共和国民事诉讼法
  刑诉法: 中华人民共和国刑事诉讼法
  行诉法: 中华人民共和国行政诉讼法
"""

# Revisions adopted after the corpus snapshot (April 2025), checked against the
# NPC's announcements: (title, adopted, in force, note).  docs/decisions/0015.
KNOWN_REVISIONS = (
    ("中华人民共和国治安管理处罚法", "2025-06-27", "2026-01-01",
     "2025年6月27日第十四届全国人民代表大会常务委员会第十六次会议修订，自2026年1月1日起施行；"
     "修订后由119条增至144条，条号重新排列"),
    ("中华人民共和国网络安全法", "2025-10-28", "2026-01-01",
     "2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国网络安全法〉的决定》修正，"
     "自2026年1月1日起施行"),
    ("中华人民共和国反不正当竞争法", "2025-06-27", "2025-10-15",
     "2025年6月27日第十四届全国人民代表大会常务委员会第十六次会议修订，自2025年10月15日起施行"),
    ("中华人民共和国传染病防治法", "2025-04-30", "2025-09-01",
     "2025年4月30日第十四届全国人民代表大会常务委员会第十五次会议修订，自2025年9月1日起施行"),
)

# 民法典第一千二百六十条: these laws were repealed when the Civil Code took effect.
CIVIL_CODE_REPEALED = ("婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法",
                       "侵权责任法", "民法总则")


def default_status_file(collected_until=None) -> str:
    revisions = [f"  - title: {title}\n    status: 已被修改\n    adopted: {adopted}\n    in_force: {in_force}\n"
                 f"    note: {note}" for title, adopted, in_force, note in KNOWN_REVISIONS]
    repeals = [f"  - title: 中华人民共和国{name}\n    status: 已废止\n    date: 2021-01-01\n"
               f"    replaced_by: 中华人民共和国民法典\n    note: 《中华人民共和国民法典》第一千二百六十条"
               for name in CIVIL_CODE_REPEALED]
    collected = f"收录截至: {collected_until.isoformat()}\n" if collected_until else ""
    return STATUS_TEMPLATE.format(entries="\n".join(revisions + repeals), collected=collected)


@dataclass
class Source:
    path: Path
    rel: str                 # path in the corpus, '/'-separated
    category: str
    subcategory: str | None
    doc: corpus.LawDoc
    text: str
    folder: str | None = None    # where the library already files this law (a .docx has no category folder)


@dataclass
class Superseded:
    title: str
    new_rel: str
    new_version: object
    old_rel: str
    old_version: object


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)       # from this folder before, gone from it now (no --prune)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (source, reason)
    merged: list[tuple[str, int]] = field(default_factory=list)
    laws: int = 0
    missing: list[str] = field(default_factory=list)   # --only names not found
    superseded: list[Superseded] = field(default_factory=list)   # a newer version took the plain name
    older: list[tuple[str, str]] = field(default_factory=list)   # (title, rel): an older version, filed dated
    records: list[str] = field(default_factory=list)   # titles whose _status.yml revision record is now imported


class ImportError_(Exception):
    """A problem staff can fix; the message is Chinese."""


def category_for(rel: str) -> tuple[str, str | None]:
    parts = rel.split("/")
    if len(parts) == 1:
        return "其他", None
    top = parts[0]
    if region_of(top):
        # A folder a province (local-laws/浙江/…): local regulations, by region.
        return "地方性法规", region_of(top)
    category = top if top in SLUG_BY_CATEGORY else CATEGORY_BY_SLUG.get(top, top)
    sub = parts[1] if len(parts) > 2 else None
    return category, sub


# Files a folder of laws holds beside them: its description, licence, change log.
NOT_LAWS = {"readme", "license", "licence", "changelog", "contributing"}


def _source_files(src: Path) -> list[Path]:
    if src.is_file():
        return [src]
    return sorted(p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in (".md", ".docx")
                  and not p.name.startswith("~$"))         # ~$….docx: Word's lock file of an open document


def _read_docx(path: Path, rel: str, report: ImportReport) -> str | None:
    from pufa.laws import docx_law
    try:
        return docx_law.read(path).markdown()
    except docx_law.DocxLawError as exc:
        report.skipped.append((rel, str(exc)))
        return None


def read_sources(src: Path, report: ImportReport, progress) -> list[Source]:
    files = _source_files(src)
    sources = []
    for path in track(files, "读取法律文件", progress):
        rel = path.name if src.is_file() else path.relative_to(src).as_posix()
        if path.name == "_index.md":
            report.skipped.append((rel, "目录说明文件，不是法律文件"))
            continue
        if path.stem.lower() in NOT_LAWS:
            report.skipped.append((rel, "说明文件，不是法律文件"))
            continue
        if path.suffix.lower() == ".docx":
            text = _read_docx(path, rel, report)
            if text is None:
                continue
        else:
            text, problems = decode(path.read_bytes(), rel)
            if text is None:
                report.skipped.append((rel, problems[0].message))
                continue
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            text = text[text.index("\n---\n", 4) + 5:]
        doc = corpus.parse(text, path.name)
        if not doc.title:
            report.skipped.append((rel, "没有标题（第一行应是「# 法律名称」）"))
            continue
        if not doc.articles and not doc.blocks:
            report.skipped.append((rel, "没有正文"))
            continue
        category, sub = category_for(rel)
        sources.append(Source(path, rel, category, sub, doc, text))
    return sources


def library_index(root: Path) -> dict[str, list[tuple[str, object]]]:
    """The library as it is: title -> [(file under laws/, version)], from each file's head."""
    import datetime as dt
    out: dict[str, list[tuple[str, object]]] = {}
    if not root.is_dir():
        return out
    for path in root.rglob("*.md"):
        if path.name.startswith("_") or path.name == "index.md":
            continue
        head = path.read_text(encoding="utf-8", errors="replace")[:1500]
        version = None
        body = head
        if head.startswith("---\n") and "\n---\n" in head[4:]:
            front, body = head[4:].split("\n---\n", 1)
            for line in front.splitlines():
                if line.startswith("version:"):
                    try:
                        version = dt.date.fromisoformat(line.split(":", 1)[1].strip().strip('"'))
                    except ValueError:
                        pass
        title = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None)
        if title:
            out.setdefault(title, []).append((path.relative_to(root).as_posix(), version))
    return out


def file_with_library(sources: list[Source], index: dict, category: str | None) -> None:
    """A law with no category folder of its own (a downloaded .docx, a file on its
    own) goes where the library files that law already, else under `category`."""
    for s in sources:
        if "/" in s.rel:
            continue
        known = index.get(s.doc.title)
        if known:
            s.folder = known[0][0].rsplit("/", 1)[0] if "/" in known[0][0] else None
        elif category:
            s.category, s.subcategory = category, None


def _slug(title: str) -> str:
    slug = slugify(short_name(title), max_length=MAX_SLUG) or "fa-lv"
    return slug


def plan(sources: list[Source], report: ImportReport, origin: str = "") -> dict[str, tuple[str, Source | None]]:
    """Decide every output file: {relative path under laws/: (text, source)}."""
    # 1. Split codes: parts that share a title and carry a part name.
    by_key: dict[tuple[str, str], list[Source]] = {}
    for s in sources:
        by_key.setdefault((s.category, s.doc.title), []).append(s)
    docs: list[Source] = []
    for (category, title), group in sorted(by_key.items()):
        parts = [s for s in group if s.doc.part]
        if len(parts) > 1:
            merged = corpus.merge_parts([p.doc for p in parts])
            first = sorted(parts, key=lambda p: p.rel)[0]
            docs.append(Source(first.path, ", ".join(sorted(p.rel for p in parts)), category,
                               first.subcategory, merged, corpus.to_markdown(merged)))
            report.merged.append((title, len(parts)))
            group = [s for s in group if not s.doc.part]
        docs.extend(group)

    # 2. Identical copies of one version filed in two categories: keep the first.
    seen: dict[tuple[str, str], Source] = {}
    unique: list[Source] = []
    for s in sorted(docs, key=lambda s: s.rel):
        if s.category == "案例":
            unique.append(s)
            continue
        key = (s.doc.title, s.doc.version.isoformat() if s.doc.version else "")
        if key in seen:
            report.skipped.append((s.rel, f"与 {seen[key].rel} 是同一法律的同一版本，只导入一份"))
            continue
        seen[key] = s
        unique.append(s)

    # 3. File names: newest version plain, older versions dated; collisions hashed.
    versions: dict[str, list[Source]] = {}
    for s in unique:
        versions.setdefault(s.doc.title if s.category != "案例" else s.rel, []).append(s)
    out: dict[str, tuple[str, Source | None]] = {}
    for key, group in sorted(versions.items()):
        group.sort(key=lambda s: (s.doc.version.isoformat() if s.doc.version else "", s.rel), reverse=True)
        for n, s in enumerate(group):
            folder = s.folder or SLUG_BY_CATEGORY.get(s.category, slugify(s.category) or "qi-ta")
            if s.subcategory and not s.folder:
                folder += "/" + ((region_slug(s.subcategory) if s.category == "地方性法规" else slugify(s.subcategory))
                                 or "qi-ta")
            # Cases are named by their file (the case name), laws by their title.
            name = (slugify(Path(s.rel).stem, max_length=MAX_SLUG) if s.category == "案例" else "") \
                or _slug(s.doc.title)
            if n > 0 and s.doc.version:
                name += "-" + s.doc.version.isoformat()
            rel = f"{folder}/{name}.md"
            if rel in out:
                digest = hashlib.sha1(s.rel.encode("utf-8")).hexdigest()[:6]
                rel = f"{folder}/{name}-{digest}.md"
            out[rel] = (_with_front_matter(s, origin), s)
    report.laws = len(out)
    return out


def _with_front_matter(s: Source, origin: str) -> str:
    lines = ["---", f"source: {_quote(s.rel)}", f"origin: {_quote(origin)}"]
    if s.doc.version:
        lines.append(f"version: {s.doc.version.isoformat()}")
    lines.append("---")
    return "\n".join(lines) + "\n" + s.text.lstrip("\ufeff").replace("\r\n", "\n").rstrip("\n") + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dated(rel: str, version) -> str:
    stem = rel[:-3]
    suffix = "-" + version.isoformat()
    return rel if stem.endswith(suffix) else f"{stem}{suffix}.md"


def respect_versions(root: Path, wanted: dict, index: dict, report: ImportReport) -> None:
    """A version never overwrites another: where a file of the same law holds
    another version, the newer one takes the plain name and the older the dated
    one (moved there, so the text in the library is kept)."""
    versions_in_library = {rel: version for entries in index.values() for rel, version in entries}
    for rel in sorted(wanted):
        text, source = wanted[rel]
        if source is None or source.doc.version is None or rel not in versions_in_library:
            continue
        have = versions_in_library[rel]
        new = source.doc.version
        if have is None or have == new:
            continue
        if have < new:
            old_rel = _dated(rel, have)
            if old_rel not in wanted:
                wanted[old_rel] = ((root / rel).read_text(encoding="utf-8"), None)
            report.superseded.append(Superseded(source.doc.title, rel, new, old_rel, have))
        else:
            new_rel = _dated(rel, new)
            del wanted[rel]
            if new_rel not in wanted:
                wanted[new_rel] = (text, source)
                if new_rel not in versions_in_library:
                    report.older.append((source.doc.title, new_rel))


def _wanted(title: str, only: list[str]) -> bool:
    return title in only or short_name(title) in only


def origin_of(src: Path) -> str:
    """The name a library records for the folder its laws came from."""
    return Path(src).resolve().name


def import_laws(src: Path, docs_dir: Path, progress=sys.stderr,
                only: list[str] | None = None, prune: bool = False,
                only_region: str | None = None, category: str | None = None) -> ImportReport:
    """Import src (a folder, or one .docx / .md file) into docs_dir/laws; with
    `only`, just those laws (titles or short names).  `prune`: also remove what
    an earlier import of this folder wrote and the folder no longer has.
    `category`: the category of a law the library does not have yet, when its
    file has no category folder (a downloaded .docx)."""
    src = Path(src)
    if src.is_file() and src.suffix.lower() not in (".docx", ".md"):
        hint = "（.doc 是旧的 Word 格式：用 Word 或 WPS 打开，「另存为」.docx 再导入）" if src.suffix.lower() == ".doc" else ""
        raise ImportError_(f"{src} 不是法律文件：请给出 .docx（国家法律法规数据库下载的 Word 文件）、"
                           f".md 文件，或存放它们的文件夹{hint}")
    if not src.exists():
        raise ImportError_(f"找不到法律文件夹或文件：{src}。请写法律语料所在的文件夹，或一个 .docx / .md 文件")
    if category is not None and category not in SLUG_BY_CATEGORY:
        raise ImportError_(f"「{category}」不是法律法规库的类别。可用的类别：{'、'.join(SLUG_BY_CATEGORY)}")
    if not docs_dir.is_dir():
        raise ImportError_(f"{docs_dir} 不存在：这不是一个 pufa 网站。先运行 pufa init")
    report = ImportReport()
    sources = read_sources(src, report, progress)
    if not sources:
        if src.is_file() and report.skipped:
            raise ImportError_(f"{src} 没有导入：{report.skipped[0][1]}")
        raise ImportError_(f"{src} 里没有可导入的法律文件（*.md，第一行「# 法律名称」；或 .docx）")
    if only_region:
        region = region_of(only_region)
        if region is None:
            raise ImportError_(f"「{only_region}」不是省、自治区或直辖市的名字。例如：--only-region 浙江")
        sources = [s for s in sources if s.category == "地方性法规" and s.subcategory == region]
        report.skipped = [(rel, why) for rel, why in report.skipped if region_of(rel.split("/", 1)[0]) == region]
        if not sources:
            raise ImportError_(f"{src} 里没有{region}的地方性法规（应当放在名为「{region}」的文件夹里）")
    if only:
        names = [n.strip("《》") for n in only]
        found = {n for s in sources for n in names if _wanted(s.doc.title, [n])}
        report.missing = [n for n in names if n not in found]
        sources = [s for s in sources if _wanted(s.doc.title, names)]
    origin = origin_of(src)
    root = docs_dir / LAWS_FOLDER
    index = library_index(root)
    file_with_library(sources, index, category)
    wanted = plan(sources, report, origin)
    respect_versions(root, wanted, index, report)
    root.mkdir(parents=True, exist_ok=True)

    # Files an earlier import of this folder wrote that it no longer has: kept, unless
    # --prune (never with --only, which imports a few).  Other folders' laws and laws
    # added by hand are not this import's business.
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if rel in wanted or path.name.startswith("_") or path.name == "index.md":
            continue
        if only_region and not rel.startswith(f"{SLUG_BY_CATEGORY['地方性法规']}/{region_slug(region_of(only_region))}/"):
            continue                # (another region's regulations are not this import's)
        head = path.read_text(encoding="utf-8", errors="replace")[:600].split("\n---\n", 1)[0]
        if not head.startswith("---\n") or f"\norigin: {_quote(origin)}" not in head:
            continue
        if prune and not only:
            path.unlink()
            report.removed.append(rel)
            for folder in path.parents:         # folders the pruned laws leave empty go too
                if folder == root or any(folder.iterdir()):
                    break
                folder.rmdir()
        elif not only:
            report.kept.append(rel)

    for rel, (text, _source) in track(sorted(wanted.items()), "写入法律法规库", progress):
        path = root / rel
        data = text.encode("utf-8")
        if path.exists():
            if path.read_bytes() == data:
                report.unchanged += 1
                continue
            report.updated.append(rel)
        else:
            report.added.append(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    status = root / STATUS_FILE
    if status.exists() and report.superseded:
        recorded = status.read_text(encoding="utf-8", errors="replace")
        report.records = [x.title for x in report.superseded if f"title: {x.title}" in recorded]
    if not status.exists():
        newest = max((source.doc.version for _text, source in wanted.values() if source and source.doc.version),
                     default=None)
        status.write_text(default_status_file(newest), encoding="utf-8")
        report.added.append(STATUS_FILE)
    return report
