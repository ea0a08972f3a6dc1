"""「复制到公众号」: in pufa serve each article has the button and it copies the 公众号
article as rich text; the public site and the offline bundle have neither the
button nor the articles."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import copy_sample, eventually, fetch, free_port, previewing, pufa

pytestmark = pytest.mark.browser
CLIPBOARD = ["clipboard-read", "clipboard-write"]
READ_HTML = """() => navigator.clipboard.read().then(function (items) {
    return items[0].getType("text/html").then(function (blob) { return blob.text(); });
})"""


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    site = copy_sample(tmp_path_factory.mktemp("wechat-preview") / "s")
    with previewing(site, free_port(), "serve.log") as base:
        assert eventually(lambda: "</html>" in fetch(base + "lessons/xian-fa/"), 300), \
            (site.parent / "serve.log").read_text(encoding="utf-8")
        yield site, base


def _copied(page) -> str:
    page.wait_for_function("document.querySelector('.pufa-preview-wechat [role=status]').textContent"
                           ".indexOf('已复制') >= 0", timeout=10_000)
    return page.evaluate(READ_HTML)


def test_the_preview_button_copies_the_article_as_rich_text(serving, new_page):
    site, base = serving
    page = new_page(1280, 900, permissions=CLIPBOARD)
    page.goto(base + "lessons/xian-fa/")
    button = page.get_by_role("button", name="复制到公众号")
    assert button.is_visible()
    button.click()
    html = _copied(page)
    assert "宪法是国家的根本法" in html and "法条原文" in html and "阅读原文" in html
    assert "style=" in html and "class=" not in html and "<script" not in html
    assert "data:image/png;base64," in html           # the QR code travels inside the clipboard HTML
    status = page.locator(".pufa-preview-wechat [role=status]").text_content()
    assert "粘贴" in status and "二维码" in status

    # Without ClipboardItem (older browsers): the article is selected and copied.
    page.evaluate("() => { navigator.clipboard.writeText('x'); window.ClipboardItem = undefined; }")
    page.locator(".pufa-preview-wechat [role=status]").evaluate("e => e.textContent = ''")
    button.click()
    html = _copied(page)
    assert "宪法是国家的根本法" in html and "法条原文" in html and "position:" not in html.replace(" ", "")


def test_the_preview_writes_the_article_beside_each_content_page(serving):
    site, base = serving
    text = fetch(base + "guides/fa-lv-yuan-zhu-shen-qing/wechat.html")
    assert "法律援助申请" in text and "申请材料" in text
    assert "复制到公众号" not in fetch(base + "lessons/")                     # listings have no article
    assert "复制到公众号" not in fetch(base + "laws/xian-fa/xian-fa/")        # nor law pages


def test_the_public_site_has_no_button_and_no_articles(sample_site, server, new_page):
    built = sample_site / "site"
    assert not list(built.rglob("wechat.html")) and not (built / "assets" / "pufa" / "preview-wechat.js").exists()
    assert "复制到公众号" not in (built / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    page = new_page(390, 844)
    page.goto(server + "lessons/xian-fa/")
    assert page.get_by_role("button", name="复制到公众号").count() == 0
    assert page.locator("[data-pufa-wechat]").count() == 0


def test_the_bundle_has_no_articles(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    (site / "content" / "lessons" / "a.md").write_text(
        "---\ntitle: 一课\ndate: 2026-03-01\nsummary: 摘要\naudience: [社会公众]\n"
        "laws: [《中华人民共和国民法典》第一千零七十七条]\n---\n正文\n", encoding="utf-8")
    proc = pufa("bundle", "--site", str(site), "--out", str(tmp_path / "b.zip"))
    assert proc.returncode == 0, proc.stderr
    names = zipfile.ZipFile(tmp_path / "b.zip").namelist()
    assert any(n.endswith("lessons/a.html") or n.endswith("lessons/a/index.html") for n in names)
    assert not [n for n in names if "wechat" in n]
