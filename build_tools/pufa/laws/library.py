"""The law library: every law document in content/laws, its versions and status.

Status rules:
- the newest version of a title is ``in-force``; older ones are ``superseded``
  and point to the newest;
- the status file (content/laws/_status.yml) marks repeals the corpus does not
  show (合同法 → repealed 2021-01-01, replaced by 民法典); a repealed title may
  have no document at all, and citations of it are still recognised.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pufa import filecache, yamlio
from pufa.content.frontmatter import decode, split
from pufa.findings import ERROR, WARNING, Finding
from pufa.laws import corpus

IN_FORCE, SUPERSEDED, REPEALED = "in-force", "superseded", "repealed"
STATUS_LABELS = {IN_FORCE: "现行有效", SUPERSEDED: "已被修订", REPEALED: "已废止"}

LAWS_FOLDER = "laws"
STATUS_FILE = "_status.yml"

# The categories of the national database, in its order, with folder names.
CATEGORIES = (
    ("宪法", "xian-fa"),
    ("宪法相关法", "xian-fa-xiang-guan-fa"),
    ("民法典", "min-fa-dian"),
    ("民法商法", "min-fa-shang-fa"),
    ("刑法", "xing-fa"),
    ("行政法", "xing-zheng-fa"),
    ("经济法", "jing-ji-fa"),
    ("社会法", "she-hui-fa"),
    ("诉讼与非诉讼程序法", "su-song-yu-fei-su-song-cheng-xu-fa"),
    ("行政法规", "xing-zheng-fa-gui"),
    ("司法解释", "si-fa-jie-shi"),
    ("部门规章", "bu-men-gui-zhang"),
    ("地方性法规", "di-fang-xing-fa-gui"),      # one folder a province: di-fang-xing-fa-gui/zhe-jiang/
    ("案例", "an-li"),
    ("其他", "qi-ta"),
)
CATEGORY_BY_SLUG = {slug: name for name, slug in CATEGORIES}
SLUG_BY_CATEGORY = {name: slug for name, slug in CATEGORIES}

PRC = "中华人民共和国"

# Where local regulations come from: provinces, autonomous regions, municipalities.
REGIONS = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
           "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
           "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
REGION_SUFFIXES = ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区")


def region_slug(region: str) -> str:
    """The folder of a region's regulations: zhe-jiang; 陕西 is shaan-xi (山西 is shan-xi)."""
    from pufa.content.slug import slugify

    return "shaan-xi" if region == "陕西" else slugify(region)


REGION_BY_SLUG = {}          # filled on first use (pypinyin is slow to import)


def region_named(slug: str) -> str:
    if not REGION_BY_SLUG:
        REGION_BY_SLUG.update({region_slug(r): r for r in REGIONS})
    return REGION_BY_SLUG.get(slug, slug)


