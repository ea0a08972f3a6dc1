"""Self-test questions inside lessons: a ```quiz block of YAML, checked and drawn as a form.

Staff write (Chinese or English keys)::

    ```quiz
    - 题目: 协议离婚的冷静期是多少日？
      类型: 单选              # 单选 / 多选 / 判断
      选项: [十五日, 三十日, 六十日]
      答案: B                 # 多选写 AC；判断写 对 或 错
      解析: ……
      依据: 《中华人民共和国民法典》第一千零七十七条
    ```

Scoring happens in the reader's browser (pufa.js); nothing is sent anywhere.
The form works with the keyboard alone: native radios and checkboxes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from markupsafe import escape

from pufa import yamlio
from pufa.content.validate import one_line_list
from pufa.findings import ERROR, WARNING, Finding

_OPEN = re.compile(r"^(`{3,}|~{3,})\s*\{?\s*\.?(quiz|自测题|测试题)\s*\}?\s*$")

KINDS = {"单选": "single", "单选题": "single", "single": "single",
         "多选": "multiple", "多选题": "multiple", "multiple": "multiple",
         "判断": "truefalse", "判断题": "truefalse", "truefalse": "truefalse"}
KIND_LABELS = {"single": "单选", "multiple": "多选", "truefalse": "判断"}
KEYS = {"question": "题目", "type": "类型", "options": "选项", "answer": "答案",
        "explanation": "解析", "citation": "依据"}
TRUE_WORDS = {"对", "正确", "是", "√", "✓", "true", "yes", "T"}
FALSE_WORDS = {"错", "错误", "否", "×", "✗", "false", "no", "F"}
LETTERS = "ABCDEFGH"


@dataclass
class Question:
    line: int
    text: str
    kind: str
    options: list[str]
    answer: tuple[int, ...]          # indices of the correct options
    explanation: str = ""
    citation: str = ""
    source: tuple[str, str] | None = None   # (title, url) of the lesson, on a campaign's quiz page


@dataclass
class Block:
    start: int                        # 0-based line of the opening fence in the body
    end: int                          # 0-based line of the closing fence
    source: str
    questions: list[Question] = field(default_factory=list)


def blocks(body: str) -> list[Block]:
    """Every quiz block in a page body (unclosed blocks run to the end)."""
    lines = body.split("\n")
    out, i = [], 0
    fence_char = None
    while i < len(lines):
        line = lines[i]
        m = _OPEN.match(line.strip())
        stripped = line.strip()
        if fence_char is None and m:
            marker = m.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(marker):
                j += 1
            out.append(Block(i, j, "\n".join(lines[i + 1:j])))
            i = j + 1
            continue
        if stripped.startswith(("```", "~~~")):
            fence_char = None if fence_char else stripped[:3]
        i += 1
    return out


def parse(block: Block, shown: str, body_line: int) -> list[Finding]:
    """Fill block.questions; findings for what a reader could not answer."""
    first = body_line + block.start + 1      # file line of the block's first YAML line
    findings: list[Finding] = []
    loader = yamlio.Loader(block.source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Finding(ERROR, shown, first + (mark.line if mark else 0),
                        "自测题的格式有误（YAML 看不懂）",
                        "每道题以「- 题目: 」开头，下面的「类型」「选项」「答案」等缩进两个空格；冒号用英文半角",
                        code="quiz.syntax")]
    finally:
        loader.dispose()
    if not isinstance(data, list) or not data:
        return [Finding(ERROR, shown, first - 1, "自测题是空的，或者不是题目列表",
                        "每道题以「- 题目: 」开头", code="quiz.empty")]
    for i, raw in enumerate(data):
        qnode = node.value[i] if isinstance(node, yaml.SequenceNode) else None
        line = first + qnode.start_mark.line if qnode is not None else first
        q, problems = _question(raw, line, shown, _key_lines(qnode, first))
        findings += problems
        if q is not None:
            block.questions.append(q)
    return findings


def _key_lines(qnode, first: int) -> dict:
    """Each field of a question -> its line in the file."""
    if not isinstance(qnode, yaml.MappingNode):
        return {}
    return {str(k.value): first + k.start_mark.line for k, _ in qnode.value}


def _question(raw, line: int, shown: str, key_lines: dict | None = None) -> tuple[Question | None, list[Finding]]:
    def err(message, hint, code, severity=ERROR, at=None):
        return Finding(severity, shown, at or line, message, hint, code=code)

    if not isinstance(raw, dict):
        return None, [err("这道题看不懂：应当是「题目」「类型」「选项」「答案」等字段",
                          "参照 README「自测题」的示例", "quiz.syntax")]
    chinese = {cn: en for en, cn in KEYS.items()}
    data = {}
    for key, value in raw.items():
        en = key if key in KEYS else chinese.get(str(key))
        if en is not None:
            data[en] = value
    text = str(data.get("question") or "").strip()
    if not text:
        return None, [err("这道题没有题目", "写「题目: 问题的内容」", "quiz.question")]
    kind = KINDS.get(str(data.get("type") or "").strip())
    if kind is None:
        return None, [err(f"题型「{data.get('type') or ''}」不认识", "类型写 单选、多选 或 判断", "quiz.type")]
    findings: list[Finding] = []
    if kind == "truefalse":
        options = ["对", "错"]
        answer = str(data.get("answer") or "").strip()
        if answer in TRUE_WORDS:
            correct: tuple[int, ...] = (0,)
        elif answer in FALSE_WORDS:
            correct = (1,)
        else:
            return None, [err("判断题没有正确答案" if not answer else f"判断题的答案「{answer}」看不懂",
                              "写「答案: 对」或「答案: 错」", "quiz.answer")]
    else:
        raw_options = data.get("options")
        if isinstance(raw_options, str) and one_line_list(raw_options, short=True):
            # 选项: 醉驾，追逐竞驶，超载 — typed on one line, as in Word.
            raw_options = one_line_list(raw_options, short=True)
            at = next((n for k, n in (key_lines or {}).items() if chinese.get(k, k) == "options"), None)
            findings.append(err("选项写在了一行里，已按「，」「、」「；」分成 " + str(len(raw_options)) + " 个选项",
                                "每个选项单独一行，写成「  - 选项内容」（pufa check --fix 会自动改）",
                                "quiz.one-line-options", WARNING, at))
        options = [str(o).strip() for o in (raw_options or []) if str(o).strip()] \
            if isinstance(raw_options, list) else []
        if len(options) < 2:
            return None, [err("选择题至少要有两个选项", "在「选项:」下面逐行写「- 选项内容」", "quiz.options")]
        if len(options) > len(LETTERS):
            return None, [err(f"选项太多（{len(options)} 个）", f"最多 {len(LETTERS)} 个选项", "quiz.options")]
        seen: dict[str, int] = {}
        for n, o in enumerate(options):
            if o in seen:
                findings.append(err(f"选项 {LETTERS[n]} 和选项 {LETTERS[seen[o]]} 一样：「{o}」",
                                    "删掉重复的选项，或改成不同的内容", "quiz.duplicate-option"))
            seen.setdefault(o, n)
        letters = re.sub(r"[\s,，、]", "", str(data.get("answer") or "")).upper()
        if not letters:
            return None, [err("这道题没有正确答案", "写「答案: B」（多选写 AC）", "quiz.answer")]
        bad = [c for c in letters if c not in LETTERS[:len(options)]]
        if bad:
            return None, [err(f"答案「{letters}」里的「{''.join(bad)}」不是选项",
                              f"答案只能用 {LETTERS[0]} 到 {LETTERS[len(options) - 1]}", "quiz.answer")]
        correct = tuple(sorted({LETTERS.index(c) for c in letters}))
        if kind == "single" and len(correct) != 1:
            return None, [err(f"单选题只能有一个答案，现在是「{letters}」",
                              "改成一个字母；几个都对的话，类型写「多选」", "quiz.answer")]
        if kind == "multiple" and len(correct) == 1:
            findings.append(err("多选题只有一个正确答案", "确认答案；只有一个对的话，类型改成「单选」",
                                "quiz.answer", WARNING))
    explanation = str(data.get("explanation") or "").strip()
    citation = str(data.get("citation") or "").strip()
    if not explanation:
        findings.append(err("这道题没有解析", "写「解析: 」说明为什么，读者答完能学到东西", "quiz.explanation",
                            WARNING))
    if not citation:
        findings.append(err("这道题没有写法律依据", "写「依据: 《中华人民共和国民法典》第一千零七十七条」",
                            "quiz.citation", WARNING))
    return Question(line, text, kind, options, correct, explanation, citation), findings


def check_body(body: str, shown: str, body_line: int) -> list[Finding]:
    findings = []
    for block in blocks(body):
        findings += parse(block, shown, body_line)
    return findings


def questions_of(body: str) -> list[Question]:
    """The valid questions of a page (errors are reported by the checks)."""
    out = []
    for block in blocks(body):
        parse(block, "", 1)
        out += block.questions
    return out


def render(questions: list[Question], quiz_id: str, title: str = "") -> str:
    """A form on one line per element, safe as a raw HTML block in Markdown."""
    parts = [f'<form class="pufa-quiz" id="{quiz_id}" data-pufa-quiz data-pufa-noindex novalidate>']
    if title:
        parts.append(f'<p class="pufa-quiz__title">{escape(title)}</p>')
    parts.append(f'<p class="pufa-quiz__intro">共 {len(questions)} 题。做完点「交卷判分」，'
                 f'答案只在本机判分，不会上传。</p>')
    for n, q in enumerate(questions, 1):
        name = f"{quiz_id}-q{n}"
        kind_label = KIND_LABELS[q.kind]
        control = "checkbox" if q.kind == "multiple" else "radio"
        answer = ",".join(str(i) for i in q.answer)
        parts.append(f'<fieldset class="pufa-quiz__q" data-kind="{q.kind}" data-answer="{answer}">')
        parts.append(f'<legend><span class="pufa-quiz__n">第 {n} 题 · {kind_label}</span>'
                     f'<span class="pufa-quiz__text">{escape(q.text)}</span></legend>')
        for i, option in enumerate(q.options):
            letter = "" if q.kind == "truefalse" else f"{LETTERS[i]}. "
            parts.append(f'<label class="pufa-quiz__option"><input type="{control}" name="{name}" value="{i}">'
                         f'<span>{letter}{escape(option)}</span></label>')
        right = "、".join(("" if q.kind == "truefalse" else LETTERS[i] + ". ") + q.options[i] for i in q.answer)
        parts.append(f'<div class="pufa-quiz__result" data-pufa-quiz-result hidden>'
                     f'<p class="pufa-quiz__verdict" data-pufa-verdict></p>'
                     f'<p class="pufa-quiz__right">正确答案：{escape(right)}</p>'
                     + (f'<p class="pufa-quiz__explain">解析：{escape(q.explanation)}</p>' if q.explanation else "")
                     + (f'<p class="pufa-quiz__basis">依据：{escape(q.citation)}</p>' if q.citation else "")
                     + (f'<p class="pufa-quiz__source">出自：<a href="{escape(q.source[1])}">{escape(q.source[0])}</a></p>'
                        if q.source else "")
                     + '</div>')
        parts.append('</fieldset>')
    parts.append('<p class="pufa-quiz__actions"><button type="submit" class="md-button md-button--primary">交卷判分</button>'
                 '<button type="reset" class="md-button">重新做</button></p>')
    parts.append('<p class="pufa-quiz__score" data-pufa-quiz-score tabindex="-1" aria-live="polite" hidden></p>')
    parts.append('</form>')
    return "\n".join(parts)


def replace_blocks(body: str, page_id: str) -> str:
    """The body with each quiz block drawn as a form (invalid questions left out)."""
    found = blocks(body)
    if not found:
        return body
    lines = body.split("\n")
    for k, block in reversed(list(enumerate(found, 1))):
        parse(block, "", 1)
        html = render(block.questions, f"{page_id}-quiz{k}") if block.questions else ""
        lines[block.start:block.end + 1] = ["", html, ""]
    return "\n".join(lines)


def campaign_lessons(index, campaign) -> list:
    """A campaign's lessons: those it features, then those tagged with its title."""
    out = []
    for path in campaign.meta.get("featured") or []:
        item = index.by_src(str(path))
        if item is not None and item.ctype.key == "lesson" and not item.is_draft and item not in out:
            out.append(item)
    for item in index.items:
        if item.ctype.key == "lesson" and not item.is_draft and not item.is_listing and item not in out \
                and campaign.title in [str(t) for t in item.meta.get("tags") or []]:
            out.append(item)
    return out
