"""Law library building blocks: numerals, the corpus format, citations, status."""
import datetime as dt

import pytest

from pufa.laws import corpus
from pufa.laws.citations import find
from pufa.laws.numerals import anchor, article_key, cn_to_int, int_to_cn, label


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百零五", 105), ("一百一十", 110),
    ("一百三十三", 133), ("一千零七十七", 1077), ("一千零一十", 1010), ("一千二百六十", 1260),
    ("两千", 2000), ("九千", 9000), ("一万零一", 10001), ("一〇七七", 1077), ("1077", 1077), ("１０７７", 1077),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


def test_round_trip_every_article_number():
    for n in range(1, 3000):
        assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize("text", ["", "第", "条", "abc", "一x"])
def test_not_numbers(text):
    assert cn_to_int(text) is None


def test_article_keys_and_anchors():
    assert article_key("第一千零七十七条") == (1077, 0)
    assert anchor(article_key("第一千零七十七条")) == "art-1077"
    assert anchor(article_key("第一百三十三条之一")) == "art-133-1"
    assert article_key("第1077条") == (1077, 0)
    assert label((133, 1)) == "第一百三十三条之一"
    assert article_key("第零条") is None and article_key("第一千零七十七") is None


DOC = """# 中华人民共和国刑法

1979年7月1日 第五届全国人民代表大会第二次会议通过

1997年3月14日 第八届全国人民代表大会第五次会议修订

<!-- INFO END -->

## 第二编 分则

### 第二章 危害公共安全罪

第一百三十三条 违反交通运输管理法规，因而发生重大事故的，处三年以下有期徒刑。

第一百三十三条之一　在道路上驾驶机动车，有下列情形之一的，处拘役：

（一）追逐竞驶，情节恶劣的；

<!-- FORCE BREAK -->

（二）醉酒驾驶机动车的；

## 附则

第四百五十二条 本法自1997年10月1日起施行。
"""


def test_parse_corpus_document():
    doc = corpus.parse(DOC, "刑法.md")
    assert doc.title == "中华人民共和国刑法" and doc.part is None
    assert doc.version == dt.date(1997, 3, 14)   # latest date in the history
    assert len(doc.history) == 2
    assert [a.id for a in doc.articles] == ["art-133", "art-133-1", "art-452"]
    art = doc.article((133, 1))
    assert art.paragraphs == ["在道路上驾驶机动车，有下列情形之一的，处拘役：", "（一）追逐竞驶，情节恶劣的；",
                              "（二）醉酒驾驶机动车的；"]
    assert [(h.level, h.text, h.id) for h in doc.headings] == [
        (2, "第二编 分则", "bian-2"), (3, "第二章 危害公共安全罪", "bian-2-zhang-2"), (2, "附则", "h-3")]


def test_version_from_file_name_wins():
    doc = corpus.parse(DOC, "刑法(2023-12-29).md")
    assert doc.version == dt.date(2023, 12, 29)


def test_parts_merge_in_article_order():
    part = "# 中华人民共和国民法典\n\n# {name}\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n## 第一章 一般规定\n\n{arts}\n"
    a = corpus.parse(part.format(name="婚姻家庭编", arts="第一千零四十条 本编调整……"))
    b = corpus.parse(part.format(name="总则", arts="第一条 为了……\n\n第二条 民法调整……"))
    merged = corpus.merge_parts([a, b])
    assert merged.title == "中华人民共和国民法典"
    assert [x.id for x in merged.articles] == ["art-1", "art-2", "art-1040"]
    tops = [h.text for h in merged.headings if h.level == 2]
    assert tops == ["总则", "婚姻家庭编"]
    ids = [h.id for h in merged.headings]
    assert len(ids) == len(set(ids))  # chapters restart per part; ids stay unique
    again = corpus.parse(corpus.to_markdown(merged))
    assert [x.id for x in again.articles] == ["art-1", "art-2", "art-1040"]


ALIASES = {"民法典": "中华人民共和国民法典", "中华人民共和国民法典": "中华人民共和国民法典",
           "刑法": "中华人民共和国刑法", "劳动合同法": "中华人民共和国劳动合同法"}


def cites(text, own=None):
    return [(c.title, c.key, c.clause, text[c.start:c.end]) for c in find(text, ALIASES.get, own)]


def test_citation_forms():
    assert cites("依据《中华人民共和国民法典》第一千零七十七条规定") == [
        ("中华人民共和国民法典", (1077, 0), None, "《中华人民共和国民法典》第一千零七十七条")]
    assert cites("《民法典》第1077条第二款") == [("中华人民共和国民法典", (1077, 0), 2, "《民法典》第1077条第二款")]
    assert cites("按照民法典第一千零七十七条第二款") == [
        ("中华人民共和国民法典", (1077, 0), 2, "民法典第一千零七十七条第二款")]
    assert cites("《刑法》第一百三十三条之一") == [("中华人民共和国刑法", (133, 1), None, "《刑法》第一百三十三条之一")]


def test_citation_continuation_and_self():
    got = cites("《民法典》第一千零七十七条、第一千零七十八条和第一千零七十九条")
    assert [k for _, k, _, _ in got] == [(1077, 0), (1078, 0), (1079, 0)]
    assert cites("依照本法第二十条", own="X") == [("X", (20, 0), None, "本法第二十条")]
    assert cites("违反第三条的规定") == []          # no law named: not a citation
    assert cites("《某某条例》第三条")[0][0] is None  # named but unknown


def test_no_false_citations_in_plain_text():
    assert cites("第三条街的王大爷") == [] and cites("劳动合同第三十九条约定") == []
