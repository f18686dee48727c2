/* The filter of an index (/topics/, /speakers/): typing narrows this page's lists and lists the matches
   on the index's other pages. Those come from small files the build writes (generator/index_names.py):
   its index, then the file of the first two letters of the longest word typed, each fetched once.
   A query matches an entry when each of its words starts a word of the entry ("marg" finds "Gross
   margin"). Without JavaScript the box stays hidden and every entry is on one of the index's pages. */
(function () {
  "use strict";
  var box = document.querySelector(".index-filter");
  if (!box) return;
  var input = box.querySelector("input");
  var source = box.querySelector("a.index-filter-source");
  var noun = box.getAttribute("data-noun") || "entry";
  var OTHERS_SHOWN = 50; // matches on other pages listed at once: typing more narrows them
  var paged = !!document.querySelector("main nav.pager") && !!source;

  // Words as index_names.words makes them: NFKD without marks, lower case, runs of letters and digits.
  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function fileKey(word) {
    if (word.length < 2) return null;
    return /^[a-z0-9]{2}/.test(word) ? word.slice(0, 2) : "_";
  }
  function matches(query, entryWords) {
    return query.every(function (q) { return entryWords.some(function (w) { return w.startsWith(q); }); });
  }

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
      entries.push({ li: li, href: a.href, words: words(li.textContent + " " + firm) });
      onPage.add(a.href.split("#")[0]);
    });
  });
  var RANKS = { H2: 2, H3: 3 };
  function rank(el) { return RANKS[el.tagName] || (el.matches("p.firm") ? 4 : 0); }
  var marks = after.map(function (el, i) {
    if (!rank(el)) return null;
    var under = [];
    for (var j = i + 1; j < after.length && !(rank(after[j]) && rank(after[j]) <= rank(el)); j++) {
      if (lists.indexOf(after[j]) >= 0) under.push(after[j]);
    }
    return { el: el, lists: under };
  }).filter(Boolean);
  // Navigation within the page (letters, groups, pages) says nothing while a filter is on.
  var asides = after.filter(function (el) { return lists.indexOf(el) < 0 && !marks.some(function (m) { return m.el === el; }); });

  // The other pages' entries: the index of files, then one file per key, each fetched once.
  var known = null; // the keys there are files for, once index.json is read
  var files = {}; // key -> rows, or null while it loads
  var failed = false; // a file could not be read: the filter still narrows this page
  function read(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }
  function fail() { failed = true; refresh(); }
  function loadIndex() {
    if (known || !paged || failed || loadIndex.started) return;
    loadIndex.started = true;
    read(source.href).then(function (data) { known = new Set(data.files); refresh(); }).catch(fail);
  }
  function rowsFor(key) {
    if (!known || !known.has(key)) return known ? [] : null;
    if (key in files) return files[key];
    files[key] = null;
    read(new URL(key + ".json", source.href).href).then(function (data) {
      var url = new URL(key + ".json", source.href).href;
      files[key] = data.items.map(function (row) {
        return { name: row[0], href: new URL(row[1], url).href, detail: row[2], words: words(row[0] + " " + (row[3] || "")) };
      });
      refresh();
    }).catch(fail);
    return null;
  }

  function counted(n) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function match(n) { return n === 1 ? "matches" : "match"; }

  // Matches on other pages: a list, or null while the files load or when the query is too short.
  function longest(query) { return query.reduce(function (a, b) { return b.length > a.length ? b : a; }, ""); }
  function elsewhere(query) {
    var key = fileKey(longest(query));
    if (!paged || !key || failed) return null;
    var rows = rowsFor(key);
    return rows && rows.filter(function (row) { return !onPage.has(row.href) && matches(query, row.words); });
  }

  function showOthers(found) {
    var list = others.querySelector("ul");
    list.textContent = "";
    (found || []).slice(0, OTHERS_SHOWN).forEach(function (row) {
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
    others.querySelector(".index-filter-more").textContent = found && found.length > OTHERS_SHOWN
      ? "And " + counted(found.length - OTHERS_SHOWN) + " more: type more of the name to narrow them." : "";
    others.hidden = !found || !found.length;
  }

  function describe(query, here, found) {
    if (!query.length) return "";
    if (paged && !found) {
      var onThis = counted(here) + " on this page " + match(here) + "; ";
      if (failed) return onThis + "the other pages could not be searched.";
      if (!fileKey(longest(query))) return onThis + "type two letters to search the other pages.";
      return onThis + "looking through the other pages…";
    }
    var total = here + (found ? found.length : 0);
    if (!total) return "No " + noun + " matches “" + input.value.trim() + "”.";
    return counted(total) + " " + match(total) + (paged ? ": " + here + " on this page, " + found.length + " on other pages." : ".");
  }

  function refresh() {
    var query = words(input.value);
    var here = new Set();
    entries.forEach(function (entry) {
      entry.li.hidden = query.length > 0 && !matches(query, entry.words);
      if (!entry.li.hidden) here.add(entry.href);
    });
    lists.forEach(function (list) {
      list.hidden = query.length > 0 && !list.querySelector(":scope > li:not([hidden])");
    });
    marks.forEach(function (mark) {
      mark.el.hidden = query.length > 0 && !mark.lists.some(function (list) { return !list.hidden; });
    });
    asides.forEach(function (el) { el.hidden = query.length > 0; });
    var found = query.length ? elsewhere(query) : null;
    showOthers(found);
    status.textContent = describe(query, here.size, found);
  }

  input.addEventListener("focus", loadIndex);
  input.addEventListener("input", function () { loadIndex(); refresh(); });
})();
