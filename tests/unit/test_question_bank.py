"""The question bank: questions resolved to the unit numbers of the articles that answer them."""
from pufa.search import asks as A
from pufa.search.build import Doc, Unit


def _law(title, status, articles, index, outdated=False):
    doc = Doc(title, f"laws/{index}/", "law", status, outdated=outdated)
    units = [Unit(index, "", "", title)] + [Unit(index, f"第{n}条", f"art-{i}", f"条文{i}")
                                           for i, n in enumerate(articles, 1)]
    return doc, units


def test_questions_find_the_article_of_the_version_in_force():
    old, old_units = _law("某某法", "superseded", ["一", "二", "三"], 0, outdated=True)
    new, new_units = _law("某某法", "in-force", ["一", "二"], 1)
    bank = [A.Ask("某某法", "第二条", "问二", "asks/t.yml"), A.Ask("某某法", "第三条", "问三", "asks/t.yml"),
            A.Ask("别的法", "第一条", "问别的", "asks/t.yml")]
    found, missing = A.targets(bank, [old, new], [old_units, new_units])
    # units: 0-3 the old version, 4-6 the new one; 第二条 of the new is unit 6
    assert found == [("问二", 6)]
    assert [a.question for a in missing] == ["问三", "问别的"]


def test_a_text_revised_since_the_snapshot_still_answers():
    # 治安管理处罚法 2012: revised in 2025, the new text not imported: the only text there is.
    old, old_units = _law("某某法", "superseded", ["一", "二"], 0)
    found, missing = A.targets([A.Ask("某某法", "第二条", "问二", "asks/t.yml")], [old], [old_units])
    assert found == [("问二", 2)] and missing == []


def test_the_shipped_bank_is_well_formed():
    bank = A.bank()
    assert bank, "asks/*.yml 是空的"
    for a in bank:
        assert a.law and a.article.startswith("第") and a.article.rstrip("之一二三四五六七八九十").endswith("条"), a
        assert 6 <= len(a.question) <= 40, a
    assert len({a.question for a in bank}) == len(bank), "一个问法只能对应一条"
