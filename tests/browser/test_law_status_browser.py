"""A law's status on the reader's clock: 尚未生效 until its day, then 现行有效,
on its page, in a citation's preview and in search results."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import pufa, serve

pytestmark = pytest.mark.browser

TITLE = "示例市养犬管理条例"
PAGE = "laws/qi-ta/shi-li-shi-yang-quan-guan-li-tiao-li/"


@pytest.fixture(scope="module")
def pending_site(tmp_path_factory):
    """A site whose one law comes into force tomorrow, and a lesson that cites it."""
    root = tmp_path_factory.mktemp("pending")
    site = root / "s"
    pufa("init", str(site), "--empty", check=True)
    folder = root / "corpus" / "其他"
    folder.mkdir(parents=True)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (folder / "示例市养犬管理条例(2026-01-05).md").write_text(f"""# {TITLE}

2026年1月5日 示例市第一届人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

第一条 为了规范养犬行为，保障公民人身安全，维护市容环境卫生和社会公共秩序，制定本条例。

第二条 携犬出户的，应当为犬只束犬链，并主动避让他人。

第三条 本条例自{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日起施行。
""", encoding="utf-8")
    pufa("import-laws", str(root / "corpus"), "--site", str(site), check=True)
    (site / "content" / "lessons").mkdir(parents=True, exist_ok=True)
    (site / "content" / "lessons" / "yang-quan.md").write_text(f"""---
title: 文明养犬（示例）
date: 2026-11-20
summary: 示例：出门遛狗要拴绳
audience: [社会公众]
laws:
  - 《{TITLE}》第二条
---
遛狗要拴绳：《{TITLE}》第二条。
""", encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    with serve(site / "site") as base:
        yield base, tomorrow


@pytest.mark.parametrize("days_after, expected", [(0, "尚未生效"), (1, "现行有效"), (400, "现行有效")])
def test_law_page_reads_its_status_on_the_readers_date(pending_site, new_page, days_after, expected):
    base, tomorrow = pending_site
    page = new_page(390, 844)
    page.clock.set_fixed_time(dt.datetime.combine(tomorrow + dt.timedelta(days=days_after - 1), dt.time(9)))
    page.goto(base + PAGE)
    chip = page.locator(".pufa-law-head [data-pufa-status-label]")
    assert chip.inner_text() == expected
    notice = page.locator(".pufa-law-notice--pending")
    assert notice.is_visible() == (expected == "尚未生效")
    if expected == "尚未生效":
        assert f"自{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日起施行" in notice.inner_text()


@pytest.mark.parametrize("days_after, expected", [(0, "尚未生效"), (1, "现行有效")])
def test_search_results_and_previews_read_it_too(pending_site, new_page, days_after, expected):
    base, tomorrow = pending_site
    page = new_page(1280, 800)
    page.clock.set_fixed_time(dt.datetime.combine(tomorrow + dt.timedelta(days=days_after - 1), dt.time(9)))
    page.goto(base + "search/?q=" + "养犬管理条例")
    result = page.locator(".pufa-result", has_text=TITLE).first
    result.wait_for()
    assert result.locator(".pufa-law-status").inner_text() == expected
    api = page.evaluate("q => window.pufa.search(q, {limit: 5})", "养犬管理条例")
    assert api[0]["doc"] == TITLE and api[0]["status"] == ("pending" if days_after == 0 else "in-force")

    page.goto(base + "lessons/yang-quan/")
    link = page.locator("a.pufa-cite").first
    link.hover()
    preview = page.locator(".pufa-preview")
    preview.wait_for(state="visible")
    if expected == "尚未生效":
        assert "尚未生效" in preview.inner_text() and "起施行" in preview.inner_text()
    else:
        assert "尚未生效" not in preview.inner_text() and "束犬链" in preview.inner_text()
