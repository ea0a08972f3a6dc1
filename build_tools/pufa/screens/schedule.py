"""When a playlist item may play: dates, a daily time window and weekdays.

The display page decides in the browser, from the screen's own clock, because
the site is built weeks before; `screen.js` mirrors `Window.active` exactly.
Here the same rules let `pufa check` find items that can never play and
items that would play twice at once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WEEKDAY_NAMES = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
ALL_WEEK = (1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True)
class Window:
    start: dt.date | None = None
    end: dt.date | None = None
    repeat: bool = False              # every year, month and day only (宪法宣传周)
    time_from: int | None = None      # minutes after midnight
    time_to: int | None = None        # exclusive; earlier than time_from = overnight
    weekdays: tuple[int, ...] = ALL_WEEK   # 1 = Monday … 7 = Sunday

    def on_day(self, day: dt.date) -> bool:
        if day.isoweekday() not in self.weekdays:
            return False
        if self.repeat and self.start and self.end:
            s, e, t = _md(self.start), _md(self.end), _md(day)
            return s <= t <= e if s <= e else (t >= s or t <= e)
        if self.start and day < self.start:
            return False
        return not (self.end and day > self.end)

    def at_minute(self, minute: int) -> bool:
        if self.time_from is None or self.time_to is None:
            return True
        if self.time_from <= self.time_to:
            return self.time_from <= minute < self.time_to
        return minute >= self.time_from or minute < self.time_to

    def active(self, when: dt.datetime) -> bool:
        return self.on_day(when.date()) and self.at_minute(when.hour * 60 + when.minute)

    def to_dict(self) -> dict:
        """What the display page's script reads (data-* attributes)."""
        return {
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "repeat": "yes" if self.repeat else "",
            "time": f"{self.time_from}-{self.time_to}" if self.time_from is not None else "",
            "days": "".join(str(d) for d in self.weekdays) if tuple(self.weekdays) != ALL_WEEK else "",
        }


def _md(day: dt.date) -> tuple[int, int]:
    return (day.month, day.day)


def overlaps(a: Window, b: Window, first_day: dt.date, days: int = 366 * 2) -> dt.date | None:
    """The first day (within `days`) on which both windows play at the same time."""
    if not _times_meet(a, b):
        return None
    for n in range(days):
        day = first_day + dt.timedelta(days=n)
        if a.on_day(day) and b.on_day(day):
            return day
    return None


def _times_meet(a: Window, b: Window) -> bool:
    return any(a.at_minute(m) and b.at_minute(m) for m in range(0, 24 * 60, 5))


def never_plays(w: Window, first_day: dt.date, days: int = 366 * 2) -> bool:
    if w.time_from is not None and w.time_from == w.time_to:
        return True
    return not any(w.on_day(first_day + dt.timedelta(days=n)) for n in range(days))


def parse_time_range(text: str) -> tuple[int, int] | None:
    """'08:30-17:30' (also ８：３０～１７：３０ and 8点30) -> minutes; None if unreadable."""
    t = str(text).strip().translate(str.maketrans("０１２３４５６７８９：～—－至到", "0123456789:~----"))
    t = t.replace("~", "-").replace("点", ":").replace("时", ":").replace("分", "").replace(" ", "")
    parts = [p for p in t.split("-") if p]
    if len(parts) != 2:
        return None
    out = []
    for p in parts:
        h, _, m = p.partition(":")
        if not h.isdigit() or (m and not m.isdigit()):
            return None
        hours, minutes = int(h), int(m or 0)
        if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
            return None
        out.append(hours * 60 + minutes)
    return out[0], out[1]


def parse_weekdays(value) -> tuple[int, ...] | None:
    """[1, 2, 3], '周一至周五', '周六、周日', '工作日', '周末' -> (1…7); None if unreadable."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if isinstance(value, list):
        days = []
        for v in value:
            got = parse_weekdays(str(v)) if not isinstance(v, int) or isinstance(v, bool) else (v,)
            if not got or any(d not in ALL_WEEK for d in got):
                return None
            days.extend(got)
        return tuple(sorted(set(days))) or None
    text = str(value).strip().replace("星期", "周").replace("礼拜", "周").replace(" ", "")
    if text in ("每天", "全周", "全部"):
        return ALL_WEEK
    if text == "工作日":
        return (1, 2, 3, 4, 5)
    if text in ("周末", "双休日"):
        return (6, 7)
    if text.isdigit() and len(text) == 1:
        return (int(text),) if int(text) in ALL_WEEK else None
    for sep in ("至", "到", "-", "~", "～", "—"):
        if sep in text:
            a, _, b = text.partition(sep)
            start, end = _one_day(a), _one_day(b)
            if start is None or end is None:
                return None
            if start <= end:
                return tuple(range(start, end + 1))
            return tuple(sorted(set(range(start, 8)) | set(range(1, end + 1))))
    days = []
    for part in text.replace("，", "、").replace(",", "、").split("、"):
        d = _one_day(part)
        if d is None:
            return None
        days.append(d)
    return tuple(sorted(set(days))) or None


def _one_day(text: str) -> int | None:
    text = text.strip().lstrip("周")
    if text.isdigit() and int(text) in ALL_WEEK:
        return int(text)
    return WEEKDAY_NAMES.get(text)
