/* 阅读辅助: 关怀模式 (large type, high contrast, big targets) and 朗读.
   The toolbar is made here, not in every page's HTML: 1,500 law pages. */
var CARE = "pufa.care";

function setCare(on) {
  var root = document.documentElement;
  root.className = root.className.replace(/\s*\bpufa-care\b/g, "") + (on ? " pufa-care" : "");
  try { localStorage.setItem(CARE, on ? "1" : "0"); } catch (e) { /* not remembered */ }
}

function setUpReadingTools() {
  var article = document.querySelector(".md-content__inner");
  if (!article || document.body.hasAttribute("data-pufa-screen")) return;
  var bar = document.createElement("div");
  bar.className = "pufa-tools";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "阅读辅助");
  bar.setAttribute("data-pufa-noindex", "");
  var care = document.createElement("button");
  care.type = "button";
  care.className = "pufa-tools__care";
  care.setAttribute("data-pufa-care", "");
  function label() {
    var on = /\bpufa-care\b/.test(document.documentElement.className);
    care.setAttribute("aria-pressed", on ? "true" : "false");
    care.textContent = on ? "关怀模式：开" : "关怀模式";
    care.title = on ? "恢复标准字号" : "大字号、高对比度，方便老年人阅读";
  }
  care.addEventListener("click", function () {
    setCare(!/\bpufa-care\b/.test(document.documentElement.className));
    label();
  });
  label();
  bar.appendChild(care);
  setUpReadAloud(bar, article);
  article.insertBefore(bar, article.firstChild);
}
