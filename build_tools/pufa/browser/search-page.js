/* The search box and page; the search itself is search.js (pufa.search). */

/* From file:// a folder URL does not open its index.html: say it in full. */
function setUpHeaderSearch() {
  each(document.querySelectorAll(".pufa-header-search"), function (form) {
    form.addEventListener("submit", function (e) {
      if (location.protocol !== "file:") return;
      e.preventDefault();
      var q = form.querySelector("input").value;
      var action = form.getAttribute("action");
      if (!/\.html$/.test(action)) action = action.replace(/\/?$/, "/") + "index.html";
      location.href = action + "?q=" + encodeURIComponent(q);
    });
  });
}

/* The search page: results grouped by page, snippets highlighted. */
function setUpSearchPage() {
  var form = document.querySelector("[data-pufa-search]");
  if (!form || !pufa.search) return;
  var input = form.querySelector("input");
  var status = document.querySelector("[data-pufa-search-status]");
  var list = document.querySelector("[data-pufa-results]");
  var seq = 0;
  function render(query, results) {
    list.innerHTML = "";
    if (!results.length) {
      status.textContent = "没有找到与「" + query + "」有关的内容。换个说法试试，或拨打 12348 咨询。";
      return;
    }
    var groups = [], byDoc = {};
    results.forEach(function (r) {
      if (!byDoc[r.doc]) { byDoc[r.doc] = { doc: r.doc, url: r.url.split("#")[0], status: r.status, items: [] }; groups.push(byDoc[r.doc]); }
      byDoc[r.doc].items.push(r);
    });
    status.textContent = "找到 " + groups.length + " 个页面的 " + results.length + " 处内容";
    groups.forEach(function (g) {
      var li = document.createElement("li");
      li.className = "pufa-result";
      var h = document.createElement("a");
      h.className = "pufa-result__page";
      h.href = g.url;
      h.textContent = g.doc;
      li.appendChild(h);
      if (g.status && g.status !== "in-force") {
        var chip = document.createElement("span");
        chip.className = "pufa-law-status pufa-law-status--" + g.status;
        chip.textContent = g.status === "superseded" ? "已被修订" : "已废止";
        li.appendChild(chip);
      }
      var ul = document.createElement("ul");
      g.items.forEach(function (r) {
        var item = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.url;
        a.className = "pufa-result__unit";
        a.textContent = r.label || "正文";
        var p = document.createElement("p");
        p.className = "pufa-result__snippet";
        p.innerHTML = r.snippet;   // built from escaped text plus <mark>
        item.appendChild(a);
        item.appendChild(p);
        ul.appendChild(item);
      });
      li.appendChild(ul);
      list.appendChild(li);
    });
  }
  function go(query, push) {
    query = query.replace(/^\s+|\s+$/g, "");
    if (!query) return;
    var mine = ++seq;
    status.textContent = "正在搜索……";
    if (push && window.history && history.replaceState) {
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(query)); } catch (e) { /* file:// in some browsers */ }
    }
    pufa.search(query, { limit: 40, perPage: 3 }).then(function (results) {
      if (mine === seq) render(query, results);
    }, function () {
      if (mine === seq) status.textContent = "搜索索引没能加载。请检查网络后刷新页面。";
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); go(input.value, true); });
  var q = getParam("q");
  if (q) { input.value = q; go(q, false); }
  each(document.querySelectorAll(".pufa-header-search input"), function (el) { el.value = q; });
}
