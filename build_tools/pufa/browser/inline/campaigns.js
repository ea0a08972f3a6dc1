/* Campaigns on the reader's own date (the site is built weeks before),
   decided where the page says them, before the first paint: this script is
   written inline right after the last campaign element of the home page or a
   campaign's page, so a banner never pushes the page down once it shows
   (layout shift, issue 18).  Its text is the same on every page: one hash in
   the Content-Security-Policy.  ES5. */
(function () {
  function two(n) { return (n < 10 ? "0" : "") + n; }
  var d = new Date(), today = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());

  /* Is a campaign on today?  Yearly campaigns compare month and day only. */
  function stateOf(el) {
    var start = el.getAttribute("data-start"), end = el.getAttribute("data-end");
    if (!start || !end) return "unknown";
    if (el.getAttribute("data-repeat") === "yes") {
      var s = start.slice(5), e = end.slice(5), t = today.slice(5);
      var on = s <= e ? (t >= s && t <= e) : (t >= s || t <= e);
      if (on) return "on";
      return t < s ? "upcoming" : "later";
    }
    if (today < start) return "upcoming";
    if (today > end) return "over";
    return "on";
  }
  /* Days from today to a campaign's next start (yearly ones: this year's or next). */
  function daysUntil(el) {
    var next = el.getAttribute("data-start");
    if (el.getAttribute("data-repeat") === "yes") {
      next = today.slice(0, 4) + next.slice(4);
      if (next < today) next = (+today.slice(0, 4) + 1) + next.slice(4);
    }
    var t = today.split("-"), n = next.split("-");
    return Math.round((Date.UTC(+n[0], n[1] - 1, +n[2]) - Date.UTC(+t[0], t[1] - 1, +t[2])) / 864e5);
  }
  function all(selector, fn) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  all("[data-pufa-campaign]", function (el) { el.hidden = stateOf(el) !== "on"; });
  var upcoming = 0;
  all("[data-pufa-campaign-upcoming]", function (el) {
    var state = stateOf(el), days = daysUntil(el);
    var soon = state !== "on" && state !== "over" && days > 0 && days <= 60;
    el.hidden = !soon;
    if (soon) {
      upcoming++;
      el.querySelector("[data-pufa-days]").textContent = days === 1 ? "明天开始" : "还有 " + days + " 天";
    }
  });
  all("[data-pufa-upcoming]", function (el) { el.hidden = upcoming === 0; });
  all("[data-pufa-campaign-state]", function (el) {
    var state = stateOf(el);
    var text = { on: "活动正在进行中", upcoming: "活动即将开始", later: "今年的活动已结束，明年同期再见",
      over: "活动已结束" }[state];
    if (text) {
      el.textContent = text;
      el.className = "pufa-campaign-state pufa-campaign-state--" + state;
      el.hidden = false;
    }
  });
})();
