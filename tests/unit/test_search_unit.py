"""The search index, built in Python, read the way search.js reads it."""
import json
import re

import pytest

from pufa.search import build as B
from pufa.search.text import fnv1a, terms

ALPHABET = B.ALPHABET


def test_terms_are_bigrams_and_ascii_words():
    assert terms("民法典") == ["民法", "法典"]
    assert terms("醉驾，12348 APP") == ["醉驾", "12348", "app"]
    assert terms("法") == ["法"]
    assert terms("《刑法》第20条") == ["刑法", "第", "20", "条"]
    assert terms("ＡＢＣ１２") == ["abc12"]     # full width folds as NFKC does


def test_hash_is_utf16_fnv1a():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C           # the published FNV-1a test vector
    assert fnv1a("民法") == fnv1a("民法") and fnv1a("民法") != fnv1a("法民")


def decode(encoded: str, scale: float) -> list[tuple[int, float]]:
    digits = {c: i for i, c in enumerate(ALPHABET)}
    out, unit, i = [], 0, 0
    while i < len(encoded):
        value, shift = 0, 0
        while True:
            d = digits[encoded[i]]
            i += 1
            value += (d & 31) << shift
            shift += 5
            if not d & 32:
                break
        unit += value
        out.append((unit, scale * digits[encoded[i]] / 63))
        i += 1
    return out


def test_varints_round_trip():
    values = __import__("numpy").array([0, 1, 31, 32, 1023, 1024, 70000, 5], dtype="int64")
    impacts = __import__("numpy").array([1, 63, 2, 3, 4, 5, 6, 7], dtype="int64")
    data, ends = B._encode_varints(values, impacts)
    text = data.decode()
    got = decode(text, 63.0)
    assert [u for u, _ in got] == list(__import__("numpy").cumsum(values))
    assert [round(s) for _, s in got] == list(impacts)


@pytest.fixture
def small_index(tmp_path):
    docs = [B.Doc("中华人民共和国刑法", "laws/xing-fa/", "law"), B.Doc("醉驾的处罚", "lessons/zui-jia/", "lesson")]
    units = [
        B.Unit(0, "", "", "中华人民共和国刑法"),
        B.Unit(0, "第一百三十三条之一", "art-133-1", "在道路上驾驶机动车，醉酒驾驶机动车的，处拘役，并处罚金。"),
        B.Unit(0, "第二十条", "art-20", "为了使国家、公共利益、本人或者他人的人身、财产和其他权利免受正在进行的不法侵害，而采取的制止不法侵害的行为，属于正当防卫。"),
        B.Unit(1, "", "", "醉驾的处罚 酒后不开车。"),
    ]
    docs[0].first_article, docs[0].articles, docs[0].irregular = 1, 2, [[0, 133, 1], [1, 20, 0]]
    stats = B.build(docs, units, tmp_path / "search", extra={"syn": {}},
                    settings=B.Settings(shards=8, block_size=2))
    return tmp_path / "search", stats


def load(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"pufaSearch\.(\w+)\((.*)\);\n$", text, re.S)
    return m.group(1), json.loads("[" + m.group(2) + "]")


def test_index_files_and_postings(small_index):
    out, stats = small_index
    assert stats.docs == 2 and stats.units == 4
    assert sorted(p.name for p in out.iterdir()) == ["f", "meta.js", "pinyin.js", "t", "u"]
    assert len(list((out / "t").iterdir())) == 8 and len(list((out / "u").iterdir())) == 2
    shard = fnv1a("醉酒") % 8
    _, (n, data) = load(out / "t" / f"{shard}.js")
    assert n == shard
    entries = dict(e.split(":", 1) for e in data.split(" "))
    encoded = entries["醉酒"]
    assert [u for u, _ in decode(encoded[2:], B.decode_scale(encoded[:2]))] == [1]
    _, (n, rows, urls) = load(out / "u" / "0.js")
    # Article labels are rebuilt from meta.js in the browser; sections keep theirs.
    assert rows[1][0] == "" and rows[1][1].startswith("在道路上驾驶机动车")
    # The URLs of the block's documents ride with the block, not in meta.js (every first query loads it).
    assert urls["0"] == "laws/xing-fa/"
    _, (meta,) = load(out / "meta.js")
    assert B.read_docs(meta)[0][:7] == ["中华人民共和国刑法", "", 0, 0, 0, 1, 2]
    assert B.read_docs(meta)[1][4] == 3


