/* Offline reading: the service worker, the 内容已更新 notice, saving sections.
   A section's name (保存「办事指南」) comes from the registry (pufa/pwa.py). */
var SECTION_NAMES = REGISTRY.sections;

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
  // Registered once the page has loaded and settled: what the reader opened, and a
  // first search, do not queue behind the worker saving the site.
  function register() {
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
  function later() { setTimeout(register, 2000); }
  if (document.readyState === "complete") later(); else window.addEventListener("load", later);
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
      a.textContent = decodeURI(u.slice(pufa.root.length)).replace(/index\.html$/, "") || SECTION_NAMES.home;
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
