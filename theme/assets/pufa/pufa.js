/* pufa: small page behaviours. ES5 on purpose: WeChat's built-in browser on
   older phones runs an old Chromium. Nothing here talks to a server. */
(function () {
  "use strict";

  var pufa = window.pufa = window.pufa || {};
  var self = document.currentScript;
  // The site's root URL, from where this file is (assets/pufa/pufa.js).
  pufa.root = self ? self.src.replace(/assets\/pufa\/pufa\.js(\?.*)?$/, "") : "";

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Today as YYYY-MM-DD in the reader's own time zone. */
  pufa.today = function () {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };

  /* Is a campaign on today?  Yearly campaigns compare month and day only. */
  pufa.campaignState = function (start, end, repeat, today) {
    today = today || pufa.today();
    if (!start || !end) return "unknown";
    if (repeat) {
      var s = start.slice(5), e = end.slice(5), t = today.slice(5);
      var on = s <= e ? (t >= s && t <= e) : (t >= s || t <= e);
      if (on) return "on";
      return t < s ? "upcoming" : "later";
    }
    if (today < start) return "upcoming";
    if (today > end) return "over";
    return "on";
  };

  /* Days from today to a campaign's next start (yearly ones: this year's or next). */
  pufa.daysUntil = function (start, repeat, today) {
    today = today || pufa.today();
    var next = start;
    if (repeat) {
      next = today.slice(0, 4) + start.slice(4);
      if (next < today) next = (+today.slice(0, 4) + 1) + start.slice(4);
    }
    var t = today.split("-"), n = next.split("-");
    return Math.round((Date.UTC(+n[0], n[1] - 1, +n[2]) - Date.UTC(+t[0], t[1] - 1, +t[2])) / 864e5);
  };
  var UPCOMING_DAYS = 60;

  function showCampaigns() {
    each(document.querySelectorAll("[data-pufa-campaign]"), function (el) {
      var state = pufa.campaignState(el.getAttribute("data-start"), el.getAttribute("data-end"),
        el.getAttribute("data-repeat") === "yes");
      el.hidden = state !== "on";
    });
    var upcoming = 0;
    each(document.querySelectorAll("[data-pufa-campaign-upcoming]"), function (el) {
      var repeat = el.getAttribute("data-repeat") === "yes";
      var state = pufa.campaignState(el.getAttribute("data-start"), el.getAttribute("data-end"), repeat);
      var days = pufa.daysUntil(el.getAttribute("data-start"), repeat);
      var soon = state !== "on" && state !== "over" && days > 0 && days <= UPCOMING_DAYS;
      el.hidden = !soon;
      if (soon) {
        upcoming++;
        el.querySelector("[data-pufa-days]").textContent = days === 1 ? "明天开始" : "还有 " + days + " 天";
      }
    });
    var box = document.querySelector("[data-pufa-upcoming]");
    if (box) box.hidden = upcoming === 0;
    each(document.querySelectorAll("[data-pufa-campaign-state]"), function (el) {
      var state = pufa.campaignState(el.getAttribute("data-start"), el.getAttribute("data-end"),
        el.getAttribute("data-repeat") === "yes");
      var text = { on: "活动正在进行中", upcoming: "活动即将开始", later: "今年的活动已结束，明年同期再见",
        over: "活动已结束" }[state];
      if (text) {
        el.textContent = text;
        el.className = "pufa-campaign-state pufa-campaign-state--" + state;
        el.hidden = false;
      }
    });
  }

  /* Listing filters: every select narrows the cards; values are '|'-joined. */
  function setUpFilters() {
    each(document.querySelectorAll("[data-pufa-filters]"), function (form) {
      var list = document.querySelector("[data-pufa-cards]");
      if (!list) return;
      // Cards in a list, or rows of a table body (the document register).
      var cards = list.children;
      var unit = form.getAttribute("data-pufa-unit") || "篇";
      var empty = document.querySelector("[data-pufa-empty]");
      var count = form.querySelector(".pufa-filters__count");
      var selects = form.querySelectorAll("select");
      var unit = form.getAttribute("data-pufa-unit") || "篇";
      function apply() {
        var shown = 0;
        each(cards, function (card) {
          var ok = true;
          each(selects, function (sel) {
            if (!sel.value) return;
            var values = (card.getAttribute("data-" + sel.name) || "").split("|");
            if (values.indexOf(sel.value) < 0) ok = false;
          });
          card.hidden = !ok;
          if (ok) shown++;
        });
        if (count) count.textContent = "共 " + shown + " " + unit;
        if (empty) empty.hidden = shown !== 0;
      }
      each(selects, function (sel) { sel.addEventListener("change", apply); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }

  /* Guide checklists are remembered on this device only. */
  function setUpChecklists() {
    var store;
    try { store = window.localStorage; } catch (e) { store = null; }
    each(document.querySelectorAll("[data-pufa-check]"), function (box) {
      var key = "pufa:check:" + box.getAttribute("data-pufa-check");
      try { box.checked = store && store.getItem(key) === "1"; } catch (e) { /* private mode */ }
      box.addEventListener("change", function () {
        try {
          if (box.checked) store.setItem(key, "1"); else store.removeItem(key);
        } catch (e) { /* storage full or blocked: the tick still shows */ }
      });
    });
  }

  /* Law-library category pages: filter the list by words in the title. */
  function setUpLawFilter() {
    var box = document.querySelector("[data-pufa-law-filter]");
    var list = document.querySelector("[data-pufa-law-list]");
    if (!box || !list) return;
    var input = box.querySelector("input");
    var items = list.querySelectorAll("li");
    box.hidden = false;
    input.addEventListener("input", function () {
      var q = input.value.replace(/\s+/g, "");
      each(items, function (li) { li.hidden = q && li.textContent.replace(/\s+/g, "").indexOf(q) < 0; });
    });
  }

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
      if (info.s) {
        var st = document.createElement("span");
        st.className = "pufa-preview__status";
        st.textContent = info.s;
        title.appendChild(st);
      }
      var text = document.createElement("p");
      text.className = "pufa-preview__text";
      text.textContent = info.x;
      var more = document.createElement("a");
      more.className = "pufa-preview__more";
      more.href = link.href;
      more.textContent = "查看全文 →";
      box.appendChild(title);
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

  function getParam(name) {
    var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(location.search);
    if (!m) return "";
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return m[1]; }
  }

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

  /* Offline reading: the service worker, the 内容已更新 notice, saving sections. */
  var SECTION_NAMES = { lessons: "普法课堂", guides: "办事指南", villages: "民主法治示范村",
    "party-history": "党史学习", campaigns: "宣传活动", laws: "法律法规库", search: "搜索索引（离线搜索法律）",
    home: "首页", offline: "离线阅读", screens: "展示屏" };

  function setUpServiceWorker() {
    var sw = self && self.getAttribute("data-sw");
    if (!sw || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    // Reload only when the reader asked for the new version (not when the very
    // first service worker takes control of the page).
    var wanted = false, reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (!wanted || reloading) return;
      reloading = true;
      location.reload();
    });
    navigator.serviceWorker.register(sw).then(function (reg) {
      function offer(worker) {
        if (!worker || !navigator.serviceWorker.controller) return;   // first visit: nothing to update
        showUpdate(function () { wanted = true; worker.postMessage({ type: "SKIP_WAITING" }); });
      }
      if (reg.waiting) offer(reg.waiting);
      // A display page never navigates: it asks for a new version now and then.
      if (pufa.onUpdate) setInterval(function () { reg.update().catch(function () {}); }, 5 * 60 * 1000);
      reg.addEventListener("updatefound", function () {
        var w = reg.installing;
        if (!w) return;
        w.addEventListener("statechange", function () { if (w.state === "installed") offer(w); });
      });
    }).catch(function () { /* not available (private mode): the site works as usual */ });
  }

  function showUpdate(apply) {
    // A display page takes the update itself, at the end of a round.
    if (pufa.onUpdate) { pufa.onUpdate(apply); return; }
    if (document.querySelector(".pufa-update")) return;
    var bar = document.createElement("div");
    bar.className = "pufa-update";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "内容已更新。";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "刷新查看";
    button.addEventListener("click", function () { button.disabled = true; apply(); });
    bar.appendChild(text);
    bar.appendChild(button);
    document.body.appendChild(bar);
  }

  function formatSize(bytes) {
    return bytes > 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function setUpOfflinePage() {
    var list = document.querySelector("[data-pufa-offline-list]");
    if (!list) return;
    var state = document.querySelector("[data-pufa-offline-state]");
    if (navigator.onLine && state) state.textContent = "这里列出已经保存到本机、没有网络也能看的内容。";
    if (!window.caches) { list.innerHTML = "<li>这个浏览器不支持离线保存。</li>"; return; }
    var info = window.pufaOffline || { version: "", sections: [] };
    var cacheName = "pufa-" + info.version;
    caches.open(cacheName).then(function (cache) { return cache.keys(); }).then(function (requests) {
      list.innerHTML = "";
      var pages = requests.map(function (r) { return r.url; }).filter(function (u) { return /\.html$/.test(u); }).sort();
      pages.forEach(function (u) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = u;
        a.textContent = decodeURI(u.slice(pufa.root.length)).replace(/index\.html$/, "") || "首页";
        li.appendChild(a);
        list.appendChild(li);
      });
      if (!pages.length) list.innerHTML = "<li>还没有保存任何页面。</li>";
    });
    var box = document.querySelector("[data-pufa-offline-sections]");
    (info.sections || []).forEach(function (sec) {
      var p = document.createElement("p"), button = document.createElement("button"), out = document.createElement("span");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "保存「" + (SECTION_NAMES[sec.id] || sec.id) + "」（" + sec.urls.length + " 个文件，约 " + formatSize(sec.bytes) + "）";
      out.className = "pufa-offline-progress";
      out.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        button.disabled = true;
        saveSection(cacheName, sec, out);
      });
      p.appendChild(button);
      p.appendChild(out);
      box.appendChild(p);
    });
  }

  function saveSection(cacheName, sec, out) {
    var done = 0, bytes = 0, i = 0;
    caches.open(cacheName).then(function (cache) {
      function next() {
        if (i >= sec.urls.length) {
          out.textContent = " 已保存 " + done + " 个文件（" + formatSize(bytes) + "），没有网络也能看了。";
          return;
        }
        var u = pufa.root + sec.urls[i++];
        return fetch(u).then(function (r) {
          if (!r.ok) return;
          return r.clone().blob().then(function (b) {
            bytes += b.size;
            return cache.put(u, r).then(function () { done++; });
          });
        }).then(function () {
          out.textContent = " 正在保存：" + done + " / " + sec.urls.length + "（" + formatSize(bytes) + "）";
          return next();
        }, function (e) {
          out.textContent = e && e.name === "QuotaExceededError"
            ? " 手机存储空间不够了：已保存 " + done + " 个文件。可以清理空间后再试。"
            : " 网络中断：已保存 " + done + " 个文件，联网后可以继续。";
        });
      }
      return next();
    });
  }

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

  /* 朗读: the page's main text, sentence by sentence, in a Chinese voice. */
  var SKIP = ".pufa-tools, .pufa-share, [data-pufa-noindex], [data-pufa-quiz], script, style, .headerlink, " +
    ".md-source-file, .pufa-cite-preview, details:not([open]) > :not(summary), nav";

  function chineseVoice() {
    var voices = window.speechSynthesis && speechSynthesis.getVoices ? speechSynthesis.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (/^(zh|cmn)/i.test(voices[i].lang || "")) return voices[i];
    }
    return null;
  }

  function sentencesOf(article) {
    var out = [];
    each(article.querySelectorAll("h1, h2, h3, h4, p, li, dt, dd, td, th, blockquote, figcaption"), function (el) {
      if (el.closest(SKIP)) return;
      if (el.querySelector("p, li, ul, ol, table")) return;      // its children are read instead
      var text = el.textContent.replace(/\s+/g, " ").trim();
      if (!text) return;
      var re = /[^。！？；!?]+[。！？；!?]*["”’」』）)]*/g, m;
      while ((m = re.exec(text))) {
        if (m[0].trim()) out.push({ el: el, text: m[0].trim(), start: m.index, end: m.index + m[0].length });
      }
    });
    return out;
  }

  function highlight(item) {
    each(document.querySelectorAll(".pufa-reading"), function (el) { el.classList.remove("pufa-reading"); });
    if (window.CSS && CSS.highlights) CSS.highlights["delete"]("pufa-reading");
    if (!item) return;
    item.el.classList.add("pufa-reading");
    var range = rangeOf(item);
    if (range && window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set("pufa-reading", new Highlight(range));
    var box = item.el.getBoundingClientRect();
    if (box.top < 60 || box.bottom > window.innerHeight) item.el.scrollIntoView({ block: "center" });
  }

  /* A Range over the sentence's characters (whitespace-collapsed offsets). */
  function rangeOf(item) {
    var walker = document.createTreeWalker(item.el, NodeFilter.SHOW_TEXT, null), node, seen = 0, lastSpace = true;
    var range = document.createRange(), started = false;
    while ((node = walker.nextNode())) {
      var t = node.nodeValue;
      for (var i = 0; i < t.length; i++) {
        var space = /\s/.test(t[i]);
        if (space && lastSpace) continue;
        lastSpace = space;
        if (!started && seen >= item.start && !space) { range.setStart(node, i); started = true; }
        seen++;
        if (started && seen >= item.end) { range.setEnd(node, i + 1); return range; }
      }
    }
    if (started) { range.setEndAfter(item.el.lastChild || item.el); return range; }
    return null;
  }

  function setUpReadAloud(bar, article) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
    var read = document.createElement("button"), pause = document.createElement("button"), stop = document.createElement("button");
    read.type = pause.type = stop.type = "button";
    read.className = "pufa-tools__read";
    read.setAttribute("data-pufa-read", "");
    pause.setAttribute("data-pufa-read-pause", "");
    stop.setAttribute("data-pufa-read-stop", "");
    read.textContent = "朗读全文";
    pause.textContent = "暂停";
    stop.textContent = "停止";
    read.hidden = pause.hidden = stop.hidden = true;
    bar.appendChild(read);
    bar.appendChild(pause);
    bar.appendChild(stop);
    var queue = [], at = 0, playing = false, paused = false;

    function show() {
      read.hidden = !chineseVoice() || playing;
      pause.hidden = stop.hidden = !playing;
    }
    function finish() {
      playing = paused = false;
      pause.textContent = "暂停";
      highlight(null);
      show();
    }
    function speakNext() {
      if (!playing) return;
      if (at >= queue.length) { finish(); return; }
      var item = queue[at++], u = new SpeechSynthesisUtterance(item.text), voice = chineseVoice();
      u.lang = voice ? voice.lang : "zh-CN";
      if (voice) u.voice = voice;
      u.rate = /\bpufa-care\b/.test(document.documentElement.className) ? 0.85 : 1;
      u.onend = function () { speakNext(); };
      u.onerror = function () { finish(); };
      highlight(item);
      speechSynthesis.speak(u);
    }
    read.addEventListener("click", function () {
      queue = sentencesOf(article);
      if (!queue.length) return;
      speechSynthesis.cancel();
      at = 0;
      playing = true;
      show();
      stop.focus();
      speakNext();
    });
    pause.addEventListener("click", function () {
      if (paused) { speechSynthesis.resume(); pause.textContent = "暂停"; } else { speechSynthesis.pause(); pause.textContent = "继续"; }
      paused = !paused;
    });
    stop.addEventListener("click", function () {
      playing = false;
      speechSynthesis.cancel();
      finish();
      read.focus();
    });
    window.addEventListener("pagehide", function () { if (playing) speechSynthesis.cancel(); });
    show();
    if (speechSynthesis.addEventListener) speechSynthesis.addEventListener("voiceschanged", show);
  }

  /* Kiosk usage counts: page opens per function, by day, in this browser only.
     Counted while browsing from a display page, or on a device opened once
     with ?kiosk=1 (?kiosk=0 stops it). Never sent anywhere. */
  var USAGE = "pufa.usage", KIOSK_DEVICE = "pufa.kiosk-device";
  var FUNCTIONS = [
    ["laws/min-fa-dian/", "民法典"], ["laws/", "法律法规"], ["guides/", "办事指南"], ["directory/", "律师查询"],
    ["qa/", "法律咨询"], ["lessons/", "普法课堂"], ["documents/", "规范性文件"], ["villages/", "民主法治示范村"],
    ["party-history/", "党史学习"], ["campaigns/", "宣传活动"], ["quiz/", "知识自测"], ["search/", "搜索"]
  ];
  pufa.usageFunctions = FUNCTIONS.map(function (f) { return f[1]; }).concat(["首页", "其他"]);

  pufa.functionOf = function (url) {
    var path = decodeURI(url.split("#")[0].split("?")[0]);
    if (path.indexOf(pufa.root) === 0) path = path.slice(pufa.root.length);
    path = path.replace(/^\/+/, "");
    if (path === "" || path === "index.html") return "首页";
    for (var i = 0; i < FUNCTIONS.length; i++) {
      if (path.indexOf(FUNCTIONS[i][0]) === 0 || path.indexOf(FUNCTIONS[i][0].replace(/\/$/, ".html")) === 0) return FUNCTIONS[i][1];
    }
    return "其他";
  };

  function readUsage() {
    try { return JSON.parse(localStorage.getItem(USAGE) || "{}") || {}; } catch (e) { return {}; }
  }

  function countUsage() {
    var on = false;
    try {
      var flag = /[?&]kiosk=([01])/.exec(location.search);
      if (flag) localStorage.setItem(KIOSK_DEVICE, flag[1]);
      on = !!sessionStorage.getItem("pufa.kiosk") || localStorage.getItem(KIOSK_DEVICE) === "1";
    } catch (e) { return; }
    if (!on || document.body.hasAttribute("data-pufa-screen") || document.querySelector("[data-pufa-usage-login]")) return;
    // A reload is not a new visit. (Where navigation timing is missing, the
    // last counted address in this tab tells.)
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var last = null;
    try { last = sessionStorage.getItem("pufa.counted"); sessionStorage.setItem("pufa.counted", location.href); } catch (e) { /* ok */ }
    if (nav ? nav.type === "reload" : last === location.href) return;
    var data = readUsage(), day = pufa.today(), fn = pufa.functionOf(location.href);
    data[day] = data[day] || {};
    data[day][fn] = (data[day][fn] || 0) + 1;
    try { localStorage.setItem(USAGE, JSON.stringify(data)); } catch (e) { /* storage full: not counted */ }
  }

  function hashPin(pin) {
    var s = "pufa-usage:" + document.querySelector('meta[name="pufa:site"]').content + ":" + pin, h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  function usageRows() {
    var data = readUsage(), rows = [];
    Object.keys(data).sort().forEach(function (day) {
      pufa.usageFunctions.forEach(function (fn) {
        if (data[day][fn]) rows.push([day, fn, data[day][fn]]);
      });
    });
    return rows;
  }

  function fillTable(table, keyOf, rows) {
    var used = pufa.usageFunctions.filter(function (fn) { return rows.some(function (r) { return r[1] === fn; }); });
    var byKey = {}, keys = [];
    rows.forEach(function (r) {
      var k = keyOf(r[0]);
      if (!byKey[k]) { byKey[k] = {}; keys.push(k); }
      byKey[k][r[1]] = (byKey[k][r[1]] || 0) + r[2];
    });
    table.innerHTML = "";
    var head = table.createTHead().insertRow();
    ["日期"].concat(used, ["合计"]).forEach(function (t) {
      var th = document.createElement("th");
      th.textContent = t;
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    keys.forEach(function (k) {
      var tr = body.insertRow(), total = 0;
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = k;
      tr.appendChild(th);
      used.forEach(function (fn) {
        var n = byKey[k][fn] || 0;
        total += n;
        tr.insertCell().textContent = n;
      });
      tr.insertCell().textContent = total;
    });
    if (!keys.length) body.insertRow().insertCell().textContent = "还没有记录。";
  }

  function setUpUsagePage() {
    var login = document.querySelector("[data-pufa-usage-login]");
    if (!login) return;
    var box = document.querySelector("[data-pufa-usage]"), error = login.querySelector("[data-pufa-usage-error]");
    function show() {
      var rows = usageRows(), total = rows.reduce(function (n, r) { return n + r[2]; }, 0);
      document.querySelector("[data-pufa-usage-total]").textContent =
        "共记录 " + total + " 次打开" + (rows.length ? "（" + rows[0][0] + " 至 " + rows[rows.length - 1][0] + "）" : "") + "。";
      fillTable(document.querySelector("[data-pufa-usage-months]"), function (d) { return d.slice(0, 7); }, rows);
      fillTable(document.querySelector("[data-pufa-usage-days]"), function (d) { return d; }, rows);
    }
    login.addEventListener("submit", function (e) {
      e.preventDefault();
      var input = login.querySelector("input");
      if (hashPin(input.value) !== login.getAttribute("data-pin")) {
        error.textContent = "PIN 不对，请再试一次。";
        input.select();
        return;
      }
      login.hidden = true;
      box.hidden = false;
      show();
    });
    document.querySelector("[data-pufa-usage-csv]").addEventListener("click", function () {
      var lines = ["日期,功能,次数"].concat(usageRows().map(function (r) { return r.join(","); }));
      // With a BOM, Excel and WPS open the Chinese correctly.
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "一体机使用统计-" + pufa.today() + ".csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 1000);
    });
    document.querySelector("[data-pufa-usage-clear]").addEventListener("click", function () {
      if (!window.confirm("确定把本机的使用统计全部清零吗？清零前可以先导出 CSV。")) return;
      try { localStorage.removeItem(USAGE); } catch (e) { /* nothing stored */ }
      show();
    });
  }

  function start() {
    setUpPrint();
    showCampaigns();
    setUpFilters();
    setUpChecklists();
    setUpLawFilter();
    setUpCitations();
    setUpHeaderSearch();
    setUpSearchPage();
    setUpServiceWorker();
    setUpOfflinePage();
    setUpKiosk();
    setUpQuizzes();
    setUpReadingTools();
    countUsage();
    setUpUsagePage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
