"""Search in Chromium on the sample site: what people type, old browsers, file://."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ARTIFACTS, ROOT, copy_sample, pufa, serve

SHOTS = ARTIFACTS / "screenshots"

pytestmark = pytest.mark.browser

NO_SEGMENTER = "delete Intl.Segmenter; Object.defineProperty(Intl, 'Segmenter', {value: undefined});"


def search(page, query, limit=10):
    return page.evaluate("([q, n]) => window.pufa.search(q, {limit: n})", [query, limit])


def docs(results):
    out = []
    for r in results:
        if r["doc"] not in out:
            out.append(r["doc"])
    return out


@pytest.fixture
def page(server, new_page):
    p = new_page(1280, 800)
    p.add_init_script(NO_SEGMENTER)
    p.goto(server)
    assert p.evaluate("typeof Intl.Segmenter") == "undefined"
    return p


def test_legal_aid_finds_the_guide_first(page):
    results = search(page, "法律援助")
    assert results[0]["doc"] == "法律援助申请"
    assert "guides/fa-lv-yuan-zhu-shen-qing/" in results[0]["url"]
    # The page is named by the query: shown from its top, the summary as snippet.
    assert results[0]["url"].endswith("guides/fa-lv-yuan-zhu-shen-qing/")
    assert "<mark>" in results[0]["snippet"] and "免费" in results[0]["snippet"]


@pytest.mark.parametrize("query, expected", [
    ("民法典", "中华人民共和国民法典"),
    ("minfadian", "中华人民共和国民法典"),
    ("xzfy", "中华人民共和国行政复议法"),
    ("勞動合同法", "中华人民共和国劳动合同法"),
    ("反家暴法", "中华人民共和国反家庭暴力法"),
    ("行政复议法", "中华人民共和国行政复议法"),
])
def test_names_pinyin_traditional_abbreviations(page, query, expected):
    results = search(page, query)
    law_docs = [d for d in docs(results) if d.startswith(("中华人民共和国", "保障", "法律援助条例"))]
    assert law_docs[0] == expected, docs(results)


def test_article_references_go_to_the_article(page):
    r = search(page, "刑法第一百三十三条之一")[0]
    assert r["doc"] == "中华人民共和国刑法" and r["url"].endswith("#art-133-1")
    assert r["title"] == "中华人民共和国刑法 第一百三十三条之一"
    r = search(page, "民法典 第1077条")[0]
    assert r["url"].endswith("laws/min-fa-dian/min-fa-dian/#art-1077")
    r = search(page, "第一千零七十七条")[0]
    assert r["url"].endswith("#art-1077")


def test_in_force_version_ranks_above_the_superseded_one(page):
    results = search(page, "行政复议法", 20)
    urls = [r["url"] for r in results if r["doc"] == "中华人民共和国行政复议法"]
    assert "xing-zheng-fu-yi-fa-2017" not in urls[0]
    first_old = next(i for i, r in enumerate(results) if "2017-09-01" in r["url"])
    first_new = next(i for i, r in enumerate(results) if "/xing-zheng-fu-yi-fa/" in r["url"])
    assert first_new < first_old


def test_question_words_are_dropped(page):
    a = docs(search(page, "申请法律援助需要什么条件"))
    assert "中华人民共和国法律援助法" in a[:5] or "法律援助申请" in a[:3]


def test_search_page_shows_grouped_highlighted_results(server, new_page):
    p = new_page(390, 844)
    p.add_init_script(NO_SEGMENTER)
    p.goto(server + "search/?q=" + "离婚冷静期")
    p.locator(".pufa-result").first.wait_for()
    first = p.locator(".pufa-result").first
    assert first.locator(".pufa-result__page").inner_text()
    assert p.locator(".pufa-result mark").count() > 0
    assert p.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("query", ["红烧肉怎么做", "王者荣耀怎么上分", "qwerty"])
def test_unsure_search_says_so_with_hotline_and_other_ways_to_ask(server, new_page, query):
    """Nothing in the library answers: the page says so instead of presenting weak hits as answers."""
    p = new_page(390, 800)
    p.goto(server + "search/?q=" + query)
    box = p.locator("[data-pufa-unsure]")
    box.wait_for(state="visible")
    assert "没有找到把握较大的条文" in box.inner_text()
    assert box.locator('a[href^="tel:"]').inner_text() == "12348"
    again = box.locator(".pufa-unsure__again a")
    assert 1 <= again.count() <= 3 and all(a != query for a in again.all_inner_texts())
    status = p.locator("[data-pufa-search-status]").inner_text()
    assert not re.search(r"找到 \d+ 个页面", status)       # guesses are not "found"
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SHOTS / f"search-unsure-{len(query)}.png"))
    # Asked back in other words, the page answers and the panel is gone.
    again.first.click()
    p.wait_for_url("**/search/?q=*")
    p.locator(".pufa-result").first.wait_for()


@pytest.mark.parametrize("query", ["法律援助", "离婚冷静期", "刑法第二十条", "醉驾"])
def test_a_search_that_finds_its_answer_is_not_called_unsure(server, new_page, query):
    p = new_page(1280, 800)
    p.goto(server + "search/?q=" + query)
    p.locator(".pufa-result").first.wait_for()
    assert p.locator("[data-pufa-unsure]").is_hidden()
    assert re.search(r"找到 \d+ 个页面", p.locator("[data-pufa-search-status]").inner_text())


def test_header_search_box_leads_to_results(server, new_page):
    p = new_page(1280, 800)
    p.goto(server + "lessons/")
    p.fill("#pufa-header-q", "人民调解")
    p.press("#pufa-header-q", "Enter")
    p.wait_for_url("**/search/?q=*")
    p.locator(".pufa-result").first.wait_for()
    assert "人民调解" in p.locator(".pufa-result__page").first.inner_text()


def test_question_finds_the_qa_first_with_its_short_answer(page):
    results = search(page, "离婚后孩子归谁")
    first = results[0]
    assert first["kind"] == "qa" and first["doc"] == "离婚后孩子归谁？"
    assert first["url"].endswith("qa/li-hun-hou-hai-zi-gui-shui/") and first["label"] == "简要回答"
    # The snippet is the short answer, whole (not the first 40 characters of it).
    text = first["snippet"].replace("<mark>", "").replace("</mark>", "")
    assert text.startswith("孩子不满两周岁的，原则上由母亲直接抚养") and len(text) > 60
    assert "<mark>" in first["snippet"]


@pytest.mark.parametrize("query, expected", [
    ("工资被拖欠怎么办", "工资被拖欠了怎么办？"),
    ("借钱不还怎么办", "借钱不还怎么办？"),
    ("老人的房子子女能继承吗", "父母去世后房子怎么继承？"),
    ("被狗咬了谁负责", "被狗咬了谁负责？"),
    ("网购的衣服能退吗", "网购的东西能七天无理由退货吗？"),
])
def test_questions_find_their_qa_first(page, query, expected):
    assert docs(search(page, query))[0] == expected


def test_question_detection_leaves_article_and_law_queries_alone(page):
    explain = "q => window.pufa.search.explain(q).then(p => !!p.question)"
    assert page.evaluate(explain, "工资被拖欠怎么办") and page.evaluate(explain, "高空抛物谁负责")
    assert not page.evaluate(explain, "刑法第二十条是什么")     # an article: not a Q&A's question
    assert not page.evaluate(explain, "醉驾") and not page.evaluate(explain, "劳动合同法")
    assert search(page, "刑法第二十条是什么")[0]["url"].endswith("#art-20")
    assert search(page, "劳动合同法")[0]["doc"] == "中华人民共和国劳动合同法"


def test_a_figure_question_searches_for_its_topic_not_its_asking_words(page):
    """多少天 asks for a number of days: 天 and 最长 are in every article that says 1天 or
    最长不超过, so they are not searched for; the topic is."""
    words = "q => window.pufa.search.explain(q).then(p => p.phrases[0].terms)"
    assert page.evaluate(words, "刑事拘留最长能关多少天") == ["刑事", "事拘", "拘留", "能关"]
    assert page.evaluate(words, "试用期最长几个月") == ["试用", "用期"]
    assert page.evaluate(words, "多少天") == ["天"]     # nothing else to search for: it stays
    assert "天" not in page.evaluate(words, "辞职要提前多少天跟公司说")


def test_a_question_finds_a_listed_topic_said_in_other_words(page):
    """楼上卫生间漏水 says 楼上漏水 (a listed topic) with words between; 没发工资 says 不发工资
    but for one character.  A short query must say the key itself."""
    keys = "q => window.pufa.search.explain(q).then(p => p.phrases.filter(x => x.pre).map(x => x.pre))"
    assert "#楼上漏水" in page.evaluate(keys, "楼上卫生间漏水 把我家天花板泡坏了")
    assert "#不发工资" in page.evaluate(keys, "公司几个月没发工资了 我能不能不干了")
    assert "#楼上漏水" not in page.evaluate(keys, "楼上 漏水")          # too short to guess


def test_an_everyday_question_reaches_the_article_through_the_question_bank(page):
    """被狗咬 shares not one bigram with 饲养的动物造成他人损害 (民法典 第一千二百四十五条): a
    question of the bank said the same way leads there, and is offered as a nearby question."""
    results = search(page, "邻居的狗把我咬伤了 他家得赔我吗")
    top = [r["url"].rsplit("/", 1)[-1] for r in results[:3]]
    assert "#art-1245" in top, [r["title"] for r in results[:5]]
    asked = page.evaluate("q => window.pufa.search(q).then(r => r.asked)", "邻居的狗把我咬伤了 他家得赔我吗")
    assert asked and asked[0]["url"].endswith("#art-1245") and "狗" in asked[0]["question"]


def test_a_short_topic_in_everyday_words_reaches_its_article_and_a_named_page_keeps_the_lead(page):
    """遛狗拴绳: no article says 拴绳 (民法典 第一千二百四十六条: 未对动物采取安全措施), so a
    short topic is asked of the question bank too; 法律援助 names the bureau's guide, which
    stays first (the bank is not asked for a short query that names a page)."""
    results = search(page, "遛狗拴绳")
    top = [r["url"].rsplit("/", 1)[-1] for r in results[:5]]
    assert "#art-1246" in top, [r["title"] for r in results[:5]]
    assert search(page, "法律援助")[0]["doc"] == "法律援助申请"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("hostile"))
    (root / "content" / "lessons" / "xss.md").write_text("""---
