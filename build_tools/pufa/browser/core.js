/* pufa: small page behaviours. ES5 on purpose: WeChat's built-in browser on
   older phones runs an old Chromium. Nothing here talks to a server.

   These files are joined in the order pufa/browser_bundle.py lists, inside one
   function: what one declares, the later ones use. REGISTRY (the content
   types' names, generated at build) comes first. This one: the namespace,
   the site's root and small helpers. */
var pufa = window.pufa = window.pufa || {};
var self = document.currentScript;
// The site's root URL, from where this file is (assets/pufa/pufa.js, or
// pufa.1a2b3c4d.min.js in a built site: pufa/fingerprint.py).
pufa.root = self ? self.src.replace(/assets\/pufa\/pufa\.(?:[0-9a-f]{8}\.min\.)?js(\?.*)?$/, "") : "";

function each(list, fn) {
  for (var i = 0; i < list.length; i++) fn(list[i], i);
}

/* Today as YYYY-MM-DD in the reader's own time zone (clock.js). */
pufa.today = todayIso;

function getParam(name) {
  var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(location.search);
  if (!m) return "";
  try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return m[1]; }
}
