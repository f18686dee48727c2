/* Onrecord: small enhancements over a page that reads fine without them. No dependencies. */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };
  var toast = doc.querySelector(".toast");
  var toastTimer;

  function say(message) {
    if (!toast) return;
    toast.textContent = message;
    toast.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.classList.remove("show"); }, 1800);
  }

  function absolute(href) {
    return new URL(href, location.href).href;
  }

  /* Links that last: a correction that moved anchors is recorded as an edition. A link without ?v=
     is from the first edition and follows every recorded move; the address then names the current
     edition, so links copied from here on are never moved again. */
  var movesEl = doc.getElementById("anchor-moves");
  if (movesEl) {
    var editions = JSON.parse(movesEl.textContent);
    var current = editions.length + 1;
    var params = new URLSearchParams(location.search);
    var from = parseInt(params.get("v") || "1", 10) || 1;
    var anchor = decodeURIComponent(location.hash.slice(1));
    for (var e = from - 1; anchor && e < editions.length; e++) {
      if (Object.prototype.hasOwnProperty.call(editions[e], anchor)) anchor = editions[e][anchor];
      var p = /^(t\d+)(-p\d+)$/.exec(anchor);  // a paragraph moves with its turn
      if (p && editions[e][p[1]]) anchor = editions[e][p[1]] + p[2];
    }
    params.set("v", String(current));
    history.replaceState(null, "", location.pathname + "?" + params.toString());
    if (anchor) location.replace("#" + encodeURIComponent(anchor));
  }

  var para = /^#(t\d+)-p\d+$/.exec(location.hash);  // gone from the outline: to its turn
  if (para && !doc.getElementById(location.hash.slice(1))) location.replace("#" + para[1]);

  /* Landing from a search result: the words it matched are marked in the exchange or turn it opened (Pagefind's
     highlighter, loaded only then), and the first of them is brought into view. */
  if (new URLSearchParams(location.search).has("pagefind-highlight")) {
    var self = doc.querySelector("script[src*='assets/onrecord.js']");
    import(new URL("../pagefind/pagefind-highlight.js", self.src).href).then(function (module) {
      var target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
      var context = (target && target.closest("section.exchange, .turn")) || doc.querySelector("main");
      var labels = [".who", ".topics", ".answered-by", ".also-on-topics", ".cite-panel", "[data-pagefind-ignore]"];
      new module.default({ markContext: context, addStyles: false, markOptions: {
        className: "pagefind-highlight", exclude: labels.concat(labels.map(function (s) { return s + " *"; })) } });
      var marks = $$("mark.pagefind-highlight", context);
      var first = marks.filter(function (m) { return !target || target.contains(m) || target.compareDocumentPosition(m) & 4; })[0] || marks[0];
      var box = first && first.getBoundingClientRect();
      if (box && (box.top < 0 || box.bottom > window.innerHeight)) first.scrollIntoView({ block: "center" });
      doc.documentElement.setAttribute("data-highlighted", String(marks.length));
    }).catch(function () {});
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    try { doc.execCommand("copy"); } finally { area.remove(); }
  }

  /* A stable hue per speaker, from the speaker's id, so a voice keeps its colour on every page. */
  function hue(id) {
    var h = 2166136261;
    for (var i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0) % 360;
  }
  $$(".turn[data-speaker]").forEach(function (turn) {
    var id = turn.getAttribute("data-speaker");
    if (id) turn.style.setProperty("--hue", hue(id));
  });
  $$(".participant-group li > a:first-child").forEach(function (link) {
    var id = link.getAttribute("href").replace(/\/+$/, "").split("/").pop();
    if (id) link.style.setProperty("--hue", hue(id));
  });

  /* Copy-link controls: the permalink of every turn, the header link of every section and exchange.
     The link still goes to its anchor; the full URL also lands on the clipboard. */
  $$("a.permalink, a.headerlink").forEach(function (link) {
    link.setAttribute("data-url", absolute(link.getAttribute("href")));
    link.setAttribute("title", "Copy link to this " + (link.classList.contains("permalink") ? "turn" : "section"));
  });
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.permalink, a.headerlink");
    if (!link) return;
    var url = absolute(link.getAttribute("href"));
    copy(url).then(function () {
      link.setAttribute("data-copied", "");
      setTimeout(function () { link.removeAttribute("data-copied"); }, 1800);
      say("Copied: " + url);
    });
  });

  /* Cite: each exchange offers a ready citation line. */
  var title = doc.querySelector("main h1");
  var transcriptTitle = title ? title.firstChild.textContent.trim() : doc.title;
  var dateEl = doc.querySelector(".byline time");
  var orgEl = doc.querySelector(".byline > span:first-child");
  var organisation = orgEl ? orgEl.textContent.trim() : "";

  function citation(section) {
    var heading = section.querySelector("h3[id]");
    var voices = [], seen = {};
    $$(".turn.role-questioner, .turn.role-company", section).forEach(function (turn) {
      var id = turn.getAttribute("data-speaker");
      var name = turn.querySelector(".speaker");
      if (!id || seen[id] || !name) return;
      seen[id] = true;
      var affiliation = turn.querySelector(".affiliation");
      var org = turn.classList.contains("role-company") ? organisation : (affiliation ? affiliation.textContent.trim() : "");
      voices.push(name.textContent.trim() + (org ? " (" + org + ")" : ""));
    });
    var number = heading.textContent.split("·")[0].trim();
    var parts = [voices.join(", "), "“" + transcriptTitle + "”"];
    if (organisation) parts.push(organisation);
    if (dateEl) parts.push(dateEl.textContent.trim());
    parts.push(number);
    return parts.filter(Boolean).join(", ") + ". " + absolute("#" + heading.id);
  }

  $$("section.exchange").forEach(function (section) {
    var heading = section.querySelector("h3[id]");
    if (!heading) return;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "cite-btn";
    button.textContent = "Cite";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "cite-" + heading.id);
    button.setAttribute("aria-label", "Cite exchange " + heading.id.toUpperCase());
    var panel = doc.createElement("div");
    panel.className = "cite-panel";
    panel.id = "cite-" + heading.id;
    panel.hidden = true;
    var line = doc.createElement("p");
    var copyButton = doc.createElement("button");
    copyButton.type = "button";
    copyButton.textContent = "Copy citation";
    // The exchange's own small page (…/q7/) previews with its questioner and topics where links unfurl.
    var shareButton = doc.createElement("button");
    shareButton.type = "button";
    shareButton.textContent = "Copy link with preview";
    panel.appendChild(line);
    panel.appendChild(copyButton);
    panel.appendChild(shareButton);
    button.addEventListener("click", function () {
      var open = panel.hidden;
      if (open) line.textContent = citation(section);
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
    });
    copyButton.addEventListener("click", function () {
      copy(line.textContent).then(function () { say("Citation copied"); });
    });
    shareButton.addEventListener("click", function () {
      var url = new URL(heading.id + "/", location.href);
      url.search = "";
      url.hash = "";
      copy(url.href).then(function () { say("Link with preview copied"); });
    });
    heading.after(button, panel);
  });

  /* Outline: mark where the reader is; on a phone, the outline sits behind its button. */
  var outline = doc.querySelector(".outline");
  if (outline) {
    var nav = outline.querySelector("nav");
    var links = $$("a[href^='#']", nav);
    var targets = links.map(function (a) { return doc.getElementById(decodeURIComponent(a.hash.slice(1))); });
    var narrow = window.matchMedia("(max-width: 60rem)");
    if (narrow.matches) outline.open = false;
    nav.addEventListener("click", function (event) {
      if (event.target.closest("a") && narrow.matches) outline.open = false;
    });
    var current = null;
    var update = function () {
      var line = window.innerHeight * 0.3, active = null;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top <= line) active = links[i];
      }
      if (active === current) return;
      if (current) current.removeAttribute("aria-current");
      current = active;
      if (!active) return;
      active.setAttribute("aria-current", "location");
      // Keep the current entry in view inside whichever box scrolls the outline (sidebar or phone panel).
      var box = nav.scrollHeight > nav.clientHeight ? nav : outline;
      var top = active.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      if (top < box.scrollTop || top + active.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top - box.clientHeight / 3;
    };
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -70% 0px" });
      targets.forEach(function (t) { if (t) observer.observe(t); });
    }
    window.addEventListener("hashchange", update);
    update();
  }

  /* Time labels seek the recording, when the page has one. */
  var media = doc.querySelector(".player audio, .player video");
  if (media) {
    var player = media.closest(".player");
    var downloads = doc.querySelector("main .downloads");
    if (downloads) downloads.after(player);
    $$("time.mark[data-seconds]").forEach(function (mark) {
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "seek";
      button.setAttribute("aria-label", "Play from " + mark.textContent.trim());
      mark.replaceWith(button);
      button.appendChild(mark);
      button.addEventListener("click", function () {
        media.currentTime = Number(mark.getAttribute("data-seconds"));
        var playing = media.play();
        if (playing && playing.catch) playing.catch(function () {});
      });
    });
  }

  /* Speaker index: filter by name or organisation, without a server. */
  var filterBox = doc.querySelector(".speaker-filter");
  if (filterBox) {
    filterBox.hidden = false;
    var filterInput = filterBox.querySelector("input");
    var lists = $$("main ul").filter(function (ul) { return ul.querySelector("a[href]"); });
    var entries = [];
    lists.forEach(function (ul) {
      var firm = ul.previousElementSibling && ul.previousElementSibling.matches("p.firm") ? ul.previousElementSibling : null;
      $$(":scope > li", ul).forEach(function (li) {
        entries.push({ li: li, ul: ul, firm: firm, text: (li.textContent + " " + (firm ? firm.textContent : "")).toLowerCase() });
      });
    });
    filterInput.addEventListener("input", function () {
      var query = filterInput.value.trim().toLowerCase();
      entries.forEach(function (entry) { entry.li.hidden = !!query && entry.text.indexOf(query) < 0; });
      lists.forEach(function (ul) {
        var empty = !$$(":scope > li", ul).some(function (li) { return !li.hidden; });
        ul.hidden = empty;
        var firm = ul.previousElementSibling;
        if (firm && firm.matches("p.firm")) firm.hidden = empty;
      });
    });
  }
})();
