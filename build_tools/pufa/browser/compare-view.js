/* 新旧对照: read the redline, or only the new text, or only the old one. */
function setUpCompareViews() {
  var bar = document.querySelector("[data-pufa-compare-views]");
  var body = document.querySelector("[data-pufa-compare]");
  if (!bar || !body) return;
  var buttons = bar.querySelectorAll("button");
  each(buttons, function (button) {
    button.addEventListener("click", function () {
      var view = button.getAttribute("data-view");
      body.className = "pufa-compare" + (view ? " pufa-compare--" + view : "");
      each(buttons, function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
    });
  });
  bar.hidden = false;
}
