"""The law library: every law document in content/laws, its versions and status.

Statuses, as the national database labels them (有效, 已修改, 已废止, 尚未生效, 失效):
- a version applies from its commencement (pufa.laws.facts): before that it is
  ``pending`` (尚未生效);
- a newer version of the same title makes the older one ``superseded`` from the
  day the newer one applies;
- the status file (content/laws/_status.yml) records what the texts cannot
  show: repeals (合同法 → repealed 2021-01-01, replaced by 民法典), expiries, and
  revisions whose new text is not in the library (治安管理处罚法, revised
  2025-06-27, in force 2026-01-01); a repealed title may have no document at all,
  and citations of it are still recognised.

Each entry keeps its statuses as a timeline (date, status): its status is the
timeline read on the day of the build, and the transitions still to come go
to the browser, which reads them again on the reader's clock.
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
from pufa.laws import facts as facts_

IN_FORCE, SUPERSEDED, REPEALED, PENDING, EXPIRED = "in-force", "superseded", "repealed", "pending", "expired"
STATUS_LABELS = {IN_FORCE: "现行有效", SUPERSEDED: "已被修改", REPEALED: "已废止", PENDING: "尚未生效",
                 EXPIRED: "失效"}
STATUS_ORDER = (IN_FORCE, PENDING, SUPERSEDED, REPEALED, EXPIRED)

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
    """A repeal or expiry recorded in the status file."""
    title: str
    date: dt.date | None = None
    replaced_by: str | None = None
    note: str = ""
    line: int | None = None
    status: str = REPEALED


@dataclass
class Revision:
    """A revision recorded in the status file whose new text is not in the library."""
    title: str
    adopted: dt.date
    in_force: dt.date | None = None
    note: str = ""
    line: int | None = None

    @property
    def applies_from(self) -> dt.date:
        return self.in_force or self.adopted


def status_on(timeline: list, day: dt.date) -> str:
    """The status a timeline [(date or None, status) …] gives on a day."""
    status = timeline[0][1] if timeline else IN_FORCE
    for when, value in timeline:
        if when is None or when <= day:
            status = value
    return status


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
    revision: Revision | None = None             # recorded, not imported: supersedes this text
    facts: facts_.LawFacts = field(default_factory=facts_.LawFacts)
    timeline: list = field(default_factory=list)  # [(date or None, status)], in date order
    built_on: dt.date | None = None

    def status_after(self, day: dt.date) -> list:
        """The transitions still to come after a day: [(date, status)]."""
        return [(when, value) for when, value in self.timeline if when is not None and when > day]

    def timeline_attr(self) -> str:
        """The transitions after the build, for the browser: 2026-01-01:superseded|…"""
        if self.built_on is None:
            return ""
        return "|".join(f"{when.isoformat()}:{value}" for when, value in self.status_after(self.built_on))

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def superseded_since(self) -> dt.date | None:
        return next((when for when, value in self.timeline if value == SUPERSEDED), None)

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
    revisions: dict = field(default_factory=dict)     # title -> Revision (text not imported)
    collected_until: dt.date | None = None            # 收录截至: how current the library is
    today: dt.date | None = None
    aliases: dict = field(default_factory=dict)       # name -> title
    findings: list = field(default_factory=list)
    by_src: dict = field(default_factory=dict)
    region: str = ""                                  # the site's own region (its local regulations first)

    def current(self, title: str) -> LawEntry | None:
        """The version that applies today: the newest that is not still to come."""
        versions = self.by_title.get(title)
        if not versions:
            return None
        return next((e for e in versions if e.status != PENDING), versions[0])

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
                 src_uris: list[str] | None = None, today: dt.date | None = None) -> LawLibrary:
    """Read the library: each law file is parsed once while it is unchanged
    (pufa.filecache); versions, statuses and names are linked anew each time,
    statuses as of `today` (the day of the build)."""
    uris = sorted(src_uris) if src_uris is not None else sorted(iter_law_files(docs_dir))
    return _load_library(docs_dir, display_root, uris, today or dt.date.today())


def _load_library(docs_dir: Path, display_root: str, uris: list[str], today: dt.date) -> LawLibrary:
    lib = LawLibrary(today=today)
    for src_uri in uris:
        doc, findings = filecache.get(("law", display_root), docs_dir / src_uri,
                                      lambda: read_law(docs_dir, src_uri, display_root))
        lib.findings.extend(findings)
        if doc is None or not doc.title:
            continue
        category, sub = category_of(src_uri)
        entry = LawEntry(doc, src_uri, category, sub, facts=facts_.facts_of(doc, category))
        lib.entries.append(entry)
        lib.by_src[src_uri] = entry
    _load_status(docs_dir, display_root, lib)
    _link_versions(lib, today)
    _build_aliases(lib)
    if lib.collected_until is None:
        lib.collected_until = max((e.version for e in lib.entries if e.version), default=None)
    return lib


def _link_versions(lib: LawLibrary, today: dt.date) -> None:
    groups: dict[str, list[LawEntry]] = {}
    for e in lib.entries:
        e.built_on = today
        if e.is_case:
            e.timeline = [(None, IN_FORCE)]
            e.status = IN_FORCE
            lib.by_title.setdefault(e.title, []).append(e)
            continue  # guiding cases share no identity across files
        groups.setdefault(e.title, []).append(e)
    for title, versions in groups.items():
        versions.sort(key=lambda e: (e.version or dt.date.min, e.src_uri), reverse=True)
        lib.by_title[title] = versions
        newest = versions[0]
        newest.older = versions[1:]
        revision = lib.revisions.get(title)
        if revision and newest.version and revision.adopted <= newest.version:
            revision = None          # the library already has that text (or a newer one)
        repeal = lib.repeals.get(title)
        for i, e in enumerate(versions):
            start = e.facts.applies_from
            timeline = [(None, PENDING), (start, IN_FORCE)] if start else [(None, IN_FORCE)]
            if i == 0 and revision:
                e.revision = revision
                timeline.append((revision.applies_from, SUPERSEDED))
            elif i > 0:
                newer = versions[i - 1]
                e.newer = newest
                timeline.append((newer.facts.applies_from or newer.version, SUPERSEDED))
            if repeal:
                e.repeal = repeal
                timeline.append((repeal.date, repeal.status))
            e.timeline = _ordered_timeline(timeline)
            e.status = status_on(e.timeline, today)


def _ordered_timeline(timeline: list) -> list:
    """Date order (undated first, a later status winning a tie); a status repeated is dropped."""
    rank = {s: i for i, s in enumerate((PENDING, IN_FORCE, SUPERSEDED, EXPIRED, REPEALED))}
    items = sorted(timeline, key=lambda t: (t[0] or dt.date.min, rank[t[1]]))
    out: list = []
    for when, value in items:
        if out and out[-1][1] == value:
            continue
        if out and out[-1][0] == when:
            out[-1] = (when, value)
            continue
        out.append((when, value))
    # A status cannot go back to 尚未生效/现行有效 once a later version or a repeal took over.
    final = []
    for when, value in out:
        if final and rank[final[-1][1]] > rank[value] and final[-1][1] != PENDING:
            continue
        final.append((when, value))
    return final


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


REVISED = "revised"
_STATUS_WORDS = {"repealed": REPEALED, "已废止": REPEALED, "废止": REPEALED,
                 "expired": EXPIRED, "失效": EXPIRED, "已失效": EXPIRED,
                 "revised": REVISED, "amended": REVISED, "已被修改": REVISED, "已修改": REVISED,
                 "已被修订": REVISED, "已修订": REVISED, "已修正": REVISED, "修改": REVISED, "修订": REVISED}
_KEYS = {"title": "title", "名称": "title", "法律": "title", "status": "status", "状态": "status",
         "date": "date", "日期": "date", "废止日期": "date", "失效日期": "date", "replaced_by": "replaced_by",
         "取代": "replaced_by", "被取代": "replaced_by", "note": "note", "说明": "note",
         "adopted": "adopted", "通过日期": "adopted", "修改日期": "adopted", "修订日期": "adopted",
         "in_force": "in_force", "施行日期": "in_force", "生效日期": "in_force"}
_COLLECTED_KEYS = ("collected_until", "收录截至")


def _date_value(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


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

    def line_of(needle: str, after: int = 0) -> int | None:
        for i, line in enumerate(lines[after:], after + 1):
            if needle and needle in line:
                return i
        return None

    def date_of(item: dict, key: str, title: str, line: int | None) -> dt.date | None:
        value = item.get(key)
        if not value:
            return None
        try:
            return _date_value(value)
        except ValueError:
            lib.findings.append(Finding(ERROR, shown, line_of(str(value), (line or 1) - 1) or line,
                                        f"「{title}」的日期「{value}」格式不对或不存在",
                                        "写成 年-月-日，如 2021-01-01", code="status.date"))
            return None

    for key in _COLLECTED_KEYS:
        if data.get(key):
            try:
                lib.collected_until = _date_value(data[key])
            except ValueError:
                lib.findings.append(Finding(ERROR, shown, line_of(key), f"收录截至日期「{data[key]}」格式不对",
                                            "写成 年-月-日，如 2025-04-30", code="status.date"))
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
        written = str(item.get("status") or "repealed").strip()
        status = _STATUS_WORDS.get(written)
        if status is None:
            lib.findings.append(Finding(ERROR, shown, line, f"「{title}」的状态「{item.get('status')}」无法识别",
                                        "写「已废止」「失效」或「已被修改」", code="status.value"))
            continue
        note = str(item.get("note") or "")
        if status == REVISED:
            adopted = date_of(item, "adopted", title, line) or date_of(item, "date", title, line)
            if adopted is None:
                lib.findings.append(Finding(ERROR, shown, line, f"「{title}」记为已被修改，但没有写修改通过的日期",
                                            "加一行「adopted: 2025-06-27」（通过日期），"
                                            "再加一行「in_force: 2026-01-01」（新文本施行日期）", code="status.date"))
                continue
            in_force = date_of(item, "in_force", title, line)
            if in_force and in_force < adopted:
                lib.findings.append(Finding(ERROR, shown, line, f"「{title}」的施行日期早于通过日期",
                                            "核对 adopted（通过日期）和 in_force（施行日期）", code="status.date"))
                continue
            lib.revisions[title] = Revision(title, adopted, in_force, note, line)
            continue
        replaced = str(item.get("replaced_by") or "").strip().strip("《》") or None
        lib.repeals[title] = Repeal(title, date_of(item, "date", title, line), replaced, note, line, status)
    for alias, title in (data.get("aliases") or data.get("简称") or {}).items():
        lib.aliases[str(alias).strip("《》")] = str(title).strip("《》")


def status_findings(lib: LawLibrary, shown_status: str) -> list[Finding]:
    """Replacement laws named in the status file must exist (or be repealed too),
    for the laws the library holds (the shipped file names more than a small library has)."""
    out = []
    for repeal in lib.repeals.values():
        if repeal.title not in lib.by_title:
            continue
        if repeal.replaced_by and repeal.replaced_by not in lib.aliases:
            out.append(Finding(WARNING, shown_status, repeal.line,
                               f"「{repeal.title}」的取代法律「{repeal.replaced_by}」不在法律库中",
                               "检查名称是否为全称，或先导入该法律", code="status.replacement"))
    return out

