"""QR codes on every page, printing, and A4 posters (site, bundle and `pufa poster`).

A QR code counts only if a reader decodes it to the page's public address:
codes are decoded with zxing-cpp, from the SVG the page carries (every page)
and from Chromium's rendering (a handful of pages and the posters).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTIFACTS, copy_sample, pufa

SITE_URL = "https://pufa.example.gov.cn/"
BUREAU = "云溪区司法局（示例）"
BUREAU_PDF = "云溪区司法局(示例)"      # as pdf_text gives it (NFKC)
CONTENT_TYPES = ("lessons", "guides", "villages", "party-history", "campaigns", "qa")
_SVG = re.compile(r'<svg class="pufa-qr".*?</svg>', re.S)
_IMG = re.compile(r'<img class="pufa-qr" src="data:image/png;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="[^"]+">')


# -- decoding ---------------------------------------------------------------
def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules an SVG from pufa.qr draws, read back from its path, quiet zone included."""
    vb = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    x0, y0, size = vb[0], vb[1], int(vb[2])
    grid = [[False] * size for _ in range(size)]
    d = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    x = y = 0.0
    for cmd, args in re.findall(r"([MmHh])([^MmHh]*)", d):
        nums = [float(n) for n in re.findall(r"-?\d*\.?\d+", args)]
        if cmd == "M":
            x, y = nums
        elif cmd == "m":
            x, y = x + nums[0], y + nums[1]
        else:
            length = nums[0] if cmd == "h" else nums[0] - x
            row = int(round(y - 0.5 - y0))      # a 1-wide stroke centred on y covers one row
            for col in range(int(round(x - x0)), int(round(x - x0 + length))):
                grid[row][col] = True
            x += length
    return grid


def image_of(grid: list[list[bool]], scale: int = 6):
    from PIL import Image
    n = len(grid)
    img = Image.new("L", (n * scale, n * scale), 255)
    for r, row in enumerate(grid):
        for c, dark in enumerate(row):
            if dark:
                img.paste(0, (c * scale, r * scale, (c + 1) * scale, (r + 1) * scale))
    return img


def decode(img) -> list[str]:
    import zxingcpp
    return [b.text for b in zxingcpp.read_barcodes(img)]


def decode_png(png: bytes) -> list[str]:
    from PIL import Image
    return decode(Image.open(io.BytesIO(png)).convert("L"))


def decode_inline(match) -> list[str]:
    """A page's code as the browser gets it: the inline PNG, enlarged pixel for pixel."""
    import base64
    from PIL import Image
    img = Image.open(io.BytesIO(base64.b64decode(match.group(1)))).convert("L")
    assert img.size == (int(match.group(2)), int(match.group(3)))
    return decode(img.resize((img.width * 6, img.height * 6), Image.NEAREST))


def public_url(rel: str) -> str:
    """site/lessons/x/index.html -> https://…/lessons/x/ (bundle: lessons/x.html -> the same)."""
    rel = re.sub(r"(^|/)index\.html$", r"\1", rel)
    rel = re.sub(r"\.html$", "/", rel)
    return SITE_URL + rel


