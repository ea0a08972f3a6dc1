/* 32-bit FNV-1a over UTF-16 code units: the same hash as pufa/search/text.py.
   search.js finds a term's index shard with it; usage.js checks the staff
   page's PIN with it (pufa/usage.py makes the hash the page compares with). */
function fnv1a(s) {
  var h = 0x811c9dc5;
  for (var i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    // h * 0x01000193 modulo 2^32, exact without Math.imul (old browsers):
    // 0x01000193 = 2^24 + 0x193, and neither product passes 2^53.
    h = (h * 0x193 + (h << 24)) >>> 0;
  }
  return h >>> 0;
}
