/* Citation previews: the article's text on hover (mouse), focus (keyboard) or
   a first tap (touch).  The text is in the page itself (#pufa-cite-data) or,
   for the page's own articles, in the DOM: no request is made. */
function setUpCitations() {
  var links = document.querySelectorAll("a.pufa-cite");
  if (!links.length) return;
  var data = {};
  var script = document.getElementById("pufa-cite-data");
  if (script) {
    try { data = JSON.parse(script.textContent); } catch (e) { data = {}; }
  }
  var box = document.createElement("div");
  box.className = "pufa-preview";
  box.setAttribute("role", "tooltip");
  box.id = "pufa-preview";
  box.hidden = true;
  document.body.appendChild(box);
  var current = null, armed = null, hideTimer = null;
  var canHover = window.matchMedia && window.matchMedia("(hover: hover)").matches;

  function lookup(link) {
    // Preview data is keyed by the target's URL from the site root.
    var url = link.href || "";
    if (pufa.root && url.indexOf(pufa.root) === 0) {
      var key = url.slice(pufa.root.length).replace(/index\.html(#|$)/, "$1");
      if (data[key]) return data[key];
    }
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) === "#") {
      var el = document.getElementById(href.slice(1));
      if (el) {
        var first = el.querySelector("a");
        var text = el.textContent.replace(first ? first.textContent : "", "").replace(/^\s+/, "");
        return { t: first ? first.textContent : "", x: text.length > 240 ? text.slice(0, 240) + "……" : text };
      }
    }
    return null;
  }

  function show(link) {
    var info = lookup(link);
    if (!info) return;
    clearTimeout(hideTimer);
    current = link;
    box.innerHTML = "";
    var title = document.createElement("p");
    title.className = "pufa-preview__title";
    title.textContent = info.t;
    // The status on the reader's date: the build's (s, absent when in force) and what came since (w).
    var status = pufa.lawStatus(info.s || "in-force", info.w);
    var note = null;
    if (status !== "in-force") {
      var st = document.createElement("span");
      st.className = "pufa-preview__status pufa-law-status pufa-law-status--" + status;
      st.textContent = pufa.lawStatusLabel(status);
      title.appendChild(st);
    }
    if (info.n && info.n[status]) {
      note = document.createElement("p");
      note.className = "pufa-preview__note";
      note.textContent = info.n[status];
    }
    var text = document.createElement("p");
    text.className = "pufa-preview__text";
    text.textContent = info.x;
    var more = document.createElement("a");
    more.className = "pufa-preview__more";
    more.href = link.href;
    more.textContent = "查看全文 →";
    box.appendChild(title);
    if (note) box.appendChild(note);
    box.appendChild(text);
    box.appendChild(more);
    box.hidden = false;
    link.setAttribute("aria-describedby", "pufa-preview");
    var r = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    var top = r.bottom + 6;
    if (top + box.offsetHeight > window.innerHeight && r.top - box.offsetHeight - 6 > 0) {
      top = r.top - box.offsetHeight - 6;
    }
    box.style.left = (left + window.pageXOffset) + "px";
    box.style.top = (top + window.pageYOffset) + "px";
  }

  function hide() {
    box.hidden = true;
    armed = null;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  each(links, function (link) {
    if (canHover) {
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", hideSoon);
    }
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", hideSoon);
    var touched = false;
    function markTouch(e) { touched = !e.pointerType || e.pointerType === "touch" || e.pointerType === "pen"; }
    link.addEventListener(window.PointerEvent ? "pointerdown" : "touchstart", markTouch);
    link.addEventListener("click", function (e) {
      // Touch: the first tap shows the article, a second tap follows the link.
      var byTouch = touched || !canHover;
      touched = false;
      if (byTouch && armed !== link && lookup(link)) {
        e.preventDefault();
        show(link);
        armed = link;
      }
    });
  });
  box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  box.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.keyCode === 27) hide();
  });
  document.addEventListener("click", function (e) {
    if (current && !box.contains(e.target) && e.target !== current && !current.contains(e.target)) hide();
  });
}
