"""What only a justice bureau's site knows is wrong."""
from __future__ import annotations

import datetime as dt

from pufa.content import types as T
from pufa.content.model import ContentIndex, display_path
from pufa.dates import cn_date
from pufa.findings import WARNING, Finding

REVIEW_YEARS = 2


def check(index: ContentIndex, today: dt.date) -> list[Finding]:
    findings = []
    for item in index.items:
        if item.is_listing or item.is_draft:
            continue
        shown = display_path(index.display_root, item.src_uri)
        meta = item.meta
        if item.ctype is T.CAMPAIGN and not meta.get("repeat"):
            end = meta.get("end")
            if isinstance(end, dt.date) and end < today and meta.get("featured"):
                findings.append(Finding(
                    WARNING, shown, item.lines.get("end"),
                    f"活动已于 {cn_date(end)} 结束，但仍在推荐内容（featured）",
                    "活动每年都办就加 repeat: true；否则删掉 featured，或把它设为草稿 draft: true",
                    code="campaign.ended"))
        if item.ctype is T.VILLAGE:
            last = meta.get("last_review")
            if isinstance(last, dt.date) and _years_between(last, today) >= REVIEW_YEARS \
                    and meta.get("review_status") != "撤销":
                findings.append(Finding(
                    WARNING, shown, item.lines.get("last_review"),
                    f"最近一次复核是 {cn_date(last)}，已超过 {REVIEW_YEARS} 年",
                    "示范村每两年复核一次：补上最新的复核日期和结果", code="village.review"))
    return findings


def _years_between(a: dt.date, b: dt.date) -> float:
    return (b - a).days / 365.25
