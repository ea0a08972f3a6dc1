"""Front matter as staff type it: mistakes are explained with the line."""
from pufa.content.frontmatter import decode, split

F = "content/lessons/a.md"


def parse(text):
    return split(text, F)


def test_fields_and_their_lines():
    fm, findings = parse("---\ntitle: 宪法十问\ndate: 2024-05-01\n---\n正文\n")
    assert findings == []
    assert fm.data == {"title": "宪法十问", "date": "2024-05-01"}  # dates stay text
    assert fm.lines == {"title": 2, "date": 3}
    assert fm.body == "正文\n" and fm.body_line == 5


def test_no_front_matter_is_all_body():
    fm, findings = parse("## 标题\n正文")
    assert findings == [] and fm.data == {} and fm.start_line is None


def test_fullwidth_colon_names_line_and_fix():
    _, findings = parse("---\ntitle: 甲\n标题：宪法十问\n---\n")
    (f,) = findings
    assert f.line == 3 and f.code == "yaml.fullwidth-colon"
    assert "全角冒号" in f.message and "标题: " in f.hint


def test_tab_indent():
    _, findings = parse("---\ntags:\n\t- 宪法\n---\n")
    assert [f.code for f in findings] == ["yaml.tab"] and findings[0].line == 3


def test_unclosed_quote_points_at_its_line():
    _, findings = parse('---\ntitle: "宪法十问\ndate: 2024-05-01\nsummary: 好\n---\n')
    (f,) = findings
    assert f.code == "yaml.unclosed-quote" and f.line == 2
    assert "引号" in f.message


def test_missing_closing_fence():
    _, findings = parse("---\ntitle: 甲\n正文\n")
    assert [f.code for f in findings] == ["yaml.unclosed"]


def test_colon_in_value():
    _, findings = parse("---\ntitle: 会议: 宪法宣传周: 开幕\n---\n")
    assert findings and findings[0].line == 2


def test_crlf_and_bom_are_accepted():
    text, findings = decode("\ufeff---\r\ntitle: 甲\r\n---\r\n正文".encode("utf-8"), F)
    assert findings == []
    fm, findings = parse(text)
    assert findings == [] and fm.data == {"title": "甲"}


def test_gbk_file_is_named_with_a_fix():
    raw = "---\ntitle: 反家庭暴力法十问\n---\n正文".encode("gbk")
    text, findings = decode(raw, F)
    assert text is None
    (f,) = findings
    assert "GBK" in f.message and "pufa check --fix" in f.hint and f.line == 2


def test_duplicate_field():
    _, findings = parse("---\ntitle: 甲\ndate: 2024-01-01\ntitle: 乙\n---\n")
    (f,) = findings
    assert f.code == "yaml.duplicate" and f.line == 4 and "第 2 行" in f.message
