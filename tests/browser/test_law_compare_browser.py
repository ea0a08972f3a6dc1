"""新旧对照 in the browser: the redline, or one text only (行政复议法 2017 → 2023, sample site)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "laws/su-song-yu-fei-su-song-cheng-xu-fa/xing-zheng-fu-yi-fa/dui-zhao-2017-09-01/"
ART_1_OLD = "为了防止和纠正违法的或者不当的具体行政行为"
ART_1_NEW = "为了防止和纠正违法的或者不当的行政行为"


def test_the_reader_can_read_the_new_or_the_old_text_alone(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + PAGE)
    first = page.locator("#c-art-1 p").first
    text = lambda: first.inner_text().replace("\n", "")     # noqa: E731
    # The redline shows both: the struck 具体 and the new 监督和保障.
    assert "具体" in text() and "监督和保障" in text()
    page.get_by_role("button", name="只看新文本").tap()
    assert text().startswith(ART_1_NEW) and "具体" not in text()
    assert page.get_by_role("button", name="只看新文本").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="只看旧文本").tap()
    assert text().startswith(ART_1_OLD) and "监督和保障" not in text()
    page.get_by_role("button", name="修改对照").tap()
    assert "具体" in text() and "监督和保障" in text()
    # The renumbered article's line links to it in the new text.
    page.locator("#c-art-89 a").click()
    assert page.url.endswith("/xing-zheng-fu-yi-fa/#art-89")


def test_without_scripts_the_redline_shows_and_no_dead_buttons(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    page.goto(server + PAGE)
    assert page.locator("[data-pufa-compare-views]").is_hidden()
    assert "监督和保障" in page.locator("#c-art-1").inner_text()
    context.close()
