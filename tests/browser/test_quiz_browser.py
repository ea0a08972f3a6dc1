"""Quizzes in Chromium: the keyboard alone, scoring, offline, the campaign's quiz page."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LESSON = "lessons/min-fa-dian-hun-yin-jia-ting/"

FOCUS = """() => { const e = document.activeElement; const q = e.closest('.pufa-quiz__q');
  const quiz = e.closest('[data-pufa-quiz]');
  return {tag: e.tagName, type: e.type || '', value: e.value || '', text: (e.textContent || '').trim(),
          inQuiz: !!quiz, q: q ? [...quiz.querySelectorAll('.pufa-quiz__q')].indexOf(q) : -1,
          answer: q ? q.dataset.answer.split(',') : [], kind: q ? q.dataset.kind : ''}; }"""


def answer_with_keyboard(page, skip: set[int], max_tabs: int = 400) -> None:
    """Tab from the top of the page to the quiz, answer every question but `skip`, submit."""
    handled: set[tuple[int, str]] = set()
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS)
        if not f["inQuiz"]:
            continue
        if f["tag"] == "BUTTON" and "交卷" in f["text"]:
            page.keyboard.press("Enter")
            return
        if f["q"] < 0 or f["q"] in skip or f["tag"] != "INPUT":
            continue
        if f["type"] == "radio" and (f["q"], "radio") not in handled:
            handled.add((f["q"], "radio"))
            target = int(f["answer"][0])
            if target == 0:
                page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")        # moves and checks, as in every browser
        elif f["type"] == "checkbox" and f["value"] in f["answer"]:
            page.keyboard.press("Space")
    raise AssertionError("did not reach the submit button with Tab")


def test_quiz_with_the_keyboard_alone(server, new_page):
    page = new_page(1280, 900)
    page.goto(server + LESSON)
    quiz = page.locator("[data-pufa-quiz]")
    assert quiz.locator(".pufa-quiz__q").count() == 6
    kinds = quiz.locator(".pufa-quiz__q").evaluate_all("qs => qs.map(q => q.dataset.kind)")
    assert {"single", "multiple", "truefalse"} <= set(kinds)
    answer_with_keyboard(page, skip={1})
    score = quiz.locator("[data-pufa-quiz-score]")
    assert score.is_visible()
    assert score.inner_text().startswith("得分：5 / 6")
    assert "还有 1 题没有作答" in score.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-pufa-quiz-score')"), "focus moves to the score"
    verdicts = quiz.locator("[data-pufa-verdict]").all_inner_texts()
    assert verdicts[1] == "✗ 没有作答" and verdicts.count("✓ 回答正确") == 5
    # Each result shows the right answer, the explanation and the linked article.
    result = quiz.locator("[data-pufa-quiz-result]").first
    assert "正确答案" in result.inner_text() and "解析" in result.inner_text()
    assert result.locator(".pufa-quiz__basis a[href*='min-fa-dian']").count() == 1
    # Reset with the keyboard: results hidden again.
    quiz.locator("button[type=reset]").focus()
    page.keyboard.press("Enter")
    assert not score.is_visible() and not result.is_visible()


def test_wrong_answers_score_as_wrong(server, new_page):
    page = new_page(390, 844)
    page.goto(server + LESSON)
    quiz = page.locator("[data-pufa-quiz]")
    for i in range(6):
        q = quiz.locator(".pufa-quiz__q").nth(i)
        right = [int(x) for x in q.get_attribute("data-answer").split(",")]
        inputs = q.locator("input")
        wrong = next(n for n in range(inputs.count()) if n not in right)
        inputs.nth(wrong).check()
    quiz.locator("button[type=submit]").click()
    assert quiz.locator("[data-pufa-quiz-score]").inner_text().startswith("得分：0 / 6")
    assert quiz.locator(".pufa-quiz__q--wrong").count() == 6


def test_campaign_quiz_page_works_offline(tmp_path, new_page):
    from conftest import copy_sample, pufa, serve

    root = copy_sample(tmp_path / "s")
    pufa("build", "--site", str(root), check=True)
    with serve(root / "site") as base:
        page = new_page(390, 844)
        page.goto(base + "campaigns/xian-fa-xuan-chuan-zhou/")
        link = page.locator(".pufa-quiz-link a")
        assert "参加知识自测（12 题）" in link.inner_text()
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)
        page.wait_for_function("caches.keys().then(k => k.length === 1)", timeout=30000)
        page.context.set_offline(True)
        link.click()
        page.wait_for_url("**/quiz/xian-fa-xuan-chuan-zhou/")
        assert "宪法宣传周 · 知识自测" in page.locator("h1").inner_text()
        quiz = page.locator("[data-pufa-quiz]")
        assert quiz.locator(".pufa-quiz__q").count() == 12
        for i in range(12):
            q = quiz.locator(".pufa-quiz__q").nth(i)
            for n in q.get_attribute("data-answer").split(","):
                q.locator("input").nth(int(n)).check()
        quiz.locator("button[type=submit]").click()
        assert quiz.locator("[data-pufa-quiz-score]").inner_text().startswith("得分：12 / 12")
        # Each question says which lesson it comes from, and the link works offline.
        sources = quiz.locator(".pufa-quiz__source a")
        assert sources.count() == 12
        sources.first.click()
        page.wait_for_url("**/lessons/**")
        assert page.locator("h1").first.inner_text().strip()
        page.context.set_offline(False)