def region_of(name: str) -> str | None:
    """浙江, 浙江省, 广西壮族自治区 -> the region's short name; None if it is not one."""
    name = name.strip()
    for suffix in sorted(REGION_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and name[: -len(suffix)] in REGIONS:
            return name[: -len(suffix)]
    return name if name in REGIONS else None

# Abbreviations everyone uses for laws whose short title is not enough.
COMMON_ALIASES = {
    "民诉法": "中华人民共和国民事诉讼法",
    "刑诉法": "中华人民共和国刑事诉讼法",
    "行诉法": "中华人民共和国行政诉讼法",
    "消法": "中华人民共和国消费者权益保护法",
    "反家暴法": "中华人民共和国反家庭暴力法",
    "未保法": "中华人民共和国未成年人保护法",
    "劳动法": "中华人民共和国劳动法",
}


@dataclass
class Repeal:
    title: str
    date: dt.date | None = None
    replaced_by: str | None = None
    note: str = ""
    line: int | None = None


@dataclass
class LawEntry:
    doc: corpus.LawDoc
    src_uri: str                    # under content/: laws/xing-fa/xing-fa.md
    category: str
    subcategory: str | None = None
    url: str = ""
    status: str = IN_FORCE
    newer: "LawEntry | None" = None
    older: list = field(default_factory=list)
    repeal: Repeal | None = None

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def version(self) -> dt.date | None:
        return self.doc.version

    @property
    def short_title(self) -> str:
        return short_name(self.title)

    @property
    def is_case(self) -> bool:
        return self.category == "案例"


def short_name(title: str) -> str:
    return title[len(PRC):] if title.startswith(PRC) and len(title) > len(PRC) + 1 else title


def category_of(src_uri: str) -> tuple[str, str | None]:
    """laws/<folder>/[<sub>/]file.md -> (category, subcategory)."""
    parts = src_uri.split("/")
    folder = parts[1] if len(parts) > 2 else ""
    category = CATEGORY_BY_SLUG.get(folder, folder or "其他")
    sub = parts[2] if len(parts) > 3 else None
    if sub and category == "地方性法规":
        sub = region_named(sub)
    return category, sub


@dataclass
class LawLibrary:
    entries: list[LawEntry] = field(default_factory=list)
    by_title: dict = field(default_factory=dict)      # title -> [entries newest first]
    repeals: dict = field(default_factory=dict)       # title -> Repeal
    aliases: dict = field(default_factory=dict)       # name -> title
    findings: list = field(default_factory=list)
    by_src: dict = field(default_factory=dict)
    region: str = ""                                  # the site's own region (its local regulations first)

    def current(self, title: str) -> LawEntry | None:
        versions = self.by_title.get(title)
        return versions[0] if versions else None

    def title_for(self, name: str) -> str | None:
        name = name.strip().strip("《》")
        return self.aliases.get(name)

    def categories(self) -> list[dict]:
        counts: dict[str, int] = {}
        for e in self.entries:
            counts[e.category] = counts.get(e.category, 0) + 1
        known = [name for name, _ in CATEGORIES if name in counts]
        extra = sorted(c for c in counts if c not in SLUG_BY_CATEGORY)
        return [{"name": c, "slug": SLUG_BY_CATEGORY.get(c, c), "count": counts[c]} for c in known + extra]


def is_law_file(src_uri: str) -> bool:
    """A law document under content/laws (not a listing, not data)."""
    parts = src_uri.split("/")
    return (len(parts) > 1 and parts[0] == LAWS_FOLDER and src_uri.endswith(".md") and parts[-1] != "index.md"
            and not any(p.startswith((".", "_")) for p in parts[1:]))


def iter_law_files(docs_dir: Path):
    root = docs_dir / LAWS_FOLDER
    if not root.is_dir():
        return
    for base, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md") and name != "index.md" and not name.startswith(("_", ".")):
                yield Path(base, name).relative_to(docs_dir).as_posix()


def read_law(docs_dir: Path, src_uri: str, display_root: str = "content"
             ) -> tuple[corpus.LawDoc | None, list[Finding]]:
    shown = f"{display_root}/{src_uri}" if display_root else src_uri
    text, findings = decode((docs_dir / src_uri).read_bytes(), shown)
    if text is None:
        return None, findings
    meta: dict = {}
    if text.startswith("---\n"):
        fm, problems = split(text, shown)
        if problems:
            return None, findings + problems
        meta, text = fm.data, fm.body
    doc = corpus.parse(text, os.path.basename(src_uri))
    doc.meta = meta
    version = meta.get("version")
    if version:
        try:
            doc.version = dt.date.fromisoformat(str(version))
        except ValueError:
            findings.append(Finding(ERROR, shown, 2, f"版本日期「{version}」格式不对", "写成 年-月-日，如 2023-09-01",
                                    code="law.version"))
    for problem in doc.problems:
        findings.append(Finding(ERROR, shown, 1, problem, "参照其他法律文件的格式修改", code="law.format"))
    return doc, findings


def load_library(docs_dir: Path, display_root: str = "content",
                 src_uris: list[str] | None = None) -> LawLibrary:
    """Read the library: each law file is parsed once while it is unchanged
    (pufa.filecache); versions, statuses and names are linked anew each time."""
    uris = sorted(src_uris) if src_uris is not None else sorted(iter_law_files(docs_dir))
    return _load_library(docs_dir, display_root, uris)


def _load_library(docs_dir: Path, display_root: str, uris: list[str]) -> LawLibrary:
    lib = LawLibrary()
    for src_uri in uris:
        doc, findings = filecache.get(("law", display_root), docs_dir / src_uri,
                                      lambda: read_law(docs_dir, src_uri, display_root))
        lib.findings.extend(findings)
        if doc is None or not doc.title:
            continue
        category, sub = category_of(src_uri)
        entry = LawEntry(doc, src_uri, category, sub)
        lib.entries.append(entry)
        lib.by_src[src_uri] = entry
    _load_status(docs_dir, display_root, lib)
    _link_versions(lib)
    _build_aliases(lib)
    return lib


def _link_versions(lib: LawLibrary) -> None:
    groups: dict[str, list[LawEntry]] = {}
    for e in lib.entries:
        if e.is_case:
            continue  # guiding cases share no identity across files
        groups.setdefault(e.title, []).append(e)
    for e in lib.entries:
        if e.is_case:
            lib.by_title.setdefault(e.title, []).append(e)
    for title, versions in groups.items():
        versions.sort(key=lambda e: (e.version or dt.date.min, e.src_uri), reverse=True)
        lib.by_title[title] = versions
        newest = versions[0]
        newest.older = versions[1:]
        for old in versions[1:]:
            old.status = SUPERSEDED
            old.newer = newest
        repeal = lib.repeals.get(title)
        if repeal:
            for e in versions:
                e.status = REPEALED
                e.repeal = repeal


def _build_aliases(lib: LawLibrary) -> None:
    names: dict[str, str] = {}
    titles = list(lib.by_title) + [t for t in lib.repeals if t not in lib.by_title]
    for title in titles:
        names.setdefault(title, title)
    for title in titles:
        names.setdefault(short_name(title), title)
    for alias, title in COMMON_ALIASES.items():
        if title in lib.by_title or title in lib.repeals:
            names.setdefault(alias, title)
    lib.aliases.update(names)


_STATUS_WORDS = {"repealed": REPEALED, "已废止": REPEALED, "废止": REPEALED, "失效": REPEALED,
                 "已失效": REPEALED}
_KEYS = {"title": "title", "名称": "title", "法律": "title", "status": "status", "状态": "status",
         "date": "date", "日期": "date", "废止日期": "date", "replaced_by": "replaced_by",
         "取代": "replaced_by", "被取代": "replaced_by", "note": "note", "说明": "note"}


def _load_status(docs_dir: Path, display_root: str, lib: LawLibrary) -> None:
    path = docs_dir / LAWS_FOLDER / STATUS_FILE
    if not path.is_file():
        return
    shown = f"{display_root}/{LAWS_FOLDER}/{STATUS_FILE}" if display_root else f"{LAWS_FOLDER}/{STATUS_FILE}"
    text, findings = decode(path.read_bytes(), shown)
    lib.findings.extend(findings)
    if text is None:
        return
    data, _, problems = yamlio.parse_mapping(text, shown)
    if problems:
        lib.findings.extend(problems)
        return
    lines = text.split("\n")

    def line_of(needle: str) -> int | None:
        for i, line in enumerate(lines, 1):
            if needle and needle in line:
                return i
        return None

    for item in data.get("laws") or data.get("法律") or []:
        if not isinstance(item, dict):
            lib.findings.append(Finding(ERROR, shown, None, "状态表的每一项应当写「title: 法律名称」等字段",
                                        "参照文件开头的说明", code="status.format"))
            continue
        item = {_KEYS.get(str(k), str(k)): v for k, v in item.items()}
        title = str(item.get("title") or "").strip().strip("《》")
        line = line_of(title)
        if not title:
            lib.findings.append(Finding(ERROR, shown, None, "状态表有一项没有写法律名称（title）",
                                        "每项都要写 title: 法律全称", code="status.title"))
            continue
        status = _STATUS_WORDS.get(str(item.get("status") or "repealed").strip())
        if status is None:
            lib.findings.append(Finding(ERROR, shown, line, f"「{title}」的状态「{item.get('status')}」无法识别",
                                        "写「已废止」（或 repealed）", code="status.value"))
            continue
        date = item.get("date")
        parsed = None
        if date:
            try:
                parsed = dt.date.fromisoformat(str(date).strip())
            except ValueError:
                lib.findings.append(Finding(ERROR, shown, line, f"「{title}」的日期「{date}」格式不对或不存在",
                                            "写成 年-月-日，如 2021-01-01", code="status.date"))
        replaced = str(item.get("replaced_by") or "").strip().strip("《》") or None
        lib.repeals[title] = Repeal(title, parsed, replaced, str(item.get("note") or ""), line)
    for alias, title in (data.get("aliases") or data.get("简称") or {}).items():
        lib.aliases[str(alias).strip("《》")] = str(title).strip("《》")


def status_findings(lib: LawLibrary, shown_status: str) -> list[Finding]:
    """Replacement laws named in the status file must exist (or be repealed too)."""
    out = []
    for repeal in lib.repeals.values():
        if repeal.replaced_by and repeal.replaced_by not in lib.aliases:
            out.append(Finding(WARNING, shown_status, repeal.line,
                               f"「{repeal.title}」的取代法律「{repeal.replaced_by}」不在法律库中",
                               "检查名称是否为全称，或先导入该法律", code="status.replacement"))
    return out

