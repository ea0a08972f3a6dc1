/* Listing filters: every select narrows the cards; values are '|'-joined. */
function setUpFilters() {
  each(document.querySelectorAll("[data-pufa-filters]"), function (form) {
    var list = document.querySelector("[data-pufa-cards]");
    if (!list) return;
    // Cards in a list, or rows of a table body (the document register).
    var cards = list.children;
    var unit = form.getAttribute("data-pufa-unit") || "篇";
    var empty = document.querySelector("[data-pufa-empty]");
    var count = form.querySelector(".pufa-filters__count");
    var selects = form.querySelectorAll("select");
    var unit = form.getAttribute("data-pufa-unit") || "篇";
    function apply() {
      var shown = 0;
      each(cards, function (card) {
        var ok = true;
        each(selects, function (sel) {
          if (!sel.value) return;
          var values = (card.getAttribute("data-" + sel.name) || "").split("|");
          if (values.indexOf(sel.value) < 0) ok = false;
        });
        card.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "共 " + shown + " " + unit;
      if (empty) empty.hidden = shown !== 0;
    }
    each(selects, function (sel) { sel.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  });
}

/* Guide checklists are remembered on this device only. */
function setUpChecklists() {
  var store;
  try { store = window.localStorage; } catch (e) { store = null; }
  each(document.querySelectorAll("[data-pufa-check]"), function (box) {
    var key = "pufa:check:" + box.getAttribute("data-pufa-check");
    try { box.checked = store && store.getItem(key) === "1"; } catch (e) { /* private mode */ }
    box.addEventListener("change", function () {
      try {
        if (box.checked) store.setItem(key, "1"); else store.removeItem(key);
      } catch (e) { /* storage full or blocked: the tick still shows */ }
    });
  });
}

/* Law-library category pages: filter the list by words in the title. */
function setUpLawFilter() {
  var box = document.querySelector("[data-pufa-law-filter]");
  var list = document.querySelector("[data-pufa-law-list]");
  if (!box || !list) return;
  var input = box.querySelector("input");
  var items = list.querySelectorAll("li");
  box.hidden = false;
  input.addEventListener("input", function () {
    var q = input.value.replace(/\s+/g, "");
    each(items, function (li) { li.hidden = q && li.textContent.replace(/\s+/g, "").indexOf(q) < 0; });
  });
}
