"""What the templates show: cards, listings, the timeline, campaigns.

Plain dictionaries built from the content index, so the Jinja templates stay
simple and this logic is tested without MkDocs.  Values are raw text: the
templates escape them.
"""
from __future__ import annotations

import datetime as dt
import re

from pufa.content import directory
from pufa.content import types as T
from pufa.content.model import ContentIndex, ContentItem
from pufa.dates import cn_date, cn_month_day, iso_date


def _values(item: ContentItem, field: str) -> list[str]:
    value = item.meta.get(field)
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def summary_of(item: ContentItem) -> str:
    """What a card says about a page: its summary, or a Q&A's short answer."""
    return str(item.meta.get("summary") or item.meta.get("answer") or "")


def related(index: ContentIndex, item: ContentItem | None) -> list[dict]:
    """Cards of the pages a Q&A names under `related` (missing ones are reported by pufa check)."""
    out = []
    for path in (item.meta.get("related") or []) if item is not None else []:
        target = index.by_src(path)
        if target is not None and not target.is_draft and not target.is_listing:
            out.append(card(target))
    return out


def card(item: ContentItem) -> dict:
    ctype = item.ctype
    chips = []
    for name in ctype.card_fields:
        chips.extend(_values(item, name))
    filters = {name: _values(item, name) for name in ctype.filters}
    return {
        "title": item.title,
        "url": item.url,
        "summary": summary_of(item),
        # A directory's date is when it was checked, not news: not on its cards.
        "date": cn_date(item.date) if item.date != dt.date.min and ctype is not T.DIRECTORY else "",
        "iso_date": iso_date(item.date) if item.date != dt.date.min else "",
        "chips": chips,
        "tags": _values(item, "tags"),
        "sample": bool(item.meta.get("sample")),
        "case": item.meta.get("layout") == "以案释法",
        "filters": filters,
        "type": ctype.key,
        "type_label": ctype.label,
        # Directory cards carry their phone: the call is what people came for.
        "phones": _values(item, "phone") if ctype is T.DIRECTORY else [],
    }


def listing(index: ContentIndex, ctype: T.ContentType) -> dict:
    # A directory is read by kind and place, not by date.
    items = directory.entries(index) if ctype is T.DIRECTORY else index.of_type(ctype)
    cards = [card(i) for i in items]
    filters = []
    for name in ctype.filters:
        f = ctype.field(name)
        seen: list[str] = []
        # Fixed choices keep their order; free values sort by frequency.
        counts: dict[str, int] = {}
        for c in cards:
            for v in c["filters"].get(name, []):
                counts[v] = counts.get(v, 0) + 1
        if f and f.choices:
            seen = [v for v in f.choices if v in counts]
        else:
            seen = sorted(counts, key=lambda v: (-counts[v], v))
        if len(seen) > 1:
            filters.append({"field": name, "label": f.label if f else name,
                            "options": [{"value": v, "count": counts[v]} for v in seen]})
    return {"type": ctype.key, "label": ctype.label, "cards": cards, "filters": filters,
            "count": len(cards), "unit": "个" if ctype is T.DIRECTORY else "篇"}


def directory_card(entry: ContentItem) -> dict:
    """A directory entry as the guide box and the entry page show it."""
    return dict(card(entry), kind=str(entry.meta.get("kind") or ""),
                address=str(entry.meta.get("address") or ""),
                hours=str(entry.meta.get("hours") or ""))


def named_entries(index: ContentIndex, item: ContentItem) -> list[dict]:
    """The 办理机构 / 相关机构 box of a guide: entries it names, in order."""
    return [dict(directory_card(n["item"]), role=n["role"]) for n in directory.named_in(index, item)]


def directory_entry(index: ContentIndex, entry: ContentItem) -> dict:
    """An entry page's links: a lawyer's firm, a firm's lawyers, guides naming it."""
    firm = directory.firm_of(index, entry) if entry.meta.get("kind") == T.LAWYER else None
    lawyers = directory.lawyers_of(index, entry) if entry.meta.get("kind") == T.LAW_FIRM else []
    return {
        "firm": directory_card(firm) if firm is not None else None,
        "lawyers": [directory_card(i) for i in lawyers],
        "guides": [card(g) for g in directory.naming_guides(index, entry)],
    }


def timeline(index: ContentIndex) -> list[dict]:
    """Party-history notes by period (in historical order), then by event date."""
    items = index.of_type(T.PARTY_HISTORY)
    periods = []
    for period in T.PERIODS:
        entries = [i for i in items if i.meta.get("period") == period]
        entries.sort(key=lambda i: (i.meta.get("event_date") or (0, 0, 0), i.title))
        periods.append({
            "period": period,
            "entries": [dict(card(i), event=str(i.meta.get("event") or i.title),
                             event_date=cn_date(i.meta.get("event_date")),
                             event_iso="-".join(f"{p:02d}" if n else f"{p:04d}"
                                                for n, p in enumerate(i.meta.get("event_date") or ())
                                                if p))
                        for i in entries],
        })
    return periods


def campaigns(index: ContentIndex) -> list[dict]:
    out = []
    for item in index.of_type(T.CAMPAIGN):
        featured = []
        for path in item.meta.get("featured") or []:
            target = index.by_src(path)
            if target is not None and not target.is_draft:
                featured.append(card(target))
        start, end = item.meta.get("start"), item.meta.get("end")
        out.append(dict(
            card(item),
            start=iso_date(start), end=iso_date(end),
            start_cn=cn_date(start), end_cn=cn_date(end),
            span=_span(start, end, bool(item.meta.get("repeat"))),
            repeat=bool(item.meta.get("repeat")),
            slogan=str(item.meta.get("slogan") or ""),
            featured=featured,
        ))
    return out


def _span(start, end, repeat: bool) -> str:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return ""
    if repeat:
        return f"每年{cn_month_day(start)}至{cn_month_day(end)}"
    if start.year == end.year:
        return f"{cn_date(start)}至{cn_month_day(end)}"
    return f"{cn_date(start)}至{cn_date(end)}"


_PHONE_DIGITS = re.compile(r"[^0-9+]")


def tel_href(text: str) -> str:
    """'0000-66881234（工作日）' -> 'tel:000066881234'."""
    number = re.split(r"[（(转]", str(text))[0]
    return "tel:" + _PHONE_DIGITS.sub("", number)


def police_code(text: str) -> str:
    """The digits of a 公安备案号, used in its query link."""
    return "".join(ch for ch in str(text) if ch.isdigit())
