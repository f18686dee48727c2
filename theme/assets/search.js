/* Onrecord's search page, over Pagefind's JS API: results are exchanges, ranked, grouped by transcript
   (its best, then "N more in this call"); filters narrow exchanges; a result opens at its words, marked.
   Everything from the index reaches the page as text; only Pagefind's <mark> around matches is kept.
   ?q= and ?speaker= (and the other filter names) link a search. Loaded on /search/ only. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.getElementById("search-ui");
  if (!root) return;
  var GROUPS = [["speaker", "Speaker"], ["organisation", "Organisation"], ["topic", "Topic"],
                ["transcript", "Transcript"], ["year", "Year"]];
  var SHOWN_VALUES = 10;  // a facet's most frequent values; the filter box finds the rest
  var SHOWN_CALLS = 5;  // transcripts shown before "Show more calls": each costs a fragment or more
  var BATCH = 5;  // fragments fetched at once: each result's words come in a small file of its own
  var bundle = new URL(root.getAttribute("data-bundle"), location.href);
  var siteRoot = new URL("../", bundle).pathname;
  var input = root.querySelector("#search-q");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".result-groups");
  var moreCalls = root.querySelector(".more-calls");
  var facetsEl = root.querySelector(".facets");
  var params = new URLSearchParams(location.search);
  var chosen = {};
  GROUPS.forEach(function (g) { chosen[g[0]] = params.getAll(g[0]); });
  input.value = params.get("q") || "";
  root.hidden = false;

  var el = function (tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  };

  /* Pagefind's excerpt is text with <mark> around the matched words: only those marks become elements. */
  function excerpt(html) {
    var p = el("p", "result-excerpt");
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (piece) {
      var marked = /^<mark>([\s\S]*)<\/mark>$/.exec(piece);
      p.appendChild(marked ? el("mark", null, decode(marked[1])) : doc.createTextNode(decode(piece)));
    });
    return p;
  }
  var decoder = doc.createElement("textarea");
  function decode(text) { decoder.innerHTML = text; return decoder.value; }  // a textarea parses no markup

  function filterQuery(extra) {
    var query = {};
    GROUPS.forEach(function (g) { if (chosen[g[0]].length) query[g[0]] = { any: chosen[g[0]].slice() }; });
    Object.keys(extra || {}).forEach(function (k) { query[k] = extra[k]; });
    return query;
  }

  function link(data) {
    var url = new URL(data.url, location.href);
    input.value.trim().split(/\s+/).filter(Boolean).forEach(function (w) { url.searchParams.append("pagefind-highlight", w); });
    if (data.meta.edition) url.searchParams.set("v", data.meta.edition);
    return url.pathname + url.search + url.hash;
  }

  function resultItem(data) {
    var li = el("li", "search-result");
    var title = (data.meta.title || data.url).split(" — ")[0];
    var a = el("a", "result-title", title);
    a.href = link(data);
    li.appendChild(a);
    var speakers = data.filters.speaker || [];
    if (speakers.length) {
      // A name the search matched is marked: the excerpt quotes only speech, so a name match shows here.
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var who = el("p", "result-who");
      speakers.forEach(function (name, i) {
        if (i) who.appendChild(doc.createTextNode(" · "));
        var hit = words.some(function (w) { return name.toLowerCase().split(/[\s.,]+/).indexOf(w) >= 0; });
        who.appendChild(hit ? el("mark", null, name) : doc.createTextNode(name));
      });
      li.appendChild(who);
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function counted(search) {
    var kinds = search.filters.kind || {};
    var calls = Object.keys(search.filters.transcript || {}).filter(function (k) { return search.filters.transcript[k] > 0; });
    var parts = [];
    if (kinds.exchange) parts.push(plural(kinds.exchange, "exchange", "exchanges"));
    if (kinds.passage) parts.push(plural(kinds.passage, "passage of remarks", "passages of remarks"));
    return parts.join(" and ") + " in " + plural(calls.length, "transcript", "transcripts");
  }

  /* A transcript's other matches, fetched when the reader asks for them. */
  function expander(group, best, count, term) {
    var button = el("button", "more-in-call", (count - 1) + " more in this call");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    var rest = el("ol", "more-results");
    rest.hidden = true;
    rest.id = "more-" + Math.random().toString(36).slice(2);
    button.setAttribute("aria-controls", rest.id);
    var loaded = false;
    button.addEventListener("click", function () {
      var open = rest.hidden;
      rest.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Fewer from this call" : (count - 1) + " more in this call";
      if (!open || loaded) return;
      loaded = true;
      pagefind.search(term, { filters: filterQuery({ call: { any: best.filters.call || [] } }) }).then(function (search) {
        return Promise.all(search.results.map(function (r) { return r.data(); }));
      }).then(function (all) {
        all.filter(function (d) { return d.url !== best.url; }).forEach(function (d) { rest.appendChild(resultItem(d)); });
        var first = rest.querySelector("a");
        if (first) first.focus();
      });
    });
    return [button, rest];
  }

  var pagefind, current = 0, lastFilters = null;
  function run() {
    var term = input.value.trim() || null;
    var asked = ++current;
    var anyFilter = GROUPS.some(function (g) { return chosen[g[0]].length; });
    if (!term && !anyFilter) {
      list.textContent = "";
      status.textContent = "";
      moreCalls.hidden = true;
      return renderFacets(null);
    }
    return pagefind.search(term, { filters: filterQuery() }).then(function (search) {
      if (asked !== current || !search) return;
      renderFacets(search.filters);
      if (!search.results.length) {
        list.textContent = "";
        status.textContent = "Nothing said matches" + (term ? " “" + term + "”" : "") + (anyFilter ? " with these filters." : ".");
        moreCalls.hidden = true;
        return;
      }
      showGroups(search, term, asked, 0, {}, SHOWN_CALLS, counted(search));
    });
  }

  /* Walk the ranked results, a few fragments at a time, until enough transcripts have their best shown.
     A new search (`said`: its status) replaces the old results and status only once its first fragments
     are here, in one step: the list is never empty under a status that counts results. */
  function showGroups(search, term, asked, from, seen, wanted, said) {
    var batch = search.results.slice(from, from + BATCH);
    moreCalls.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (asked !== current) return;
      if (said !== undefined) {
        list.textContent = "";
        status.textContent = said;
      }
      datas.forEach(function (data) {
        var call = (data.filters.transcript || [""])[0];
        if (seen[call] || wanted <= 0) return;
        seen[call] = true;
        wanted--;
        var li = el("li", "search-group");
        li.appendChild(el("h2", "group-title", call));
        var items = el("ol", "group-results");
        items.appendChild(resultItem(data));
        li.appendChild(items);
        var count = (search.filters.transcript || {})[call] || 1;
        if (count > 1) expander(call, data, count, term).forEach(function (n) { li.appendChild(n); });
        list.appendChild(li);
      });
      var next = from + BATCH;
      var callsLeft = Object.keys(search.filters.transcript || {}).filter(function (k) { return search.filters.transcript[k] > 0 && !seen[k]; });
      if (next >= search.results.length || !callsLeft.length) return;
      if (wanted > 0) return showGroups(search, term, asked, next, seen, wanted);
      moreCalls.hidden = false;
      moreCalls.textContent = "Show more calls (" + callsLeft.length + " more)";
      moreCalls.onclick = function () { showGroups(search, term, asked, next, seen, SHOWN_CALLS); };
    });
  }

  /* Facets: each group's values, most frequent first; a box to find one among many. */
  var facetEls = {};
  function renderFacets(counts) {
    var totals = counts || lastFilters || {};
    GROUPS.forEach(function (g) {
      var name = g[0], values = totals[name] || {};
      var facet = facetEls[name];
      if (!facet) {
        facet = facetEls[name] = { details: el("details", "facet"), box: el("input", "facet-filter"), ul: el("ul", "facet-values"), note: el("p", "facet-note") };
        var summary = el("summary", null, g[1]);
        facet.details.appendChild(summary);
        facet.box.type = "search";
        facet.box.setAttribute("aria-label", "Find a " + g[1].toLowerCase());
        facet.box.placeholder = "Find a " + g[1].toLowerCase();
        facet.box.addEventListener("input", function () { fill(name); });
        facet.details.append(facet.box, facet.ul, facet.note);
        if (name === "speaker" && window.matchMedia("(min-width: 50rem)").matches) facet.details.open = true;
        if (chosen[name].length) facet.details.open = true;
        facetsEl.appendChild(facet.details);
      }
      facet.values = values;
      facet.searched = !!counts;  // a group this search leaves empty says so; with no search it hides
      fill(name);
    });
  }

  function fill(name) {
    var facet = facetEls[name];
    var query = facet.box.value.trim().toLowerCase();
    var all = Object.keys(facet.values).filter(function (v) { return facet.values[v] > 0 || chosen[name].indexOf(v) >= 0; });
    all.sort(function (a, b) { return facet.values[b] - facet.values[a] || a.localeCompare(b); });
    var found = all.filter(function (v) { return !query || v.toLowerCase().indexOf(query) >= 0; });
    // What is ticked stays in sight, then the most frequent.
    found.sort(function (a, b) { return (chosen[name].indexOf(b) >= 0) - (chosen[name].indexOf(a) >= 0); });
    facet.box.hidden = all.length <= SHOWN_VALUES;
    facet.ul.textContent = "";
    found.slice(0, SHOWN_VALUES).forEach(function (value) {
      var li = el("li");
      var label = el("label", "facet-value");
      var box = el("input");
      box.type = "checkbox";
      box.value = value;
      box.checked = chosen[name].indexOf(value) >= 0;
      box.addEventListener("change", function () {
        chosen[name] = box.checked ? chosen[name].concat([value]) : chosen[name].filter(function (v) { return v !== value; });
        remember();
        run();
      });
      label.append(box, el("span", "facet-name", value), el("span", "facet-count", " (" + (facet.values[value] || 0) + ")"));
      li.appendChild(label);
      facet.ul.appendChild(li);
    });
    var hiddenCount = found.length - Math.min(found.length, SHOWN_VALUES);
    facet.note.textContent = hiddenCount ? hiddenCount + " more: type to find one" : (all.length ? "" : "None in these results");
    facet.details.hidden = !all.length && !facet.searched;
  }

  function remember() {
    var url = new URL(location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    GROUPS.forEach(function (g) {
      url.searchParams.delete(g[0]);
      chosen[g[0]].forEach(function (v) { url.searchParams.append(g[0], v); });
    });
    history.replaceState(null, "", url);
  }

  var typing;
  input.addEventListener("input", function () {
    remember();
    clearTimeout(typing);
    typing = setTimeout(run, 250);  // a search per pause, not per key
  });
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); run(); });

  /* pagefind/bundles.json lists the site's bundles: a single build's one, or each shard's of a merged site,
     merged here into one search (Pagefind's multisite search): one ranking, one set of filters. */
  fetch(bundle.href + "bundles.json").then(function (response) {
    return response.ok ? response.json() : { bundles: ["./"] };
  }).then(function (listed) {
    var urls = listed.bundles.map(function (b) { return new URL(b, bundle).href; });
    var options = { baseUrl: siteRoot, excerptLength: 30 };
    return import(urls[0] + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.options(options);
    }).then(function () {
      return Promise.all(urls.slice(1).map(function (url) { return pagefind.mergeIndex(url, options); }));
    });
  }).then(function () {
    return pagefind.filters();
  }).then(function (filters) {
    lastFilters = filters;
    root.setAttribute("data-ready", "");
    return run();
  }).catch(function () {
    status.textContent = "Search could not load. Every transcript is listed on the home page.";
  });
})();
