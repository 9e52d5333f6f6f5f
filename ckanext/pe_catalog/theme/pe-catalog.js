/* The portal's small behaviours; the pages work without them.
 *  - Facets fold away on phones (their <details> start closed below 768 px,
 *    unless a value of theirs is chosen).
 *  - After a filter is chosen (CKAN loads the results with htmx, no page load),
 *    focus moves to the results count and a live region announces it.
 *  - The map's "draw an extent" control (ckanext-spatial: a link with no href)
 *    is reachable and usable with the keyboard, and its dialog's close
 *    button is named in the page's language.
 *  - Links and buttons CKAN's scripts label with an aria-label that hides their
 *    visible text (the resource form's "Link" button) keep their visible name.
 *  - The select2 widgets CKAN draws over a form's tags and licence selects
 *    are named by the original field's label (select2 leaves them nameless).
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
    // on a phone the filters are a full-screen layer (CKAN's .filters-modal):
    // close it so the new results, and their count, are what the student sees
    document.body.classList.remove("filters-modal");
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

  function N_(msgid) { return msgid; }  // marks a message for CKAN's JS catalog

  function translate(msgid) {
    return window.ckan && ckan.i18n ? ckan.i18n._(msgid) : msgid;
  }

  function keyboardMapControls(root) {
    root.querySelectorAll(".leaflet-control-custom-button:not([tabindex])").forEach(function (button) {
      button.setAttribute("tabindex", "0");
      button.setAttribute("role", "button");
      if (button.title) button.setAttribute("aria-label", button.title);
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          button.click();
        }
      });
    });
    root.querySelectorAll('.modal .btn-close[aria-label="Close"]').forEach(function (close) {
      close.setAttribute("aria-label", translate(N_("Close")));
    });
  }

  function keepVisibleNames(root) {
    root.querySelectorAll("a[aria-label], button[aria-label]").forEach(function (element) {
      var visible = (element.innerText || "").replace(/\s+/g, " ").trim().toLowerCase();
      var label = element.getAttribute("aria-label").toLowerCase();
      if (visible && label.indexOf(visible) === -1) element.removeAttribute("aria-label");
    });
  }

  function nameSelect2(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var original = container.previousElementSibling;
      if (!original || !original.id) return;
      var label = document.querySelector('label[for="' + original.id + '"]');
      if (!label) return;
      if (!label.id) label.id = original.id + "-label";
      container.querySelectorAll('[role="combobox"], [role="textbox"], input.select2-search__field').forEach(function (box) {
        if (!box.getAttribute("aria-labelledby") || !document.getElementById(box.getAttribute("aria-labelledby"))) {
          box.setAttribute("aria-labelledby", label.id);
        } else if (box.getAttribute("aria-labelledby").indexOf(label.id) === -1) {
          box.setAttribute("aria-labelledby", label.id + " " + box.getAttribute("aria-labelledby"));
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldFacets(document);
    nameSelect2(document);
    keyboardMapControls(document);
    keepVisibleNames(document);
    // select2 and the maps draw its widgets when CKAN's modules start, and again on change
    new MutationObserver(function (changes) {
      if (changes.some(function (c) { return c.addedNodes.length; })) {
        nameSelect2(document);
        keyboardMapControls(document);
        keepVisibleNames(document);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
