/* A law page as a Word file (.docx), made in the browser from the page itself:
   nothing is stored on the site for it and it works offline.  The file is the
   smallest WordprocessingML package Word, WPS and LibreOffice open: three XML
   parts in an uncompressed zip.  Title centred, 宋体; chapters bold and centred;
   each article's number bold; a note on where and when it was downloaded. */
var CRC_TABLE = null;

function crc32(bytes) {
  var c, n, k;
  if (!CRC_TABLE) {
    CRC_TABLE = [];
    for (n = 0; n < 256; n++) {
      c = n;
      for (k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  c = 0xFFFFFFFF;
  for (n = 0; n < bytes.length; n++) c = CRC_TABLE[(c ^ bytes[n]) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

function utf8(text) {
  var raw = unescape(encodeURIComponent(text)), out = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/* files: [[name, Uint8Array]] -> a zip (stored, no compression) as a Uint8Array. */
function zipStored(files) {
  var parts = [], central = [], offset = 0, size = 0;
  function le(n, bytes) {
    var a = [];
    for (var i = 0; i < bytes; i++) a.push((n >>> (8 * i)) & 0xFF);
    return a;
  }
  for (var i = 0; i < files.length; i++) {
    var name = utf8(files[i][0]), data = files[i][1], crc = crc32(data);
    // version 20, flags 0x0800 (UTF-8 names), stored, time 0, date 1980-01-01
    var common = [].concat(le(20, 2), le(0x0800, 2), le(0, 2), le(0, 2), le(33, 2),
      le(crc, 4), le(data.length, 4), le(data.length, 4), le(name.length, 2), le(0, 2));
    var local = new Uint8Array([0x50, 0x4B, 0x03, 0x04].concat(common));
    parts.push(local, name, data);
    central.push(new Uint8Array([0x50, 0x4B, 0x01, 0x02].concat(le(20, 2), common, le(0, 2), le(0, 2),
      le(0, 2), le(0, 4), le(offset, 4))), name);
    offset += local.length + name.length + data.length;
  }
  for (i = 0; i < central.length; i++) size += central[i].length;
  var end = new Uint8Array([0x50, 0x4B, 0x05, 0x06].concat(le(0, 2), le(0, 2), le(files.length, 2),
    le(files.length, 2), le(size, 4), le(offset, 4), le(0, 2)));
  var all = parts.concat(central, [end]), total = 0;
  for (i = 0; i < all.length; i++) total += all[i].length;
  var out = new Uint8Array(total), at = 0;
  for (i = 0; i < all.length; i++) { out.set(all[i], at); at += all[i].length; }
  return out;
}

function xmlText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

/* One paragraph: runs [[text, bold]], centred or first-line indented, size in half-points. */
function wordParagraph(runs, center, size) {
  var ppr = "<w:pPr>" + (center ? '<w:jc w:val="center"/>' : '<w:ind w:firstLineChars="200" w:firstLine="560"/>') +
    '<w:spacing w:line="360" w:lineRule="auto"/></w:pPr>';
  var body = "";
  for (var i = 0; i < runs.length; i++) {
    body += '<w:r><w:rPr><w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>' +
      (runs[i][1] ? "<w:b/>" : "") + '<w:sz w:val="' + size + '"/><w:szCs w:val="' + size + '"/></w:rPr>' +
      '<w:t xml:space="preserve">' + xmlText(runs[i][0]) + "</w:t></w:r>";
  }
  return "<w:p>" + ppr + body + "</w:p>";
}

/* The page's law as paragraphs: title, the note, 制定和修改情况, then the body. */
function lawParagraphs(doc) {
  var out = [], title = doc.querySelector(".pufa-law-head h1");
  var status = doc.querySelector("[data-pufa-status-label]");
  var version = doc.querySelector('meta[name="pufa:law-version"]');
  out.push(wordParagraph([[title ? title.textContent.trim() : document.title, true]], true, 36));
  each(doc.querySelectorAll(".pufa-law-history li"), function (li) {
    out.push(wordParagraph([["（" + li.textContent.trim() + "）", false]], true, 24));
  });
  var note = "下载自" + (document.title.split(" - ").pop() || "本网站") + "（" + location.href.split("#")[0] + "），" +
    (version ? cnDateOf(version.getAttribute("content")) + "文本，" : "") +
    (status ? "状态：" + status.textContent.trim() + "，" : "") + "下载日期：" + cnDateOf(todayIso()) +
    "。以公布的法律文本为准。";
  out.push(wordParagraph([[note, false]], true, 20));
  var body = doc.querySelector(".pufa-law-body");
  if (!body) return out;
  each(body.children, function (el) {
    var tag = el.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      out.push(wordParagraph([[el.textContent.replace(/\s*¶\s*$/, "").trim(), true]], true, 28));
    } else if (tag === "div") {
      each(el.querySelectorAll("p"), function (p, i) {
        var label = i === 0 ? p.querySelector("a") : null;
        var text = p.textContent.trim();
        if (label && text.indexOf(label.textContent) === 0) {
          out.push(wordParagraph([[label.textContent, true], ["\u3000" + text.slice(label.textContent.length).trim(), false]], false, 28));
        } else if (text) {
          out.push(wordParagraph([[text, false]], false, 28));
        }
      });
    } else if (el.textContent.trim()) {
      out.push(wordParagraph([[el.textContent.trim(), false]], false, 28));
    }
  });
  return out;
}

pufa.lawDocx = function (doc) {
  var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var document_ = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + W + "><w:body>" +
    lawParagraphs(doc || document).join("") +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1531" w:bottom="1440" w:left="1531" ' +
    'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>';
  return zipStored([
    ["[Content_Types].xml", utf8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      "</Types>")],
    ["_rels/.rels", utf8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      "</Relationships>")],
    ["word/document.xml", utf8(document_)]
  ]);
};

function setUpLawDownload() {
  each(document.querySelectorAll("[data-pufa-law-docx]"), function (button) {
    if (!window.Blob || !window.URL || !URL.createObjectURL) return;    // the button stays hidden
    button.hidden = false;
    button.addEventListener("click", function () {
      if (/MicroMessenger/i.test(navigator.userAgent)) {
        // WeChat's browser does not save files: say how, instead of doing nothing.
        var note = button.parentNode.querySelector(".pufa-law-tools__note");
        if (!note) {
          note = document.createElement("span");
          note.className = "pufa-law-tools__note";
          note.setAttribute("role", "status");
          button.parentNode.appendChild(note);
        }
        note.textContent = "微信里不能直接下载文件：点右上角「···」，选「在浏览器打开」，再点「下载 Word 文本」。";
        return;
      }
      var title = document.querySelector(".pufa-law-head h1");
      var version = document.querySelector('meta[name="pufa:law-version"]');
      var name = (title ? title.textContent.trim() : "法律") + (version ? "（" + cnDateOf(version.getAttribute("content")) + "）" : "");
      var blob = new Blob([pufa.lawDocx(document)],
        { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name.replace(/[\\\/:*?"<>|]/g, "") + ".docx";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 1000);
    });
  });
}

/* Printed law pages carry the law's title, version, status and the day printed
   at the top of every A4 sheet (pufa.css: @page margin boxes read --pufa-running). */
function cnDateOf(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? m[1] + "年" + parseInt(m[2], 10) + "月" + parseInt(m[3], 10) + "日" : "";
}

function setUpLawPrintHeader() {
  var title = document.querySelector(".pufa-law-head h1");
  if (!title) return;
  function running() {
    var status = document.querySelector("[data-pufa-status-label]");
    var version = document.querySelector('meta[name="pufa:law-version"]');
    var text = title.textContent.trim() + (version ? "（" + cnDateOf(version.getAttribute("content")) + "文本）" : "") +
      (status ? " · " + status.textContent.trim() : "") + " · 打印于" + cnDateOf(todayIso());
    document.documentElement.style.setProperty("--pufa-running",
      '"' + text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001F]/g, " ") + '"');
  }
  running();                                        // (after showLawStatuses: the status on today's date)
  window.addEventListener("beforeprint", running);  // a page left open overnight prints today's date
}
