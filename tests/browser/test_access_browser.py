"""For everyone: 关怀模式, 朗读, keyboard access, and axe-core on the main pages in both modes."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

LESSON = "lessons/min-fa-dian-hun-yin-jia-ting/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "lesson-quiz": LESSON,
    "guide": "guides/fa-lv-yuan-zhu-shen-qing/",
    "village": "villages/qi-yun-nan-cun/",
    "law-library": "laws/",
    "search": "search/?q=%E7%A6%BB%E5%A9%9A",
    "screen": "screens/da-ting/",
    "document-register": "documents/",
    "document": "documents/ren-min-tiao-jie-gong-zuo-gui-fan-2019/",
}


def body_font(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")


def is_care(page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('pufa-care')")


def test_care_mode_is_larger_remembered_and_reachable_by_url(server, new_page):
    page = new_page(390, 844)
    page.goto(server + LESSON)
    normal = body_font(page)
    button = page.locator("[data-pufa-care]")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and is_care(page)
    large = body_font(page)
    assert large >= 1.25 * normal and large >= 20, (normal, large)
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).lineHeight)")
    assert line >= 1.5 * large
    # Across pages and reloads.
    page.goto(server + "guides/ren-min-tiao-jie/")
    assert is_care(page) and body_font(page) >= 20
    page.reload()
    assert is_care(page)
    page.locator("[data-pufa-care]").click()
    assert not is_care(page) and body_font(page) == normal
    # A kiosk starts in it with ?care=1, and ?care=0 turns it off.
    fresh = new_page(1280, 800)
    fresh.goto(server + "?care=1")
    assert is_care(fresh)
    fresh.goto(server + LESSON)
    assert is_care(fresh)
    fresh.goto(server + LESSON + "?care=0")
    assert not is_care(fresh)


def contrast(fg: str, bg: str) -> float:
    def lum(c):
        r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", c)[:3])
        f = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (r, g, b)]
        return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]
    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_care_mode_contrast_and_tap_targets(server, new_page):
    page = new_page(390, 844)
    page.goto(server + LESSON + "?care=1")
    pairs = page.evaluate(r"""() => [...document.querySelectorAll('.md-typeset p, .md-typeset li, .md-typeset a, .md-typeset h2')]
        .filter(e => e.offsetParent).slice(0, 120).map(e => {
          let bg = 'rgba(0, 0, 0, 0)', n = e;
          while (n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
          return [e.textContent.trim().slice(0, 10), getComputedStyle(e).color, /rgba\(0, 0, 0, 0\)/.test(bg) ? 'rgb(255, 255, 255)' : bg];
        })""")
    assert len(pairs) >= 40
    for text, fg, bg in pairs:
        assert contrast(fg, bg) >= 7, (text, fg, bg)
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.pufa-tools button, .md-typeset .md-button, .pufa-quiz__option, .md-header__button, .md-tabs__link')]
        .filter(e => e.offsetParent && getComputedStyle(e).visibility !== 'hidden')
        .map(e => [e.textContent.trim().slice(0, 12), e.getBoundingClientRect().height])
        .filter(([, h]) => h < 48)""")
    assert small == []


@pytest.mark.parametrize("url", ["", LESSON, "guides/fa-lv-yuan-zhu-shen-qing/", "laws/min-fa-dian/min-fa-dian/"])
def test_layout_holds_when_the_reader_enlarges_text(server, new_page, url):
    """WeChat and Android scale the page's text: here 150 % on top of 关怀模式."""
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + url + "?care=1")
    page.evaluate("document.documentElement.style.fontSize = '187.5%'")   # Material's 125 % × 1.5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{url} 横向溢出（{width} px）"


STUB = """(voices) => {
  const spoken = window.__spoken = [];
  window.__utterances = [];
  const stub = {
    getVoices: () => voices.map(lang => ({lang, name: 'stub ' + lang})),
    speak(u) { spoken.push(u.text); window.__utterances.push(u); },
    cancel() { window.__cancelled = (window.__cancelled || 0) + 1; },
    pause() {}, resume() {}, addEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: stub, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  window.__next = () => { const u = window.__utterances[window.__utterances.length - 1]; u.onend && u.onend(); };
}"""


