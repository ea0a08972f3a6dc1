/* The search box and page; the search itself is search.js (pufa.search). */

/* From file:// a folder URL does not open its index.html: say it in full. */
function setUpHeaderSearch() {
  each(document.querySelectorAll(".pufa-header-search input, [data-pufa-search] input"), warmWhileTyping);
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

/* The index loads while the reader types, not after Enter: meta.js on focus, the
   question bank once the words make a whole question (search.js bankAhead). */
function warmWhileTyping(input) {
  if (!pufa.searchReady) return;
  function warm() { pufa.searchReady(input.value).then(null, function () { /* the search reports it */ }); }
  input.addEventListener("focus", warm);
  input.addEventListener("input", warm);
}

/* Other ways to ask: the question without its everyday padding, and the site's
   common searches that share a character with it (else the first of them). */
var PADDING = /(请问|我想问|怎么办|怎么样|怎么弄|怎么处理|该怎么|可以吗|行不行|能不能|能否|是不是|有没有|要不要|合法吗|犯法吗|违法吗|吗|呢|啊|呀|吧|我们|我家|我的|我|他们|他的|他|她|俺)/g;
function rephrasings(query) {
  var out = [];
  var plain = query.replace(PADDING, " ").replace(/[\s，。？！,.?!]+/g, " ").replace(/^\s+|\s+$/g, "");
  if (plain && plain !== query && plain.length >= 2) out.push(plain);
  var words = [];
  each(document.querySelectorAll(".pufa-suggest a"), function (a) { words.push(a.textContent); });
  var near = words.filter(function (w) {
    for (var i = 0; i < w.length; i++) if (query.indexOf(w.charAt(i)) >= 0) return true;
    return false;
  });
  (near.length ? near : words).forEach(function (w) {
    if (out.length < 3 && w !== query && out.indexOf(w) < 0) out.push(w);
  });
  return out;
}

/* The search page: results grouped by page, snippets highlighted. */
function setUpSearchPage() {
  var form = document.querySelector("[data-pufa-search]");
  if (!form || !pufa.search) return;
  var input = form.querySelector("input");
  var status = document.querySelector("[data-pufa-search-status]");
  var list = document.querySelector("[data-pufa-results]");
  var seq = 0;
  var unsureBox = document.querySelector("[data-pufa-unsure]");
  function render(query, results) {
    list.innerHTML = "";
    list.className = "pufa-results";
    if (unsureBox) { unsureBox.innerHTML = ""; unsureBox.hidden = true; }
    if (!results.length) {
      status.textContent = "没有找到与「" + query + "」有关的内容。换个说法试试，或拨打 12348 咨询。";
      if (results.unsure) showUnsure(query, results);
      return;
    }
    var groups = [], byDoc = {};
    results.forEach(function (r) {
      if (!byDoc[r.doc]) { byDoc[r.doc] = { doc: r.doc, url: r.url.split("#")[0], status: r.status, changes: r.statusChanges, items: [] }; groups.push(byDoc[r.doc]); }
      byDoc[r.doc].items.push(r);
    });
    status.textContent = "找到 " + groups.length + " 个页面的 " + results.length + " 处内容";
    if (results.unsure) {
      // No result holds enough of the question: say so, and show them as guesses.
      status.textContent = "下面是最接近的 " + results.length + " 处内容，不一定能回答你的问题";
      list.className = "pufa-results pufa-results--unsure";
      showUnsure(query, results);
    }
    groups.forEach(function (g) {
      var li = document.createElement("li");
      li.className = "pufa-result";
      var h = document.createElement("a");
      h.className = "pufa-result__page";
      h.href = g.url;
      h.textContent = g.doc;
      li.appendChild(h);
      // A law's status unless simply in force; one that just came into force says so.
      if (g.status && (g.status !== "in-force" || g.changes)) {
        var chip = document.createElement("span");
        chip.className = "pufa-law-status pufa-law-status--" + g.status;
        chip.textContent = pufa.lawStatusLabel(g.status);
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
  function showUnsure(query, results) {
    if (!unsureBox) return;
    var hotline = unsureBox.getAttribute("data-hotline") || "12348";
    function para(cls, text) {
      var p = document.createElement("p");
      if (cls) p.className = cls;
      if (text) p.appendChild(document.createTextNode(text));
      unsureBox.appendChild(p);
      return p;
    }
    function link(parent, href, text) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      parent.appendChild(a);
      return a;
    }
    para("pufa-unsure__title", "没有找到把握较大的条文");
    var call = para("", "法律问题因人因事而异。可以拨打公共法律服务热线 ");
    link(call, "tel:" + hotline.replace(/[^0-9+]/g, ""), hotline);
    call.appendChild(document.createTextNode("，免费咨询；也可以换个说法再搜。"));
    var others = rephrasings(query);
    if (others.length) {
      var p = para("pufa-unsure__again", "试试这样搜：");
      others.forEach(function (q) { link(p, "?q=" + encodeURIComponent(q), q); });
    }
    // Everyday questions near this one (the search's question bank), with the article that answers each.
    if (results.asked && results.asked.length) {
      para("", "相近的常见问题：");
      var near = document.createElement("ul");
      near.className = "pufa-unsure__asked";
      results.asked.forEach(function (x) {
        var li = document.createElement("li");
        link(li, x.url, x.question);
        li.appendChild(document.createTextNode("（" + x.title + "）"));
        near.appendChild(li);
      });
      unsureBox.appendChild(near);
    }
    var qa = results.filter(function (r) { return r.kind === "qa"; }).slice(0, 3);
    if (qa.length) {
      para("", "群众常问的相近问题：");
      var ul = document.createElement("ul");
      qa.forEach(function (r) {
        var li = document.createElement("li");
        link(li, r.url, r.doc);
        ul.appendChild(li);
      });
      unsureBox.appendChild(ul);
    }
    unsureBox.hidden = false;
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
