/* pufa display page player.  ES5; one timer; slides are toggled, never
   created, so a screen can run for months without growing.  What plays is
   decided by the screen's own clock (the site was built weeks before). */
(function () {
  "use strict";

  var body = document.body;
  if (!body || !body.hasAttribute("data-pufa-screen")) return;
  var pufa = window.pufa = window.pufa || {};
  var KIOSK = "pufa.kiosk";
  var slides = [].slice.call(document.querySelectorAll(".pufa-slide"));
  var idleSlide = document.getElementById("s0");
  var bar = document.querySelector("[data-pufa-progress]");
  var fill = bar.firstElementChild;
  var count = document.querySelector("[data-pufa-count]");
  var clock = document.querySelector("[data-pufa-clock]");
  var idleSeconds = parseInt(body.getAttribute("data-idle"), 10) || 90;
  var WEEK = ["日", "一", "二", "三", "四", "五", "六"];

  // Back on the playlist: this tab is no longer browsing.
  try { sessionStorage.removeItem(KIOSK); } catch (e) { /* storage off: nothing to clear */ }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function ymd(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  /* Mirrors pufa.screens.schedule.Window.active. */
  function isOn(el, now) {
    var start = el.getAttribute("data-start"), end = el.getAttribute("data-end");
    var days = el.getAttribute("data-days"), time = el.getAttribute("data-time");
    var weekday = now.getDay() || 7;
    if (days && days.indexOf(String(weekday)) < 0) return false;
    var today = ymd(now);
    if (el.getAttribute("data-repeat") && start && end) {
      var s = start.slice(5), e = end.slice(5), t = today.slice(5);
      if (!(s <= e ? (t >= s && t <= e) : (t >= s || t <= e))) return false;
    } else {
      if (start && today < start) return false;
      if (end && today > end) return false;
    }
    if (time) {
      var parts = time.split("-"), from = +parts[0], to = +parts[1];
      var minute = now.getHours() * 60 + now.getMinutes();
      if (from <= to ? !(minute >= from && minute < to) : !(minute >= from || minute < to)) return false;
    }
    return true;
  }

  /* What plays now: the screen's own items and campaigns on their dates;
     else its fallback playlist; else the site's name and hotline. */
  function playlist(now) {
    var own = [], fallback = [], keys = {};
    for (var i = 0; i < slides.length; i++) {
      var el = slides[i], group = el.getAttribute("data-group"), key = el.getAttribute("data-key");
      if (group === "idle" || keys[group === "fallback" ? "f" + key : key] || !isOn(el, now)) continue;
      keys[group === "fallback" ? "f" + key : key] = true;
      (group === "fallback" ? fallback : own).push(el);
    }
    return own.length ? own : fallback.length ? fallback : [idleSlide];
  }

  var list = [], current = null, startedAt = 0, duration = 1, pendingUpdate = null, lastMinute = -1;
  var state = pufa.screen = { transitions: 0, rounds: 0 };
  state.current = function () { return current; };
  state.playing = function () { return list.slice(); };
  state.updateReady = function () { return !!pendingUpdate; };
  state.elapsed = function () { return Date.now() - startedAt; };

  function show(el) {
    if (current && current !== el) current.hidden = true;
    el.hidden = false;
    current = el;
    startedAt = Date.now();
    duration = (parseInt(el.getAttribute("data-duration"), 10) || 20) * 1000;
    count.textContent = (list.indexOf(el) + 1) + " / " + list.length;
    fill.style.width = "0%";
    bar.setAttribute("aria-valuenow", "0");
    state.transitions++;
  }

  function next() {
    list = playlist(new Date());
    var at = current ? list.indexOf(current) : -1;
    var n = (at + 1) % list.length;
    if (n === 0 && current) {
      state.rounds++;
      // New content waits for the end of a round, then the page reloads from
      // the new (complete) cache: the screen is never left half-updated.
      if (pendingUpdate) { var apply = pendingUpdate; pendingUpdate = null; apply(); }
    }
    show(list[n]);
  }

  function tick() {
    var now = Date.now(), elapsed = now - startedAt;
    if (elapsed >= duration || elapsed < 0) {   // < 0: the clock was set back
      next();
    } else {
      var percent = Math.round(elapsed / duration * 100);
      fill.style.width = percent + "%";
      bar.setAttribute("aria-valuenow", String(percent));
    }
    var d = new Date(now);
    if (d.getMinutes() !== lastMinute) {
      lastMinute = d.getMinutes();
      clock.textContent = (d.getMonth() + 1) + "月" + d.getDate() + "日 星期" + WEEK[d.getDay()] + " " +
        pad(d.getHours()) + ":" + pad(lastMinute);
    }
  }

  /* A touch: browse the usual site from the slide's page; pufa.js brings
     the kiosk back here after the idle time. */
  var leaving = false;
  function browse(event) {
    if (leaving) return;
    if (event && event.type === "keydown" && (event.ctrlKey || event.altKey || event.metaKey)) return;
    leaving = true;
    try {
      sessionStorage.setItem(KIOSK, JSON.stringify({ screen: location.href, idle: idleSeconds }));
    } catch (e) { /* private mode: browsing still works, without the way back */ }
    location.href = (current || idleSlide).getAttribute("data-href");
  }
  ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (type) {
    document.addEventListener(type, browse, { passive: true });
  });

  // pufa.js tells us when a new version of the site is ready.
  pufa.onUpdate = function (apply) { pendingUpdate = apply; };

  // The page shows its first slide before this runs; from here the schedule decides.
  slides.forEach(function (el) { el.hidden = true; });
  next();
  tick();
  setInterval(tick, 250);
})();