def with_voices(new_page, voices: list[str]):
    page = new_page(1280, 800)
    page.add_init_script(f"({STUB})({json.dumps(voices)})")
    return page


def test_read_aloud_hidden_without_a_chinese_voice(server, new_page):
    page = with_voices(new_page, ["en-US", "fr-FR"])
    page.goto(server + LESSON)
    assert page.locator("[data-pufa-read]").count() == 1
    assert not page.locator("[data-pufa-read]").is_visible()


def test_read_aloud_speaks_the_page_and_highlights_the_sentence(server, new_page):
    page = with_voices(new_page, ["en-US", "zh-CN"])
    page.goto(server + LESSON)
    read = page.locator("[data-pufa-read]")
    assert read.is_visible() and read.inner_text() == "朗读全文"
    read.click()
    spoken = page.evaluate("window.__spoken")
    title = page.locator("h1").first.inner_text().strip()
    assert spoken == [title], "starts with the title"
    assert page.evaluate("document.querySelector('.pufa-reading').tagName") == "H1"
    for _ in range(3):
        page.evaluate("window.__next()")
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 4
    # Sentences of the body, in order, one at a time, with the sentence highlighted.
    body = page.locator(".md-content__inner").inner_text().replace("\n", "")
    assert all(s.replace(" ", "") in body.replace(" ", "") for s in spoken)
    reading = page.locator(".pufa-reading")
    assert reading.count() == 1 and spoken[-1] in reading.inner_text().replace("\n", "")
    assert page.evaluate("CSS.highlights.has('pufa-reading')")
    assert page.evaluate("String(CSS.highlights.get('pufa-reading').values().next().value)") == spoken[-1]
    # Not read: the share box, the quiz, the sample notice, the toolbar.
    everything = page.evaluate("""() => { const out = []; let n = 0;
        while (n++ < 2000 && document.querySelector('[data-pufa-read-stop]:not([hidden])')) {
          window.__next(); } return window.__spoken; }""")
    text = "".join(everything)
    assert "手机扫码阅读" not in text and "交卷判分" not in text and "朗读全文" not in text
    assert "第 1 题" not in text
    assert page.locator(".pufa-reading").count() == 0, "highlight cleared at the end"
    assert read.is_visible()
    # Stop in the middle.
    read.click()
    page.locator("[data-pufa-read-pause]").click()
    assert page.locator("[data-pufa-read-pause]").inner_text() == "继续"
    page.locator("[data-pufa-read-stop]").click()
    assert page.evaluate("window.__cancelled") >= 2 and page.locator(".pufa-reading").count() == 0


def test_keyboard_reaches_every_control_with_visible_focus(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + LESSON)
    wanted = page.evaluate("""() => [...document.querySelectorAll(
        '.pufa-tools button, [data-pufa-quiz] input, [data-pufa-quiz] button, .pufa-share button, .pufa-share a')]
        .filter(e => e.offsetParent).length""")
    assert wanted >= 20
    seen, invisible = set(), []
    for _ in range(600):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            const inScope = e.matches('.pufa-tools button, [data-pufa-quiz] input, [data-pufa-quiz] button, .pufa-share button, .pufa-share a');
            const label = e.closest('label');
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
              || (label && getComputedStyle(label).outlineStyle !== 'none');
            return {key: inScope ? (e.name || '') + '|' + e.value + '|' + e.textContent.trim() + '|' + e.type : '',
                    ring, tag: e.tagName}; }""")
        if info["key"]:
            if info["key"] in seen and len(seen) >= wanted:
                break
            seen.add(info["key"])
            if not info["ring"]:
                invisible.append(info["key"])
    assert len(seen) >= wanted - 8   # radio groups are one tab stop each
    assert invisible == [], f"没有可见焦点：{invisible[:5]}"


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']})
        .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_problem(server, new_page, name, care):
    if not AXE.is_file():
        pytest.fail("缺少 axe-core：请用 make test 运行（会用 npm 安装）")
    page = new_page(1280, 800)
    url = server + PAGES[name]
    url += ("&" if "?" in url else "?") + ("care=1" if care else "care=0")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if name == "search":
        page.wait_for_selector("[data-pufa-results] li", timeout=15000)
    violations = run_axe(page)
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}-{'care' if care else 'normal'}.json").write_text(
        json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
