/* pufa serve only: the 「复制到公众号」 button above each article.
 *
 * The preview writes the page's 公众号 article (pufa/wechat, inline styles
 * only) beside the page; this copies it to the clipboard as rich text, so it
 * pastes into the official-account editor with its layout.  ClipboardItem
 * with text/html where there is one; otherwise the article is rendered in an
 * element out of sight, selected, and copied with execCommand("copy").
 * ES5: the preview opens in whatever browser staff have. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-pufa-wechat]");
  if (!bar) {
    return;
  }
  var button = bar.querySelector("button");
  var status = bar.querySelector("[role=status]");
  var file = bar.getAttribute("data-pufa-wechat");
  var images = parseInt(bar.getAttribute("data-pufa-images") || "0", 10);
  var html = null;
  var text = "";

  function say(words) {
    status.textContent = words;
  }

  function absolute(src) {
    var a = document.createElement("a");
    a.href = src;
    return a.href;
  }

  function load(then) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", file, true);
    xhr.onload = function () {
      if (xhr.status !== 200) {
        say("没能读取公众号版（" + xhr.status + "）。保存一下这篇文章，等预览刷新后再试。");
        return;
      }
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      // (the preview server adds its live-reload script to every page it serves)
      var drop = doc.querySelectorAll("script, style, link");
      var i;
      for (i = 0; i < drop.length; i++) {
        drop[i].parentNode.removeChild(drop[i]);
      }
      var pictures = doc.querySelectorAll("img");
      for (i = 0; i < pictures.length; i++) {
        var src = pictures[i].getAttribute("src") || "";
        if (src.indexOf("data:") !== 0) {
          pictures[i].setAttribute("src", absolute(src));
        }
      }
      html = doc.body.innerHTML;
      text = doc.body.textContent || "";
      if (then) {
        then();
      }
    };
    xhr.onerror = function () {
      say("没能读取公众号版：预览是不是已经关掉了？");
    };
    xhr.send();
  }

  function copied() {
    say("已复制。到公众号编辑器的正文里粘贴（Ctrl+V）。" +
      (images ? "文中的 " + images + " 张图片编辑器读不到，粘贴后请在编辑器里重新上传；" : "") +
      "文末二维码如果没有显示，用 pufa wechat 生成的「二维码.png」上传。");
  }

  function copyBySelection() {
    var holder = document.createElement("div");
    // Rendered (a selection needs layout) but one pixel high; no positioning, which
    // the browser could copy along with the article.
    holder.setAttribute("style", "height:1px;overflow:hidden;");
    holder.innerHTML = html;
    document.body.appendChild(holder);
    var range = document.createRange();
    range.selectNodeContents(holder);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    selection.removeAllRanges();
    document.body.removeChild(holder);
    if (ok) {
      copied();
    } else {
      say("浏览器不让复制。请打开 " + file + "，按 Ctrl+A 全选、Ctrl+C 复制。");
    }
  }

  function copy() {
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      try {
        var item = new window.ClipboardItem({
          "text/html": new Blob([html], {type: "text/html"}),
          "text/plain": new Blob([text], {type: "text/plain"})
        });
        navigator.clipboard.write([item]).then(copied, copyBySelection);
        return;
      } catch (e) {
        // an older ClipboardItem: the selection still works
      }
    }
    copyBySelection();
  }

  button.addEventListener("click", function () {
    if (html === null) {
      say("正在准备……");
      load(copy);
    } else {
      copy();
    }
  });
  load(null);
})();
