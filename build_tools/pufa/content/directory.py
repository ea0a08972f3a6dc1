"""机构名录: law firms and lawyers, and which guides name which entries.

Plain functions over the content index (no MkDocs), used by the checks, the
views and the plugin.
"""
from __future__ import annotations

import re

from pufa.content import types as T
from pufa.content.model import ContentIndex, ContentItem, display_path
from pufa.findings import ERROR, WARNING, Finding

# Guide fields whose text names the place to go; the body is searched too.
NAMING_FIELDS = ("location", "phone", "hours")
# Shorter titles would match by accident inside other words.
MIN_TITLE = 3
LAW_KINDS = (T.LAW_FIRM, T.LAWYER)
# Chinese lists share the suffix: 「齐云镇、青石镇、白鹭镇司法所」 names 齐云镇司法所 too.
SHARED_SUFFIXES = ("人民调解委员会", "法律援助工作站", "法律援助中心", "基层法律服务所", "法律服务所",
                   "律师事务所", "司法所", "公证处")
_LIST_ITEM = r"(?:[、和及与或][^、，,。；;：:\s和及与或]{1,10}?)"


def _title_pattern(title: str) -> re.Pattern:
    """The exact title, or its first part opening a list that ends in its suffix."""
    for suffix in SHARED_SUFFIXES:
        head = title[: -len(suffix)]
        if title.endswith(suffix) and len(head) >= 2:
            return re.compile(re.escape(title) + "|" + re.escape(head) + _LIST_ITEM + "{1,8}" + re.escape(suffix))
    return re.compile(re.escape(title))


def _find(pattern: re.Pattern, text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else -1


def firm_src(value: str) -> str:
    """'yun-xi-lv-suo.md' or 'directory/yun-xi-lv-suo.md' -> 'directory/yun-xi-lv-suo.md'."""
    path = str(value or "").strip().lstrip("/")
    if path.startswith("content/"):
        path = path[len("content/"):]
    if not path.startswith(T.DIRECTORY.folder + "/"):
        path = f"{T.DIRECTORY.folder}/{path}"
    if not path.endswith(".md"):
        path += ".md"
    return path


def entries(index: ContentIndex) -> list[ContentItem]:
    """Published entries in reading order: by kind, then town, then name."""
    order = {k: n for n, k in enumerate(T.DIRECTORY_KINDS)}
    return sorted(index.of_type(T.DIRECTORY),
                  key=lambda i: (order.get(i.meta.get("kind"), 99), str(i.meta.get("town") or ""), i.title))


def firm_of(index: ContentIndex, lawyer: ContentItem) -> ContentItem | None:
    value = lawyer.meta.get("firm")
    if not value:
        return None
    firm = index.by_src(firm_src(value))
    return firm if firm is not None and not firm.is_draft else None


def lawyers_of(index: ContentIndex, firm: ContentItem) -> list[ContentItem]:
    return [i for i in entries(index)
            if i.meta.get("kind") == T.LAWYER and i.meta.get("firm")
            and firm_src(i.meta["firm"]) == firm.src_uri]


def _named_text(item: ContentItem) -> tuple[str, str]:
    """(the fields that say where to go, the rest of the page's text)."""
    fields = []
    for name in NAMING_FIELDS:
        value = item.meta.get(name)
        if isinstance(value, list):
            fields.extend(str(v) for v in value)
        elif value:
            fields.append(str(value))
    return "\n".join(fields), item.body


def named_in(index: ContentIndex, item: ContentItem) -> list[dict]:
    """Directory entries a page names by their exact title, in order of first mention.

    Each is {"item", "role"}: role 办理机构 when named in location/phone/hours,
    otherwise 相关机构 (named only in the body)."""
    fields, body = _named_text(item)
    found = []
    for entry in entries(index):
        title = entry.title
        if len(title) < MIN_TITLE or entry is item:
            continue
        pattern = _title_pattern(title)
        at = _find(pattern, fields)
        if at >= 0:
            found.append((0, at, entry, "办理机构"))
            continue
        at = _find(pattern, body)
        if at >= 0:
            found.append((1, at, entry, "相关机构"))
    found.sort(key=lambda f: (f[0], f[1]))
    return [{"item": e, "role": role} for _, _, e, role in found]


def naming_guides(index: ContentIndex, entry: ContentItem) -> list[ContentItem]:
    """The guides that name an entry (the reverse of named_in)."""
    return [g for g in index.of_type(T.GUIDE)
            if any(n["item"] is entry for n in named_in(index, g))]


def findings(index: ContentIndex) -> list[Finding]:
    """What one entry cannot know alone: a lawyer's firm must exist and be a firm."""
    out: list[Finding] = []
    for item in index.items:
        if item.ctype is not T.DIRECTORY or item.is_listing:
            continue
        shown = display_path(index.display_root, item.src_uri)
        kind = item.meta.get("kind")
        firm = item.meta.get("firm")
        firm_line = item.lines.get("firm") or item.lines.get("所在律所")
        end_line = max(item.body_line - 1, 1)
        if kind == T.LAWYER and not firm:
            out.append(Finding(
                ERROR, shown, end_line, "律师没有写所在的律师事务所（firm）",
                "律师应当在律师事务所执业：加一行「firm: directory/律所文件名.md」，"
                "律所不在名录里的话先用 pufa new directory 律所名称 新建",
                code="directory.firm-missing"))
        elif firm and kind != T.LAWYER:
            out.append(Finding(
                WARNING, shown, firm_line, f"只有律师才写所在律所（firm），这是「{kind}」，它不会显示",
                "删掉 firm 这一行，或把类别（kind）改成 律师", code="directory.firm-unused"))
        elif firm:
            target = index.by_src(firm_src(firm))
            if target is None:
                known = [i.src_uri for i in index.of_type(T.DIRECTORY) if i.meta.get("kind") == T.LAW_FIRM]
                out.append(Finding(
                    ERROR, shown, firm_line, f"所在律所「{firm}」在名录里不存在",
                    "写名录里律师事务所的文件路径" + ("，现有：" + "、".join(known[:8]) if known else
                                             "；先用 pufa new directory 律所名称 新建这个律所"),
                    code="directory.firm-unknown"))
            elif target.meta.get("kind") != T.LAW_FIRM:
                out.append(Finding(
                    ERROR, shown, firm_line,
                    f"所在律所「{firm}」是「{target.title}」，它的类别不是律师事务所",
                    "firm 要写律师事务所的文件路径", code="directory.firm-not-a-firm"))
        if item.meta.get("practice_areas") and kind not in LAW_KINDS:
            out.append(Finding(
                WARNING, shown, item.lines.get("practice_areas") or item.lines.get("执业领域"),
                f"执业领域（practice_areas）只用于律师事务所和律师，这是「{kind}」，它不会显示",
                "把这些内容写进服务事项（services）", code="directory.areas-unused"))
    return out
