"""What the built sample site holds, read from the files a web server serves."""
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import copy_sample, pufa
from pufa.fingerprint import shipped


EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1)[^"']+["']|@import\s+url\(\s*["']?https?:|url\(\s*["']?(?:https?:)?//""",
    re.I)
KNOWN_CDNS = ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com", "cdn.jsdelivr.net", "cdnjs")


def pages(site: Path, folder: str) -> list[Path]:
    return [p for p in (site / folder).glob("*/index.html")]


def test_every_section_has_its_pages(sample_site):
    site = sample_site / "site"
    assert len(pages(site, "lessons")) >= 8
    assert len(pages(site, "villages")) >= 6
    assert len([p for p in pages(site, "party-history") if p.parent.name != "timeline"]) >= 6
    assert len(pages(site, "guides")) >= 6
    assert len(pages(site, "campaigns")) >= 2
    for listing in ("lessons", "villages", "party-history", "guides", "campaigns"):
        assert (site / listing / "index.html").is_file()
    assert (site / "party-history" / "timeline" / "index.html").is_file()


def test_required_sample_pages_exist(sample_site):
    site = sample_site / "site"
    for path in ("villages/qi-yun-nan-cun", "villages/qi-yun-bei-cun", "guides/fa-lv-yuan-zhu-shen-qing",
                 "guides/ren-min-tiao-jie", "guides/xing-zheng-fu-yi-shen-qing", "guides/gong-zheng-ban-li",
                 "guides/12348-re-xian", "guides/she-qu-jiao-zheng-bao-dao",
                 "campaigns/xian-fa-xuan-chuan-zhou", "campaigns/min-fa-dian-xuan-chuan-yue"):
        assert (site / path / "index.html").is_file(), path


def test_no_resource_from_another_host(sample_site):
    offenders = []
    for path in (sample_site / "site").rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".gz", ".ico", ".woff2"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")   # every text file, maps included
        for cdn in KNOWN_CDNS:
            if cdn in text:
                offenders.append(f"{path}: {cdn}")
        if path.suffix == ".html":
            # Links (<a href>) to other sites are fine; resources are not.
            for m in re.finditer(r"<(script|link|img|iframe|source|video|audio)\b[^>]*>", text, re.I):
                tag = m.group(0)
                if re.search(r"""\b(?:src|href)\s*=\s*["'](?:https?:)?//""", tag) and "rel=\"canonical\"" not in tag:
                    offenders.append(f"{path}: {tag[:120]}")
    assert offenders == []


def test_pages_use_system_fonts_only(sample_site):
    html = (sample_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "--md-text-font:\"Roboto\"" not in html
    css = shipped(sample_site / "site", "assets/pufa/pufa.css").read_text(encoding="utf-8")
    assert "Microsoft YaHei" in css and "PingFang SC" in css


def test_language_and_sample_marks(sample_site):
    site = sample_site / "site"
    lesson = (site / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in lesson
    assert "pufa-badge--sample" in lesson and "本页为示例内容" in lesson


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(path: Path) -> str:
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return "".join(p.parts)


def test_guides_share_one_layout(sample_site):
    headings = ["设定依据", "受理条件", "申请材料", "办理流程"]
    facts = ["办理时限", "收费标准", "办理地点", "办理时间", "咨询电话"]
    for page in pages(sample_site / "site", "guides"):
        html = page.read_text(encoding="utf-8")
        found = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
        assert [h for h in found if h in headings] == headings, page
        text = text_of(page)
        for fact in facts:
            assert fact in text, (page, fact)
        assert 'href="tel:12348"' in html


def test_home_has_hotline_guides_and_latest_lessons(sample_site):
    html = (sample_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:12348"' in html
    assert "最新普法课堂" in html and "办事指南" in html
    # Both campaign banners are on the page, hidden until the reader's date falls in them.
    banners = re.findall(r'<div class="pufa-campaign" data-pufa-campaign [^>]*\bhidden>', html)
    assert len(banners) == 2
    assert "宪法宣传周" in html and "民法典宣传月" in html


def test_home_lists_common_questions_with_their_short_answers(sample_site, tmp_path):
    html = (sample_site / "site" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="home-qa"'):html.index('id="home-more"')]
    links = re.findall(r'<a href="(qa/[^"]+/)"><span class="pufa-questions__q">([^<]+)</span>', section)
    assert len(links) == 5 and all(q.endswith("？") for _, q in links)
    for url, _ in links:
        assert (sample_site / "site" / url / "index.html").is_file()
    assert section.count('class="pufa-questions__a"') == 5 and 'href="qa/">全部法律咨询' in section
    # questions: 0 in mkdocs.yml takes the block away.
    site = copy_sample(tmp_path / "s")
    cfg = site / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "        questions: 5" in text
    cfg.write_text(text.replace("        questions: 5", "        questions: 0", 1), encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    assert "群众常问" not in (site / "site" / "index.html").read_text(encoding="utf-8")


def test_timeline_orders_by_event_date_within_period(sample_site):
    html = (sample_site / "site" / "party-history" / "timeline" / "index.html").read_text(encoding="utf-8")
    periods = ["新民主主义革命时期", "社会主义革命和建设时期",
               "改革开放和社会主义现代化建设新时期", "中国特色社会主义新时代"]
    starts = [html.find(f">{p}</h2>") for p in periods]
    assert all(s > 0 for s in starts) and starts == sorted(starts)
    dates = re.findall(r'<time datetime="([0-9-]+)">', html)
    assert len(dates) >= 6
    for a, b in zip(starts, starts[1:] + [len(html)]):
        chunk = re.findall(r'<time datetime="([0-9-]+)">', html[a:b])
        assert chunk == sorted(chunk) and chunk, chunk


def test_listing_newest_first(sample_site):
    html = (sample_site / "site" / "lessons" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<time datetime="([0-9-]+)">', html)
    assert len(dates) >= 8 and dates == sorted(dates, reverse=True)


def test_case_lessons_get_case_blocks(sample_site):
    html = (sample_site / "site" / "lessons" / "fan-jia-ting-bao-li-fa" / "index.html").read_text(encoding="utf-8")
    for kind in ("facts", "issues", "analysis", "tips"):
        assert f'class="pufa-case pufa-case--{kind}"' in html


def test_footer_filing_numbers_shown_when_set(tmp_path):
    site = copy_sample(tmp_path / "s")
    cfg = site / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace('icp: ""', "icp: 示ICP备00000000号-1").replace('police: ""', "police: 示公网安备00000000000001号")
    cfg.write_text(text, encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://beian.miit.gov.cn/"' in html and "示ICP备00000000号-1" in html
    assert "beian.mps.gov.cn/#/query/webSearch?code=00000000000001" in html


def test_titles_are_escaped_everywhere(tmp_path):
    site = copy_sample(tmp_path / "s")
    page = site / "content" / "lessons" / "xian-fa.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", 'title: "<script>alert(1)</script>宪法"', text, count=1, flags=re.M)
    text = re.sub(r"^summary: .*$", 'summary: "<img src=x onerror=alert(2)>摘要"', text, count=1, flags=re.M)
    text = re.sub(r"^tags:\n", 'tags:\n  - "<svg onload=alert(3)>"\n', text, count=1, flags=re.M)
    assert "<svg onload" in text
    page.write_text(text, encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    for path in (site / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, path
        assert "<img src=x" not in html, path
        assert "<svg onload" not in html, path
    lesson = (site / "site" / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;宪法" in lesson
    assert "&lt;svg onload=alert(3)&gt;" in lesson


def test_own_scripts_and_styles_are_served_minified(sample_site):
    """Readers on slow connections get pufa's scripts and styles without the sources' comments."""
    from conftest import ROOT
    from pufa.browser_bundle import join
    site = sample_site / "site"
    sources = {"assets/pufa/pufa.js": join("assets/pufa/pufa.js"),     # joined from pufa/browser/
               "assets/pufa/pufa.css": (ROOT / "theme/assets/pufa/pufa.css").read_text(encoding="utf-8"),
               "search/search.js": join("search/search.js")}
    for built, src in sources.items():
        text = shipped(site, built).read_text(encoding="utf-8")
        assert len(text.encode()) < 0.85 * len(src.encode()), built
        assert "/*" not in text and "\n  " not in text, built
    # The service worker precaches what is served: the version changes with the bytes.
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert shipped(site, "assets/pufa/pufa.js").relative_to(site).as_posix() in sw
