/* Campaigns: shown on the reader's own date (the site is built weeks before). */

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
