/* 打印本页, and printed pages show every folded part (常见问题, 制定和修改情况). */
function setUpPrint() {
  each(document.querySelectorAll("[data-pufa-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [];
    each(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    each(opened, function (d) { d.removeAttribute("open"); });
    opened = [];
  });
}
