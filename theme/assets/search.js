/* Onrecord's search page: Pagefind's UI, results grouped by transcript with exchanges beneath; ?q= links
   a search. Loaded on /search/ only, after pagefind-ui.js. */
(function () {
  "use strict";
  var doc = document;
  var searchEl = doc.getElementById("search-ui");
  if (searchEl && window.PagefindUI) {
    var strip = function (text) { return (text || "").replace(/#$/, "").trim(); };
    var uiScript = doc.querySelector("script[src*='pagefind-ui.js']");
    var bundle = uiScript ? new URL(uiScript.src).pathname.replace(/pagefind-ui\.js$/, "") : "/pagefind/";
    var ui = new window.PagefindUI({
      element: "#search-ui",
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      excerptLength: 28,
      openFilters: window.matchMedia("(min-width: 50rem)").matches ? ["speaker"] : [],
      translations: { placeholder: "Search transcripts" },
      processResult: function (result) {
        result.meta.title = strip(result.meta.title);
        // A corrected transcript's anchors are of its current edition: say so, or the page would move them.
        var versioned = function (url) {
          if (!result.meta.edition) return url;
          var parts = url.split("#");
          return parts[0] + (parts[0].indexOf("?") < 0 ? "?" : "&") + "v=" + result.meta.edition + (parts[1] ? "#" + parts[1] : "");
        };
        result.url = versioned(result.url);
        (result.sub_results || []).forEach(function (sub) { sub.title = strip(sub.title); sub.url = versioned(sub.url); });
        return result;
      }
    });
    var input = searchEl.querySelector("input");
    if (input) input.setAttribute("aria-label", "Search transcripts");
    var query = new URLSearchParams(location.search).get("q");
    // Pagefind's UI keeps the filter groups of its first search, and a search run while the filter
    // index still loads returns only some: every group loads first (the UI shares this module), then
    // the search runs, again if the reader typed meanwhile.
    var filtersLoaded = import(bundle + "pagefind.js").then(function (pagefind) { return pagefind.filters(); });
    filtersLoaded.catch(function () {}).then(function () {
      var term = (input && input.value) || query;
      if (term) ui.triggerSearch(term);
    });
    searchEl.addEventListener("input", function (event) {
      if (!event.target.matches("input[type='text'], input[type='search']")) return;
      var url = new URL(location.href);
      if (event.target.value) url.searchParams.set("q", event.target.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    });
  }
})();
