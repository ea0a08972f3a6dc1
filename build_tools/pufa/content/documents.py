"""规范性文件: document numbers (文号), replacement chains and the register.

Plain functions over the content index, no MkDocs: the validator, the
cross-page rules and the templates all use them, and they are unit-tested.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pufa.content import types as T
from pufa.dates import cn_date, iso_date
from pufa.findings import ERROR, WARNING, Finding

if TYPE_CHECKING:  # the validator imports this module, and the model imports the validator
    from pufa.content.model import ContentIndex, ContentItem

# GB/T 9704-2012: 机关代字 + 〔年份〕 + 发文顺序号 + 号.  Other brackets are read
# (staff type [2021] or (2021) on keyboards without 〔〕) but get a warning.
_NUMBER = re.compile(
    r"^(?P<org>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]*?)\s*"
    r"(?P<open>[〔\[［(（【])\s*(?P<year>\d+)\s*(?P<close>[〕\]］)）】])\s*"
    r"(?P<di>第?)(?P<seq>\d+)\s*号$")
_PROPER = ("〔", "〕")
EXAMPLE = "云司发〔2021〕3号"


@dataclass(frozen=True)
class DocNumber:
    org: str      # 机关代字, e.g. 云司发
    year: int
    seq: int

    @property
    def canonical(self) -> str:
        return f"{self.org}〔{self.year}〕{self.seq}号"


@dataclass(frozen=True)
class Problem:
    severity: str
    message: str
    hint: str
    code: str = "document.number"


def parse_number(text: str) -> tuple[DocNumber | None, list[Problem]]:
    """A 文号 and what is wrong with how it is written (errors make it unusable)."""
    raw = str(text or "").strip()
    m = _NUMBER.match(raw)
    if not m:
        return None, [Problem(ERROR, f"文号「{raw}」的格式不对",
                              f"写成 机关代字〔年份〕序号号，如 {EXAMPLE}")]
    problems = []
    year_text, seq_text = m["year"], m["seq"]
    if len(year_text) != 4:
        return None, [Problem(ERROR, f"文号「{raw}」的年份「{year_text}」要写全四位",
                              f"如 {m['org']}〔20{year_text[-2:]}〕{int(seq_text)}号")]
    number = DocNumber(m["org"], int(year_text), int(seq_text))
    if number.seq == 0:
        return None, [Problem(ERROR, f"文号「{raw}」的序号不能是 0", f"写成 {EXAMPLE} 这样的序号")]
    if (m["open"], m["close"]) != _PROPER:
        problems.append(Problem(WARNING, f"文号「{raw}」的年份应当用六角括号〔〕",
                                f"改成 {number.canonical}（输入法里打「括号」或「liujiaokuohao」可选出〔〕）"))
    elif m["di"] or seq_text != str(number.seq):
        problems.append(Problem(WARNING, f"文号「{raw}」的序号不加「第」字、不编虚位",
                                f"改成 {number.canonical}"))
    return number, problems


def page_problems(meta: dict) -> list[tuple[str, Problem]]:
    """One document's own rules: (field it belongs to, problem)."""
    out: list[tuple[str, Problem]] = []
    issued = meta.get("issued")
    issued = issued if isinstance(issued, dt.date) else None
    if isinstance(meta.get("number"), str) and meta["number"].strip():
        number, problems = parse_number(meta["number"])
        out += [("number", p) for p in problems]
        if number is not None and issued is not None and number.year > issued.year:
            out.append(("number", Problem(
                ERROR, f"文号的年份 {number.year} 晚于印发日期（{issued.year}年）",
                "文号年份是印发那一年：检查文号或印发日期（issued）", "document.number-year")))
    status = meta.get("status")
    status_date = meta.get("status_date")
    if status in T.DOCUMENT_STATUSES and status != T.CURRENT and not status_date:
        out.append(("status", Problem(
            ERROR, f"状态是「{status}」，但没有填写状态日期（status_date）",
            f"加一行「status_date: 2024-01-01」：{status}的日期", "document.status-date-missing")))
    if isinstance(status_date, dt.date) and issued is not None and status_date < issued:
        out.append(("status_date", Problem(
            ERROR, f"状态日期 {status_date.isoformat()} 早于印发日期 {issued.isoformat()}",
            "检查状态日期（status_date）和印发日期（issued）", "document.status-date-early")))
    if status == T.AMENDED and not meta.get("replaced_by"):
        out.append(("status", Problem(
            ERROR, "状态是「已修订」，但没有写修订后的新文件（replaced_by）",
            "加一行「replaced_by: documents/新文件.md」，写新文件的路径", "document.amended-without-replacement")))
    return out


