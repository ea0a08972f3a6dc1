/* The reader's date, and a law's status on it.  Shared by pufa.js and the
   search (search/search.js): the page and its search results agree.

   The build writes each law's status on its own day; a law still to come
   into force (尚未生效), or a text to be replaced on a known day, also carries
   the transitions after that day ("2026-01-01:superseded|…").  Only those are
   read again, so a kiosk whose clock runs years behind never turns back what
   the build knew. */
function todayIso() {
  var d = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
}

function lawStatusOn(status, coming) {
  var today = todayIso(), steps = (coming || "").split("|");
  for (var i = 0; i < steps.length; i++) {
    var at = steps[i].indexOf(":");
    if (at > 0 && steps[i].slice(0, at) <= today) status = steps[i].slice(at + 1);
  }
  return status;
}
