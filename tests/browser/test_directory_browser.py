"""机构名录 in Chromium on the sample site: phone-sized listing filters, guides
linking their offices, search finding lawyers; nothing leaves 127.0.0.1."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_listing_filters_by_kind_and_town_on_a_phone(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + "directory/")
    cards = page.locator(".pufa-card")
    total = cards.count()
    assert total >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("select[name=kind]", "司法所")
    visible = page.locator(".pufa-card:visible")
    assert visible.count() == 5
    for i in range(visible.count()):
        assert visible.nth(i).get_attribute("data-kind") == "司法所"
    page.select_option("select[name=town]", "白鹭镇")
    assert page.locator(".pufa-card:visible .pufa-card__title").all_inner_texts() == ["白鹭镇司法所"]
    assert page.locator(".pufa-filters__count").inner_text() == "共 1 个"
    page.select_option("select[name=kind]", "")
    towns = [page.locator(".pufa-card:visible").nth(i).get_attribute("data-town")
             for i in range(page.locator(".pufa-card:visible").count())]
    assert len(towns) > 1 and set(towns) == {"白鹭镇"}
    page.select_option("select[name=town]", "")
    assert page.locator(".pufa-card:visible").count() == total
    # The filter controls fit a thumb and the phone's width.
    box = page.locator("select[name=town]").bounding_box()
    assert box["height"] >= 40 and box["x"] + box["width"] <= 390


def test_legal_aid_guide_links_the_legal_aid_centre(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + "guides/fa-lv-yuan-zhu-shen-qing/")
    box = page.locator(".pufa-orgs-box")
    assert box.locator("h2").inner_text().startswith("办理机构")
    link = box.get_by_role("link", name="云溪区法律援助中心")
    assert link.count() == 1
    assert box.locator("a[href^='tel:000066881235']").count() == 1
    link.click()
    page.wait_for_url("**/directory/yun-xi-qu-fa-lv-yuan-zhu-zhong-xin/")
    assert page.locator("h1").inner_text() == "云溪区法律援助中心"
    # The entry leads back to the guides that name it.
    assert page.get_by_role("link", name="法律援助申请").count() >= 1


def test_entry_page_on_a_phone_big_call_button_firm_and_no_map(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + "directory/lin-xiao-wen/")
    call = page.locator(".pufa-call__button").first
    assert call.get_attribute("href") == "tel:000066883001"
    box = call.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="云溪区明理律师事务所").click()
    page.wait_for_url("**/directory/yun-xi-qu-ming-li-lv-shi-shi-wu-suo/")
    assert page.locator("#ben-suo-lv-shi").count() == 1
    assert page.get_by_role("link", name="林晓雯").count() == 1
    content = page.locator(".md-content").inner_text()
    assert "地图" not in content
    hosts = page.evaluate("""Array.from(document.querySelectorAll('.md-content a[href^="http"]'))
        .map(a => new URL(a.href).hostname).filter(h => h !== '127.0.0.1')""")
    assert hosts == []


def test_searching_lawyer_finds_directory_entries(server, new_page):
    page = new_page(1280, 800)
    page.goto(server)
    results = page.evaluate("([q, n]) => window.pufa.search(q, {limit: n})", ["律师", 10])
    urls = [r["url"] for r in results]
    entries = [u for u in urls if "directory/" in u]
    assert entries, urls
    assert any("directory/" in u for u in urls[:5]), urls


def test_asking_for_a_phone_or_an_address_finds_the_office_first(server, new_page):
    """Kiosk visitors type 法律援助中心电话 or 公证处在哪: the office's entry, not the law, comes first."""
    page = new_page(390, 844)
    page.goto(server)

    def first(q):
        return page.evaluate("q => window.pufa.search(q, {limit: 5})", q)[0]

    for q, title in (("法律援助中心电话", "云溪区法律援助中心"), ("法律援助中心的电话？", "云溪区法律援助中心"),
                     ("公证处在哪", "云溪区公证处"), ("桃源街道司法所在哪里", "桃源街道司法所")):
        hit = first(q)
        assert hit["kind"] == "directory" and hit["doc"] == title, (q, hit["doc"])
    assert first("找律师")["kind"] == "directory"
    # 电话 as the subject, not a request for one: 诈骗电话 still finds the fraud lesson and law.
    assert first("诈骗电话")["kind"] != "directory"
    assert first("法律援助")["doc"] == "法律援助申请"


def test_a_lawyer_for_a_kind_of_case_finds_lawyers_who_take_it(server, new_page):
    """律师查询 by area: 劳动争议律师 lists the directory, with the lawyer whose areas include it."""
    page = new_page(390, 844)
    page.goto(server)
    for q, lawyer in (("劳动争议律师", "陈思远"), ("婚姻家庭律师", "林晓雯")):
        results = page.evaluate("q => window.pufa.search(q, {limit: 10})", q)
        top = []
        for r in results:
            if r["doc"] not in [d for d, _ in top]:
                top.append((r["doc"], r["kind"]))
        assert all(kind == "directory" for _, kind in top[:3]), (q, top)
        assert lawyer in [d for d, _ in top[:3]], (q, top)
