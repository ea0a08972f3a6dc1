"""Playlists for screens: the schedule rules and what `pufa check` says about mistakes."""
from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from conftest import copy_sample, pufa
from pufa.screens import schedule as S
from pufa.screens.playlist import load_all, parse

TODAY = dt.date(2026, 11, 27)


def exists(path: str) -> str:
    return "" if path in ("lessons/xian-fa.md", "guides/ren-min-tiao-jie.md") else "不存在"


def check(text: str, name: str = "da-ting"):
    return parse(textwrap.dedent(text), name, f"content/screens/{name}.yml", exists, TODAY)


def codes(findings) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


@pytest.mark.parametrize("text, days", [
    ("周一至周五", (1, 2, 3, 4, 5)), ("工作日", (1, 2, 3, 4, 5)), ("周末", (6, 7)),
    ("周六、周日", (6, 7)), ("星期五至星期一", (1, 5, 6, 7)), ([1, 3, 5], (1, 3, 5)),
    (["周二", "周四"], (2, 4)), (7, (7,)), ("每天", S.ALL_WEEK),
])
def test_weekdays_as_staff_write_them(text, days):
    assert S.parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["周八", "星期", [0, 1], "周一到", [True]])
def test_weekdays_that_make_no_sense(text):
    assert S.parse_weekdays(text) is None


@pytest.mark.parametrize("text, minutes", [
    ("08:30-17:30", (510, 1050)), ("８：３０～１７：３０", (510, 1050)), ("8点-12点", (480, 720)),
    ("22:00-06:00", (1320, 360)), ("0:00-24:00", (0, 1440)),
])
def test_time_ranges(text, minutes):
    assert S.parse_time_range(text) == minutes


@pytest.mark.parametrize("text", ["8:30", "25:00-26:00", "08:61-09:00", "上午"])
def test_time_ranges_that_make_no_sense(text):
    assert S.parse_time_range(text) is None


def test_window_rules():
    week = S.Window(time_from=9 * 60, time_to=17 * 60, weekdays=(1, 2, 3, 4, 5))
    assert week.active(dt.datetime(2026, 12, 3, 10, 0))          # Thursday
    assert not week.active(dt.datetime(2026, 12, 3, 17, 0))      # the end is exclusive
    assert not week.active(dt.datetime(2026, 12, 5, 10, 0))      # Saturday
    night = S.Window(time_from=22 * 60, time_to=6 * 60)
    assert night.active(dt.datetime(2026, 12, 3, 23, 0)) and night.active(dt.datetime(2026, 12, 4, 5, 59))
    assert not night.active(dt.datetime(2026, 12, 4, 12, 0))
    # Yearly: the constitution week in any year; a window across new year too.
    week_of = S.Window(start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 7), repeat=True)
    assert week_of.on_day(dt.date(2031, 12, 4)) and not week_of.on_day(dt.date(2031, 11, 30))
    new_year = S.Window(start=dt.date(2026, 12, 30), end=dt.date(2027, 1, 2), repeat=True)
    assert new_year.on_day(dt.date(2030, 1, 1)) and not new_year.on_day(dt.date(2030, 1, 3))
    once = S.Window(start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 7))
    assert once.on_day(dt.date(2026, 12, 7)) and not once.on_day(dt.date(2027, 12, 4))


def test_a_good_playlist():
    pl, findings = check("""\
        title: 大厅
        时长: 15
        idle: 60
        items:
          - page: content/lessons/xian-fa.md
          - 页面: guides/ren-min-tiao-jie.md
            时长: 30秒
            星期: 工作日
            时间: "09:00-17:00"
          - slide: |
              ## 12348
              免费法律咨询
            start: 2026-12-01
            end: 2026-12-07
            repeat: true
        """)
    assert findings == []
    assert pl.title == "大厅" and pl.idle == 60 and pl.fallback == "default"
    assert [i.kind for i in pl.items] == ["page", "page", "slide"]
    assert pl.items[0].page == "lessons/xian-fa.md" and pl.items[0].duration == 15
    assert pl.items[1].duration == 30 and pl.items[1].window.weekdays == (1, 2, 3, 4, 5)
    assert pl.items[1].line == 6 and pl.items[2].window.repeat


