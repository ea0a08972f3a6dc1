"""Kiosk usage counts: counted in the kiosk's browser, shown and exported on the staff page."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

pytestmark = pytest.mark.browser

DAY = dt.datetime(2026, 11, 27, 10, 0)
VISITS = [
    ("?kiosk=1", "首页"),
    ("laws/min-fa-dian/min-fa-dian/", "民法典"),
    ("laws/xian-fa/xian-fa/", "法律法规"),
    ("guides/fa-lv-yuan-zhu-shen-qing/", "办事指南"),
    ("guides/ren-min-tiao-jie/", "办事指南"),
    ("lessons/xian-fa/", "普法课堂"),
    ("lessons/min-fa-dian-ji-cheng/", "普法课堂"),
    ("search/?q=%E7%A6%BB%E5%A9%9A", "搜索"),
    ("villages/qi-yun-nan-cun/", "民主法治示范村"),
    ("campaigns/xian-fa-xuan-chuan-zhou/", "宣传活动"),
]


def expected() -> dict[str, int]:
    out: dict[str, int] = {}
    for _, fn in VISITS:
        out[fn] = out.get(fn, 0) + 1
    return out


def test_counts_survive_reloads_and_restarts_and_export_as_csv(server, browser, new_page, tmp_path):
    page = new_page(1280, 800)
    page.clock.set_fixed_time(DAY)
    for url, _ in VISITS:
        page.goto(server + url)
        assert page.locator("h1").first.inner_text().strip()
    page.reload()                                   # a reload is not another visit
    # A restart of the kiosk browser: a new context with the same storage.
    state = page.context.storage_state()
    again = new_page(1280, 800, storage_state=state)
    again.clock.set_fixed_time(DAY)
    again.goto(server + "usage/")
    again.locator("#pufa-usage-pin").fill("1111")
    again.locator("[data-pufa-usage-login] button").click()
    assert "PIN 不对" in again.locator("[data-pufa-usage-error]").inner_text()
    assert not again.locator("[data-pufa-usage]").is_visible()
    again.locator("#pufa-usage-pin").fill("2468")
    again.keyboard.press("Enter")
    assert again.locator("[data-pufa-usage]").is_visible()
    assert "共记录 10 次打开" in again.locator("[data-pufa-usage-total]").inner_text()

    def table(selector: str) -> dict[str, dict[str, str]]:
        return again.evaluate("""sel => { const t = document.querySelector(sel);
            const heads = [...t.tHead.rows[0].cells].map(c => c.textContent);
            const out = {}; for (const r of t.tBodies[0].rows) { const cells = [...r.cells].map(c => c.textContent);
              out[cells[0]] = Object.fromEntries(heads.slice(1).map((h, i) => [h, cells[i + 1]])); } return out; }""",
                              selector)

    want = {fn: str(n) for fn, n in expected().items()}
    assert table("[data-pufa-usage-days]") == {"2026-11-27": dict(want, 合计="10")}
    assert table("[data-pufa-usage-months]") == {"2026-11": dict(want, 合计="10")}

    with again.expect_download() as info:
        again.locator("[data-pufa-usage-csv]").click()
    download = info.value
    assert download.suggested_filename == "一体机使用统计-2026-11-27.csv"
    path = tmp_path / "usage.csv"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "BOM for Excel and WPS"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["日期", "功能", "次数"]
    assert {(r[1], int(r[2])) for r in rows[1:]} == set(expected().items())
    assert all(r[0] == "2026-11-27" for r in rows[1:])


def test_not_counted_outside_kiosks_and_counted_after_a_screen_touch(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + "lessons/xian-fa/")
    page.goto(server + "guides/ren-min-tiao-jie/")
    assert page.evaluate("localStorage.getItem('pufa.usage')") is None, "ordinary readers are not counted"
    page.goto(server + "screens/da-ting/")
    page.wait_for_function("pufa.screen && pufa.screen.current()")
    page.mouse.click(600, 400)
    page.wait_for_url(lambda u: "/screens/" not in u)
    page.wait_for_function("localStorage.getItem('pufa.usage') !== null")
    counts = page.evaluate("JSON.parse(localStorage.getItem('pufa.usage'))")
    assert sum(sum(d.values()) for d in counts.values()) == 1


def test_usage_page_is_not_linked_or_indexed(sample_site):
    site = sample_site / "site"
    assert (site / "usage" / "index.html").is_file()
    assert "usage/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert not any("/usage/" in p.read_text(encoding="utf-8", errors="ignore")
                   for p in site.rglob("*.html") if p.parent.name != "usage")
    assert not any("usage/" in p.read_text(encoding="utf-8") for p in (site / "search" / "u").glob("*.js"))


def test_directory_counts_as_its_section_name_with_earlier_counts(server, new_page):
    """The directory counts as 机构名录 (the registry's name); counts a kiosk kept as 律师查询 join them."""
    page = new_page(1280, 800)
    page.clock.set_fixed_time(DAY)
    page.goto(server + "?kiosk=1")
    page.evaluate("""localStorage.setItem('pufa.usage', JSON.stringify({
        '2026-11-26': {'律师查询': 3, '办事指南': 1}, '2026-11-27': {'律师查询': 2}}))""")
    page.goto(server + "directory/yun-xi-qu-fa-lv-yuan-zhu-zhong-xin/")
    assert page.evaluate("pufa.functionOf(location.href)") == "机构名录"
    stored = page.evaluate("JSON.parse(localStorage.getItem('pufa.usage'))")
    assert stored == {"2026-11-26": {"机构名录": 3, "办事指南": 1}, "2026-11-27": {"机构名录": 3}}
    page.goto(server + "usage/")
    page.locator("#pufa-usage-pin").fill("2468")
    page.keyboard.press("Enter")
    heads = page.locator("[data-pufa-usage-months] th[scope=col]").all_inner_texts()
    assert heads == ["日期", "办事指南", "机构名录", "合计"]
    assert page.locator("[data-pufa-usage-months] tbody tr").first.inner_text().split() == ["2026-11", "1", "6", "7"]
