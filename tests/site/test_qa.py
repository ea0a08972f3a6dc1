"""法律咨询 (Q&A): the type, its checks (Chinese, with lines), its page and its search unit."""
import datetime as dt
import shutil

import pytest

from conftest import ROOT
from pufa.check.runner import run
from pufa.content import types as T
from pufa.content.frontmatter import split
from pufa.content.validate import validate
from pufa.scaffold.archetypes import new_page
from pufa.search import build as B
from pufa.search.language import ASKING_WORDS, QUESTION_WORDS

QA_OK = """---
title: 借钱不还怎么办？
date: 2026-05-01
answer: 保存借条和转账记录，可以申请人民调解，也可以向法院起诉。
category: 借贷债务
laws:
  - 《中华人民共和国民法典》第六百七十五条
related:
  - guides/ren-min-tiao-jie.md
sample: true
---
借款人应当按照约定的期限返还借款（《中华人民共和国民法典》第六百七十五条）。
"""


def validated(text):
    fm, findings = split(text, "content/qa/x.md")
    assert findings == []
    return validate(fm, T.QA, "content/qa/x.md")


def test_qa_is_a_type_found_by_its_chinese_names():
    assert T.QA in T.TYPES
    for name in ("qa", "法律咨询", "法律问答"):
        assert T.find_type(name) is T.QA
    assert T.type_for_path("qa/jie-qian.md") is T.QA


def test_valid_qa_is_normalised():
    meta, findings = validated(QA_OK)
    assert findings == []
    assert meta["date"] == dt.date(2026, 5, 1) and meta["category"] == "借贷债务"
    assert meta["related"] == ["guides/ren-min-tiao-jie.md"]


def test_missing_answer_names_field_and_line():
    _, findings = validated(QA_OK.replace("answer: 保存借条和转账记录，可以申请人民调解，也可以向法院起诉。\n", ""))
    (f,) = findings
    assert f.is_error and f.code == "schema.missing"
    assert "简要回答" in f.message and "answer" in f.message
    assert f.line == 10  # the closing '---'


def test_unknown_category_lists_the_choices():
    _, findings = validated(QA_OK.replace("category: 借贷债务", "category: 欠钱"))
    (f,) = findings
    assert f.line == 5 and "欠钱" in f.message and "借贷债务" in f.hint


def test_chinese_keys_work():
    text = QA_OK.replace("answer:", "简要回答:").replace("category:", "类别:").replace("title:", "问题:")
    meta, findings = validated(text)
    assert findings == [] and meta["answer"].startswith("保存借条") and meta["title"] == "借钱不还怎么办？"


@pytest.fixture(scope="module")
def checked_site(tmp_path_factory):
    """The sample site with three broken Q&As, checked once."""
    site = tmp_path_factory.mktemp("qa-check")
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, site / name)
    shutil.copytree(ROOT / "content", site / "content")
    qa = site / "content" / "qa"
    (qa / "related-missing.md").write_text(QA_OK.replace(
        "  - guides/ren-min-tiao-jie.md", "  - guides/ren-min-tiao-jie.md\n  - guides/bu-cun-zai.md"), encoding="utf-8")
    (qa / "related-wrong-type.md").write_text(QA_OK.replace(
        "guides/ren-min-tiao-jie.md", "villages/lin-jiang-cun.md"), encoding="utf-8")
    (qa / "bad-cite.md").write_text(QA_OK.replace(
        "  - 《中华人民共和国民法典》第六百七十五条", "  - 《中华人民共和国民法典》第九千零一条"), encoding="utf-8")
    return run(site, today=dt.date(2026, 11, 27))


def finding(report, file, code):
    matches = [f for f in report.findings if f.file == f"content/qa/{file}" and f.code == code]
    assert matches, "\n".join(f.format() for f in report.findings if f.file.startswith("content/qa/"))
    return matches[0]


def test_related_page_that_does_not_exist(checked_site):
    f = finding(checked_site, "related-missing.md", "qa.related-missing")
    assert f.is_error and f.line == 10 and "guides/bu-cun-zai.md" in f.message and "不存在" in f.message


