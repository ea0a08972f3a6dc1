"""A law category filters offline by 状态, 公布年份 and words of the title, as the
other listings do (sample site: 行政法, where 治安管理处罚法 2012 is 已被修改)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "laws/xing-zheng-fa/"


def titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".pufa-law-list li:visible > a").all_inner_texts()]


def test_a_category_filters_by_status_year_and_words(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + PAGE)
    bar = page.locator("[data-pufa-filters]")
    assert bar.is_visible()
    everything = titles(page)
    assert len(everything) == 6 and bar.locator(".pufa-filters__count").inner_text() == "共 6 件"
    options = bar.locator("select[name=status] option").all_inner_texts()
    assert options == ["全部", "现行有效（5）", "已被修改（1）"]
    bar.locator("select[name=status]").select_option(label="已被修改（1）")
    assert titles(page) == ["中华人民共和国治安管理处罚法"]
    bar.locator("select[name=status]").select_option("")
    bar.locator("select[name=year]").select_option("2012")
    assert titles(page) == ["中华人民共和国治安管理处罚法"]
    bar.locator("select[name=year]").select_option("")
    bar.locator("input[name=q]").fill("治 安")                 # spaces typed between words do not matter
    assert titles(page) == ["中华人民共和国治安管理处罚法"]
    bar.locator("input[name=q]").fill("没有这样的法律")
    assert titles(page) == [] and page.locator("[data-pufa-empty]").is_visible()
    assert bar.locator(".pufa-filters__count").inner_text() == "共 0 件"
    bar.locator("input[name=q]").fill("")
    assert titles(page) == everything


def test_without_scripts_every_law_is_listed(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    page.goto(server + PAGE)
    assert page.locator("[data-pufa-filters]").is_hidden() and len(titles(page)) == 6
    context.close()
