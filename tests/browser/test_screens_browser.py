"""The display page in Chromium, with Playwright's clock: playing, touching, idling,
campaign dates, a long run, offline, file://, a content update, QR codes."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from conftest import ARTIFACTS, copy_sample, pufa, serve

pytestmark = pytest.mark.browser

SCREEN = "screens/da-ting/"
SHOTS = ARTIFACTS / "screenshots"
THURSDAY = dt.datetime(2026, 12, 3, 10, 0)       # in 宪法宣传周, a working day, in office hours
JUNE = dt.datetime(2026, 6, 15, 10, 0)           # a Monday, no campaign


def open_screen(new_page, base, when, width=1920, height=1080, path=SCREEN):
    page = new_page(width, height)
    page.clock.install(time=when)
    page.goto(base + path)
    page.wait_for_function("window.pufa && pufa.screen && pufa.screen.current()")
    now = page.evaluate("Date.now()") / 1000
    page.clock.pause_at(now + 1)          # from here on, time moves only when told
    return page


def current(page) -> dict:
    return page.evaluate("""() => { const el = pufa.screen.current();
        const h = el.querySelector('h2');
        return {id: el.id, title: h ? h.textContent : '', duration: +el.dataset.duration,
                group: el.dataset.group, href: el.dataset.href, visible: !el.hidden}; }""")


def playing_titles(page) -> list[str]:
    return page.evaluate("pufa.screen.playing().map(e => (e.querySelector('h2') || {}).textContent)")


def test_playlist_advances_after_each_items_duration(server, new_page):
    page = open_screen(new_page, server, JUNE)
    seen, counts = [], []
    for _ in range(6):
        now = current(page)
        seen.append(now["id"])
        counts.append(page.locator("[data-pufa-count]").inner_text())
        assert now["visible"] and page.locator(".pufa-slide:not([hidden])").count() == 1
        left = now["duration"] * 1000 - page.evaluate("pufa.screen.elapsed()")
        page.clock.run_for(int(left) - 300)
        assert current(page)["id"] == now["id"], "advanced before its time"
        width = page.evaluate("parseFloat(document.querySelector('[data-pufa-progress] div').style.width)")
        assert width >= 90, "the progress bar shows how far the slide is"
        assert page.locator("[data-pufa-progress]").get_attribute("aria-valuenow") == str(round(width))
        page.clock.run_for(600)
        assert current(page)["id"] != now["id"], "did not advance after its duration"
    # 15 s, 25 s, then 20 s (the playlist's default): as da-ting.yml says.
    assert seen[:5] == ["s1", "s2", "s3", "s4", "s5"]
    assert seen[5] == "s1", "a round of June's five items, then from the start"
    assert counts == ["1 / 5", "2 / 5", "3 / 5", "4 / 5", "5 / 5", "1 / 5"]


def test_a_touch_browses_and_idle_returns_to_the_playlist(server, new_page):
    page = open_screen(new_page, server, JUNE)
    page.clock.run_for(15000)                       # on the second item: 法律援助申请
    assert current(page)["title"] == "法律援助申请"
    page.evaluate("sessionStorage.setItem('reader-state', 'x')")
    page.mouse.click(600, 500)
    page.wait_for_url(lambda u: "/screens/" not in u)
    assert page.url == server + "guides/fa-lv-yuan-zhu-shen-qing/"
    assert page.locator("h1").first.inner_text() == "法律援助申请"
    kiosk = page.locator("[data-pufa-kiosk]")
    assert kiosk.locator("button").inner_text() == "返回展示"
    # Browsing: a touch keeps it; the idle time (60 s in da-ting.yml) counts from the last one.
    page.clock.run_for(40000)
    page.locator("h1").first.click()               # a touch on the text, not a link
    page.clock.run_for(47000)
    assert "/screens/" not in page.url
    assert "秒后回到展示" in kiosk.inner_text()
    page.clock.run_for(14000)
    page.wait_for_url("**/" + SCREEN)
    page.wait_for_function("pufa.screen && pufa.screen.current()")
    assert current(page)["id"] == "s1", "back at the start of the playlist"
    assert page.evaluate("sessionStorage.length") == 0, "the page state is reset"


def test_kiosk_browsing_does_not_leave_the_site(server, new_page):
    page = open_screen(new_page, server, JUNE)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: "/screens/" not in u)
    page.wait_for_selector("[data-pufa-kiosk]")
    outside = page.locator(".pufa-footer a[href^='https://beian']")
    if outside.count():
        outside.first.click()
        assert page.url.startswith(server)
        assert "不能打开其他网站" in page.locator("[data-pufa-kiosk]").inner_text()
    page.locator("[data-pufa-kiosk] button").click()
    page.wait_for_url("**/" + SCREEN)


@pytest.mark.parametrize("when, on", [(THURSDAY, True), (JUNE, False)])
def test_campaign_on_the_screen_only_on_its_dates(server, new_page, when, on):
    page = open_screen(new_page, server, when)
    titles = playing_titles(page)
    assert ("宪法宣传周" in titles) is on
    groups = page.evaluate("pufa.screen.playing().map(e => e.dataset.group)")
    assert ("campaign" in groups) is on
    # Its featured lessons come with it.
    assert any("宪法是国家的根本法" in t for t in titles) is on
    home = new_page(1280, 800)
    home.clock.install(time=when)
    home.goto(server)
    shown = home.locator("[data-pufa-campaign]:visible .pufa-campaign__title").all_inner_texts()
    assert ("宪法宣传周" in [t.strip() for t in shown]) is on


def test_dated_hourly_and_weekday_items(server, new_page):
    # 12月4日 (Friday): the 国家宪法日 slide; Saturday: no duty-lawyer slide; evening: none either.
    friday = open_screen(new_page, server, dt.datetime(2026, 12, 4, 9, 30))
    assert "12月4日 国家宪法日" in playing_titles(friday)
    assert "值班律师在一楼窗口" in playing_titles(friday)
    saturday = open_screen(new_page, server, dt.datetime(2026, 12, 5, 10, 0))
    assert "12月4日 国家宪法日" not in playing_titles(saturday)
    assert "值班律师在一楼窗口" not in playing_titles(saturday)
    evening = open_screen(new_page, server, dt.datetime(2026, 12, 3, 18, 0))
    assert "值班律师在一楼窗口" not in playing_titles(evening)


def test_large_type_qr_codes_and_no_links(server, new_page):
    import zxingcpp
    from PIL import Image

    from pufa.qr import public_url

    page = open_screen(new_page, server, THURSDAY)
    assert page.locator("a").count() == 0, "a display page has no links to follow"
    ids = page.evaluate("[...document.querySelectorAll('.pufa-slide')].map(e => e.id)")
    assert len(ids) >= 10
    for sid in ids:
        page.evaluate("""id => { document.querySelectorAll('.pufa-slide').forEach(e => e.hidden = e.id !== id); }""", sid)
        slide = page.locator(f"#{sid}")
        sizes = page.evaluate("""id => [...document.querySelectorAll('#' + id + ' .pufa-slide__summary, #' + id +
            ' .pufa-slide__points li, #' + id + ' .pufa-slide__facts, #' + id + ' .pufa-slide__body p')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))""", sid)
        assert sizes and min(sizes) >= 32, (sid, sizes)
        href = slide.get_attribute("data-href")
        target = (server + SCREEN + href) if not href.startswith("http") else href
        path = page.evaluate("u => new URL(u, location.href).pathname", target)
        expected = public_url("https://pufa.example.gov.cn/", path.lstrip("/") + "index.html")
        png = slide.locator(".pufa-slide__qr svg").screenshot()
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
        assert decoded == [expected], sid
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.querySelectorAll('.pufa-slide').forEach(e => e.hidden = e !== pufa.screen.current())")
    page.screenshot(path=str(SHOTS / "screen-1920.png"), animations="disabled")
    for w, h in ((1080, 1920), (390, 844)):
        small = open_screen(new_page, server, THURSDAY, w, h)
        small.clock.run_for(16000)
        small.screenshot(path=str(SHOTS / f"screen-{w}.png"), animations="disabled")
        box = small.locator(".pufa-slide:not([hidden]) .pufa-slide__title").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= w


def test_two_thousand_transitions_do_not_grow_the_heap(server, new_page):
    page = open_screen(new_page, server, THURSDAY)
    cdp = page.context.new_cdp_session(page)

    def heap() -> int:
        cdp.send("HeapProfiler.collectGarbage")
        cdp.send("HeapProfiler.collectGarbage")
        return cdp.send("Runtime.getHeapUsage")["usedSize"]

    def run_to(n: int):
        while page.evaluate("pufa.screen.transitions") < n:
            page.clock.fast_forward(25_001)    # longer than any item: one transition each

    run_to(100)
    after_100 = heap()
    run_to(2000)
    after_2000 = heap()
    assert page.evaluate("pufa.screen.transitions") >= 2000
    assert page.evaluate("pufa.screen.rounds") >= 2000 // 12
    assert after_2000 <= after_100 * 1.10, (after_100, after_2000)
    assert page.locator(".pufa-slide:not([hidden])").count() == 1


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """da-ting with weekday items only: at the weekend the default playlist plays."""
    root = copy_sample(tmp_path_factory.mktemp("fallback"))
    screen = root / "content" / "screens" / "da-ting.yml"
    screen.write_text("title: 大厅\nidle: 60\ncampaigns: false\nitems:\n"
                      "  - page: guides/fa-lv-yuan-zhu-shen-qing.md\n    weekdays: 工作日\n", encoding="utf-8")
    pufa("build", "--site", str(root), check=True)
    with serve(root / "site") as base:
        yield root, base


def test_fallback_playlist_when_nothing_is_scheduled(fallback_site, new_page):
    _, base = fallback_site
    weekday = open_screen(new_page, base, dt.datetime(2026, 12, 3, 10, 0))
    assert playing_titles(weekday) == ["法律援助申请"]
    weekend = open_screen(new_page, base, dt.datetime(2026, 12, 5, 10, 0))
    groups = weekend.evaluate("pufa.screen.playing().map(e => e.dataset.group)")
    assert groups and set(groups) == {"fallback"} and len(groups) == 5


def test_offline_and_through_a_content_update(tmp_path, new_page):
    root = copy_sample(tmp_path / "site")
    pufa("build", "--site", str(root), check=True)
    with serve(root / "site") as base:
        page = new_page(1920, 1080)
        page.clock.install()            # time flows as usual, and can be fast-forwarded
        page.goto(base + SCREEN)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)
        page.wait_for_function("caches.keys().then(k => k.length === 1)", timeout=30000)
        # Offline: the screen reloads and plays from the cache; a touch opens a cached page.
        page.context.set_offline(True)
        page.reload()
        page.wait_for_function("pufa.screen && pufa.screen.current()")
        assert current(page)["title"]
        page.mouse.click(600, 500)
        page.wait_for_url(lambda u: "/screens/" not in u)
        assert page.locator("h1").first.inner_text().strip()
        page.locator("[data-pufa-kiosk] button").click()
        page.wait_for_url("**/" + SCREEN)
        page.context.set_offline(False)

        # A new build: the screen keeps playing, then shows the new text after a round.
        screen = root / "content" / "screens" / "da-ting.yml"
        screen.write_text(screen.read_text(encoding="utf-8").replace(
            "遇到法律问题，拨打 12348", "有法律问题，请拨 12348"), encoding="utf-8")
        pufa("build", "--site", str(root), check=True)
        page.wait_for_function("pufa.screen && pufa.screen.current()")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("pufa.screen.updateReady()", timeout=30000)
        assert "有法律问题" not in page.content(), "not switched in the middle of a round"
        from playwright.sync_api import Error as PlaywrightError
        state = """() => ({ready: !!(window.pufa && pufa.screen && pufa.screen.current()),
            visible: document.querySelectorAll('.pufa-slide:not([hidden])').length,
            updated: document.body.innerText.indexOf('有法律问题，请拨 12348') >= 0})"""
        for _ in range(40):
            try:
                page.wait_for_function("window.pufa && pufa.screen && pufa.screen.current()")
                now = page.evaluate(state)          # one document, one moment
            except PlaywrightError:      # the page is reloading with the new version
                continue
            assert now["visible"] == 1, "the screen went blank"
            if now["updated"]:
                break
            try:
                page.clock.fast_forward(25_001)
            except PlaywrightError:
                pass
        page.wait_for_function("document.body.innerText.indexOf('有法律问题，请拨 12348') >= 0", timeout=30000)
        assert page.locator(".pufa-slide:not([hidden])").count() == 1
        assert len(page.evaluate("caches.keys()")) == 1


def test_plays_from_the_file_bundle(tmp_path, new_page):
    root = copy_sample(tmp_path / "site")
    out = root / "b.zip"
    pufa("bundle", "--site", str(root), "--out", str(out), check=True)
    with zipfile.ZipFile(out) as zf:
        top = zf.namelist()[0].split("/")[0]
        zf.extractall(tmp_path / "x")
    folder = tmp_path / "x" / top
    assert (folder / "screens" / "da-ting.html").is_file()
    page = new_page(1920, 1080)
    page.clock.install(time=JUNE)
    page.goto((folder / "screens" / "da-ting.html").as_uri())
    page.wait_for_function("pufa.screen && pufa.screen.current()")
    page.clock.run_for(16000)
    page.mouse.click(600, 500)
    page.wait_for_url(lambda u: "/screens/" not in u)
    assert page.url.endswith("/guides/fa-lv-yuan-zhu-shen-qing.html")
    page.clock.run_for(61000)
    page.wait_for_url("**/screens/da-ting.html")
    page.wait_for_function("pufa.screen && pufa.screen.current()")
    assert current(page)["id"] == "s1"
