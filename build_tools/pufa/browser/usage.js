/* Kiosk usage counts: page opens per function, by day, in this browser only.
   Counted while browsing from a display page, or on a device opened once
   with ?kiosk=1 (?kiosk=0 stops it). Never sent anywhere. */
var USAGE = "pufa.usage", KIOSK_DEVICE = "pufa.kiosk-device";
// [address prefix, function]: the first that fits counts. From the registry (pufa/usage.py).
var FUNCTIONS = REGISTRY.usage.functions, HOME = REGISTRY.usage.home, OTHER = REGISTRY.usage.other;
pufa.usageFunctions = FUNCTIONS.map(function (f) { return f[1]; }).concat([HOME, OTHER]);

pufa.functionOf = function (url) {
  var path = decodeURI(url.split("#")[0].split("?")[0]);
  if (path.indexOf(pufa.root) === 0) path = path.slice(pufa.root.length);
  path = path.replace(/^\/+/, "");
  if (path === "" || path === "index.html") return HOME;
  for (var i = 0; i < FUNCTIONS.length; i++) {
    if (path.indexOf(FUNCTIONS[i][0]) === 0 || path.indexOf(FUNCTIONS[i][0].replace(/\/$/, ".html")) === 0) return FUNCTIONS[i][1];
  }
  return OTHER;
};

function readUsage() {
  var data, renamed = REGISTRY.usage.renamed;
  try { data = JSON.parse(localStorage.getItem(USAGE) || "{}") || {}; } catch (e) { return {}; }
  // Counts kept under a function's old name (律师查询) belong to its new one.
  Object.keys(data).forEach(function (day) {
    Object.keys(renamed).forEach(function (old) {
      if (!data[day][old]) return;
      data[day][renamed[old]] = (data[day][renamed[old]] || 0) + data[day][old];
      delete data[day][old];
    });
  });
  return data;
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

// As pufa/usage.py's pin_hash.
function hashPin(pin) {
  var s = "pufa-usage:" + document.querySelector('meta[name="pufa:site"]').content + ":" + pin;
  return ("0000000" + fnv1a(s).toString(16)).slice(-8);
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
