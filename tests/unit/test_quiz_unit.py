"""Self-test quiz blocks: parsing, what `pufa check` reports, and the form they become."""
from __future__ import annotations

import json

import pytest

from conftest import copy_sample, pufa
from pufa.content import quiz

GOOD = """\
前面的正文。

```quiz
- 题目: 协议离婚的冷静期是多少日？
  类型: 单选
  选项: [十五日, 三十日, 六十日]
  答案: B
  解析: 三十日内任何一方不愿意离婚的，可以撤回申请。
  依据: 《中华人民共和国民法典》第一千零七十七条
- question: 哪些是夫妻共同债务？
  type: 多选
  options:
    - 双方共同签字借的
    - 一方为家庭日常生活需要借的
    - 一方瞒着对方借来打赏主播的
  answer: A、B
  explanation: 见第一千零六十四条。
  citation: 《中华人民共和国民法典》第一千零六十四条
- 题目: 起诉离婚也要经过三十日冷静期。
  类型: 判断
  答案: 错
  解析: 冷静期只适用于登记离婚。
  依据: 《中华人民共和国民法典》第一千零七十七条
```

后面的正文。
"""


def one_block(text: str, body_line: int = 10):
    [block] = quiz.blocks(text)
    findings = quiz.parse(block, "content/lessons/a.md", body_line)
    return block.questions, findings


def test_a_good_quiz():
    questions, findings = one_block(GOOD)
    assert findings == []
    assert [q.kind for q in questions] == ["single", "multiple", "truefalse"]
    assert questions[0].answer == (1,) and questions[1].answer == (0, 1) and questions[2].answer == (1,)
    assert questions[2].options == ["对", "错"]
    # Lines are the file's: body starts at line 10, the fence is body line 3.
    assert [q.line for q in questions] == [13, 19, 28]


def quiz_text(item: str) -> str:
    return "```quiz\n" + item + "```\n"


@pytest.mark.parametrize("item, code, severity", [
    ("- 题目: 几日？\n  类型: 单选\n  选项: [一, 二]\n", "quiz.answer", "错误"),
    ("- 题目: 几日？\n  类型: 单选\n  选项: [一, 二, 一]\n  答案: A\n", "quiz.duplicate-option", "错误"),
    ("- 题目: 几日？\n  类型: 单选\n  选项: [一, 二]\n  答案: AB\n", "quiz.answer", "错误"),
    ("- 题目: 几日？\n  类型: 单选\n  选项: [一, 二]\n  答案: C\n", "quiz.answer", "错误"),
    ("- 题目: 几日？\n  类型: 填空\n  答案: 三十\n", "quiz.type", "错误"),
    ("- 类型: 判断\n  答案: 对\n", "quiz.question", "错误"),
    ("- 题目: 对吗？\n  类型: 判断\n  答案: 也许\n", "quiz.answer", "错误"),
    ("- 题目: 几日？\n  类型: 单选\n  选项: [一]\n  答案: A\n", "quiz.options", "错误"),
    ("- 题目: 哪些？\n  类型: 多选\n  选项: [一, 二, 三]\n  答案: B\n  解析: x\n  依据: y\n",
     "quiz.answer", "警告"),
    ("- 题目: 对吗？\n  类型: 判断\n  答案: 对\n  依据: y\n", "quiz.explanation", "警告"),
    ("- 题目: 对吗\n  类型: 判断\n   答案: 对\n", "quiz.syntax", "错误"),
])
def test_quiz_mistakes(item, code, severity):
    questions, findings = one_block(quiz_text(item), body_line=1)
    assert code in [f.code for f in findings]
    f = next(f for f in findings if f.code == code)
    assert f.severity == severity and f.hint and f.line >= 2
    if severity == "错误" and code != "quiz.duplicate-option":
        assert questions == [], "a question without a right answer is not shown"


def test_form_escapes_and_carries_no_secret_beyond_the_page():
    block = quiz.Block(0, 0, "")
    q = quiz.Question(1, "<script>alert(1)</script>是否？", "single", ["<b>甲</b>", "乙"], (0,), "因为 <i>", "依据")
    html = quiz.render([q], "t")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;甲" in html
    assert 'data-answer="0"' in html and 'type="radio"' in html and "data-pufa-noindex" in html
    assert block.questions == []


def test_code_examples_are_not_quizzes():
    text = "````markdown\n```quiz\n- 题目: x\n```\n````\n"
    assert quiz.blocks(text) == []


def test_check_reports_quiz_problems_and_citations_in_questions(tmp_path):
    site = copy_sample(tmp_path / "s")
    lesson = site / "content" / "lessons" / "xian-fa.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text + "\n## 自测题\n\n```quiz\n- 题目: 宪法日是哪天？\n  类型: 单选\n"
                      "  选项: [12月4日, 12月4日]\n  答案: A\n  解析: 见决定。\n"
                      "  依据: 《中华人民共和国宪法》第九千条\n```\n", encoding="utf-8")
    base = text.count("\n") + 1
    report = json.loads(pufa("check", "--site", str(site), "--format", "json").stdout)
    mine = [f for f in report["findings"] if f["file"] == "content/lessons/xian-fa.md"]
    dup = [f for f in mine if f["code"] == "quiz.duplicate-option"]
    assert dup and dup[0]["line"] == base + 4
    cites = [f for f in mine if "第九千条" in f["message"]]
    assert cites and cites[0]["line"] == base + 9
    proc = pufa("build", "--site", str(site))
    assert proc.returncode != 0 and "第九千条" in proc.stdout + proc.stderr