def test_pruning_keeps_the_highest_impacts():
    docs = [B.Doc("d", "d/", "law")]
    units = [B.Unit(0, f"第{i}条", f"art-{i}", "合同" + "的" * i) for i in range(1, 40)]
    codes, term_of, p_unit, impact, _ = B.postings(units, B.Settings(max_postings=5))
    hetong = [i for i, c in enumerate(codes.tolist()) if c == B.BIGRAM_BASE + (ord("合") - B.CJK_LO) * B.SPAN + ord("同") - B.CJK_LO]
    kept = p_unit[term_of == hetong[0]].tolist()
    assert kept == [0, 1, 2, 3, 4]   # the shortest units: highest BM25 impact


def test_pruning_spares_the_sites_own_pages():
    """A lawyer's page that says 合同 stays findable however many articles say it better."""
    docs = [B.Doc("d", "d/", "law"), B.Doc("律师", "directory/x/", "directory")]
    units = [B.Unit(0, f"第{i}条", f"art-{i}", "合同" + "的" * i) for i in range(1, 40)]
    units.append(B.Unit(1, "", "", "合同" + "的" * 80))          # longest: the lowest impact
    hetong = B.BIGRAM_BASE + (ord("合") - B.CJK_LO) * B.SPAN + ord("同") - B.CJK_LO
    for keep_from, expected in ((None, [0, 1, 2, 3, 4]), (39, [0, 1, 2, 3, 4, 39])):
        codes, term_of, p_unit, impact, _ = B.postings(units, B.Settings(max_postings=5, keep_units_from=keep_from))
        t = codes.tolist().index(hetong)
        assert p_unit[term_of == t].tolist() == expected


def test_a_small_site_gets_few_shards_and_the_library_many(tmp_path):
    """A sample site's service worker saves every shard: 16 files, not 2048."""
    units = [B.Unit(0, "", "", "民法典"), B.Unit(0, "第一条", "art-1", "为了保护民事主体的合法权益")]
    B.build([B.Doc("民法典", "laws/min-fa-dian/", "law")], units, tmp_path / "s", extra={"syn": {}},
            settings=B.Settings(shards=2048))
    assert len(list((tmp_path / "s" / "t").iterdir())) == 16
    assert load(tmp_path / "s" / "meta.js")[1][0]["shards"] == 16
    assert B.shard_count(66_000, 2048) == 2048 and B.shard_count(4838, 2048) == 256


def test_a_long_article_keeps_its_own_best_words():
    """Document-centric pruning: 刑事诉讼法 第九十一条 is long, so it is not among 拘留's
    best units, yet 拘留 is one of its own best words: it keeps that posting."""
    units = [B.Unit(0, f"第{i}条", f"art-{i}", "拘留" + "的" * i) for i in range(1, 40)]
    units.append(B.Unit(0, "第九十一条", "art-91", "拘留拘留拘留" + "的" * 120))
    juliu = B.BIGRAM_BASE + (ord("拘") - B.CJK_LO) * B.SPAN + ord("留") - B.CJK_LO

    def kept(unit_terms):
        settings = B.Settings(max_postings=5, unit_terms=unit_terms)
        pairs = B.term_pairs(units, 0, B.AsciiTerms())
        avgdl = float(pairs.unit_len.mean())
        floors = B.unit_floors([pairs], settings, avgdl, len(units))
        codes, _, df, p_unit, _, sel = B._score_terms(pairs, settings, avgdl, floors)
        t = codes.tolist().index(juliu)
        return [int(u) for u, term in zip(p_unit[sel], np.repeat(np.arange(len(codes)), df)[sel]) if term == t]

    np = __import__("numpy")
    assert 39 not in kept(0)
    assert kept(0) == [0, 1, 2, 3, 4]
    # (its three best: 留拘, which only it holds, 拘留 and 的的)
    assert 39 in kept(3) and set(kept(3)) >= {0, 1, 2, 3, 4}


