/* Listing filters: every select narrows the cards; values are '|'-joined.
   A words box (name="q") keeps the cards whose text holds the words.  A law's
   status is read on the reader's clock (data-status, data-coming), so 尚未生效
   becomes 现行有效 on its day here as on its page. */
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
    var words = form.querySelector("input[name=q]");
    function valuesOf(card, name) {
      if (name === "status" && card.hasAttribute("data-coming")) {
        return [pufa.lawStatus(card.getAttribute("data-status"), card.getAttribute("data-coming"))];
      }
      return (card.getAttribute("data-" + name) || "").split("|");
    }
    function apply() {
      var shown = 0;
      var q = words ? words.value.replace(/\s+/g, "") : "";
      each(cards, function (card) {
        var ok = !q || card.textContent.replace(/\s+/g, "").indexOf(q) >= 0;
        each(selects, function (sel) {
          if (sel.value && valuesOf(card, sel.name).indexOf(sel.value) < 0) ok = false;
        });
        card.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "共 " + shown + " " + unit;
      if (empty) empty.hidden = shown !== 0;
    }
    each(selects, function (sel) { sel.addEventListener("change", apply); });
    if (words) words.addEventListener("input", apply);
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