def test_related_page_must_be_a_guide_or_lesson(checked_site):
    f = finding(checked_site, "related-wrong-type.md", "qa.related-type")
    assert f.is_error and f.line == 9 and "民主法治示范村" in f.message and "办事指南" in f.message


def test_citation_of_an_article_that_does_not_exist(checked_site):
    f = finding(checked_site, "bad-cite.md", "cite.missing-article")
    assert f.is_error and f.line == 7 and "第九千零一条" in f.message


def test_sample_qas_check_clean(checked_site):
    ours = {"related-missing.md", "related-wrong-type.md", "bad-cite.md"}
    sample = [f for f in checked_site.findings
              if f.file.startswith("content/qa/") and f.file.rsplit("/", 1)[-1] not in ours]
    assert sample == []


def test_sample_has_twenty_marked_questions():
    files = [p for p in (ROOT / "content" / "qa").glob("*.md") if p.name != "index.md"]
    assert len(files) >= 20
    for p in files:
        fm, _ = split(p.read_text(encoding="utf-8"), p.name)
        meta, findings = validate(fm, T.QA, p.name)
        assert findings == [] and meta["sample"] is True, p.name
        assert meta["laws"] and meta["title"].endswith("？"), p.name


def test_pufa_new_qa_writes_placeholders_check_flags(tmp_path):
    (tmp_path / "content").mkdir()
    path = new_page(tmp_path, "法律咨询", "邻居占道怎么办", today=dt.date(2026, 5, 1))
    assert path == tmp_path / "content" / "qa" / "lin-ju-zhan-dao-zen-me-ban.md"
    fm, _ = split(path.read_text(encoding="utf-8"), "x.md")
    _, findings = validate(fm, T.QA, "x.md")
    assert {f.code for f in findings} == {"schema.placeholder"}
    assert any("简要回答" in f.message for f in findings)


def test_asking_words_are_question_words_or_kept_on_purpose():
    # Only 谁 and 是否 stay in the query; the rest are dropped from it as well.
    assert set(ASKING_WORDS) - set(QUESTION_WORDS) == {"谁", "是否"}


def test_unit_snippet_length_can_be_longer(tmp_path):
    answer = "孩子不满两周岁的，原则上由母亲直接抚养；两周岁以上的先由父母协商，协商不成由法院按最有利于孩子的原则判决。"
    docs = [B.Doc("离婚后孩子归谁？", "qa/li-hun/", "qa")]
    units = [B.Unit(0, "", "", "离婚后孩子归谁？ " + answer, snippet=answer, snippet_chars=120),
             B.Unit(0, "详细解答", "xiang-xi", answer, snippet=answer)]
    B.build(docs, units, tmp_path, settings=B.Settings(shards=4, snippet_chars=20))
    block = (tmp_path / "u" / "0.js").read_text(encoding="utf-8")
    assert answer in block                      # the Q&A unit: whole
    assert f'"{answer[:20]}"' in block          # an ordinary unit: cut at snippet_chars


def test_qa_page_shows_answer_first_then_laws_related_and_hotline(sample_site):
    html = (sample_site / "site" / "qa" / "li-hun-hou-hai-zi-gui-shui" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<h1"):]
    order = [body.index(s) for s in ("离婚后孩子归谁？</h1>", "简要回答", "孩子不满两周岁的", "详细解答",
                                     "法律依据", "相关指南和课程", "12348")]
    assert order == sorted(order)
    assert 'href="../../laws/min-fa-dian/min-fa-dian/#art-1084"' in body       # citations are links
    assert 'href="../../lessons/min-fa-dian-hun-yin-jia-ting/"' in body          # related lesson card
    assert "示例" in body


def test_qa_listing_filters_by_category(sample_site):
    html = (sample_site / "site" / "qa" / "index.html").read_text(encoding="utf-8")
    assert 'name="category"' in html and "劳动工资" in html and "婚姻家庭" in html
    assert 'data-category="婚姻家庭"' in html