title: "<img src=x onerror=alert(1)>醉酒驾驶的后果"
date: 2026-01-01
summary: "<script>alert(2)</script>摘要"
audience: [社会公众]
laws: [《中华人民共和国刑法》第一百三十三条之一]
---
## <b>醉酒</b>驾驶

醉酒驾驶机动车，<img src=y onerror=alert(3)> 依照《刑法》第一百三十三条之一处罚。
""", encoding="utf-8")
    (root / "content" / "qa" / "xss.md").write_text("""---
title: "<img src=x onerror=alert(4)>酒后挪车算醉驾吗？"
date: 2026-01-01
answer: "<script>alert(5)</script>算。依照《刑法》第一百三十三条之一处罚。"
category: 刑事
laws: [《中华人民共和国刑法》第一百三十三条之一]
---
正文：front matter 里的文字一律按文字显示。
""", encoding="utf-8")
    # The body's <img onerror> stops `pufa check` (body.script); --no-check shows that the
    # build itself still lets nothing run, as when staff skip the check in a hurry.
    pufa("build", "--site", str(root), "--no-check", check=True)
    assert "正文里有脚本" in pufa("check", "--site", str(root)).stdout
    with serve(root / "site") as base:
        yield base


def test_hostile_titles_show_as_text(hostile_site, new_page):
    p = new_page(1280, 800)
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(hostile_site)
    results = search(p, "醉酒驾驶的后果")
    hit = next(r for r in results if "醉酒驾驶的后果" in r["doc"])
    assert hit["doc"] == "<img src=x onerror=alert(1)>醉酒驾驶的后果"
    assert "<img" not in hit["snippet"] and "<script" not in hit["snippet"]
    p.goto(hostile_site + "search/?q=醉酒驾驶的后果")
    p.locator(".pufa-result").first.wait_for()
    assert p.locator(".md-content img:not(.pufa-share .pufa-qr)").count() == 0     # (the page's own QR code is one)
    assert "<img src=x onerror=alert(1)>" in p.locator(".pufa-results").inner_text()
    qa = next(r for r in search(p, "酒后挪车算醉驾吗") if r["kind"] == "qa")
    assert "<script" not in qa["snippet"] and "&lt;script&gt;" in qa["snippet"]
    p.goto(qa["url"])
    assert "<script>alert(5)</script>算。" in p.locator(".pufa-answer__text").inner_text()
    assert p.locator(".md-content img:not(.pufa-share .pufa-qr)").count() == 0     # (the page's own QR code is one)
    assert "<img src=x onerror=alert(4)>" in p.locator("h1").inner_text()
    assert dialogs == []


def test_search_works_from_file_urls(sample_site, new_page):
    p = new_page(1280, 800)
    p.add_init_script(NO_SEGMENTER)
    p.goto((sample_site / "site" / "index.html").as_uri())
    results = search(p, "人民调解")
    assert results and results[0]["url"].startswith("file://")
    assert "/index.html" in results[0]["url"]
    r = search(p, "刑法第二十条")[0]
    assert r["url"].endswith("laws/xing-fa/xing-fa/index.html#art-20")
    p.goto(r["url"])
    assert p.locator("#art-20").is_visible()


@pytest.mark.parametrize("typed, meant", [("laolai", "老赖"), ("jiabao", "家暴"), ("zuijia", "醉驾")])
def test_a_colloquial_word_in_pinyin_finds_what_the_word_finds(page, typed, meant):
    """老赖 finds 失信被执行人 in the law; typed as laolai on a phone without Chinese input, it must too."""
    in_pinyin, in_hanzi = docs(search(page, typed)), docs(search(page, meant))
    assert in_hanzi and in_pinyin[:5] == in_hanzi[:5]


def test_common_searches_are_one_tap_away_on_a_touch_screen(server, new_page):
    """A kiosk with no keyboard: 常用搜索 on the search page runs a search with one tap."""
    p = new_page(390, 844)
    p.goto(server + "search/")
    chips = p.locator(".pufa-suggest a")
    assert chips.count() == 8
    box = chips.first.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    p.locator(".pufa-suggest a", has_text="醉驾").click()
    p.wait_for_url("**/search/?q=*")
    p.locator(".pufa-result").first.wait_for()
    assert p.locator("#pufa-q").input_value() == "醉驾"
    assert "醉驾" in p.locator(".pufa-results").inner_text()


def test_common_searches_can_be_set_or_turned_off(tmp_path):
    site = copy_sample(tmp_path / "s")
    cfg = site / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.strip().startswith("suggestions:"))
    cfg.write_text(text.replace(line, "        suggestions: [找律师, 彩礼]"), encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    html = (site / "site" / "search" / "index.html").read_text(encoding="utf-8")
    assert ">找律师</a>" in html and ">彩礼</a>" in html and ">醉驾</a>" not in html
    cfg.write_text(text.replace(line, "        suggestions: []"), encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    assert "常用搜索" not in (site / "site" / "search" / "index.html").read_text(encoding="utf-8")


LOCAL_REGULATION = """# {title}