@pytest.mark.parametrize("body, expected", [
    ("items:\n  - page: lessons/nope.md\n", [("screen.page", 2)]),
    ("items:\n  - page: lessons/xian-fa.md\n    slide: 两个都写\n", [("screen.item", 2)]),
    ("items:\n  - duration: 10\n", [("screen.item", 2)]),
    ("items:\n  - page: lessons/xian-fa.md\n    duration: 2\n", [("screen.seconds", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    duration: 很久\n", [("screen.seconds", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    start: 2026-12-07\n    end: 2026-12-01\n",
     [("screen.dates", 4)]),
    ("items:\n  - page: lessons/xian-fa.md\n    start: 2026-02-30\n", [("screen.dates", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    end: 2020-01-01\n", [("screen.never", 2)]),
    ("items:\n  - page: lessons/xian-fa.md\n    time: 上午\n", [("screen.time", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    weekdays: 周八\n", [("screen.weekdays", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    repeat: true\n", [("screen.dates", 3)]),
    ("items:\n  - page: lessons/xian-fa.md\n    colour: red\n", [("screen.unknown-key", 3)]),
    ("items: []\n", [("screen.empty", 1)]),
    ("title: 空的\n", [("screen.empty", 1)]),
    ("items:\n  - page: lessons/xian-fa.md\n  - page: lessons/xian-fa.md\n    weekdays: 周一\n",
     [("screen.overlap", 3)]),
])
def test_playlist_mistakes_are_found_with_their_line(body, expected):
    _, findings = check(body)
    assert codes(findings) == expected
    for f in findings:
        assert f.message and f.hint and f.file == "content/screens/da-ting.yml"


def test_same_page_at_different_times_is_fine():
    _, findings = check("items:\n  - page: lessons/xian-fa.md\n    time: 08:00-12:00\n"
                        "  - page: lessons/xian-fa.md\n    time: 14:00-18:00\n")
    assert findings == []


def test_yaml_slips_are_explained_in_chinese():
    _, findings = check("title: 大厅\nitems：\n  - page: lessons/xian-fa.md\n")
    assert codes(findings) == [("yaml.fullwidth-colon", 2)]
    assert "全角冒号" in findings[0].message
    _, findings = check("title: 大厅\nitems:\n\t- page: lessons/xian-fa.md\n")
    assert findings[0].code == "yaml.tab" and findings[0].line == 3


def test_fallbacks_that_do_not_exist_or_go_round(tmp_path):
    folder = tmp_path / "screens"
    folder.mkdir()
    (folder / "a.yml").write_text("fallback: b\nitems:\n  - page: lessons/xian-fa.md\n", encoding="utf-8")
    (folder / "b.yml").write_text("fallback: a\nitems:\n  - page: lessons/xian-fa.md\n", encoding="utf-8")
    (folder / "c.yml").write_text("fallback: nowhere\nitems:\n  - page: lessons/xian-fa.md\n", encoding="utf-8")
    (folder / "d.yml").write_bytes("title: 大厅\nitems:\n  - slide: 欢迎\n".encode("gbk"))
    playlists, findings = load_all(tmp_path, "content", exists, TODAY)
    assert sorted(p.name for p in playlists) == ["a", "b", "c"]
    got = sorted((f.file, f.code) for f in findings)
    assert ("content/screens/c.yml", "screen.fallback") in got
    assert ("content/screens/d.yml", "file.encoding") in got
    assert any(f.code == "screen.fallback" and "圈" in f.message for f in findings)


def test_sample_playlists_pass_check_and_gaps_are_reported(tmp_path):
    site = copy_sample(tmp_path / "site")
    proc = pufa("check", "--site", str(site), "--format", "json")
    report = json.loads(proc.stdout)
    assert not [f for f in report["findings"] if f["code"].startswith("screen.")]
    # Only dated items and no fallback: most days have nothing to show.
    (site / "content" / "screens" / "default.yml").unlink()
    screen = site / "content" / "screens" / "da-ting.yml"
    screen.write_text("title: 活动屏\nitems:\n  - page: lessons/xian-fa.md\n    start: 2026-12-01\n"
                      "    end: 2026-12-07\n    repeat: true\n", encoding="utf-8")
    report = json.loads(pufa("check", "--site", str(site), "--format", "json").stdout)
    gaps = [f for f in report["findings"] if f["code"] == "screen.gap"]
    assert len(gaps) == 1 and "没有安排任何内容" in gaps[0]["message"]


def test_a_broken_playlist_stops_the_build_and_keeps_the_site(tmp_path):
    site = copy_sample(tmp_path / "site")
    pufa("build", "--site", str(site), check=True)
    built = site / "site"
    before = (built / "screens" / "da-ting" / "index.html").read_bytes()
    # Display pages are published, precached, and kept out of the sitemap and search.
    assert (built / "screens" / "default" / "index.html").is_file()
    assert not list(built.rglob("*.yml"))
    assert "/screens/" not in (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "screens/da-ting/index.html" in (built / "sw.js").read_text(encoding="utf-8")
    assert not any("screens/" in p.read_text(encoding="utf-8") for p in (built / "search" / "u").glob("*.js"))
    screen = site / "content" / "screens" / "da-ting.yml"
    screen.write_text(screen.read_text(encoding="utf-8").replace(
        "guides/ren-min-tiao-jie.md", "guides/ren-min-tiao-jie-2.md"), encoding="utf-8")
    proc = pufa("build", "--site", str(site))
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "content/screens/da-ting.yml:" in out and "guides/ren-min-tiao-jie-2.md" in out
    assert "Traceback" not in out
    assert (site / "site" / "screens" / "da-ting" / "index.html").read_bytes() == before