def target_src(path: str) -> str:
    """replaced_by as staff write it ('x', 'x.md', 'documents/x.md') -> src_uri."""
    path = str(path or "").strip().lstrip("/")
    if not path:
        return ""
    if not path.endswith(".md"):
        path += ".md"
    if not path.startswith(T.DOCUMENT.folder + "/"):
        path = f"{T.DOCUMENT.folder}/{path}"
    return path


def _docs(index: ContentIndex) -> dict[str, ContentItem]:
    return {i.src_uri: i for i in index.of_type(T.DOCUMENT, include_drafts=True)}


def chain(docs: dict[str, ContentItem], start: str) -> tuple[list[str], str]:
    """Follow replaced_by from start: the documents visited and how it ends:
    'end' (a document without replaced_by), 'missing' or 'loop'."""
    seen = [start]
    current = docs[start]
    while True:
        nxt = target_src(current.meta.get("replaced_by") or "")
        if not nxt:
            return seen, "end"
        if nxt not in docs:
            return seen + [nxt], "missing"
        if nxt in seen:
            return seen + [nxt], "loop"
        seen.append(nxt)
        current = docs[nxt]


def _line(item: ContentItem, name: str) -> int | None:
    f = T.DOCUMENT.field(name)
    return item.lines.get(name) or (item.lines.get(f.label) if f else None) or item.lines.get("title")


def _name(item: ContentItem) -> str:
    number = str(item.meta.get("number") or "").strip()
    return f"《{item.title}》（{number}）" if number else f"《{item.title}》"


def cross_findings(index: ContentIndex) -> list[Finding]:
    """Rules across documents: duplicate 文号, broken, looping and stale chains."""
    docs = _docs(index)
    findings: list[Finding] = []
    root = index.display_root
    shown = lambda item: f"{root}/{item.src_uri}" if root else item.src_uri  # noqa: E731
    numbers: dict[str, ContentItem] = {}
    for src in sorted(docs):
        item = docs[src]
        number, _ = parse_number(item.meta.get("number") or "")
        if number is None:
            continue
        first = numbers.setdefault(number.canonical, item)
        if first is not item:
            findings.append(Finding(
                ERROR, shown(item), _line(item, "number"),
                f"文号 {number.canonical} 与 {shown(first)} 重复",
                "每份文件的文号都不同：核对原件上的文号", code="document.duplicate-number"))
    for src in sorted(docs):
        item = docs[src]
        if not target_src(item.meta.get("replaced_by") or ""):
            continue
        line = _line(item, "replaced_by")
        visited, how = chain(docs, src)
        titles = " → ".join(_name(docs[s]) if s in docs else s for s in visited)
        if how == "missing" and len(visited) == 2:
            findings.append(Finding(
                ERROR, shown(item), line, f"取代文件「{item.meta.get('replaced_by')}」不存在",
                f"写 content 文件夹下的路径，如 {T.DOCUMENT.folder}/xin-wen-jian.md；文件改过名的话同步修改这里",
                code="document.replaced-missing"))
        elif how == "loop" and src in visited[visited.index(visited[-1]):]:
            findings.append(Finding(
                ERROR, shown(item), line, f"取代关系绕成了圈：{titles}",
                "新文件取代旧文件，只能一个方向：删掉较新文件里的 replaced_by",
                code="document.replaced-loop"))
        elif how == "end":
            nxt = docs[visited[1]]
            end = docs[visited[-1]]
            if nxt.meta.get("status") != T.CURRENT:
                state = end.meta.get("status")
                hint = (f"改为直接写 replaced_by: {end.src_uri}" if state == T.CURRENT
                        else "核对这条取代链上各文件的状态")
                findings.append(Finding(
                    WARNING, shown(item), line,
                    f"取代本文件的{_name(nxt)}状态是「{nxt.meta.get('status')}」；"
                    f"取代链的终点是{_name(end)}（{state}）",
                    hint, code="document.replaced-stale"))
        if item.meta.get("status") == T.CURRENT:
            findings.append(Finding(
                WARNING, shown(item), line, "现行有效的文件写了取代文件（replaced_by）",
                "文件已被取代的话，把状态改为「已修订」或「已废止」；否则删掉 replaced_by",
                code="document.current-replaced"))
    return findings


# -- what the templates show ------------------------------------------------

STATUS_CLASS = {T.CURRENT: "current", T.AMENDED: "amended", T.ANNULLED: "annulled",
                T.REPEALED: "repealed"}


def _cn(value) -> str:
    # Only a real date: an unreadable one is reported elsewhere, the register leaves it blank.
    return cn_date(value) if isinstance(value, dt.date) else ""


