"""Offline reading in Chromium: the service worker, offline pages and search, updates."""
from __future__ import annotations

import re

import pytest

from conftest import copy_sample, pufa, serve

pytestmark = pytest.mark.browser

PAGES = [
    "", "lessons/", "guides/", "villages/", "party-history/", "party-history/timeline/", "campaigns/",
    "lessons/xian-fa/", "lessons/fan-jia-ting-bao-li-fa/", "lessons/min-fa-dian-ji-cheng/",
    "lessons/xing-zheng-fu-yi-fa/", "guides/fa-lv-yuan-zhu-shen-qing/", "guides/ren-min-tiao-jie/",
    "guides/gong-zheng-ban-li/", "villages/qi-yun-nan-cun/", "villages/qi-yun-bei-cun/",
    "party-history/zhong-gong-yi-da/", "party-history/wu-si-xian-fa/", "campaigns/xian-fa-xuan-chuan-zhou/",
    "search/",
]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("offline"))
    pufa("build", "--site", str(root), check=True)
    with serve(root / "site") as base:
        yield root, base


def wait_for_control(page):
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                           timeout=30000)


def test_offline_pages_and_search_then_update(live, new_page):
    root, base = live
    page = new_page(390, 844)
    page.goto(base)
    wait_for_control(page)
    assert len(PAGES) == 20
    page.context.set_offline(True)
    for url in PAGES:
        page.goto(base + url)
        assert page.locator("h1").first.inner_text().strip(), url
    for q in ("法律援助", "醉驾", "离婚冷静期", "民法典", "宪法宣传周"):
        assert page.evaluate("q => pufa.search(q, {limit: 5})", q), q
    # A page that was never saved: the offline page, in Chinese.
    page.goto(base + "laws/xing-fa/xing-fa/")
    assert "离线阅读" in page.locator("h1").inner_text()
    page.context.set_offline(False)

    # A new build with one lesson changed: the reader is told, and chooses to reload.
    lesson = root / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\n第二版新增的一段话。\n", encoding="utf-8")
    pufa("build", "--site", str(root), check=True)
    page.goto(base + "lessons/xian-fa/")
    assert "第二版新增的一段话" not in page.content()          # not switched mid-read
    notice = page.locator(".pufa-update")
    notice.wait_for(timeout=30000)
    assert "内容已更新" in notice.inner_text()
    with page.expect_navigation():
        notice.locator("button").click()
    page.wait_for_function("document.body.innerText.indexOf('第二版新增的一段话') >= 0", timeout=30000)
    keys = page.evaluate("caches.keys()")
    assert len(keys) == 1 and keys[0].startswith("pufa-")


def test_manifest_and_icons(live):
    import json
    import urllib.request
    root, base = live
    data = json.loads(urllib.request.urlopen(base + "manifest.webmanifest").read().decode("utf-8"))
    assert data["name"] == "云溪区普法网（示例）" and data["lang"] == "zh-CN"
    for icon in data["icons"]:
        assert urllib.request.urlopen(base + icon["src"]).status == 200


def test_save_a_section_for_offline_reading(live, new_page):
    root, base = live
    page = new_page(1280, 800)
    page.goto(base + "offline/")
    wait_for_control(page)
    button = page.locator("[data-pufa-offline-sections] button", has_text="法律法规库")
    assert "MB" in button.inner_text() or "KB" in button.inner_text()
    button.click()
    page.locator(".pufa-offline-progress", has_text="没有网络也能看了").wait_for(timeout=60000)
    page.context.set_offline(True)
    page.goto(base + "laws/xing-fa/xing-fa/")
    assert page.locator("h1").inner_text() == "中华人民共和国刑法"
    assert page.locator("#art-133-1").count() == 1
    page.context.set_offline(False)


