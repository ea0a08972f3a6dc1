"""The built sample site in Chromium: every page, phones and desktops, offline hosts.

Every page is opened with all requests outside 127.0.0.1 blocked; a blocked
request or a console error fails the test (see conftest.new_page).
"""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SCREENSHOTS = {
    "home": "",
    "lesson": "lessons/fan-jia-ting-bao-li-fa/",
    "guide": "guides/fa-lv-yuan-zhu-shen-qing/",
    "village": "villages/qi-yun-nan-cun/",
    "timeline": "party-history/timeline/",
    "lessons": "lessons/",
}


def all_pages(sample_site) -> list[str]:
    site = sample_site / "site"
    urls = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return urls


def test_every_page_loads_clean_on_a_phone(sample_site, server, new_page):
    urls = all_pages(sample_site)
    assert len(urls) >= 30
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    for url in urls:
        response = page.goto(server + url)
        assert response.status == 200, url
        assert page.locator("h1").first.inner_text().strip(), url
        # Nothing wider than the phone: no sideways scrolling.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} 在 390 px 宽的手机上横向溢出（{width} px）"


def test_every_page_loads_clean_on_a_desktop(sample_site, server, new_page):
    page = new_page(1280, 800)
    for url in all_pages(sample_site):
        assert page.goto(server + url).status == 200, url


@pytest.mark.parametrize("size", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_screenshots(server, new_page, size):
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page = new_page(*size)
    for name, url in SCREENSHOTS.items():
        page.goto(server + url)
        # Chinese must render with a real CJK font, not boxes.
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '普法')")
        page.screenshot(path=str(out / f"{name}-{size[0]}x{size[1]}.png"), full_page=True)
        assert (out / f"{name}-{size[0]}x{size[1]}.png").stat().st_size > 10_000


def test_listing_filter_narrows_cards(server, new_page):
    page = new_page(390, 844)
    page.goto(server + "lessons/")
    total = page.locator(".pufa-card").count()
    assert total >= 8
    page.select_option("select[name=audience]", "老年人")
    visible = page.locator(".pufa-card:visible")
    assert 0 < visible.count() < total
    for i in range(visible.count()):
        assert "老年人" in visible.nth(i).get_attribute("data-audience").split("|")
    assert page.locator(".pufa-filters__count").inner_text() == f"共 {visible.count()} 篇"
    page.select_option("select[name=audience]", "")
    assert page.locator(".pufa-card:visible").count() == total


def campaign_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("[data-pufa-campaign]:visible .pufa-campaign__title").all_inner_texts()]


@pytest.mark.parametrize("day, expected", [
    ("2026-12-03T09:00:00", ["宪法宣传周"]),
    ("2026-12-04T23:30:00", ["宪法宣传周"]),
    ("2026-06-15T09:00:00", []),
    ("2026-11-30T23:59:00", []),
    ("2027-05-10T09:00:00", ["民法典宣传月"]),   # yearly: next May too
    ("2030-12-07T09:00:00", ["宪法宣传周"]),
])
def test_home_shows_campaign_only_on_its_dates(server, new_page, day, expected):
    page = new_page(390, 844)
    page.clock.set_fixed_time(dt.datetime.fromisoformat(day))
    page.goto(server)
    titles = campaign_titles(page)
    assert [e for e in expected if any(e in t for t in titles)] == expected
    assert len(titles) == len(expected)


@pytest.mark.parametrize("day, expected", [
    ("2026-11-27T09:00:00", [("宪法宣传周", "还有 4 天")]),
    ("2026-11-30T09:00:00", [("宪法宣传周", "明天开始")]),
    ("2026-12-03T09:00:00", []),                           # on now: the banner, not the preview
    ("2026-06-15T09:00:00", []),                           # nothing within 60 days
    ("2027-04-10T09:00:00", [("民法典宣传月", "还有 21 天")]),
    ("2026-10-20T09:00:00", [("宪法宣传周", "还有 42 天")]),
])
def test_home_lists_upcoming_campaigns(server, new_page, day, expected):
    page = new_page(390, 844)
    page.clock.set_fixed_time(dt.datetime.fromisoformat(day))
    page.goto(server)
    items = page.locator("[data-pufa-campaign-upcoming]:visible")
    got = [(items.nth(i).locator("a").inner_text(), items.nth(i).locator("[data-pufa-days]").inner_text())
           for i in range(items.count())]
    assert got == expected
    assert page.locator("#home-upcoming").is_visible() is bool(expected)


def test_campaign_landing_page_stays_reachable(server, new_page):
    page = new_page(1280, 800)
    page.clock.set_fixed_time(dt.datetime(2026, 6, 15, 9))
    page.goto(server + "campaigns/xian-fa-xuan-chuan-zhou/")
    assert "宪法宣传周" in page.locator("h1").inner_text()
    assert page.locator("[data-pufa-campaign-state]").inner_text() == "活动即将开始"
    assert page.locator(".pufa-cards .pufa-card").count() >= 2


def test_guide_checklist_is_remembered(server, new_page):
    page = new_page(390, 844)
    page.goto(server + "guides/fa-lv-yuan-zhu-shen-qing/")
    boxes = page.locator(".pufa-checklist input[type=checkbox]")
    assert boxes.count() >= 3
    boxes.nth(0).check()
    page.reload()
    assert page.locator(".pufa-checklist input[type=checkbox]").nth(0).is_checked()
    assert not page.locator(".pufa-checklist input[type=checkbox]").nth(1).is_checked()


def test_hotline_is_a_tap_to_call_link(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server)
    link = page.locator("a.pufa-hotline")
    assert link.get_attribute("href") == "tel:12348"
    box = link.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300


def test_phone_menu_opens(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server)
    page.click("header label[for=__drawer]")
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_text("办事指南", exact=True).first.click()
    page.wait_for_url("**/guides/")
    assert page.locator("h1").inner_text() == "办事指南"


LESSON = "lessons/min-fa-dian-hun-yin-jia-ting/"


def cite_1077(page):
    link = page.locator("a.pufa-cite", has_text="第一千零七十七条").first
    link.scroll_into_view_if_needed()
    return link


def test_citation_links_to_the_article_and_previews_on_hover(server, new_page):
    page = new_page(1280, 800)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + LESSON)
    link = cite_1077(page)
    assert link.get_attribute("href").endswith("laws/min-fa-dian/min-fa-dian/#art-1077")
    before = len(requests)
    link.hover()
    preview = page.locator(".pufa-preview")
    preview.wait_for(state="visible")
    assert "第一千零七十七条" in preview.inner_text()
    assert "撤回离婚登记申请" in preview.inner_text()   # the article's own text
    assert len(requests) == before                      # no request for a preview
    link.click()
    page.wait_for_url("**/min-fa-dian/#art-1077")
    assert page.locator("#art-1077").is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "art-1077"


def test_citation_preview_on_tap_then_follow(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + LESSON)
    link = cite_1077(page)
    link.tap()
    preview = page.locator(".pufa-preview")
    preview.wait_for(state="visible")
    assert "撤回离婚登记申请" in preview.inner_text()
    assert page.url.endswith(LESSON)
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    link.tap()
    link.tap()   # a second tap follows the link
    page.wait_for_url("**/#art-1077")


def test_citation_preview_by_keyboard(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + LESSON)
    cite_1077(page).focus()
    assert page.locator(".pufa-preview").is_visible()
    assert page.locator("a.pufa-cite[aria-describedby=pufa-preview]").count() == 1
