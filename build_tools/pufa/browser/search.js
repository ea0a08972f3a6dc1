/* pufa search: window.pufa.search(query, {limit}) -> [{doc, title, url, snippet}].
 *
 * The index is split into small script files under search/ (see
 * pufa/search/build.py): a query loads meta.js once, one term shard per
 * term and the unit blocks of the results shown.  Each piece is a script call
 * (pufaSearch.t(…)): read by XMLHttpRequest over http(s), as a script tag from
 * file://; no Intl.Segmenter, no WebAssembly: text is split into
 * character bigrams, exactly as the index was built.  ES5 plus Promise, for
 * WeChat's built-in browser on older phones.
 */
var pufa = window.pufa = window.pufa || {};
var script = document.currentScript || (function () {
  var all = document.getElementsByTagName("script");
  for (var i = all.length - 1; i >= 0; i--) if (/search\/search\.(?:[0-9a-f]{8}\.min\.)?js/.test(all[i].src)) return all[i];
  return all[all.length - 1];
})();
// (search.js, or search.1a2b3c4d.min.js in a built site: pufa/fingerprint.py)
var base = script.src.replace(/search\.(?:[0-9a-f]{8}\.min\.)?js(\?.*)?$/, "");     // …/search/
var siteRoot = base.replace(/search\/$/, "");                // …/
var fileMode = location.protocol === "file:";

/* ---- loading index pieces as scripts ------------------------------------ */
var cache = {}, waiting = {};
function arrived(path, data) {
  if (waiting[path]) { waiting[path](data); delete waiting[path]; }
  else cache[path] = Promise.resolve(data);
}
window.pufaSearch = {
  meta: function (d) { arrived("meta.js", d); },
  pinyin: function (d) { arrived("pinyin.js", d); },
  t: function (n, d) { arrived("t/" + n + ".js", parseShard(d)); },
  u: function (n, d, urls, titles) { d.urls = urls || {}; d.titles = titles || {}; arrived("u/" + n + ".js", d); },
  f: function (k, d) { arrived("f/" + k + ".js", unitSet(d)); },
  asks: function (d) { arrived("asks.js", d); },
  ts: function (d) { arrived("ts.js", d); },
  elsewhere: function (d) { arrived("elsewhere.js", d); }
};
function load(path) {
  if (cache[path]) return cache[path];
  met.push(path);
  cache[path] = new Promise(function (resolve, reject) {
    waiting[path] = resolve;
    function failed() {
      delete cache[path];
      delete waiting[path];
      reject(new Error("搜索索引加载失败：" + path));
    }
    if (!fileMode && window.XMLHttpRequest && window.JSON) {
      // Over http(s) a piece is read as text and its call's arguments parsed: no
      // script element to insert, compile and run for each of a query's ~20 pieces
      // (and none left behind in the page).  file:// allows only scripts.
      var x = new XMLHttpRequest();
      x.open("GET", base + path);
      x.onload = function () {
        var t = x.responseText || "", open = t.indexOf("("), close = t.lastIndexOf(")");
        var name = t.slice(0, open).replace(/^pufaSearch\./, "");
        if (x.status !== 200 || open < 0 || close < open || !window.pufaSearch.hasOwnProperty(name)) return failed();
        var args;
        try { args = JSON.parse("[" + t.slice(open + 1, close) + "]"); } catch (e) { return failed(); }
        window.pufaSearch[name].apply(null, args);
      };
      x.onerror = failed;
      x.send();
      return;
    }
    var s = document.createElement("script");
    s.src = base + path;
    s.async = true;
    s.onerror = failed;
    document.head.appendChild(s);
  });
  return cache[path];
}

/* ---- the offline worker ------------------------------------------------------
   A query first: the worker that is still saving the site waits while the reader
   searches.  The pieces a query met are handed to the worker afterwards, to be
   kept for offline search (static routing brings them past it). */
var met = [], keepTimer = null;
var worker = !fileMode && navigator.serviceWorker && navigator.serviceWorker.getRegistration ? navigator.serviceWorker : null;
function searching() {
  if (!worker) return;
  worker.getRegistration().then(function (reg) {
    var w = reg && (reg.installing || reg.waiting);
    if (w) w.postMessage({ type: "BUSY" });
  }).then(null, function () {});
  clearTimeout(keepTimer);
  keepTimer = setTimeout(function () {
    var paths = met.splice(0, met.length);
    if (worker.controller && paths.length) worker.controller.postMessage({ type: "KEEP", paths: paths.map(function (p) { return "search/" + p; }) });
  }, 3000);
}

/* ---- text: the same rules as pufa/search/text.py ------------------------ */
var TOKENS = /[\u3400-\u9fff]+|[a-z0-9]+/g;
var ONLY_HAN = /^[\u3400-\u9fff]*$/;
function normalize(s) {
  s = String(s || "");
  if (ONLY_HAN.test(s)) return s;     // NFKC and lower case leave these as they are: most titles
  if (s.normalize) s = s.normalize("NFKC");
  return s.toLowerCase();
}
function terms(text) {
  var out = [], m, run, i;
  TOKENS.lastIndex = 0;
  while ((m = TOKENS.exec(text))) {
    run = m[0];
    if (run.charCodeAt(0) < 128) {
      if (run.length >= 2 || /^[0-9]$/.test(run)) out.push(run);
    } else if (run.length === 1) {
      out.push(run);
    } else {
      for (i = 0; i < run.length - 1; i++) out.push(run.substr(i, 2));
    }
  }
  return out;
}
function unique(list) {
  var seen = {}, out = [];
  for (var i = 0; i < list.length; i++) if (!seen[list[i]]) { seen[list[i]] = 1; out.push(list[i]); }
  return out;
}
var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
var DIGIT = {};
for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charAt(a)] = a;
var SCALE_LO = Math.log(1e-3), SCALE_SPAN = Math.log(1e3) - Math.log(1e-3);
function decodeScale(code) {
  return Math.exp(SCALE_LO + (DIGIT[code.charAt(0)] * 64 + DIGIT[code.charAt(1)]) / 4095 * SCALE_SPAN);
}
function parseShard(text) {   // "term:SSpostings term:SSpostings …" -> {term: entry}
  var map = {}, entries = text ? text.split(" ") : [];
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i], colon = e.indexOf(":");
    map[e.slice(0, colon)] = e.slice(colon + 1);
  }
  return map;
}
function decode(entry, into) {   // pushes unit, impact pairs
  var scale = decodeScale(entry), encoded = entry, unit = 0, i = 2, n = entry.length;
  while (i < n) {
    var value = 0, shift = 0, d;
    do { d = DIGIT[encoded.charAt(i++)]; value += (d & 31) * Math.pow(2, shift); shift += 5; } while (d & 32);
    unit += value;
    into.push(unit, scale * DIGIT[encoded.charAt(i++)] / 63);
  }
}

