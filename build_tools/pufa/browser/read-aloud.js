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
