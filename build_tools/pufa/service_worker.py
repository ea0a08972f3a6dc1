"""The service worker's source (written to site/sw.js with this build's lists)."""

SERVICE_WORKER = r"""/* pufa service worker: offline reading, one cache per build.
 * The cache of a build is complete before that build takes over, and a page
 * is only ever served from one build's cache: a reader is told 内容已更新 and
 * chooses when to reload (the page sends SKIP_WAITING). */
"use strict";
var VERSION = %(version)s;
var PRECACHE = %(precache)s;
var CACHE = "pufa-" + VERSION;
var OFFLINE = "offline/index.html";

function url(rel) { return new URL(rel, self.registration.scope).href; }

// A reader who is searching goes first: while a page says it is (BUSY), the
// precache waits, so a first visitor's query does not queue behind megabytes
// of index being saved.
var quietUntil = 0;
function whenQuiet() {
  var wait = quietUntil - Date.now();
  return wait > 0 ? new Promise(function (resolve) { setTimeout(resolve, wait); }).then(whenQuiet) : Promise.resolve();
}

self.addEventListener("install", function (event) {
  // The search index pieces this build saved come straight from its cache, and
  // the others from the network, without waking this worker for each of them
  // (static routing, Chromium 123+; elsewhere the fetch handler below serves them).
  if (event.addRoutes) {
    var scope = new URL(self.registration.scope).pathname;
    event.addRoutes([{ condition: { urlPattern: { pathname: scope + "search/*.js" } }, source: { cacheName: CACHE } }])
      .catch(function () { /* older rules: the fetch handler serves them */ });
  }
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // In small groups, so a slow connection does not start hundreds of requests at
    // once, and leaves the reader's page connections of its own.
    var urls = PRECACHE.map(url), i = 0;
    function next() {
      var group = urls.slice(i, i + 4);
      i += 4;
      if (!group.length) return Promise.resolve();
      return whenQuiet().then(function () { return cache.addAll(group); }).then(next);
    }
    return next();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("pufa-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "BUSY") quietUntil = Date.now() + 2000;
  // Index pieces a page met on the network (static routing bypassed this worker): kept for offline search.
  if (event.data && event.data.type === "KEEP" && event.data.paths) event.waitUntil(keep(event.data.paths));
  if (event.data && event.data.type === "VERSION" && event.ports[0]) event.ports[0].postMessage(VERSION);
});

function keep(paths) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(paths.filter(function (p) { return /^search\/[a-z]+\/[0-9a-z_-]+\.js$/i.test(p); }).map(function (p) {
      var key = url(p);
      return cache.match(key).then(function (hit) {
        if (hit) return null;
        return fetch(key).then(function (response) {
          if (response.ok && response.type === "basic") return cache.put(key, response);
        });
      }).catch(function () { /* offline or quota: search still works online */ });
    }));
  });
}

function normalise(request) {
  var u = new URL(request.url);
  u.hash = "";
  u.search = "";
  if (u.pathname.slice(-1) === "/") u.pathname += "index.html";
  return u.href;
}

// The offline page, for whatever address was asked: its links are relative to
// offline/, so a <base> says so.
function offlinePage(cache) {
  return cache.match(url(OFFLINE)).then(function (hit) {
    if (!hit) return new Response("没有网络，这一页还没有保存到本机。", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return hit.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + url("offline/") + '">');
      return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var key = normalise(request);
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        // Pages and index pieces met on the way are kept for offline reading.
        if (response.ok && response.type === "basic") {
          cache.put(key, response.clone()).catch(function () { /* quota: still shown */ });
        }
        return response;
      }, function () {
        if (request.mode === "navigate") return offlinePage(cache);
        return new Response("", { status: 504, statusText: "offline" });
      });
    });
  }));
});
"""