function unitSet(text) {   // ascending units as varint differences -> {unit: 1}
  var set = {}, unit = 0, i = 0, n = text.length;
  while (i < n) {
    var value = 0, shift = 0, d;
    do { d = DIGIT[text.charAt(i++)]; value += (d & 31) * Math.pow(2, shift); shift += 5; } while (d & 32);
    unit += value;
    set[unit] = 1;
  }
  return set;
}

/* ---- figure questions (pufa/search/figures.py) ---------------------------- */
// 辞职要提前多少天, 试用期最长几个月, 扣几分: which kinds of figure answer the question.
var FIGURE_NUMBER = "[0-9\uff10-\uff19零〇一二三四五六七八九十百千万两半]+";
// Each: the words that ask (taken out of what is searched for: 天 and 最长 would find every
// article that says 1天 or 最长不超过), the kinds (null: any), and asking words that stay
// because articles say them too (期限, 上限, 赔, 比例).
var FIGURE_ASKS = [
  [/(?:几|多少)个?(?:工作)?[天日]|几号/, ["day"]],
  [/(?:几|多少)个月/, ["month"]],
  [/(?:几|多少)年/, ["year"]],
  [/(?:几|多少)个?(?:小时|钟头)/, ["hour"]],
  [/(?:几|多少)(?:周)?岁|多大/, ["age"]],
  [/百分之(?:几|多少)/, ["pct"], /(?:多少|什么)比例|比例是多少/],
  [/(?:几|多少)倍/, ["times"]],
  [/多少钱|(?:几|多少)(?:块|元|万)/, ["money"], /赔多少|罚多少/],
  [/(?:几|多少)分/, ["score"]],
  [/多久|多长时间/, ["day", "month", "year"], /多长期限|期限是/],
  [/最长|最多|最少|最高|最低|多少/, null, /上限|下限/]            // some figure, any kind
];
var FIGURE_ASKED = new RegExp(FIGURE_ASKS.map(function (a) { return a[0].source; }).join("|"), "g");
var FIGURE_TEXT = {
  day: FIGURE_NUMBER + "(?:个)?(?:工作)?[日天]", month: FIGURE_NUMBER + "个月", year: FIGURE_NUMBER + "(?:个)?(?:周)?年(?!度)",
  hour: FIGURE_NUMBER + "(?:个)?小时", age: FIGURE_NUMBER + "周岁", pct: "百分之" + FIGURE_NUMBER + "|千分之" + FIGURE_NUMBER + "|[0-9]+(?:\\.[0-9]+)?[%\uff05\u2030]",
  times: FIGURE_NUMBER + "倍", money: FIGURE_NUMBER + "(?:元|万元)", score: FIGURE_NUMBER + "分(?!之)"
};
var FIGURE_BOOST = 1.0;
function figureKinds(q) {   // the kinds a question asks for, [] for none
  for (var i = 0; i < FIGURE_ASKS.length; i++) {
    var ask = FIGURE_ASKS[i];
    if (ask[0].test(q) || (ask[2] && ask[2].test(q))) return ask[1] || (M.fig || []).slice();
  }
  return [];
}

