"""A list typed on one line, as staff do in Word (标签：家暴，保护令; 材料：1、身份证；2、户口簿):
split into its items, and a warning with the line that says how to write it."""
from __future__ import annotations

import pytest

from pufa.content import types as T
from pufa.content.frontmatter import split
from pufa.content.validate import validate


def checked(ctype, front: str):
    fm, findings = split(f"---\n{front}\n---\n\n正文。\n", "content/x.md")
    assert not findings
    return validate(fm, ctype, "content/x.md")


@pytest.mark.parametrize("written, items", [
    ("家暴，保护令", ["家暴", "保护令"]),
    ("家暴、保护令、妇女权益", ["家暴", "保护令", "妇女权益"]),
    ("家暴, 保护令", ["家暴", "保护令"]),
    ("家暴；保护令", ["家暴", "保护令"]),
])
def test_tags_on_one_line_become_tags(written, items):
    meta, findings = checked(T.LESSON, f"title: 反家暴\ndate: 2026-03-08\nsummary: 示例\ntags: {written}")
    assert meta["tags"] == items
    [warning] = [f for f in findings if f.code == "schema.one-line-list"]
    assert not warning.is_error and warning.line == 5
    assert "已分成" in warning.message and "- 家暴" in warning.hint


def test_numbered_materials_on_one_line_become_checklist_items():
    meta, findings = checked(T.GUIDE, "title: 申请法律援助\nmaterials: 1、身份证；2、户口簿；3、经济困难证明")
    assert meta["materials"] == ["身份证", "户口簿", "经济困难证明"]
    assert any(f.code == "schema.one-line-list" and f.line == 3 for f in findings)


def test_one_item_stays_one_item():
    meta, findings = checked(T.LESSON, "title: 反家暴\ndate: 2026-03-08\nsummary: 示例\ntags: 家庭暴力")
    assert meta["tags"] == ["家庭暴力"]
    assert not [f for f in findings if f.code == "schema.one-line-list"]


def test_a_date_typed_with_full_width_hyphens_is_read_and_pointed_out():
    meta, findings = checked(T.LESSON, "title: 反家暴\ndate: 2026－03－08\nsummary: 示例")
    assert str(meta["date"]) == "2026-03-08"
    [warning] = [f for f in findings if f.code == "schema.fullwidth"]
    assert warning.line == 3 and "2026-03-08" in warning.hint and not warning.is_error


def test_a_phone_typed_full_width_gets_a_number_a_phone_can_dial():
    meta, findings = checked(T.DIRECTORY, "title: 云溪区法律援助中心\nkind: 法律援助机构\naddress: 示例地址\n"
                                          "phone: ００００－６６８８１２３５")
    assert meta["phone"] in ("0000-66881235", ["0000-66881235"])
    assert any(f.code == "schema.fullwidth" and f.line == 5 for f in findings)


def test_a_note_in_chinese_brackets_after_a_number_is_fine():
    meta, findings = checked(T.DIRECTORY, "title: 云溪区法律援助中心\nkind: 法律援助机构\naddress: 示例地址\n"
                                          "phone: 12348（热线）")
    assert not [f for f in findings if f.code == "schema.fullwidth"]


def test_a_sentence_with_a_comma_stays_one_item():
    meta, findings = checked(T.GUIDE, "title: 申请人民调解\nconditions: 双方自愿，纠纷属于民间纠纷")
    assert meta["conditions"] == ["双方自愿，纠纷属于民间纠纷"]
    assert not [f for f in findings if f.code == "schema.one-line-list"]
