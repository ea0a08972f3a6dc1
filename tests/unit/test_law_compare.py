"""新旧对照: articles matched across renumbering by their text (pufa.laws.compare)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from pufa.laws import compare as K
from pufa.laws import corpus
from pufa.laws.numerals import article_key

CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
PAIRS = {
    "行政复议法": ("诉讼与非诉讼程序法/行政复议法(2017-09-01).md", "诉讼与非诉讼程序法/行政复议法(2023-09-01).md"),
    "公司法": ("民法商法/公司法(2018-10-26).md", "民法商法/公司法(2023-12-29).md"),
    "妇女权益保障法": ("社会法/妇女权益保障法(2018-10-26).md", "社会法/妇女权益保障法(2022-10-30).md"),
}
# An article each pair moved without changing a word: (old number, new number).
RENUMBERED = {"行政复议法": ("第四十一条", "第八十九条"), "公司法": ("第十条", "第八条"),
              "妇女权益保障法": ("第九条", "第十二条")}


def load(rel: str) -> corpus.LawDoc:
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"法律语料不在 {CORPUS}")
    return corpus.parse(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module", params=sorted(PAIRS))
def pair(request):
    old, new = (load(p) for p in PAIRS[request.param])
    return request.param, old, new, K.compare(old, new)


def test_a_renumbered_unchanged_article_is_matched_not_deleted_and_added(pair):
    name, old, new, result = pair
    before, after = (article_key(x) for x in RENUMBERED[name])
    p = result.new_key_for(before)
    assert p is not None and p.kind == K.RENUMBERED and p.new.key == after
    assert not any(q.kind in (K.ADDED, K.DELETED) and (q.new or q.old).key in (before, after)
                   for q in result.pairs if (q.new and q.new.key == after) or (q.old and q.old.key == before))


def test_every_article_appears_once_and_identical_texts_always_pair(pair):
    _, old, new, result = pair
    assert sorted(p.new.key for p in result.pairs if p.new) == sorted(a.key for a in new.articles)
    assert sorted(p.old.key for p in result.pairs if p.old) == sorted(a.key for a in old.articles)
    added = {K.normal(p.new.text) for p in result.pairs if p.kind == K.ADDED}
    deleted = {K.normal(p.old.text) for p in result.pairs if p.kind == K.DELETED}
    assert not added & deleted
    # In the new version's order.
    news = [p.new.key for p in result.pairs if p.new]
    assert news == [a.key for a in new.articles]


def test_changed_words_are_marked_item_by_item():
    old, new = (load(p) for p in PAIRS["行政复议法"])
    result = K.compare(old, new)
    p = result.new_key_for(article_key("第十一条"))          # 口头申请 kept, 书面申请有困难的 added
    assert p.kind == K.CHANGED and p.new.label == "第二十二条"
    items = K.items_html(p.old, p.new)
    assert "<ins>" in items[0] and "书面申请有困难的" in items[0]
    assert "<del>" in items[0]
    assert any(r.startswith("<ins>") and r.endswith("</ins>") for r in items[1:])    # a whole item added


def test_a_redline_keeps_no_stray_single_characters():
    """公司股东<del>依法享</del>有<del>资产收益…</del>: a lone shared character between two changes
    is folded into them, so each side reads as words."""
    line = K.redline("公司股东依法享有资产收益、参与重大决策和选择管理者等权利。",
                     "有限责任公司的股东以其认缴的出资额为限对公司承担责任。")
    assert "</del>有<del>" not in line and "</ins>有<ins>" not in line
    # Each text reads back whole from its side of the redline.
    import re
    as_old = re.sub(r"<ins>.*?</ins>", "", line).replace("<del>", "").replace("</del>", "")
    as_new = re.sub(r"<del>.*?</del>", "", line).replace("<ins>", "").replace("</ins>", "")
    assert as_old == "公司股东依法享有资产收益、参与重大决策和选择管理者等权利。"
    assert as_new == "有限责任公司的股东以其认缴的出资额为限对公司承担责任。"


def test_text_is_escaped():
    a = corpus.Article((1, 0), "第一条", ["旧<b>文本</b>"])
    b = corpus.Article((1, 0), "第一条", ["新<script>文本</script>"])
    for text in K.items_html(a, b):
        bare = text
        for tag in ("<del>", "</del>", "<ins>", "</ins>"):
            bare = bare.replace(tag, "")
        assert "<" not in bare and "&lt;" in bare
