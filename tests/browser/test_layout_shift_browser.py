"""Nothing on a page moves once it has been painted (issue 18): the campaign
banner, the reading toolbar, listing filters and search results take a room
kept for them from the first paint.  A reader on a slow phone taps what is
under the finger, not what jumped there."""
from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

pytestmark = pytest.mark.browser

SHIFTS = """window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (e.hadRecentInput) return;
    window.__shifts.push(e.value.toFixed(4) + ' ' + e.sources.map(function (s) {
      var n = s.node; return n && n.nodeType === 1 ? n.tagName + '.' + n.className : '?';
    }).join(', '));
  });
}).observe({type: 'layout-shift', buffered: true});"""


def shifts(new_page, url, *, care=False, when=None):
    page = new_page(412, 823, is_mobile=True, has_touch=True, device_scale_factor=2)
    if when is not None:
        page.clock.install(time=when)
    page.add_init_script(SHIFTS)
    if care:
        page.add_init_script("localStorage.setItem('pufa.care', '1')")
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    return page, page.evaluate("window.__shifts")


@pytest.mark.parametrize("care", [False, True])
def test_the_campaign_of_the_week_and_the_toolbar_do_not_push_the_home_page(server, new_page, care):
    # During 国家宪法日 week (the sample's yearly campaign, 12-01 to 12-07).
    page, moved = shifts(new_page, server, care=care, when=dt.datetime(2026, 12, 4, 10, 0))
    assert page.locator(".pufa-campaign:visible").count() == 1
    assert page.locator(".pufa-tools button[data-pufa-care]").is_visible()
    assert moved == []


def test_listings_with_filters_and_a_law_page_do_not_move(server, new_page):
    for path in ("lessons/", "laws/", "laws/min-fa-shang-fa/xiao-fei-zhe-quan-yi-bao-hu-fa/", "guides/"):
        page, moved = shifts(new_page, server + path)
        assert moved == [], path
    assert page.locator(".pufa-filters").first.is_visible() or path == "guides/"


def test_search_results_arrive_without_moving_the_page(server, new_page):
    page, moved = shifts(new_page, server + "search/?q=" + urllib.parse.quote("离婚后孩子归谁"))
    assert page.locator(".pufa-result").count() > 0
    assert moved == []


def test_a_campaign_page_says_its_state_without_moving(server, new_page):
    page, moved = shifts(new_page, server + "campaigns/xian-fa-xuan-chuan-zhou/", when=dt.datetime(2026, 12, 4, 10, 0))
    assert page.locator(".pufa-campaign-state").inner_text() == "活动正在进行中"
    assert moved == []