2024年6月1日{place}人民代表大会常务委员会通过（示例，测试用文本）
<!-- INFO END -->

第一条 为了规范物业管理活动，制定本条例。

第二条 业主应当按照物业服务合同的约定交纳物业费。
"""


def test_other_regions_regulations_are_found_by_name_and_shown_with_their_titles(tmp_path, new_page):
    """A 浙江 site holding 北京's regulations too: 物业费 shows 浙江's first, the province's own
    regulation (binding every reader) before a city's; 北京's regulation keeps its title in the
    results though meta.js leaves it out, and naming it finds it first."""
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", "--region", "浙江", check=True)
    pufa("import-laws", str(ROOT / "tests" / "fixtures" / "laws"), "--site", str(site), check=True)
    local = tmp_path / "local-laws"
    for region, place, title in [("浙江", "云溪市", "云溪市物业管理条例"), ("浙江", "浙江省", "浙江省物业管理条例"),
                                 ("北京", "北京市", "北京市物业管理条例")]:
        (local / region).mkdir(parents=True, exist_ok=True)
        (local / region / f"{title}(2024-06-01).md").write_text(
            LOCAL_REGULATION.format(title=title, place=place), encoding="utf-8")
    pufa("import-laws", str(local), "--site", str(site), check=True)
    pufa("build", "--site", str(site), check=True)
    assert "北京市物业管理条例" not in (site / "site" / "search" / "meta.js").read_text(encoding="utf-8")
    with serve(site / "site") as base:
        p = new_page(1280, 800)
        fetched = []
        p.on("request", lambda r: fetched.append(r.url))
        p.goto(base)
        results = search(p, "物业费")
        assert docs(results)[:3] == ["浙江省物业管理条例", "云溪市物业管理条例", "北京市物业管理条例"]
        assert [r["kind"] for r in results[:2]] == ["local", "city"]
        assert not any(u.endswith("elsewhere.js") for u in fetched)
        named = search(p, "北京市物业管理条例")
        assert named[0]["doc"] == "北京市物业管理条例" and named[0]["kind"] == "elsewhere"
        assert any(u.endswith("search/elsewhere.js") for u in fetched)


def test_the_index_loads_while_the_reader_types_not_after_enter(server, new_page):
    """Focusing the box loads meta.js; a whole question typed loads the question bank,
    before the reader presses Enter; a short word does not (asks.js is 50 KB)."""
    p = new_page(1280, 800)
    fetched = []
    p.on("request", lambda r: fetched.append(r.url.split("?")[0]))
    p.goto(server)
    box = p.locator(".pufa-header-search input")
    assert not any(u.endswith("search/meta.js") for u in fetched)
    box.focus()
    p.wait_for_function("() => performance.getEntriesByType('resource').some(e => /search\\/meta\\.js$/.test(e.name))", timeout=5000)
    box.type("醉驾")
    p.wait_for_timeout(300)
    assert not any(u.endswith("search/asks.js") for u in fetched)
    box.fill("")
    box.type("老爸去世留下的债儿女要还吗")
    p.wait_for_function("() => performance.getEntriesByType('resource').some(e => /search\\/asks\\.js$/.test(e.name))")
    assert not any("/search/t/" in u for u in fetched)        # nothing is searched until Enter
    # On a phone, the search page's own box does the same.
    phone = new_page(390, 844)
    phone.goto(server + "search/")
    phone.locator("#pufa-q").type("公司不给交社保怎么办")
    phone.wait_for_function("() => performance.getEntriesByType('resource').some(e => /search\\/asks\\.js$/.test(e.name))",
                            timeout=5000)


def test_words_no_text_has_cost_no_request_once_the_bank_is_here(sample_site, server, new_page):
    """The bank's questions say 老爸, 房子 — words no article has.  Once asks.js has arrived,
    a query's such bigrams are not requested (a shard each that could find nothing)."""
    from pufa.search.text import bigrams, fnv1a

    search_dir = sample_site / "site" / "search"
    text = (search_dir / "asks.js").read_text(encoding="utf-8")
    bank = json.loads(text[text.index("(") + 1:text.rindex(")")])
    meta = (search_dir / "meta.js").read_text(encoding="utf-8")
    shards = json.loads(meta[meta.index("(") + 1:meta.rindex(")")])["shards"]
    pairs = sorted(set().union(*(bigrams(q) for q in bank["q"])))
    digit = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
    gaps = [p for i, p in enumerate(pairs) if digit.index(bank["gap"][i // 6]) >> (i % 6) & 1]
    query = next(f"{g}继承遗产" for g in gaps if fnv1a(g) % shards not in
                 {fnv1a(t) % shards for t in ("继承", "承遗", "遗产", g[1] + "继")})
    p = new_page(1280, 800)
    p.goto(server)
    before = p.evaluate("q => window.pufa.search.explain(q).then(p => p.phrases[0].terms)", query)
    assert query[:2] in before                                  # not known yet: loaded as before
    search(p, "老爸去世留下的债儿女要还吗")                        # a whole question: the bank arrives
    fetched = []
    p.on("request", lambda r: fetched.append(r.url))
    found = search(p, query)
    assert found and not any(u.endswith(f"/search/t/{fnv1a(query[:2]) % shards}.js") for u in fetched)
    after = p.evaluate("q => window.pufa.search.explain(q).then(p => p.phrases[0].terms)", query)
    assert query[:2] not in after and set(after) <= set(before)