def test_questions_directory_register_and_forms_work_offline(live, new_page):
    """A kiosk with no network: the 法律咨询, 机构名录 and 规范性文件 pages open, and a guide's form downloads."""
    root, base = live
    page = new_page(390, 844)
    page.goto(base + "guides/ren-min-tiao-jie/")
    wait_for_control(page)
    page.context.set_offline(True)
    try:
        for url, heading in (("qa/", "法律咨询"), ("qa/li-hun-hou-hai-zi-gui-shui/", "离婚后孩子归谁？"),
                             ("directory/", "机构名录"), ("directory/yun-xi-qu-fa-lv-yuan-zhu-zhong-xin/", "云溪区法律援助中心"),
                             ("documents/", "规范性文件")):
            page.goto(base + url)
            assert page.locator("h1").first.inner_text().strip() == heading, url
        page.goto(base + "guides/ren-min-tiao-jie/")
        link = page.locator(".pufa-forms a").first
        with page.expect_download() as info:
            link.click()
        saved = info.value.path()
        data = open(saved, "rb").read()
        assert info.value.failure() is None and len(data) > 1000
        assert data[:4] in (b"%PDF", b"PK\x03\x04")       # a real PDF or Office file, not the offline page
        assert page.evaluate("q => pufa.search(q, {limit: 3})", "离婚后孩子归谁")[0]["kind"] == "qa"
    finally:
        page.context.set_offline(False)


def test_every_section_is_offered_by_its_chinese_name(live, new_page):
    """Each section is offered by its name (保存「机构名录」), never its folder (保存「directory」):
    here every section this site's pages fall in, as if none had room in the precache."""
    import json

    from conftest import ARTIFACTS
    from pufa import pwa

    root, base = live
    site = root / "site"
    by_section: dict[str, list[str]] = {}
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        if not rel.startswith(("posters/", "assets/")):      # as the offline plugin groups pages
            by_section.setdefault(rel.split("/", 1)[0] if "/" in rel else "home", []).append(rel)
    by_section["search"] = [p.relative_to(site).as_posix() for p in sorted((site / "search").rglob("*.js"))]
    sections = [{"id": sid, "urls": urls, "bytes": sum((site / u).stat().st_size for u in urls)}
                for sid, urls in sorted(by_section.items())]
    ids = [s["id"] for s in sections]
    assert {"directory", "qa", "documents", "quiz", "lessons", "laws", "search", "usage"} <= set(ids), ids
    body = "window.pufaOffline=" + json.dumps({"version": "test", "precacheBytes": 0, "sections": sections},
                                              ensure_ascii=False) + ";"
    page = new_page(390, 844)
    page.route("**/offline/sections.js", lambda route: route.fulfill(
        body=body, content_type="application/javascript; charset=utf-8"))
    page.goto(base + "offline/")
    buttons = page.locator("[data-pufa-offline-sections] button")
    assert buttons.count() == len(ids)
    names = pwa.section_names()
    texts = buttons.all_inner_texts()
    for sid, text in zip(ids, texts):
        assert text.startswith("保存「" + names[sid] + "」（"), text
    assert not any(re.search("「[A-Za-z0-9_-]+」", t) for t in texts), texts
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "offline-sections-390.png"), full_page=True)


@pytest.fixture(scope="module")
def lean(tmp_path_factory):
    """The sample site with a 1 MB precache: its search shards are not saved on install."""
    root = copy_sample(tmp_path_factory.mktemp("lean"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - pufa-offline" in text
    config.write_text(text.replace("  - pufa-offline", "  - pufa-offline:\n      precache_mb: 1", 1), encoding="utf-8")
    pufa("build", "--site", str(root), check=True)
    with serve(root / "site") as base:
        yield root, base


def test_search_pieces_met_online_are_kept_for_offline_search(lean, new_page):
    """Index pieces come past the worker (static routing), yet what a reader searched
    online still searches offline: the page hands them to the worker afterwards."""
    root, base = lean
    precache = (root / "site" / "sw.js").read_text(encoding="utf-8")
    assert "search/t/" not in precache.split("var PRECACHE = ", 1)[1].split(";", 1)[0]
    page = new_page(390, 844)
    page.goto(base + "search/")
    wait_for_control(page)
    online = page.evaluate("q => pufa.search(q, {limit: 5})", "离婚冷静期")
    assert online and online[0]["snippet"]
    kept = """async () => { const c = await caches.open((await caches.keys())[0]);
        return (await c.keys()).filter(r => /search\\/t\\//.test(r.url)).length; }"""
    for _ in range(60):          # handed over 3 s after the last query
        if page.evaluate(kept):
            break
        page.wait_for_timeout(500)
    assert page.evaluate(kept) > 0
    page.context.set_offline(True)
    try:
        page.reload()
        offline = page.evaluate("q => pufa.search(q, {limit: 5})", "离婚冷静期")
        assert [r["url"] for r in offline] == [r["url"] for r in online]
        assert offline[0]["snippet"] == online[0]["snippet"]
    finally:
        page.context.set_offline(False)
