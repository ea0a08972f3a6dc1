"""Dates as staff and readers see them: 2026年3月8日, 1921年7月, 12月4日.

The one place that writes a date in Chinese: pages, listings, the law
library and check messages all call these.
"""
from __future__ import annotations

import datetime as dt


def cn_date(value) -> str:
    """2026年3月8日 for a date; 1921年7月 or 1921年 for a partial date (year, month, day)
    with 0 for the missing parts; other values as they are written; '' for none."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, tuple):
        year, month, day = value
        text = f"{year}年"
        if month:
            text += f"{month}月"
            if day:
                text += f"{day}日"
        return text
    return str(value or "")


def cn_month_day(value: dt.date) -> str:
    """12月4日: a day of the year, for what repeats every year or a year already said."""
    return f"{value.month}月{value.day}日"


def iso_date(value) -> str:
    """2026-03-08 for a date (the datetime attribute of <time>); '' for anything else."""
    return value.isoformat() if isinstance(value, dt.date) else ""
