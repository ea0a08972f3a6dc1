/* Self-test quizzes: scored here, in the reader's browser; nothing is sent. */
function setUpQuizzes() {
  each(document.querySelectorAll("[data-pufa-quiz]"), function (form) {
    var questions = form.querySelectorAll(".pufa-quiz__q");
    var score = form.querySelector("[data-pufa-quiz-score]");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var right = 0, answered = 0;
      each(questions, function (q) {
        var want = q.getAttribute("data-answer"), got = [];
        each(q.querySelectorAll("input"), function (input) { if (input.checked) got.push(input.value); });
        var ok = got.join(",") === want;
        if (got.length) answered++;
        if (ok) right++;
        q.className = "pufa-quiz__q " + (ok ? "pufa-quiz__q--right" : "pufa-quiz__q--wrong");
        q.querySelector("[data-pufa-verdict]").textContent = ok ? "✓ 回答正确" : got.length ? "✗ 回答错误" : "✗ 没有作答";
        q.querySelector("[data-pufa-quiz-result]").hidden = false;
      });
      var n = questions.length;
      score.textContent = "得分：" + right + " / " + n + "（答对 " + Math.round(right / n * 100) + "%）。" +
        (right === n ? "全部答对，真棒！" : answered < n ? "还有 " + (n - answered) + " 题没有作答。" : "看看每题下面的解析，再试一次。");
      score.hidden = false;
      score.focus();
    });
    form.addEventListener("reset", function () {
      each(questions, function (q) {
        q.className = "pufa-quiz__q";
        q.querySelector("[data-pufa-quiz-result]").hidden = true;
      });
      score.hidden = true;
    });
  });
}
