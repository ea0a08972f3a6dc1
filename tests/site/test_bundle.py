"""pufa bundle: the zip opened from the file system works with no server and no network."""
from __future__ import annotations

import zipfile

import pytest

from conftest import copy_sample, pufa

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("bundle"))
    out = root / "offline.zip"
    proc = pufa("bundle", "--site", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        assert f"{top}/使用说明.txt" in names and f"{top}/index.html" in names
        guide = zf.read(f"{top}/使用说明.txt").decode("utf-8-sig")
        assert "index.html" in guide and "不需要联网" in guide
        zf.extractall(root / "x")
    return root / "x" / top


def test_default_name_carries_the_date(tmp_path):
    import datetime as dt
    root = copy_sample(tmp_path / "s")
    assert pufa("bundle", "--site", str(root)).returncode == 0
    zips = list(root.glob("*.zip"))
    assert len(zips) == 1 and dt.date.today().isoformat() in zips[0].name


def test_every_link_names_a_file(unzipped):
    import re
    bad = []
    for page in unzipped.rglob("*.html"):
        for href in re.findall(r'<a [^>]*href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            path = href.split("?")[0]      # ?q=醉驾 on the search page: the same file, with a query
            target = (page.parent / path).resolve() if path else page
            if not target.is_file():
                bad.append(f"{page.relative_to(unzipped)} -> {href}")
    assert bad == []


def test_browse_and_search_from_file_urls(unzipped, new_page):
    page = new_page(1280, 800)
    page.goto((unzipped / "index.html").as_uri())
    assert "普法" in page.locator("h1").inner_text()
    # A lesson, from the home page's cards
    page.locator(".pufa-card__link").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and page.locator(".pufa-head h1").count() == 1
    # A guide, from the navigation tabs
    page.goto((unzipped / "guides" / "index.html").as_uri())
    page.locator(".pufa-card__link").first.click()
    page.wait_for_load_state()
    assert page.locator("h2#shou-li-tiao-jian").count() == 1
    # A law article, from a citation (with its preview)
    page.goto((unzipped / "lessons" / "min-fa-dian-hun-yin-jia-ting.html").as_uri())
    link = page.locator("a.pufa-cite", has_text="第一千零七十七条").first
    link.hover()
    assert "撤回离婚登记申请" in page.locator(".pufa-preview").inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("min-fa-dian.html#art-1077")
    assert page.locator("#art-1077").is_visible()
    # Search: the API and the search page
    results = page.evaluate("pufa.search('人民调解', {limit: 5})")
    assert results and results[0]["url"].startswith("file://") and ".html" in results[0]["url"]
    page.goto((unzipped / "search" / "index.html").as_uri())
    page.locator(".pufa-suggest a", has_text="醉驾").click()      # 常用搜索 from file:// too
    page.locator(".pufa-result").first.wait_for()
    assert page.url.startswith("file://") and "search/index.html?q=" in page.url
    page.locator(".pufa-result__page").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")


def test_every_bundle_page_loads_with_no_other_host(unzipped, new_page):
    page = new_page(390, 844)
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) >= 80
    for path in pages:
        page.goto(path.as_uri())
        assert page.locator("h1").count() >= 1, path
    # new_page's guard fails the test on any request that is not file:// or
    # 127.0.0.1, and on any console error.


def test_qr_codes_point_to_the_public_site(unzipped):
    """The offline copy's codes open the public page on a phone (directory URLs), not a file."""
    import re
    from test_qr_poster import _IMG, built_pages, decode_inline, public_url

    pages = built_pages(unzipped)
    assert len(pages) >= 80
    for path in pages:
        rel = path.relative_to(unzipped).as_posix()
        codes = list(_IMG.finditer(path.read_text(encoding="utf-8")))
        assert len(codes) == 1, rel
        assert decode_inline(codes[0]) == [public_url(rel)], rel
    assert public_url("lessons/xian-fa.html") == "https://pufa.example.gov.cn/lessons/xian-fa/"
    # 打印海报 opens the poster file, and the poster links back to the page file.
    lesson = unzipped / "lessons" / "xian-fa.html"
    href = re.search(r'href="([^"]+)">打印海报</a>', lesson.read_text(encoding="utf-8")).group(1)
    poster = (lesson.parent / href).resolve()
    assert poster == (unzipped / "posters" / "lessons" / "xian-fa.html").resolve() and poster.is_file()
    back = re.search(r'<p class="tools"><a href="([^"]+)"', poster.read_text(encoding="utf-8")).group(1)
    assert (poster.parent / back).resolve() == lesson.resolve()


def test_guide_says_which_links_need_a_network(tmp_path):
    from pufa.bundle import OFFLINE, network_note

    (tmp_path / "a.html").write_text('<link rel="canonical" href="https://pufa.example.gov.cn/a/">'
                                     '<a href="b.html">站内</a>', encoding="utf-8")
    assert network_note(tmp_path) == OFFLINE              # nothing leads out: the promise holds
    (tmp_path / "c.html").write_text('<a href="https://flk.npc.gov.cn/detail">国家法律法规数据库</a>'
                                     '<a href="https://www.gov.cn/">中国政府网</a>', encoding="utf-8")
    note = network_note(tmp_path)
    assert "不会访问任何外部网站" not in note
    assert "1 个页面" in note and "flk.npc.gov.cn" in note and "www.gov.cn" in note and "需要联网" in note
