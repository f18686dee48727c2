/* The filter of an index (/topics/, /speakers/): typing narrows this page's lists and lists the matches
   on the index's other pages, from its names.json (fetched once, on first use, only if there are other
   pages). Without JavaScript the box stays hidden and every entry is on one of the index's pages. */
(function () {
  "use strict";
  var box = document.querySelector(".index-filter");
  if (!box) return;
  var input = box.querySelector("input");
  var source = box.querySelector("a.index-filter-source");
  var noun = box.getAttribute("data-noun") || "entry";
  var OTHERS_SHOWN = 50; // matches on other pages listed at once: typing more narrows them
  var paged = !!document.querySelector("main nav.pager");

  var status = document.createElement("p");
  status.id = "index-filter-status";
  status.className = "index-filter-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  var others = document.createElement("section");
  others.className = "index-filter-others";
  others.setAttribute("aria-labelledby", "index-filter-others");
  others.hidden = true;
  others.innerHTML = '<h2 id="index-filter-others">On other pages of the index</h2><ul class="index-filter-results"></ul><p class="index-filter-more"></p>';
  box.after(status);
  status.after(others);
  box.hidden = false;

  // This page's entries, and what each heading or firm line after the box stands over.
  var after = [];
  for (var el = others.nextElementSibling; el; el = el.nextElementSibling) after.push(el);
  // The lists of entries; a list of the index's own groups (.topic-groups) is navigation, not entries.
  var lists = after.filter(function (el) { return el.matches("ul:not(.topic-groups), ol") && el.querySelector(":scope > li > a[href]"); });
  var entries = [];
  var onPage = new Set();
  lists.forEach(function (list) {
    var firm = list.previousElementSibling && list.previousElementSibling.matches("p.firm") ? list.previousElementSibling.textContent : "";
    list.querySelectorAll(":scope > li").forEach(function (li) {
      var a = li.querySelector("a[href]");
      entries.push({ li: li, href: a.href, text: (li.textContent + " " + firm).toLowerCase() });
      onPage.add(a.href.split("#")[0]);
    });
  });
  var RANKS = { H2: 2, H3: 3 };
  var marks = after.map(function (el, i) {
    var rank = RANKS[el.tagName] || (el.matches("p.firm") ? 4 : 0);
    if (!rank) return null;
    var under = [];
    for (var j = i + 1; j < after.length; j++) {
      var next = after[j];
      var nextRank = RANKS[next.tagName] || (next.matches("p.firm") ? 4 : 0);
      if (nextRank && nextRank <= rank) break;
      if (lists.indexOf(next) >= 0) under.push(next);
    }
    return { el: el, lists: under };
  }).filter(Boolean);
  // Navigation within the page (letters, groups, pages) says nothing while a filter is on.
  var asides = after.filter(function (el) { return lists.indexOf(el) < 0 && !marks.some(function (m) { return m.el === el; }); });

  var names = null;
  var loading = null;
  var failed = false; // names.json could not be read: the filter still narrows this page
  function load() {
    if (names || loading || !paged || !source) return;
    loading = fetch(source.href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      names = data.items.map(function (row) {
        return { name: row[0], href: new URL(row[1], source.href).href, detail: row[2], text: (row[0] + " " + (row[3] || "")).toLowerCase() };
      });
      refresh();
    }).catch(function () { failed = true; refresh(); });
  }

  function counted(n) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function match(n) { return n === 1 ? "matches" : "match"; }

  function showOthers(query) {
    var found = !query || !names ? [] : names.filter(function (row) { return !onPage.has(row.href) && row.text.indexOf(query) >= 0; });
    var list = others.querySelector("ul");
    list.textContent = "";
    found.slice(0, OTHERS_SHOWN).forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = row.href;
      a.textContent = row.name;
      var counts = document.createElement("span");
      counts.className = "counts";
      counts.textContent = row.detail;
      li.append(a, " ", counts);
      list.append(li);
    });
    others.querySelector(".index-filter-more").textContent = found.length > OTHERS_SHOWN
      ? "And " + counted(found.length - OTHERS_SHOWN) + " more: type more of the name to narrow them." : "";
    others.hidden = found.length === 0;
    return found.length;
  }

  function refresh() {
    var query = input.value.trim().toLowerCase();
    var here = new Set();
    entries.forEach(function (entry) {
      entry.li.hidden = !!query && entry.text.indexOf(query) < 0;
      if (!entry.li.hidden) here.add(entry.href);
    });
    lists.forEach(function (list) {
      list.hidden = !!query && !list.querySelector(":scope > li:not([hidden])");
    });
    marks.forEach(function (mark) {
      mark.el.hidden = !!query && !mark.lists.some(function (list) { return !list.hidden; });
    });
    asides.forEach(function (el) { el.hidden = !!query; });
    var elsewhere = showOthers(query);
    var total = here.size + elsewhere;
    if (!query) {
      status.textContent = "";
    } else if (paged && !names) {
      status.textContent = counted(here.size) + " on this page " + match(here.size) +
        (failed ? "; the other pages could not be searched." : "; looking through the other pages…");
    } else if (!total) {
      status.textContent = "No " + noun + " matches “" + input.value.trim() + "”.";
    } else {
      status.textContent = counted(total) + " " + match(total) +
        (paged ? ": " + here.size + " on this page, " + elsewhere + " on other pages." : ".");
    }
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); refresh(); });
})();
