/* Law statuses on law pages, listings and previews, on the reader's clock
   (clock.js: lawStatusOn). */
pufa.lawStatus = lawStatusOn;

pufa.lawStatusLabel = function (status) {
  return REGISTRY.lawStatus[status] || "";
};

/* A status chip: its words and colour follow the status; an in-force chip in a
   list that shows only exceptions (data-pufa-quiet) disappears. */
pufa.paintLawStatus = function (chip, status) {
  chip.textContent = pufa.lawStatusLabel(status);
  chip.className = chip.className.replace(/pufa-law-status--[a-z-]+/, "pufa-law-status--" + status);
  if (chip.hasAttribute("data-pufa-quiet")) chip.hidden = status === "in-force";
};

function showLawStatuses() {
  each(document.querySelectorAll("[data-pufa-coming]"), function (el) {
    var status = pufa.lawStatus(el.getAttribute("data-pufa-status"), el.getAttribute("data-pufa-coming"));
    if (status === el.getAttribute("data-pufa-status")) return;
    var chips = el.classList.contains("pufa-law-status") ? [el] : el.querySelectorAll("[data-pufa-status-label]");
    each(chips, function (chip) { pufa.paintLawStatus(chip, status); });
    each(el.querySelectorAll("[data-pufa-when]"), function (note) {
      note.hidden = (" " + note.getAttribute("data-pufa-when") + " ").indexOf(" " + status + " ") < 0;
    });
  });
}
