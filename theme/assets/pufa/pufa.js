/* pufa: small page behaviours. ES5 on purpose: WeChat's built-in browser on
   older phones runs an old Chromium. Nothing here talks to a server. */
(function () {
  "use strict";

  var pufa = window.pufa = window.pufa || {};

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

  function showCampaigns() {
    each(document.querySelectorAll("[data-pufa-campaign]"), function (el) {
      var state = pufa.campaignState(el.getAttribute("data-start"), el.getAttribute("data-end"),
        el.getAttribute("data-repeat") === "yes");
      el.hidden = state !== "on";
    });
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
      var cards = list.querySelectorAll(".pufa-card");
      var empty = document.querySelector("[data-pufa-empty]");
      var count = form.querySelector(".pufa-filters__count");
      var selects = form.querySelectorAll("select");
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
        if (count) count.textContent = "共 " + shown + " 篇";
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

  function start() {
    showCampaigns();
    setUpFilters();
    setUpChecklists();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