/* ---- Chinese numerals for article references ---------------------------- */
var CN = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
var UNIT = { "十": 10, "百": 100, "千": 1000 };
function cnToInt(s) {
  if (/^[0-9]+$/.test(s)) return parseInt(s, 10);
  var total = 0, num = -1, c;
  for (var i = 0; i < s.length; i++) {
    c = s.charAt(i);
    if (c in CN) num = CN[c];
    else if (c in UNIT) { total += (num < 0 ? 1 : num) * UNIT[c]; num = -1; }
    else return null;
  }
  return total + (num < 0 ? 0 : num);
}
/* ---- the index metadata --------------------------------------------------- */
var M = null;
function unpackDocs(c) {   // meta.js's columns (build.py doc_columns) -> rows
  var titles = c.k.length ? c.t.split("\n") : [], docs = [], start = 0, other = 0;
  for (var i = 0; i < titles.length; i++) {
    var row = [titles[i], "", parseInt(c.k.charAt(i), 36), parseInt(c.s.charAt(i), 36), start, c.f[i], c.a[i]];
    if (c.x[i]) row.push(c.x[i]);
    docs.push(row);
    // A law's units: its preamble and articles; other documents say how many.
    start += c.f[i] < 0 ? c.n[other++] : (c.m[i] !== undefined ? c.m[i] : c.f[i] + c.a[i]);
  }
  return docs;
}
function setTitle(d, title) {
  var t = normalize(title);
  M.docs[d][0] = title;
  M.normTitles[d] = t;
  M.short[d] = t.replace(/^中华人民共和国/, "");
  M.titleTerms[d] = null;
}
// A title's terms as a set, and how many: made for the few titles a query's words
// reach (all 3,461 at once were 40 ms of the first query).
function titleTermSet(d) {
  var tt = M.titleTerms[d];
  if (!tt) {
    var list = terms(M.short[d]), set = {};
    for (var j = 0; j < list.length; j++) set[list[j]] = 1;
    tt = M.titleTerms[d] = [set, list.length];
  }
  return tt;
}
// Is the query's term t among title d's?  A bigram of Chinese characters is, exactly
// when the title holds it (no set needed); a single character or a number only as a term.
function titleHas(d, t, bigram) {
  return bigram ? M.short[d].indexOf(t) >= 0 : !!titleTermSet(d)[0][t];
}
function meta() {
  return load("meta.js").then(function (m) {
    if (M) return M;
    M = m;
    var columns = m.docs;
    M.docs = unpackDocs(columns);
    M.coming = columns.w || {};
    M.outdated = {};
    for (var o = 0; o < (columns.o || []).length; o++) M.outdated[columns.o[o]] = true;
    M.short = [];
    M.normTitles = [];
    M.titleTerms = [];
    for (var i = 0; i < M.docs.length; i++) setTitle(i, M.docs[i][0]);
    M.placeRe = m.places && m.places.length ? new RegExp(m.places.join("|")) : null;
    M.questionRe = m.question && m.question.length ? new RegExp(m.question.join("|"), "g") : null;
    M.askRe = m.ask && m.ask.length ? new RegExp(m.ask.join("|") + "|[?？]") : /[?？]/;
    // 法律援助中心电话, 公证处在哪, 找律师: the words that ask for a contact, at the end or the start.
    M.contactRe = m.contact && m.contact.length ? new RegExp("的?(?:" + m.contact.join("|") + ")[?？]?$") : null;
    M.leadRe = m.lead && m.lead.length ? new RegExp("^(?:" + m.lead.join("|") + ")(?=[\\u3400-\\u9fff]{2})") : null;
    M.whomRe = m.whom && m.whom.length ? new RegExp("(?:" + m.whom.join("|") + ")$") : null;
    M.soughtRe = m.sought && m.sought.length ? new RegExp("[\\u3400-\\u9fff]{2}(?:" + m.sought.join("|") + ")$") : null;
    M.commonSet = {};
    for (var c = 0; c < (m.common || []).length; c++) M.commonSet[m.common[c]] = 1;
    M.synKeys = [];
    for (var k in (m.syn || {})) M.synKeys.push(k);
    M.synKeys.sort(function (x, y) { return y.length - x.length; });
    // The keys that may match loosely (four Chinese characters or more, not a law's name), with their bigrams.
    M.looseTerms = {};
    for (var n = 0; n < M.synKeys.length; n++) {
      var lk = M.synKeys[n];
      if (lk.length >= 4 && !/[^\u3400-\u9fff]|法$/.test(lk)) M.looseTerms[lk] = terms(lk);
    }
    return M;
  });
}
var TS = null;
// Traditional characters (勞動合同 for 劳动合同, 離婚 for 离婚): meta.js says which
// they are (a bitmap); their simplified forms load only for a query that has one.
function hasTraditional(s) {
  if (!M.tsk) return false;
  for (var i = 0; i < s.length; i++) {
    var at = s.charCodeAt(i) - 0x3400;
    if (at >= 0 && at < M.tsk.length * 6 && (DIGIT[M.tsk.charAt(Math.floor(at / 6))] >> (at % 6)) & 1) return true;
  }
  return false;
}
function simplified(text) {   // a promise of the text in simplified characters
  if (M.ts || !hasTraditional(text)) return Promise.resolve(simplify(text));
  return load("ts.js").then(function (map) { M.ts = map; return simplify(text); }, function () { return text; });
}
function simplify(s) {
  if (!M || !M.ts) return s;
  if (!TS) {
    TS = {};
    for (var j = 0; j < M.ts[0].length; j++) TS[M.ts[0].charAt(j)] = M.ts[1].charAt(j);
  }
  var out = "";
  for (var i = 0; i < s.length; i++) { var c = s.charAt(i); out += TS[c] || c; }
  return out;
}
function docOfUnit(unit) {    // binary search over the documents' first units
  var lo = 0, hi = M.docs.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (M.docs[mid][4] <= unit) lo = mid; else hi = mid - 1;
  }
  return lo;
}
function unitCount(d) {
  return (d + 1 < M.docs.length ? M.docs[d + 1][4] : M.units) - M.docs[d][4];
}
function intToCn(n) {
  var digits = "零一二三四五六七八九", units = [[1000, "千"], [100, "百"], [10, "十"]], out = "", zero = false, rest = n;
  for (var i = 0; i < units.length; i++) {
    var d = Math.floor(rest / units[i][0]);
    rest = rest % units[i][0];
    if (d) {
      if (zero) { out += "零"; zero = false; }
      out += (units[i][0] === 10 && d === 1 && !out ? "" : digits.charAt(d)) + units[i][1];
    } else if (out) zero = true;
  }
  if (rest) { if (zero) out += "零"; out += digits.charAt(rest); }
  return out || "零";
}
function articleKey(u, d) {   // [main, sub] of an article unit, or null
  var doc = M.docs[d], pos = u - doc[4] - doc[5];
  if (doc[5] < 0 || pos < 0 || pos >= doc[6]) return null;
  var irregular = doc[7] || [], main = 1, sub = 0, k = 0;
  for (var p = 0; p <= pos; p++) {
    if (k < irregular.length && irregular[k][0] === p) { main = irregular[k][1]; sub = irregular[k][2]; k++; }
    if (p === pos) return [main, sub];
    main += 1; sub = 0;
  }
  return null;
}
function articleUnit(d, main, sub) {   // the unit of 第main条之sub in doc d, or -1
  var doc = M.docs[d], first = doc[5], count = doc[6];
  if (first < 0 || !count) return -1;
  var irregular = doc[7] || [], k = 0, expMain = 1, expSub = 0;
  for (var pos = 0; pos < count; pos++) {
    if (k < irregular.length && irregular[k][0] === pos) { expMain = irregular[k][1]; expSub = irregular[k][2]; k++; }
    if (expMain === main && expSub === sub) return doc[4] + first + pos;
    expMain += 1; expSub = 0;
  }
  return -1;
}