def test_scales_survive_their_encoding():
    import numpy as np
    values = np.array([0.01, 0.5, 1.0, 7.3, 42.0, 350.0])
    for v, code in zip(values, B.encode_scales(values)):
        assert abs(B.decode_scale(code) - v) / v < 0.002


def test_thread_fallback_builds_the_same_index(tmp_path, monkeypatch):
    """Where fork is not used (Windows, pufa serve) the law index is built on a thread."""
    import hashlib

    from conftest import copy_sample
    from pufa import engine
    import pufa.search.site_index as site_index

    def digest(site):
        h = hashlib.sha256()
        for p in sorted((site / "site" / "search").rglob("*.js")):
            if not p.name.startswith("search."):      # (the script, not the index)
                h.update(p.read_bytes())
        return h.hexdigest()

    a = copy_sample(tmp_path / "a")
    engine.build(a, echo=lambda *x: None)
    b = copy_sample(tmp_path / "b")
    monkeypatch.setattr(site_index.threading, "active_count", lambda: 2)
    engine.build(b, echo=lambda *x: None)
    assert digest(a) == digest(b)


def test_term_pairs_in_chunks_equal_one_pass():
    """A big library is indexed chunk by chunk (bounded memory): the pairs are the same."""
    import random

    random.seed(7)
    chars = "中华人民共和国宪法法律援助劳动合同工资拖欠离婚财产继承遗嘱交通事故赔偿 ab 12348 "
    units = [B.Unit(0, "", "", "".join(random.choice(chars) for _ in range(random.randint(0, 300))))
             for _ in range(2000)]
    whole = B.term_pairs(units, 3, B.AsciiTerms())
    saved = B.CHUNK_CHARS
    try:
        B.CHUNK_CHARS = 3000
        chunked = B.term_pairs(units, 3, B.AsciiTerms())
    finally:
        B.CHUNK_CHARS = saved
    assert (whole.keys == chunked.keys).all() and (whole.tf == chunked.tf).all()
    assert (whole.unit_len == chunked.unit_len).all() and len(whole.keys) > 100_000


