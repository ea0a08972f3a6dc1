"""Each content type's front matter is validated with Chinese, line-exact findings."""
import datetime as dt

import pytest

from pufa.content import types as T
from pufa.content.frontmatter import split
from pufa.content.validate import validate

LESSON_OK = """---
title: 反家庭暴力法十问
date: 2024-05-01
summary: 讲清楚人身安全保护令
audience: [妇女, 社会公众]
laws:
  - 《中华人民共和国反家庭暴力法》第二十三条
---
正文
"""


def check(text, ctype=T.LESSON, defaults=None):
    fm, findings = split(text, "content/x.md")
    assert findings == []
    return validate(fm, ctype, "content/x.md", defaults)


def test_valid_lesson_is_normalised():
    meta, findings = check(LESSON_OK)
    assert findings == []
    assert meta["date"] == dt.date(2024, 5, 1)
    assert meta["audience"] == ["妇女", "社会公众"]


def test_missing_required_field_names_field_and_line():
    meta, findings = check(LESSON_OK.replace("summary: 讲清楚人身安全保护令\n", ""))
    (f,) = findings
    assert f.is_error and f.code == "schema.missing"
    assert "摘要" in f.message and "summary" in f.message
    assert f.line == 7  # the closing '---', where the field belongs


def test_date_that_does_not_exist():
    _, findings = check(LESSON_OK.replace("2024-05-01", "2024-02-30"))
    (f,) = findings
    assert "不存在" in f.message and f.line == 3


def test_value_outside_allowed_list():
    _, findings = check(LESSON_OK.replace("[妇女, 社会公众]", "[妇女, 外星人]"))
    (f,) = findings
    assert "外星人" in f.message and "村民" in f.hint and f.line == 5


def test_unknown_field_is_a_warning_with_suggestion():
    _, findings = check(LESSON_OK.replace("date:", "tag: x\ndate:"))
    (f,) = findings
    assert not f.is_error and "tag" in f.message and "tags" in f.hint


def test_chinese_keys_are_accepted():
    text = LESSON_OK.replace("title:", "标题:").replace("summary:", "摘要:")
    meta, findings = check(text)
    assert findings == []
    assert meta["title"] == "反家庭暴力法十问" and meta["summary"].startswith("讲清楚")


def test_folder_defaults_fill_and_page_wins():
    meta, findings = check(LESSON_OK.replace("audience: [妇女, 社会公众]\n", ""),
                           defaults={"audience": ["村民"], "author": "普法办"})
    assert findings == []
    assert meta["audience"] == ["村民"] and meta["author"] == "普法办"
    meta, _ = check(LESSON_OK, defaults={"audience": ["村民"]})
    assert meta["audience"] == ["妇女", "社会公众"]


def test_village_fields():
    text = """---
title: 齐云南村
date: 2025-01-01
summary: 示范村
town: 齐云镇
level: 国家级
year_named: 二〇二〇
review_status: 保留
last_review: 2025-13-01
legal_adviser: 王某某
legal_literates: 12
mediation_committee: 有
village_rules: 有
---
"""
    _, findings = check(text, T.VILLAGE)
    messages = " ".join(f.message for f in findings)
    assert "国家级" in messages and "整数" in messages and "2025-13-01" in messages
    assert len(findings) == 3


def test_campaign_end_before_start():
    text = "---\ntitle: 宪法宣传周\nsummary: 甲\nstart: 2026-12-07\nend: 2026-12-01\n---\n"
    meta, findings = check(text, T.CAMPAIGN)
    assert [f.code for f in findings] == ["schema.range"]


def test_guide_without_phone_is_a_warning():
    text = """---
title: 公证办理
date: 2025-01-01
summary: 甲
service: 公证
basis: [《中华人民共和国公证法》第十一条]
conditions: [甲]
materials: [身份证]
steps: [申请, 受理]
time_limit: 十五个工作日
fee: 按标准收取
location: 公证处
hours: 工作日
---
"""
    _, findings = check(text, T.GUIDE)
    (f,) = findings
    assert not f.is_error and "咨询电话" in f.message


def test_party_history_partial_dates():
    base = """---
title: 一大
date: 2025-07-01
summary: 甲
period: 新民主主义革命时期
event_date: {}
format: 专题研讨
---
"""
    for ok, parts in (("1921-07-23", (1921, 7, 23)), ("1921-07", (1921, 7, 0)), ("1921", (1921, 0, 0))):
        meta, findings = check(base.format(ok), T.PARTY_HISTORY)
        assert findings == [] and meta["event_date"] == parts
    _, findings = check(base.format("1921-02-30"), T.PARTY_HISTORY)
    assert len(findings) == 1


@pytest.mark.parametrize("name", ["lesson", "lessons", "普法课堂", "guide", "办事指南", "party-history"])
def test_find_type_by_any_name(name):
    assert T.find_type(name) is not None