def row(item: ContentItem) -> dict:
    issued = item.meta.get("issued")
    status = str(item.meta.get("status") or "")
    return {
        "title": item.title, "url": item.url, "src": item.src_uri,
        "number": str(item.meta.get("number") or ""),
        "issuer": str(item.meta.get("issuer") or ""),
        "issued": _cn(issued), "issued_iso": iso_date(issued),
        "year": str(issued.year) if isinstance(issued, dt.date) else "",
        "status": status, "status_class": STATUS_CLASS.get(status, "current"),
        "status_date": _cn(item.meta.get("status_date")),
        "status_date_iso": iso_date(item.meta.get("status_date")),
        "sample": bool(item.meta.get("sample")),
    }


def counts(items: list[ContentItem]) -> dict:
    """Documents per year of issue and status, with totals: the clean-up table."""
    table: dict[str, dict[str, int]] = {}
    for item in items:
        issued = item.meta.get("issued")
        year = str(issued.year) if isinstance(issued, dt.date) else "未知"
        status = item.meta.get("status")
        cells = table.setdefault(year, {s: 0 for s in T.DOCUMENT_STATUSES})
        if status in cells:
            cells[status] += 1
    rows = [{"year": y, "cells": [table[y][s] for s in T.DOCUMENT_STATUSES],
             "total": sum(table[y].values())} for y in sorted(table)]
    totals = [sum(r["cells"][n] for r in rows) for n in range(len(T.DOCUMENT_STATUSES))]
    return {"statuses": list(T.DOCUMENT_STATUSES), "rows": rows, "totals": totals,
            "total": sum(totals)}


def register(index: ContentIndex) -> dict:
    items = index.of_type(T.DOCUMENT)
    rows = [row(i) for i in items]
    statuses = [s for s in T.DOCUMENT_STATUSES if any(r["status"] == s for r in rows)]
    years = sorted({r["year"] for r in rows if r["year"]}, reverse=True)
    issuers = sorted({r["issuer"] for r in rows if r["issuer"]})
    filters = [
        {"field": "status", "label": "状态", "options": statuses},
        {"field": "year", "label": "印发年份", "options": years},
        {"field": "issuer", "label": "制定机关", "options": issuers},
    ]
    return {"rows": rows, "count": len(rows), "counts": counts(items),
            "filters": [f for f in filters if len(f["options"]) > 1],
            "csv": {key: {"file": name, "download": label} for key, (name, label) in CSV_FILES.items()}}


def relations(index: ContentIndex, item: ContentItem) -> dict:
    """On a document's page: what replaced it, what it replaces, where the chain ends."""
    docs = _docs(index)
    out = {"replaced_by": None, "chain_end": None, "replaces": []}
    if item.src_uri not in docs:
        return out
    visited, how = chain(docs, item.src_uri)
    if len(visited) > 1 and visited[1] in docs:
        out["replaced_by"] = row(docs[visited[1]])
        if how == "end" and len(visited) > 2:
            out["chain_end"] = row(docs[visited[-1]])
    out["replaces"] = [row(d) for s, d in sorted(docs.items())
                       if target_src(d.meta.get("replaced_by") or "") == item.src_uri
                       and not d.is_draft]
    return out


# The register as spreadsheets for the clean-up report (Excel and WPS open UTF-8 with a BOM).
CSV_FILES = {"counts": ("qing-li-tong-ji.csv", "规范性文件清理情况统计.csv"),
             "list": ("wen-jian-mu-lu.csv", "规范性文件目录.csv")}


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + out.getvalue()


def register_csv(index: ContentIndex) -> dict[str, str]:
    """{file name: CSV text}: the year × status counts and the whole list (nothing without documents)."""
    items = index.of_type(T.DOCUMENT)
    if not items:
        return {}
    table = counts(items)
    count_rows = [["印发年份", *table["statuses"], "合计"]]
    count_rows += [[r["year"], *r["cells"], r["total"]] for r in table["rows"]]
    count_rows.append(["合计", *table["totals"], table["total"]])
    docs = _docs(index)
    list_rows = [["文号", "标题", "制定机关", "印发日期", "施行日期", "状态", "状态日期", "取代文件"]]
    for item in sorted(items, key=lambda i: (iso_date(i.meta.get("issued")), i.title)):
        r = row(item)
        target = item.meta.get("replaced_by")
        replaced = docs.get(target_src(str(target))) if target else None
        list_rows.append([r["number"], r["title"], r["issuer"], r["issued_iso"],
                          iso_date(item.meta.get("effective")) or r["issued_iso"], r["status"],
                          r["status_date_iso"],
                          f"{replaced.meta.get('number') or ''} {replaced.title}".strip() if replaced else ""])
    return {CSV_FILES["counts"][0]: _csv(count_rows), CSV_FILES["list"][0]: _csv(list_rows)}
