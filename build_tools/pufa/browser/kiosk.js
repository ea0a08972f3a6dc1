/* Browsing on a kiosk (started by a touch on a display page): a way back,
   and back by itself after the screen's idle time, with the state reset. */
function setUpKiosk() {
  if (document.body.hasAttribute("data-pufa-screen")) return;
  var kiosk = null;
  try { kiosk = JSON.parse(sessionStorage.getItem("pufa.kiosk") || "null"); } catch (e) { return; }
  if (!kiosk || !kiosk.screen) return;
  var idle = (kiosk.idle || 90) * 1000, last = Date.now();
  document.documentElement.className += " pufa-kiosk-mode";
  var bar = document.createElement("div"), button = document.createElement("button"), left = document.createElement("span");
  bar.className = "pufa-kiosk";
  bar.setAttribute("data-pufa-kiosk", "");
  button.type = "button";
  button.textContent = "返回展示";
  left.setAttribute("aria-live", "polite");
  bar.appendChild(left);
  bar.appendChild(button);
  document.body.appendChild(bar);
  var leaving = false;
  function back() {
    if (leaving) return;
    leaving = true;
    try { sessionStorage.clear(); localStorage.removeItem(CARE); } catch (e) { /* nothing to reset */ }
    location.replace(kiosk.screen);
  }
  button.addEventListener("click", back);
  function active() { last = Date.now(); left.textContent = ""; }
  ["pointerdown", "touchstart", "keydown", "wheel", "input"].forEach(function (type) {
    window.addEventListener(type, active, { passive: true, capture: true });
  });
  // A kiosk is often offline and must not leave the site: other hosts stay closed.
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (!a || a.protocol === "tel:" || a.protocol === "mailto:") return;
    if ((a.protocol === "http:" || a.protocol === "https:") && a.host !== location.host) {
      e.preventDefault();
      left.textContent = "展示屏上不能打开其他网站。";
    } else if (a.target === "_blank") {
      a.removeAttribute("target");
    }
  }, true);
  setInterval(function () {
    var remaining = idle - (Date.now() - last);
    if (remaining <= 0) back();
    else if (remaining <= 15000) left.textContent = Math.ceil(remaining / 1000) + " 秒后回到展示";
  }, 1000);
}