/* ---- understanding the query -------------------------------------------- */
function pinyinPhrases(q) {
  var key = q.replace(/[\s']+/g, "");
  if (key.length < 2) return Promise.resolve([]);
  return load("pinyin.js").then(function (list) {
    var exact = [], prefix = [];
    for (var i = 0; i < list.length; i++) {
      var full = list[i][0], initials = list[i][1], han = list[i][2];
      if (full === key || initials === key) exact.push(han);
      else if ((key.length >= 4 && full.indexOf(key) === 0) || (key.length >= 3 && initials.indexOf(key) === 0)) prefix.push(han);
    }
    prefix.sort(function (x, y) { return x.length - y.length; });
    return unique(exact.concat(prefix)).slice(0, 4);
  });
}

function lawForName(name) {   // the document a law name in a query means
  name = name.replace(/[《》\s]/g, "");
  if (!name) return -1;
  if (M.syn && M.syn[name]) {
    var alts = M.syn[name];
    for (var a = 0; a < alts.length; a++) { var d0 = lawForName(alts[a]); if (d0 >= 0) return d0; }
  }
  var best = -1, bestScore = -1;
  for (var d = 0; d < M.docs.length; d++) {
    var title = M.normTitles[d], s = M.short[d], score = -1;
    if (title === name || s === name) score = 100;
    else if (s.indexOf(name) === 0) score = 50 - s.length / 10;
    else if (s.indexOf(name) >= 0) score = 20 - s.length / 10;
    if (score < 0) continue;
    if (M.docs[d][3] !== 0) score -= 30;              // not in force
    if (M.docs[d][6] <= 0) score -= 40;               // no articles
    if (score > bestScore) { bestScore = score; best = d; }
  }
  return best;
}

// Other regions' regulations come without titles (meta.js stays small); a query
// that names one of their places (北京, 深圳) loads them, to find them by name.
function elsewhereFor(text) {
  if (!M.placeRe || M.elsewhere || !M.placeRe.test(text)) return Promise.resolve(text);
  return load("elsewhere.js").then(function (e) {
    var titles = e.t.split("\n"), d = 0;
    for (var i = 0; i < e.d.length; i++) { d += e.d[i]; setTitle(d, titles[i]); }
    M.elsewhere = true;
    return text;
  }, function () { return text; });
}
function analyse(raw) {
  return simplified(normalize(raw)).then(elsewhereFor).then(function (text) { return understand(text.replace(/^\s+|\s+$/g, "")); });
}
function understand(q) {
  var plan = { text: q, phrases: [], target: null };
  var ascii = /^[a-z\s']+$/.test(q);
  var start = ascii ? pinyinPhrases(q) : Promise.resolve(null);
  return start.then(function (hanzi) {
    if (hanzi && hanzi.length) {
      // minfadian → 民法典, shebao → 社保: the best reading is the query from here on (a
      // colloquial word gets its expansion); other readings count a little.
      q = hanzi[0];
      plan.text = q;
    }
    var readings = hanzi && hanzi.length > 1 ? hanzi.slice(1) : [];
    // 刑法第二十条, 《民法典》第1077条, 第一千零七十七条
    var art = /(?:《([^》]+)》|([\u3400-\u9fffa-z]{1,30}?))?\s*第([零〇一二三四五六七八九十百千两0-9]+)条(?:之([一二三四五六七八九十0-9]+))?/.exec(q);
    if (art) {
      var main = cnToInt(art[3]), sub = art[4] ? cnToInt(art[4]) : 0;
      var name = art[1] || art[2] || "";
      plan.target = { name: name, main: main, sub: sub };
      q = (q.slice(0, art.index) + (name ? " " + name + " " : " ") + q.slice(art.index + art[0].length));
    }
    // Asked as a question (离婚后孩子归谁, 工资被拖欠怎么办): Q&A pages answer it.
    // Not for article references: 刑法第二十条是什么 wants the article.
    plan.question = !plan.target && M.askRe.test(q);
    // Asking for a number (多少天, 几年, 扣几分): articles that state one of that kind.
    plan.figures = plan.target ? [] : figureKinds(q).filter(function (k) { return (M.fig || []).indexOf(k) >= 0; });
    // Asking how to reach someone: directory entries answer it.
    if (!plan.target) {
      var bare = q.replace(/\s+$/, "");
      var end = M.contactRe ? M.contactRe.exec(bare) : null, lead = M.leadRe ? M.leadRe.exec(bare) : null;
      if (end && end.index >= 2) bare = bare.slice(0, end.index);
      if (lead) bare = bare.slice(lead[0].length);
      if (bare !== q.replace(/\s+$/, "") && M.whomRe && M.whomRe.test(bare)) {
        plan.contact = true;
        q = bare;
      } else if (M.soughtRe && M.soughtRe.test(bare)) {
        // 劳动争议律师: every lawyer's page says 律师, so the topic decides (not the title).
        plan.contact = plan.sought = true;
      }
    }
    plan.askText = q;
    var asked = plan.figures.length ? q.replace(FIGURE_ASKED, " ") : q;
    if (!asked.replace(/\s+/g, "")) asked = q;
    var core = M.questionRe ? asked.replace(M.questionRe, " ") : asked;
    core = core.replace(/^\s+|\s+$/g, "");
    if (core) plan.phrases.push({ text: core, w: 1, title: true });
    for (var r = 0; r < readings.length; r++) plan.phrases.push({ text: readings[r], w: 0.7, title: true });
    // A query that names a law exactly needs no expansion.
    var compact = core.replace(/\s+/g, "");
    for (var d = 0; compact && d < M.docs.length; d++) {
      if (M.short[d] === compact || M.normTitles[d] === compact) return plan;
    }
    // Colloquial words and short names (longest first, no overlaps), looked for
    // before the question words go (被骗了 is a key, 了 a question word).
    // Each expansion's evidence in the text was computed when the index was
    // built ("#key" entries: one request); its words also count in titles.
    var used = q, keys = 0, taken = {};
    function expand(key, w, rest) {
      keys++;
      taken[key] = 1;
      // Alone (醉驾) the expansion is the query; beside other words (离婚后孩子抚养费)
      // it mostly backs up units those words found.
      plan.phrases.push({ text: "", pre: "#" + key, w: w, title: false, alone: rest.length < 2 });
      var values = M.syn[key];
      for (var v = 0; v < values.length; v++) {
        // A short, general expansion (保证金) is no evidence that a title is meant.
        var named = /(法|法典|条例|规定|办法|解释|决定)$/.test(values[v]) || values[v].length >= 5;
        if (named) plan.phrases.push({ text: values[v], w: w, title: true, body: false });
      }
    }
    for (var k = 0; k < M.synKeys.length && keys < 4; k++) {
      var key = M.synKeys[k];
      if (used.indexOf(key) < 0) continue;
      used = used.split(key).join(" ");
      expand(key, 0.8, core.split(key).join("").replace(/[^\u3400-\u9fffa-z0-9]/g, ""));
    }
    // A whole question rarely says a listed topic word for word: 楼上卫生间漏水 is 楼上漏水,
    // 没发工资 is 不发工资.  A topic key of four characters or more also counts when two
    // thirds of its bigrams are in what no key took (and at least two of them).
    if (keys < 4 && core.replace(/[^\u3400-\u9fff]/g, "").length >= 6) {
      var left = {}, lt = terms(used);
      for (var b = 0; b < lt.length; b++) left[lt[b]] = 1;
      var loose = [];
      for (var k2 = 0; k2 < M.synKeys.length; k2++) {
        var lk = M.synKeys[k2];
        var kb = M.looseTerms[lk];
        if (!kb || taken[lk]) continue;
        var have = 0;
        for (var c2 = 0; c2 < kb.length; c2++) if (left[kb[c2]]) have++;
        if (have >= 2 && have * 3 >= kb.length * 2) loose.push([lk, have / kb.length]);
      }
      loose.sort(function (x, y) { return y[1] - x[1] || y[0].length - x[0].length; });
      for (var l2 = 0; l2 < loose.length && keys < 4; l2++) expand(loose[l2][0], LOOSE_WEIGHT, core);
    }
    return plan;
  });
}

var LOOSE_WEIGHT = 0.8;   // a listed topic found in parts (楼上…漏水): 0.6 found fewer (decisions 0013 ⑧)

/* ---- scoring ---------------------------------------------------------------- */
function titleScore(d, phrases) {
  var s = M.short[d], full = M.normTitles[d], best = 0;
  for (var i = 0; i < phrases.length; i++) {
    var p = phrases[i];
    if (!p.title) continue;
    var text = p.compact, score = 0;
    if (!text) continue;
    var parts = p.parts;
    if (s === text || full === text) score = 1.6;
    else if (s.indexOf(text) >= 0) score = 0.9 + 0.5 * text.length / s.length;
    else if (parts.length > 1 && parts.some(function (x) { return x.length > 1 && s.indexOf(x) >= 0; })) {
      // 行政诉讼 起诉期限: the law named by one part, the topic in another.
      var inTitle = parts.filter(function (x) { return x.length > 1 && s.indexOf(x) >= 0; }).length;
      score = 0.5 + 0.5 * inTitle / parts.length;
    } else {
      var qt = p.compactTerms, hit = 0;
      for (var x = 0; x < qt.length; x++) if (titleHas(d, qt[x], p.bigrams[x])) hit++;
      if (qt.length && hit) {
        var f = hit / qt.length;
        score = f * f * 0.8 * Math.min(1, (hit + 1) / (titleTermSet(d)[1] + 1) + 0.5);
      }
    }
    score *= p.w;
    if (score > best) best = score;
  }
  return best;
}

// Laws first among the legal texts (法律 > 司法解释, 行政法规 > 部门规章 > 案例): the public asks
// what the law says; site pages keep their lead over all of them.
var KIND_PRIOR = { law: 0.05, interpretation: -0.1, regulation: -0.1, rule: -0.2, other: -0.2, "case": -0.22, guide: 0.4, lesson: 0.12,
  qa: 0.2, village: 0, history: 0, campaign: 0.05, page: 0, directory: 0.1, document: 0,
  // Local regulations: the site's own region beside national law, other regions below every legal text.
  local: 0.04, city: 0.04, elsewhere: -0.35 };
// A regulation of the site's own province whose title names the query's topic (物业费 →
// 浙江省物业管理条例) binds every reader on it: beside 民法典, above the national regulation.
// Only then: as a plain prior it outranked national law on questions it barely touches
// (假的二维码 → 浙江省农产品质量安全规定; measured in docs/decisions/0013).
var LOCAL_TOPIC = 0.1;

/* What a phrase loads: its bigrams, a precomputed expansion ("#醉驾"), or
   nothing when it only counts in titles. */
function phraseTerms(ph) {
  if (ph.pre) return [ph.pre];
  if (ph.body === false) return [];
  // 可以, 应当, 规定: in thousands of articles, so the few units kept for them are noise,
  // and each costs a request.  Left out while the phrase has two other terms.
  var words = ph.words = unique(terms(ph.text)), all = [], kept = [];   // (all words are highlighted)
  // Bigrams no indexed text has (房子, 老爸: asks.js marks those of the bank's questions)
  // are not loaded: a request each that finds nothing.  They still count in how much
  // of the phrase a unit holds (ph.absent), so the ranking is what it was.
  var gap = M.bankGaps || {};
  for (var g = 0; g < words.length; g++) if (!gap[pairCode(words[g])]) all.push(words[g]);
  ph.absent = words.length - all.length;
  for (var i = 0; i < all.length; i++) if (!M.commonSet[all[i]]) kept.push(all[i]);
  return kept.length + ph.absent >= 2 ? kept : all;     // (an absent bigram is never a common one)
}

// The shard that holds a term; an expansion ("#房东") rides with its key's first
// term (房东), which the query loads anyway (pufa/search/text.py shard_term).
// A whole question (six Chinese characters or more) is always compared with the bank.
var WHOLE_QUESTION = 6;
function hanCount(text) { return String(text || "").replace(/[^\u3400-\u9fff]/g, "").length; }
function shardOf(t) {
  var key = t.charAt(0) === "#" ? terms(t.slice(1))[0] || t : t;
  return fnv1a(key) % M.shards;
}
function run(plan, limit, perDoc) {
  // Terms of every phrase, and the shards that hold them.
  var allTerms = [];
  for (var i = 0; i < plan.phrases.length; i++) {
    var ph = plan.phrases[i];
    ph.terms = phraseTerms(ph);
    ph.compact = ph.text.replace(/\s+/g, "");
    ph.parts = ph.text.split(/\s+/).filter(function (x) { return x; });
    ph.compactTerms = unique(terms(ph.compact));
    ph.bigrams = ph.compactTerms.map(function (t) { return pairCode(t) >= 0; });
    allTerms = allTerms.concat(ph.terms);
  }
  allTerms = unique(allTerms);
  var shardIds = unique(allTerms.map(shardOf));
  var t0 = now();
  // The shards are asked for first: the network works while the titles are scored.
  var shardLoads = shardIds.map(function (n) { return load("t/" + n + ".js"); });
  // Pages whose titles the query names are results from their top, known before
  // any shard arrives: their snippets load alongside the shards, not after.
  plan.titles = titleScores(plan);
  var named = [];
  for (var d = 0; d < M.docs.length; d++) if (plan.titles[d] >= TITLE_PAGE) named.push(d);
  named.sort(function (x, y) { return plan.titles[y] - plan.titles[x]; });
  unique(named.slice(0, limit).map(function (d) { return Math.floor(M.docs[d][4] / M.block); }))
    .forEach(function (b) { load("u/" + b + ".js").then(null, function () { /* reported later */ }); });
  function postingsOf(termList, shardMap) {
    var posting = {};
    termList.forEach(function (t) {
      var entry = shardMap[shardOf(t)][t], list = [];
      if (entry) decode(entry, list);
      posting[t] = list;
    });
    return posting;
  }
  var figureFiles = (plan.figures || []).map(function (k) {
    return load("f/" + k + ".js").then(null, function () { return {}; });
  });
  // A query is also compared with the question bank: a whole question (老公喝醉了就打我)
  // and a topic people ask about (遛狗拴绳, 培训违约金: words no article says) alike;
  // not a short one that names a page or a law (法律援助: that page answers), nor an
  // article asked for by number.
  var chars = hanCount(plan.askText);
  var bank = M.asks && !plan.target && chars >= 2 && (chars >= WHOLE_QUESTION || !named.length)
    ? load("asks.js").then(prepareBank).then(function (b) { nearBlocks(b, plan); return b; }, function () { return null; }) : null;
  return Promise.all(shardLoads.concat(figureFiles, [bank])).then(function (shards) {
    var t1 = now();
    plan.bank = shards.pop();
    plan.figureSets = shards.splice(shardIds.length, figureFiles.length);
    timing.shards = shardIds.length; timing.shardMs = t1 - t0;
    var byShard = {};
    for (var s = 0; s < shardIds.length; s++) byShard[shardIds[s]] = shards[s];
    var picked = rank(plan, postingsOf(allTerms, byShard), limit, perDoc);
    timing.scoreMs = now() - t1;
    return materialise(picked, plan);
  });
}

/* Ranked result units for a plan, given the postings of its terms. */
var TITLE_PAGE = 0.9;   // a title match this strong: the result is the page itself
var QA_QUESTION_BOOST = 0.3;
var CONTACT_BOOST = 0.6;
// Units of one document among the results: at most PER_DOC, each after the first a little lower.
var PER_DOC = 3, REPEAT_COST = 0.08;

function titleScores(plan) {
  var out = [];
  for (var d = 0; d < M.docs.length; d++) out.push(titleScore(d, plan.phrases));
  return out;
}

function rank(plan, posting, limit, perDoc) {
    var titles = plan.titles || titleScores(plan);
    // Unit scores: per phrase, the sum of impacts, weighted by how much of the phrase the unit covers.
    var unitScore = {}, baseUnits = null, cover = {}, asked = 0;
    plan.phrases.forEach(function (p) {
      var acc = {}, hits = {}, n = p.terms.length + (p.absent || 0);
      if (!n) return;
      if (!p.pre) asked += p.w;
      p.terms.forEach(function (t) {
        var list = posting[t];
        for (var j = 0; j < list.length; j += 2) {
          var u = list[j];
          acc[u] = (acc[u] || 0) + list[j + 1];
          hits[u] = (hits[u] || 0) + 1;
        }
      });
      if (!p.pre && !baseUnits) baseUnits = acc;
      for (var u in acc) {
        var cover0 = p.pre ? 1 : hits[u] / n;   // precomputed phrases already weigh coverage
        cover[u] = (cover[u] || 0) + p.w * cover0;   // an expansion (醉驾 → 醉酒驾驶) covers its word
        var score = p.w * acc[u] * (0.25 + 0.75 * cover0 * cover0);
        if (p.pre && !p.alone && !(baseUnits && baseUnits[u])) score *= 0.3;
        // The query's own words and each expansion are separate evidence: they add up.
        unitScore[u] = (unitScore[u] || 0) + score;
      }
    });
    if (plan.bank) lendAsks(plan, unitScore, cover);
    // A question that asks for a figure: the units that state one of that kind count more.
    if (plan.figureSets && plan.figureSets.length) {
      for (var fu in unitScore) {
        if (hasFigure(plan, fu)) unitScore[fu] *= 1 + FIGURE_BOOST;
      }
    }
    // Document scores: best unit, a little of the next ones, the title, the kind.
    var docUnits = {}, maxUnit = 0;
    for (var key in unitScore) {
      var unit = +key, d = docOfUnit(unit);
      (docUnits[d] = docUnits[d] || []).push([unit, unitScore[key]]);
      if (unitScore[key] > maxUnit) maxUnit = unitScore[key];
    }
    var docScore = [], d2;
    for (d2 = 0; d2 < M.docs.length; d2++) {
      var list2 = docUnits[d2], part = 0;
      if (list2) {
        list2.sort(function (x, y) { return y[1] - x[1]; });
        part = list2[0][1] + 0.3 * ((list2[1] ? list2[1][1] : 0) + (list2[2] ? list2[2][1] : 0));
        part = part / (maxUnit * 1.6);
      }
      var ts = titles[d2];
      if (!list2 && !ts) continue;
      var kind = M.kinds[M.docs[d2][2]];
      var score = 0.7 * part + ts + (KIND_PRIOR[kind] || 0);
      if (kind === "local" && ts > 0) score += LOCAL_TOPIC;
      // A question favours the Q&A pages its words found, in proportion to how well
      // they match: a Q&A that only shares a word or two gains little.
      if (plan.question && kind === "qa" && list2) score += QA_QUESTION_BOOST * Math.min(1, 2 * part);
      if (plan.contact && kind === "directory") score += CONTACT_BOOST * Math.min(1, 2 * part + (plan.sought ? 0 : ts));
      if (M.outdated[d2]) score -= 0.35;           // a newer text in the library: that one first
      if (M.docs[d2][3] === 2 || M.docs[d2][3] === 4) score -= 0.5;   // repealed, expired
      docScore.push([d2, score]);
    }
    // 刑法第二十条: that article of that law first.
    var pinned = [];
    if (plan.target && plan.target.main) {
      var tdocs = [];
      if (plan.target.name) {
        var td = lawForName(plan.target.name);
        if (td >= 0) tdocs.push(td);
      } else {
        docScore.sort(function (x, y) { return y[1] - x[1]; });
        for (var c = 0; c < docScore.length && tdocs.length < 3; c++) tdocs.push(docScore[c][0]);
        for (var e = 0; e < M.docs.length && tdocs.length < 3; e++) if (M.docs[e][3] === 0 && M.kinds[M.docs[e][2]] === "law" && M.docs[e][6] >= plan.target.main && tdocs.indexOf(e) < 0) tdocs.push(e);
      }
      tdocs.forEach(function (tdoc) {
        var au = articleUnit(tdoc, plan.target.main, plan.target.sub || 0);
        if (au >= 0) pinned.push([tdoc, au]);
      });
    }
    docScore.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    // Results are articles (and page sections), ranked one by one: the best unit of
    // a document carries the document's score, its other units that score less by
    // how much weaker they are, and a little less for each one already taken, so an
    // everyday question gets the three articles of one law that answer it, not the
    // law's best article and then twenty other laws.  A page the query names (劳动合同法)
    // and a Q&A come first as themselves (from the top).
    var cap = Math.max(1, perDoc || PER_DOC), entries = [];
    for (var k2 = 0; k2 < docScore.length; k2++) {
      var dd = docScore[k2][0], ds = docScore[k2][1], units = docUnits[dd] || [], first = M.docs[dd][4];
      var top = (titles[dd] >= TITLE_PAGE || M.kinds[M.docs[dd][2]] === "qa" || !units.length) ? 1 : 0;
      if (top) entries.push([first, ds, dd]);
      if (M.kinds[M.docs[dd][2]] === "qa") continue;      // a Q&A: its question and short answer
      var best = units.length ? units[0][1] : 0;
      for (var z = 0, j = top; z < units.length && j < cap; z++) {
        if (top && units[z][0] === first) continue;
        entries.push([units[z][0], ds - 0.7 * (best - units[z][1]) / (maxUnit * 1.6) - REPEAT_COST * j, dd]);
        j++;
      }
    }
    entries.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    var picked = [], seenUnit = {};
    // How much of what was asked each result holds (its own words, not expansions): 1 for
    // a page the query names and an article asked for by number.  The page says "not sure"
    // when no result holds enough (pufa.search's `unsure`).
    plan.match = {};
    pinned.forEach(function (p) { picked.push(p[1]); seenUnit[p[1]] = 1; plan.match[p[1]] = 1; });
    for (var e2 = 0; e2 < entries.length && picked.length < limit; e2++) {
      var pu = entries[e2][0];
      if (seenUnit[pu]) continue;
      picked.push(pu); seenUnit[pu] = 1;
      plan.match[pu] = titles[entries[e2][2]] >= TITLE_PAGE ? 1 : asked ? Math.min(1, (cover[pu] || 0) / asked) : 0;
    }
    return picked;
}
/* ---- the question bank (pufa/search/asks) ------------------------------------
   Everyday questions, each with the article that answers it.  A whole question
   is compared with each of them by the characters and bigrams they share (a
   paraphrase shares characters more often than bigrams: 爸走了…欠债 / 老人走了…
   留下的债), weighted by how rare each is in the bank, as a cosine in 0..1. */
// Chosen on bench/search-eval general-articles + holdout-colloquial with 10 domains
// (decisions 0014): a paraphrase often shares few characters (老公喝醉了就打我 / 老公打我，
// 我能去法院申请保护令吗: 0.24), so a weak likeness still lends, by the square of the
// similarity: a 0.2 neighbour (邻居…走 for 邻居的狗…) lends a sixth of a 0.5 one, and a
// 0.5 one 2.5 times the best unit: a Q&A page that answers the question keeps its lead.
var ASK_WEIGHT = 10, ASK_MIN = 0.15, ASK_SHOWN = 0.3, CHAR_WEIGHT = 0.5;
// Features as numbers, not strings: a character its code, two adjacent ones
// first × 65536 + second (the bank's 2,797 questions prepared in half the time).
function eachFeature(text, visit) {   // visit(feature, weight): characters CHAR_WEIGHT, bigrams 1
  for (var i = 0, prev = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) { prev = 0; continue; }
    visit(c, CHAR_WEIGHT);
    if (prev) visit(prev * 65536 + c, 1);
    prev = c;
  }
}
function askFeatures(text) {   // {feature: weight}
  var out = {};
  eachFeature(text, function (f, w) { out[f] = w; });
  return out;
}
function askText(text) {
  return M.questionRe ? simplify(normalize(text)).replace(M.questionRe, " ") : simplify(normalize(text));
}
// Prepared once per page: each question as the numbers of its features (objects
// of objects for 1,900 questions took 130 ms on a desktop, several times that on
// a phone); a query then walks these lists.
function prepareBank(data) {
  if (data.ready) return data;
  var started = now(), at = 0, id = {}, df = [], last = [], lists = [], weights = [], i, list;
  function count(f, w) {
    var k = id[f];
    if (k === undefined) { k = id[f] = df.length; df.push(0); last.push(-1); weights.push(w); }
    if (last[k] === i) return;      // each feature once per question
    last[k] = i; df[k]++;
    list.push(k);
  }
  data.target = [];
  for (i = 0; i < data.q.length; i++) {
    data.target.push(at += data.to[i]);
    list = [];
    eachFeature(askText(data.q[i]), count);
    lists.push(list);
  }
  var n = data.q.length;
  data.weight = [];    // per feature: its weight × idf
  for (var j = 0; j < df.length; j++) data.weight.push(weights[j] * Math.log(1 + (n - df[j] + 0.5) / (df[j] + 0.5)));
  data.id = id; data.lists = lists; data.rare = Math.log(1 + (n + 0.5) / 0.5);
  // Only later queries use the gaps: worked out after this one, not on its way.
  setTimeout(function () { if (!M.bankGaps) M.bankGaps = bankGaps(data); }, 0);
  data.norm = [];
  for (var q = 0; q < lists.length; q++) {
    var sum = 0, l = lists[q];
    for (var e = 0; e < l.length; e++) sum += data.weight[l[e]];
    data.norm.push(sum);
  }
  data.ready = true;
  timing.bankMs = now() - started;
  return data;
}
// The questions' bigrams in code order, as the build listed them (asks.py unindexed);
// those whose bit is set are in no indexed text.  Keyed by pairCode.
function bankGaps(data) {
  var total = 0, n = 0, gaps = {}, q, i, codes;
  if (!data.gap) return gaps;
  for (q = 0; q < data.q.length; q++) total += data.q[q].length;
  // A typed array sorts 37,000 numbers in 2 ms; an array with a comparator took 12–26.
  var typed = window.Uint32Array && Uint32Array.prototype.sort;
  codes = typed ? new Uint32Array(total) : [];
  function pair(f, w) { if (w === 1) codes[n++] = f; }     // (eachFeature's bigrams weigh 1)
  for (q = 0; q < data.q.length; q++) eachFeature(data.q[q], pair);
  if (typed) codes = codes.subarray(0, n).sort();
  else codes.sort(function (x, y) { return x - y; });
  for (i = 0, q = 0; i < n; i++) {
    if (i && codes[i] === codes[i - 1]) continue;
    if ((DIGIT[data.gap.charAt(Math.floor(q / 6))] >> (q % 6)) & 1) gaps[codes[i]] = 1;
    q++;
  }
  return gaps;
}
// Two Chinese characters as one number (as eachFeature and bankGaps count them); else -1.
function pairCode(t) {
  if (t.length !== 2) return -1;
  var a = t.charCodeAt(0), b = t.charCodeAt(1);
  return a >= 0x3400 && a <= 0x9fff && b >= 0x3400 && b <= 0x9fff ? a * 65536 + b : -1;
}
function matchBank(bank, text) {   // [[question, similarity 0..1], …] best first
  var qf = askFeatures(askText(text)), qsum = 0, mine = {};
  for (var f in qf) {
    var k = bank.id[f];
    // A feature no question has counts in the query's length, as rare as can be.
    qsum += k === undefined ? qf[f] * bank.rare : bank.weight[k];
    if (k !== undefined) mine[k] = 1;
  }
  var out = [];
  for (var q = 0; q < bank.lists.length; q++) {
    var l = bank.lists[q], shared = 0;
    for (var e = 0; e < l.length; e++) if (mine[l[e]]) shared += bank.weight[l[e]];
    if (shared) out.push([q, shared / Math.sqrt(qsum * bank.norm[q])]);
  }
  out.sort(function (x, y) { return y[1] - x[1]; });
  return out;
}
// The articles of the questions nearest to the query are shown almost always:
// their blocks load while the shards do, not after the ranking.
function nearBlocks(bank, plan) {
  plan.found = matchBank(bank, plan.askText);
  var blocks = [];
  for (var i = 0; i < plan.found.length && plan.found[i][1] >= ASK_SHOWN && blocks.length < 3; i++) {
    var b = Math.floor(bank.target[plan.found[i][0]] / M.block);
    if (blocks.indexOf(b) < 0) blocks.push(b);
  }
  blocks.forEach(function (b) { load("u/" + b + ".js").then(null, function () { /* reported later */ }); });
}
// The best match of each article's questions lends its similarity to the article
// (the best, not their sum: four phrasings of one article are not four answers).
function lendAsks(plan, unitScore, cover) {
  var scale = 0, best = {};
  for (var u in unitScore) if (unitScore[u] > scale) scale = unitScore[u];
  scale = scale || 1;
  var found = plan.found || matchBank(plan.bank, plan.askText);
  plan.asked = [];
  for (var i = 0; i < found.length && found[i][1] >= ASK_MIN; i++) {
    var t = plan.bank.target[found[i][0]];
    if (best[t] !== undefined) continue;
    best[t] = found[i][1];
    // Offered to the reader as a nearby question only when it is really near.
    if (found[i][1] >= ASK_SHOWN) plan.asked.push([found[i][0], t]);
  }
  for (var t2 in best) {
    unitScore[t2] = (unitScore[t2] || 0) + ASK_WEIGHT * best[t2] * best[t2] * scale;
    cover[t2] = Math.max(cover[t2] || 0, best[t2]);
  }
}
function hasFigure(plan, unit) {
  for (var i = 0; i < (plan.figureSets || []).length; i++) if (plan.figureSets[i][unit]) return true;
  return false;
}
var timing = {};
function now() { return window.performance && performance.now ? performance.now() : +new Date(); }

/* ---- results ----------------------------------------------------------------- */
function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function highlight(text, plan, figureRe) {
  var marks = [], norm = normalize(text), i, fm;
  var words = [];
  plan.phrases.forEach(function (p) { words = words.concat(p.words || p.terms || []); });
  words = unique(words);
  for (i = 0; i < norm.length; i++) marks.push(false);
  words.forEach(function (w) {
    if (!w) return;
    var at = norm.indexOf(w);
    while (at >= 0) {
      for (var j = at; j < at + w.length && j < marks.length; j++) marks[j] = true;
      at = norm.indexOf(w, at + 1);
    }
  });
  if (figureRe) {
    figureRe.lastIndex = 0;
    while ((fm = figureRe.exec(text)) && fm[0]) {
      for (var f = fm.index; f < fm.index + fm[0].length && f < marks.length; f++) marks[f] = true;
    }
  }
  var out = "", open = false;
  for (i = 0; i < text.length; i++) {
    var m = marks[i] && norm.length === text.length;
    if (m && !open) { out += "<mark>"; open = true; }
    if (!m && open) { out += "</mark>"; open = false; }
    out += escapeHtml(text.charAt(i));
  }
  if (open) out += "</mark>";
  return out;
}
function pageUrl(url) {
  var u = siteRoot + url;
  if (fileMode && /\/$/.test(u)) u += "index.html";
  return u;
}
function materialise(units, plan) {
  var blocks = unique(units.map(function (u) { return Math.floor(u / M.block); }));
  var t2 = now();
  // A block that cannot load (offline, not saved yet) costs its results: their URLs are in it.
  return Promise.all(blocks.map(function (b) {
    return load("u/" + b + ".js").then(null, function () { return null; });
  })).then(function (loaded) {
    timing.blocks = blocks.length; timing.blockMs = now() - t2;
    var byBlock = {};
    for (var i = 0; i < blocks.length; i++) byBlock[blocks[i]] = loaded[i];
    var shownUnits = units.filter(function (u) { return byBlock[Math.floor(u / M.block)]; });
    var out = shownUnits.map(function (u) {
      var block = byBlock[Math.floor(u / M.block)], row = block[u % M.block] || ["", ""];
      var d = docOfUnit(u), doc = M.docs[d], name = doc[0] || block.titles[d] || "";
      var label = row[0] || "", anchor = row[2] || "";
      var key = !label ? articleKey(u, d) : null;
      if (key) {
        label = "第" + intToCn(key[0]) + "条" + (key[1] ? "之" + intToCn(key[1]) : "");
        anchor = "art-" + key[0] + (key[1] ? "-" + key[1] : "");
      }
      var status = lawStatusOn(M.statuses[doc[3]], M.coming[d]);
      // A figure question: the clause that states the figure, the figure marked.
      var shown = row[1] || "", figureRe = null;
      if (plan.figures && plan.figures.length && hasFigure(plan, u)) {
        figureRe = new RegExp(plan.figures.map(function (k) { return FIGURE_TEXT[k]; }).join("|"), "g");
        if (row[3] && !new RegExp(figureRe.source).test(shown) && new RegExp(figureRe.source).test(row[3])) shown = "……" + row[3];
      }
      return {
        doc: name,
        title: name + (label ? " " + label : ""),
        url: pageUrl((block.urls && block.urls[d]) || doc[1]) + (anchor ? "#" + anchor : ""),
        snippet: highlight(shown, plan, figureRe),
        label: label,
        kind: M.kinds[doc[2]],
        status: status,
        statusChanges: !!M.coming[d],
        match: Math.round((plan.match && plan.match[u] || 0) * 100) / 100
      };
    });
    // The bank's questions nearest to the query, each with its article (among the results).
    out.asked = [];
    for (var a = 0; a < (plan.asked || []).length && out.asked.length < 3; a++) {
      var at = shownUnits.indexOf(plan.asked[a][1]);
      if (at >= 0) out.asked.push({ question: plan.bank.q[plan.asked[a][0]], title: out[at].title, url: out[at].url });
    }
    return out;
  });
}

/* ---- the API ------------------------------------------------------------------- */
// A result that holds less than this share of what was asked is a guess, not an answer.
var SURE = 0.6;
function unsure(results) {
  var best = 0;
  for (var i = 0; i < results.length; i++) if (results[i].match > best) best = results[i].match;
  results.unsure = best < SURE;
  return results;
}
pufa.search = function (query, options) {
  options = options || {};
  var limit = options.limit || 10;
  if (!String(query || "").replace(/\s/g, "")) return Promise.resolve([]);
  searching();
  return meta().then(function () { return analyse(query); }).then(function (plan) {
    if ((!plan.phrases.length && !plan.target) || !M.units) return unsure([]);
    return run(plan, limit, options.perPage).then(unsure);
  });
};
// A whole question (WHOLE_QUESTION) will be compared with the
// question bank: while it is typed, asks.js loads beside meta.js.  (Fetched at the
// first query itself, beside meta.js, it saved nothing measurable: 8 runs each.)
function bankAhead(text) {
  if (hanCount(text) >= WHOLE_QUESTION) load("asks.js").then(null, function () { /* run() reports */ });
}
// Called while the reader types (search-page.js): the index is ready, and for a
// whole question the bank prepared, before the query is sent.
pufa.searchReady = function (typed) {
  bankAhead(typed);
  return meta().then(function () {
    if (typed && cache["asks.js"] && M.asks) return cache["asks.js"].then(prepareBank).then(function () { return true; }, function () { return true; });
    return true;
  });
};
// For tests: the tokenizer and hash must match pufa/search/text.py exactly.
pufa.search.terms = function (text) { return terms(normalize(text)); };
pufa.search.hash = fnv1a;
pufa.search.timing = function () { return timing; };   // the last query's phases
// How a query is understood (phrases, weights, article target): for tuning and tests.
pufa.search.explain = function (q) {
  return meta().then(function () { return analyse(q); }).then(function (plan) {
    plan.phrases.forEach(function (p) { p.terms = phraseTerms(p); });
    return plan;
  });
};