def test_an_index_made_a_range_of_terms_at_a_time_is_the_same_index(tmp_path, monkeypatch):
    """A library's pairs stay in sorted runs on disk and are scored a few
    million at a time (memory that does not grow with the library): the
    files written are byte for byte those of one pass over all pairs."""
    import random

    random.seed(11)
    chars = "中华人民共和国宪法法律援助劳动合同工资拖欠离婚财产继承遗嘱交通事故赔偿醉酒驾驶 ab 12348 "
    units = [B.Unit(i // 20, "", "", "".join(random.choice(chars) for _ in range(random.randint(0, 300))))
             for i in range(2000)]
    docs = [B.Doc(f"文件{n}", f"d{n}/", "law") for n in range(100)]
    phrases = {"醉驾": ["醉酒驾驶"], "欠薪": ["拖欠工资", "工资"]}
    settings = B.Settings(max_postings=40, shards=8, unit_terms=6)

    def written(out):
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    one = tmp_path / "one"
    terms = B.AsciiTerms()
    B.IndexWriter(one, settings).finish(docs, units, B.term_pairs(units, 0, terms), terms, phrases=phrases)

    monkeypatch.setattr(B, "CHUNK_CHARS", 5000)
    monkeypatch.setattr(B, "SLICE_PAIRS", 20_000)
    streamed, spill = tmp_path / "streamed", tmp_path / "spill"
    spill.mkdir()
    terms = B.AsciiTerms()
    runs = B.pair_runs(units[:1500], 0, terms, spill=spill).extend(B.pair_runs(units[1500:], 1500, terms))
    assert len(runs.parts) > 20 and len(runs) > 100_000
    ranges = []
    whole = B.slices
    monkeypatch.setattr(B, "slices", lambda r: (ranges.append(p) or p for p in whole(r)))
    B.IndexWriter(streamed, settings).finish(docs, units, runs, terms, phrases=phrases)
    assert len(ranges) > 4

    assert written(one) == written(streamed)
    assert list(spill.iterdir()) == []           # the runs' files are gone


# ---- figures (pufa/search/figures.py): what kind of number an article states ----

from pufa.search import figures  # noqa: E402


def test_figure_kinds_of_article_text():
    assert figures.kinds("劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。") == ["day"]
    assert figures.kinds("试用期不得超过六个月") == ["month"]
    assert figures.kinds("处五日以上十日以下拘留，并处二百元以上五百元以下罚款") == ["day", "money"]
    assert figures.kinds("结婚年龄，男不得早于二十二周岁") == ["age"]
    assert figures.kinds("每日按罚款数额的百分之三加处罚款") == ["pct"]
    assert figures.kinds("记12分") == ["score"]
    assert figures.kinds("支付二倍的工资") == ["times"]
    # Dates and article references are no figures of a rule; nor is 年度.
    assert figures.kinds("2020年5月28日通过，依照本法第十二条") == []
    assert figures.kinds("依照第三十条的规定，每年度报告") == []


def test_figure_clip_is_the_clause_that_states_it():
    text = "国家建立基本养老保险制度，参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。"
    clip = figures.clip(text, 20)
    assert "十五年" in clip and clip.startswith("达到法定退休年龄时")
    assert figures.clip("十五年以上", 20) == ""          # the snippet already shows it
    assert figures.clip("没有数字的条文", 0) == ""


def test_figure_files_list_the_units_that_state_one(tmp_path):
    docs = [B.Doc("中华人民共和国劳动合同法", "laws/ldht/", "law")]
    long_head = "用人单位与劳动者协商一致，并经过了很长很长很长的一段说明文字之后，"
    units = [B.Unit(0, "", "", "中华人民共和国劳动合同法"),
             B.Unit(0, "第十九条", "art-19", "试用期不得超过六个月。"),
             B.Unit(0, "第三十七条", "art-37", long_head + "劳动者提前三十日以书面形式通知用人单位。"),
             B.Unit(0, "第三条", "art-3", "订立劳动合同，应当遵循合法、公平的原则。")]
    docs[0].first_article, docs[0].articles = 1, 3
    B.build(docs, units, tmp_path / "s", extra={"syn": {}}, settings=B.Settings(shards=4, block_size=8))
    digits = {c: i for i, c in enumerate(ALPHABET)}

    def units_of(kind):
        name, (k, data) = load(tmp_path / "s" / "f" / f"{kind}.js")
        assert name == "f" and k == kind
        out, unit, value, shift = [], 0, 0, 0
        for c in data:
            d = digits[c]
            value += (d & 31) << shift
            shift += 5
            if not d & 32:
                unit += value
                out.append(unit)
                value, shift = 0, 0
        return out

    assert units_of("month") == [1] and units_of("day") == [2] and units_of("age") == []
    _, (_, rows, _) = load(tmp_path / "s" / "u" / "0.js")
    assert len(rows[1]) == 2                        # the snippet shows 六个月
    assert rows[2][2] == "" and "三十日" in rows[2][3]   # the clause with 三十日 rides along
    _, (meta,) = load(tmp_path / "s" / "meta.js")
    assert meta["fig"] == list(figures.KINDS)


def test_anchor_text_is_the_sentence_around_a_citation():
    from pufa.search import collect

    docs = [B.Doc("中华人民共和国民法典", "laws/mfd/", "law"),
            B.Doc("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）", "laws/hyjt1/", "interpretation")]
    law = [B.Unit(0, "", "", "中华人民共和国民法典"),
           B.Unit(0, "第一千零六十三条", "art-1063", "下列财产为夫妻一方的个人财产：一方的婚前财产")]
    interp = [B.Unit(1, "第三十一条", "art-31",
                     "民法典第一千零六十三条规定为夫妻一方的个人财产，不因婚姻关系的延续而转化为夫妻共同财产。另一句。")]
    names = {"民法典": "中华人民共和国民法典"}
    lent = collect.anchor_texts(docs, [law, interp], names.get)
    assert list(lent) == [(0, 1)]
    (words,) = lent[(0, 1)]
    assert "婚姻关系的延续" in words and "第一千零六十三条" not in words and "另一句" not in words


def test_local_regulations_rank_by_the_sites_region():
    """On a 浙江 site, 浙江's regulations sit beside national law; Beijing's below every legal text."""
    from pufa.laws.library import category_of, region_of, region_slug
    from pufa.laws.corpus import LawDoc
    from pufa.laws.library import LawEntry
    from pufa.search.collect import law_kind

    assert region_of("浙江省") == "浙江" and region_of("广西壮族自治区") == "广西" and region_of("火星") is None
    assert region_slug("陕西") != region_slug("山西")
    assert category_of("laws/di-fang-xing-fa-gui/zhe-jiang/wen-zhou-wu-ye.md") == ("地方性法规", "浙江")
    province = LawEntry(LawDoc(title="浙江省物业管理条例"), "laws/di-fang-xing-fa-gui/zhe-jiang/b.md", "地方性法规", "浙江")
    zhejiang = LawEntry(LawDoc(title="温州市物业管理条例"), "laws/di-fang-xing-fa-gui/zhe-jiang/a.md", "地方性法规", "浙江")
    beijing = LawEntry(LawDoc(title="北京市物业管理条例"), "laws/di-fang-xing-fa-gui/bei-jing/a.md", "地方性法规", "北京")
    national = LawEntry(LawDoc(title="中华人民共和国民法典"), "laws/min-fa-dian/a.md", "民法典")
    assert [law_kind(e, "浙江") for e in (province, zhejiang, beijing, national)] == ["local", "city", "elsewhere", "law"]
    assert law_kind(zhejiang, "") == "elsewhere"          # a site that says no region: none is its own
    assert law_kind(beijing, "北京") == "local"           # a municipality's regulations bind all of it
    js = (B.__file__.rsplit("/", 2)[0] + "/browser/search.js")
    prior = re.search(r"var KIND_PRIOR = \{(.*?)\};", open(js, encoding="utf-8").read(), re.S).group(1)
    value = {k: float(v) for k, v in re.findall(r"\"?(\w+)\"?: (-?[\d.]+)", prior)}
    assert value["elsewhere"] < min(value["case"], value["rule"])
    # Own region's regulations beside national law, above the other national texts.
    assert abs(value["local"] - value["law"]) < 0.05 and abs(value["city"] - value["law"]) < 0.05
    assert min(value["local"], value["city"]) > max(value["regulation"], value["interpretation"])
    assert {"local", "city", "elsewhere"} <= set(B.KINDS)


def test_other_regions_titles_wait_in_elsewhere_js_and_their_blocks(tmp_path):
    """meta.js, loaded by every first query, leaves other regions' titles out: they ride
    in their units' blocks and in elsewhere.js, which a query naming their place loads."""
    from pufa import pwa

    docs = [B.Doc("中华人民共和国民法典", "laws/mfd/", "law"),
            B.Doc("云溪市物业管理条例", "laws/yx/", "local"),
            B.Doc("北京市物业管理条例", "laws/bj/", "elsewhere"),
            B.Doc("深圳经济特区物业管理条例", "laws/sz/", "elsewhere"),
            B.Doc("交物业费的那些事", "lessons/wy/", "lesson")]
    units = [B.Unit(i, "", "", f"{d.title} 物业费") for i, d in enumerate(docs)]
    B.build(docs, units, tmp_path / "search", settings=B.Settings(shards=4, block_size=1))
    _, (meta,) = load(tmp_path / "search" / "meta.js")
    assert [row[0] for row in B.read_docs(meta)] == ["中华人民共和国民法典", "云溪市物业管理条例", "", "", "交物业费的那些事"]
    assert [row[4] for row in B.read_docs(meta)] == [0, 1, 2, 3, 4]
    assert meta["places"] == ["北京", "深圳"]
    _, (far,) = load(tmp_path / "search" / "elsewhere.js")
    assert far == {"d": [2, 1], "t": "北京市物业管理条例\n深圳经济特区物业管理条例"}
    _, (_, rows, urls, titles) = load(tmp_path / "search" / "u" / "2.js")
    assert urls == {"2": "laws/bj/"} and titles == {"2": "北京市物业管理条例"}
    assert len(load(tmp_path / "search" / "u" / "1.js")[1]) == 3        # a title in meta.js rides nowhere else
    # The offline worker saves the blocks of pages, not of laws of any region.
    assert pwa._page_blocks(tmp_path) == [4]
    assert B.places_of(["关于加强物业管理的决定", "广东省物业管理条例"]) == ["广东"]


def test_meta_js_counts_units_only_where_a_laws_articles_do_not_say_it():
    """A law's units are its preamble and its articles: meta.js leaves their count
    out (4 KB of every first query); pages and cases keep theirs, in order."""
    law = B.Doc("中华人民共和国民法典", "laws/mfd/", "law", first_article=1, articles=3)
    page = B.Doc("交物业费的那些事", "lessons/wy/", "lesson")
    odd = B.Doc("某条例", "laws/odd/", "regulation", first_article=1, articles=2)   # one unit more
    case = B.Doc("指导案例1号", "laws/case/", "case")
    starts = [0, 4, 6, 10, 13]
    columns = B.doc_columns([law, page, odd, case], starts)
    assert columns["n"] == [2, 3] and columns["m"] == {"2": 4}
    assert [row[4] for row in B.read_docs({"docs": columns})] == [0, 4, 6, 10]


def test_an_expansion_rides_in_the_shard_of_its_keys_first_term(tmp_path):
    """醉驾's precomputed evidence ("#醉驾") sits in the shard of 醉驾, which a query
    saying 醉驾 loads anyway: no request of its own."""
    from pufa.search.text import shard_term

    docs = [B.Doc("中华人民共和国刑法", "laws/xf/", "law")]
    units = [B.Unit(0, "第一百三十三条之一", "art-133-1", "在道路上醉酒驾驶机动车的，处拘役，并处罚金。")]
    B.build(docs, units, tmp_path / "search", settings=B.Settings(shards=64, block_size=4),
            phrases={"醉驾": ["醉酒驾驶"]})
    assert shard_term("#醉驾") == "醉驾" and shard_term("醉酒") == "醉酒" and shard_term("#") == "#"
    _, (meta,) = load(tmp_path / "search" / "meta.js")
    home = fnv1a("醉驾") % meta["shards"]
    assert fnv1a("#醉驾") % meta["shards"] != home        # (else this test would prove nothing)
    _, (n, entries) = load(tmp_path / "search" / "t" / f"{home}.js")
    assert n == home and any(e.startswith("#醉驾:") for e in entries.split(" "))


def test_the_banks_unindexed_bigrams_are_marked_in_code_order():
    """asks.js marks which bigrams of the bank's questions no indexed text has (老爸, 房子):
    bit i of the sorted bigrams; search.js rebuilds the same order from the questions."""
    from pufa.search.asks import unindexed

    questions = ["老爸去世了", "房子漏水"]
    pairs = sorted({"老爸", "爸去", "去世", "世了", "房子", "子漏", "漏水"})
    bits = unindexed(questions, {"去世", "漏水"})
    value = B.ALPHABET.index(bits[0]) | (B.ALPHABET.index(bits[1]) << 6)
    assert len(bits) == 2 and [p for i, p in enumerate(pairs) if not value >> i & 1] == ["去世", "漏水"]
    assert unindexed([], set()) == ""
