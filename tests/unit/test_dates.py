"""The one date formatter: every page, listing and message writes dates through pufa.dates."""
import datetime as dt

from pufa import dates
from pufa.content import views


def test_chinese_dates():
    assert dates.cn_date(dt.date(2026, 3, 8)) == "2026年3月8日"
    assert dates.cn_date((1921, 7, 23)) == "1921年7月23日"
    assert dates.cn_date((1921, 7, 0)) == "1921年7月"
    assert dates.cn_date((1921, 0, 0)) == "1921年"
    assert dates.cn_date(None) == "" and dates.cn_date("") == ""
    assert dates.cn_date("1921-07") == "1921-07"   # an unread value is shown as written
    assert dates.cn_month_day(dt.date(2026, 12, 4)) == "12月4日"
    assert dates.iso_date(dt.date(2026, 3, 8)) == "2026-03-08" and dates.iso_date("x") == ""


def test_no_other_module_formats_chinese_dates():
    """One formatter: a date written as {y}年{m}月{d}日 anywhere else is a second copy."""
    import re
    from conftest import ROOT

    pattern = re.compile(r"\}年\{[^}]*\}月\{[^}]*\}日")
    copies = [p.relative_to(ROOT).as_posix() for p in (ROOT / "build_tools" / "pufa").rglob("*.py")
              if p.name != "dates.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert copies == []


def test_campaign_spans():
    d = dt.date
    assert views._span(d(2026, 12, 1), d(2026, 12, 7), True) == "每年12月1日至12月7日"
    assert views._span(d(2026, 12, 1), d(2026, 12, 7), False) == "2026年12月1日至12月7日"
    assert views._span(d(2026, 12, 28), d(2027, 1, 3), False) == "2026年12月28日至2027年1月3日"
