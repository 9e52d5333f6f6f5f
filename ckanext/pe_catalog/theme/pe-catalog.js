/* The portal's small behaviours; the pages work without them.
 *  - Facets fold away on phones (their <details> start closed below 768 px,
 *    unless a value of theirs is chosen).
 *  - After a filter is chosen (CKAN loads the results with htmx, no page load),
 *    focus moves to the results count and a live region announces it.
 */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 767.98px)");

  function foldFacets(root) {
    if (!PHONE.matches) return;
    root.querySelectorAll("details.pe-facet[open]").forEach(function (facet) {
      if (!facet.querySelector(".nav-item.active")) facet.open = false;
    });
  }

  function announceCount() {
    var count = document.getElementById("pe-results-count");
    if (!count) return;
    count.focus();
    var live = document.querySelector("[data-pe-live]");
    if (live) {
      // set after the swap settles, so screen readers notice the change
      window.setTimeout(function () {
        live.textContent = count.textContent.replace(/\s+/g, " ").trim();
      }, 150);
    }
  }

  var facetChosen = false;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pe-facet]");
    facetChosen = Boolean(link);
  }, true);

  document.addEventListener("htmx:afterSettle", function () {
    foldFacets(document);
    if (facetChosen) {
      facetChosen = false;
      announceCount();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    foldFacets(document);
  });
})();
