function start() {
  showLawStatuses();
  setUpPrint();
  setUpFilters();
  setUpChecklists();
  setUpCitations();
  setUpCompareViews();
  setUpLawDownload();
  setUpLawPrintHeader();
  setUpHeaderSearch();
  setUpSearchPage();
  setUpServiceWorker();
  setUpOfflinePage();
  setUpKiosk();
  setUpQuizzes();
  setUpReadingTools();
  countUsage();
  setUpUsagePage();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