def built_pages(site: Path) -> list[Path]:
    """Reading pages. Display pages carry a code per slide (tested in test_screens_browser)."""
    return [p for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] not in ("posters", "screens") and p.name != "404.html"]


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    import unicodedata
    from pypdf import PdfReader
    # NFKC: the CJK fonts map some characters to look-alike radicals (⼈ for 人).
    return unicodedata.normalize("NFKC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


# -- every page -------------------------------------------------------------
def test_every_page_has_one_qr_that_decodes_to_its_public_url(sample_site):
    site = sample_site / "site"
    pages = built_pages(site)
    assert len(pages) >= 80
    wrong = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        codes = list(_IMG.finditer(html))
        rel = path.relative_to(site).as_posix()
        if len(codes) != 1 or 'class="pufa-qr"' in _IMG.sub("", html):
            wrong.append(f"{rel}: {html.count('class=' + chr(34) + 'pufa-qr')} 个二维码")
            continue
        url = public_url(rel)
        if decode_inline(codes[0]) != [url]:
            wrong.append(f"{rel}: 解码结果 {decode_inline(codes[0])} ≠ {url}")
        # The address is shown as text too, and the box is not searched.
        box = re.search(r'<aside class="pufa-share"[^>]*>.*?</aside>', html, re.S).group(0)
        assert "data-pufa-noindex" in box.split(">", 1)[0], rel
        assert f'<p class="pufa-share__url">{url}</p>' in box, rel
        # Small: 1,500+ law pages carry one each, the law site must stay under 70 MB.
        assert len(box.encode()) < 1_600, (rel, len(box.encode()))
    assert wrong == []


def test_content_pages_link_to_their_poster_and_only_they(sample_site):
    site = sample_site / "site"
    for path in built_pages(site):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        links = re.findall(r'<a class="md-button" href="([^"]+)">打印海报</a>', html)
        is_content = rel.split("/")[0] in CONTENT_TYPES and rel.count("/") == 2 \
            and rel != "party-history/timeline/index.html"
        assert len(links) == (1 if is_content else 0), rel
        if is_content:
            poster = (path.parent / links[0] / "index.html").resolve()
            assert poster == (site / "posters" / rel).resolve() and poster.is_file(), rel
    # Laws and listings have no posters.
    assert not (site / "posters" / "laws").exists()
    assert not (site / "posters" / "lessons" / "index.html").exists()
    assert not (site / "posters" / "index.html").exists()


def test_posters_stay_out_of_sitemap_search_and_precache(sample_site):
    site = sample_site / "site"
    assert (site / "posters" / "lessons" / "xian-fa" / "index.html").is_file()
    for name in ("sitemap.xml", "sw.js", "offline/sections.js", "search/meta.js"):
        assert "posters/" not in (site / name).read_text(encoding="utf-8"), name
    assert "posters" not in (site / "index.html").read_text(encoding="utf-8").split("md-tabs", 1)[1][:20_000] \
        .split("</nav>", 1)[0]
    poster = (site / "posters" / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    # Standalone: no stylesheet, script or image from any file or host.
    assert not re.search(r"<(script|img)\b", poster)
    assert re.findall(r"<link\b[^>]*>", poster) == ['<link rel="icon" href="data:,">']
    assert '<meta name="robots" content="noindex">' in poster


def test_empty_site_url_warns_and_shows_no_qr(tmp_path):
    site = copy_sample(tmp_path / "s")
    cfg = site / "mkdocs.yml"
    cfg.write_text(re.sub(r"(?m)^site_url: .*$", 'site_url: ""', cfg.read_text(encoding="utf-8")), encoding="utf-8")
    check = pufa("check", "--site", str(site))
    assert check.returncode == 0
    line = next(l for l in check.stdout.splitlines() if "site_url" in l and l.startswith("警告"))
    assert line.startswith("警告  mkdocs.yml:")
    assert "修改方法：在 mkdocs.yml 里填写 site_url：网站正式上线后的网址" in check.stdout
    build = pufa("build", "--site", str(site))
    assert build.returncode == 0, build.stderr
    assert "site_url" in build.stdout        # the same warning, before the build
    lesson = (site / "site" / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    assert "pufa-share" not in lesson and "pufa-qr" not in lesson
    assert "<h1" in lesson
    assert not (site / "site" / "posters").exists()
    poster = pufa("poster", "lessons/xian-fa.md", "--site", str(site), "--out", str(tmp_path / "p.pdf"))
    assert poster.returncode != 0 and "site_url" in poster.stderr and "Traceback" not in poster.stderr


# -- in Chromium ---------------------------------------------------------------
BROWSER_PAGES = {
    "home": "",
    "lesson": "lessons/fan-jia-ting-bao-li-fa/",
    "law": "laws/min-fa-dian/min-fa-dian/",
    "listing": "lessons/",
    "guide": "guides/fa-lv-yuan-zhu-shen-qing/",
}


@pytest.mark.browser
def test_qr_codes_decode_from_the_screen(sample_site, server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    for name, url in BROWSER_PAGES.items():
        assert (sample_site / "site" / url / "index.html").is_file(), url
        page.goto(server + url)
        qr = page.locator(".pufa-share .pufa-qr")
        assert qr.count() == 1, name
        qr.scroll_into_view_if_needed()
        box = qr.bounding_box()
        # Modest: readable, but not the page's main thing on a phone.
        assert 100 <= box["width"] <= 150 and abs(box["width"] - box["height"]) < 1, (name, box)
        assert decode_png(qr.screenshot()) == [SITE_URL + url], name
        assert page.locator(".pufa-share__url").inner_text() == SITE_URL + url
        assert page.locator(".pufa-share [data-pufa-print]").is_visible(), name     # pufa.js shows it
        assert page.locator("text=打印海报").count() == (1 if name in ("lesson", "guide") else 0), name


@pytest.mark.browser
def test_print_button_prints(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + "lessons/xian-fa/")
    page.evaluate("() => { window.__printed = 0; window.print = function () { window.__printed++; }; }")
    page.locator("[data-pufa-print]").click()
    assert page.evaluate("window.__printed") == 1


@pytest.mark.browser
def test_printed_lesson_has_content_and_qr_but_no_navigation(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + "lessons/fan-jia-ting-bao-li-fa/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".pufa-header-search",
                   "[data-pufa-print]", "text=打印海报", ".md-top"):
        loc = page.locator(hidden)
        assert all(not loc.nth(i).is_visible() for i in range(loc.count())), hidden
    assert page.locator("h1").first.is_visible()
    assert page.locator(".pufa-case--tips").is_visible()
    assert page.locator(".pufa-share .pufa-qr").is_visible()
    assert page.locator(".pufa-share__url").is_visible()
    assert decode_png(page.locator(".pufa-share .pufa-qr").screenshot()) == [SITE_URL + "lessons/fan-jia-ting-bao-li-fa/"]
    # Black on white.
    color = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).color")
    assert color == "rgb(0, 0, 0)"
    text = pdf_text(page.pdf(format="A4"))
    assert "人身安全保护令" in text and "手机扫码阅读" in text and SITE_URL + "lessons/fan-jia-ting-bao-li-fa/" in text
    assert "打印本页" not in text and "打印海报" not in text and "普法课堂\n办事指南" not in text


@pytest.mark.browser
def test_printed_guide_opens_its_folded_answers(server, new_page):
    page = new_page(1280, 800)
    page.goto(server + "guides/fa-lv-yuan-zhu-shen-qing/")
    closed = page.locator(".pufa-faq details:not([open])").count()
    assert closed >= 1
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".pufa-faq details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".pufa-faq details:not([open])").count() == closed


@pytest.mark.browser
def test_poster_prints_on_one_a4_page(sample_site, server, new_page):
    page = new_page(1280, 800)
    for rel, title in (("lessons/fan-jia-ting-bao-li-fa/", "以案释法：遭受家暴"),
                       ("campaigns/xian-fa-xuan-chuan-zhou/", "宪法宣传周"),
                       ("villages/qi-yun-nan-cun/", "")):
        page.goto(server + "posters/" + rel)
        text = page.locator("body").inner_text()
        assert title in text and BUREAU in text and "12348" in text and "扫码阅读全文" in text
        assert "示例" in page.locator(".band").inner_text()       # sample content is marked
        assert decode_png(page.locator(".qr").screenshot()) == [SITE_URL + rel]
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert pdf_pages(pdf) == 1, rel
        assert BUREAU_PDF in pdf_text(pdf) and "12348" in pdf_text(pdf)
        # The back link on screen goes to the page itself.
        href = page.locator(".tools a").get_attribute("href")
        page.goto(page.url + href if not href.startswith("http") else href)
        assert page.url == server + rel


@pytest.mark.browser
def test_long_title_and_summary_still_one_page(tmp_path, new_page):
    site = copy_sample(tmp_path / "s")
    src = site / "content" / "campaigns" / "xian-fa-xuan-chuan-zhou.md"
    title = "关于在全区开展“宪法进万家”暨国家宪法日集中宣传活动的通知" * 3
    summary = "宪法是国家的根本法，是治国安邦的总章程，具有最高的法律地位、法律权威、法律效力。" * 10
    text = src.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    text = re.sub(r"(?m)^summary: .*$", f"summary: {summary}", text, count=1)
    src.write_text(text, encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    poster = site / "site" / "posters" / "campaigns" / "xian-fa-xuan-chuan-zhou" / "index.html"
    page = new_page(1280, 800)
    page.goto(poster.as_uri())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf_pages(pdf) == 1
    shown = page.locator("h1").inner_text()
    assert shown.startswith("关于在全区开展") and shown.endswith("…")
    # Nothing overflows the sheet: the QR code and hotline are whole.
    sheet = page.locator(".sheet").bounding_box()
    for part in (".qr", ".foot", ".summary", "h1"):
        box = page.locator(part).bounding_box()
        assert box["y"] >= sheet["y"] and box["y"] + box["height"] <= sheet["y"] + sheet["height"] + 0.5, part
    assert page.evaluate("(() => { const t = document.querySelector('.text'); return t.scrollHeight <= t.clientHeight + 1; })()")
    assert decode_png(page.locator(".qr").screenshot()) == [SITE_URL + "campaigns/xian-fa-xuan-chuan-zhou/"]


@pytest.mark.browser
@pytest.mark.parametrize("size", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_qr_and_poster_screenshots(server, new_page, size):
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page = new_page(*size)
    page.goto(server + "lessons/fan-jia-ting-bao-li-fa/")
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '扫码')")
    share = page.locator(".pufa-share")
    share.scroll_into_view_if_needed()
    share.screenshot(path=str(out / f"qr-box-{size[0]}x{size[1]}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    page.goto(server + "posters/lessons/fan-jia-ting-bao-li-fa/")
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    page.screenshot(path=str(out / f"poster-{size[0]}x{size[1]}.png"), full_page=True)
    assert (out / f"poster-{size[0]}x{size[1]}.png").stat().st_size > 20_000


# -- pufa poster --------------------------------------------------------------
@pytest.mark.browser
def test_pufa_poster_writes_a_one_page_pdf(sample_site, tmp_path):
    out = tmp_path / "out" / "海报.pdf"
    proc = pufa("poster", "content/campaigns/xian-fa-xuan-chuan-zhou.md", "--site", str(sample_site),
                "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "海报已生成" in proc.stdout
    data = out.read_bytes()
    assert pdf_pages(data) == 1
    text = pdf_text(data)
    assert "宪法宣传周" in text and BUREAU_PDF in text and "12348" in text
    # Default name: <title>-海报.pdf in the current folder; a title works as PAGE.
    proc = pufa("poster", "宪法宣传周", "--site", str(sample_site), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert pdf_pages((tmp_path / "宪法宣传周-海报.pdf").read_bytes()) == 1


def test_pufa_poster_unknown_page_says_so_in_chinese(sample_site, tmp_path):
    for page, words in (("content/lessons/mei-you-zhe-pian.md", "找不到"),
                        ("不存在的文章标题", "找不到"),
                        ("content/laws/xian-fa/xian-fa.md", "法律法规"),
                        ("content/lessons/index.md", "栏目页")):
        proc = pufa("poster", page, "--site", str(sample_site), "--out", str(tmp_path / "x.pdf"))
        assert proc.returncode != 0, page
        assert words in proc.stderr and "修改方法" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "x.pdf").exists()


def test_pufa_poster_without_a_browser_writes_html(sample_site, tmp_path):
    exe = Path(sys.executable).with_name("pufa")
    env = dict(os.environ, PATH=str(tmp_path), PYTHONIOENCODING="utf-8")   # no browser on PATH
    for name in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA", "PUFA_DEBUG"):
        env.pop(name, None)
    proc = subprocess.run([str(exe), "poster", "lessons/xian-fa.md", "--site", str(sample_site)],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "没有找到" in proc.stdout and "Ctrl+P" in proc.stdout
    html = next(tmp_path.glob("*-海报.html")).read_text(encoding="utf-8")
    assert "@page" in html and "扫码阅读全文" in html and SITE_URL + "lessons/xian-fa/" in html


# -- pieces -------------------------------------------------------------------
def test_fit_keeps_text_inside_the_sheet():
    from pufa import poster
    short = poster.fit("宪法宣传周", "12月4日")
    assert short.title_em == max(poster.TITLE_SIZES) and short.summary_em == max(poster.SUMMARY_SIZES)
    long = poster.fit("长" * 300, "长" * 1000)
    assert long.title.endswith("…") and long.summary.endswith("…")
    used = long.title_lines * long.title_em * poster.TITLE_LINE + long.summary_lines * long.summary_em * poster.SUMMARY_LINE
    assert used <= poster.TEXT_HEIGHT
    assert poster.pdf_name('a/b:c*"d"?<e>|') == "abcde-海报.pdf"
    assert poster.back_href("lessons/x/index.html", "posters/lessons/x/index.html") == "../../../lessons/x/"
    assert poster.back_href("lessons/x.html", "posters/lessons/x.html") == "../../lessons/x.html"


def test_public_url_is_directory_style_in_both_url_styles():
    from pufa import qr
    assert qr.public_url(SITE_URL, "lessons/x/index.html") == SITE_URL + "lessons/x/"
    assert qr.public_url(SITE_URL, "lessons/x.html") == SITE_URL + "lessons/x/"
    assert qr.public_url(SITE_URL.rstrip("/"), "index.html") == SITE_URL
    assert qr.public_url("", "index.html") == ""


def test_fast_codes_equal_qrcode_s_own():
    """Page codes skip `qrcode`'s slow data encoding; the modules must be the same."""
    import qrcode
    from pufa import qr
    urls = [SITE_URL, SITE_URL + "lessons/xian-fa/",
            SITE_URL + "laws/su-song-yu-fei-su-song-cheng-xu-fa/xing-zheng-fu-yi-fa-2017-09-01/",
            SITE_URL + "x/" + "%E6%B3%95" * 120]           # version 10+: 16-bit length
    for url in urls:
        for level in "LMQH":
            mask = len(url) % 8
            code = qrcode.QRCode(error_correction=qr.LEVELS[level], border=0, mask_pattern=mask)
            code.add_data(url, optimize=0)
            code.make(fit=True)
            assert qr.matrix(url, level, mask) == [list(r) for r in code.get_matrix()], (url, level)
        assert decode(image_of(svg_modules(qr.svg(url, "L", mask=qr.FAST_MASK)))) == [url]
