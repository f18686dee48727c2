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

  function button(label, cls) {
    var made = doc.createElement("button");
    made.type = "button";
    made.textContent = label;
    if (cls) made.className = cls;
    return made;
  }

  /* The id a fragment names ("#q7" -> "q7"). One that is not valid percent-encoding (#%E0, a link cut
     short) names itself literally, rather than stopping every script below with a URIError. */
  function idOf(hash) {
    try { return decodeURIComponent(hash.slice(1)); } catch (e) { return hash.slice(1); }
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
    var hash = location.hash, asked = idOf(hash), anchor = asked;
    for (var e = from - 1; anchor && e < editions.length; e++) {
      if (Object.prototype.hasOwnProperty.call(editions[e], anchor)) anchor = editions[e][anchor];
      var p = /^(t\d+)(-p\d+)$/.exec(anchor);  // a paragraph moves with its turn
      if (p && editions[e][p[1]]) anchor = editions[e][p[1]] + p[2];
    }
    params.set("v", String(current));
    history.replaceState(null, "", location.pathname + "?" + params.toString());
    if (anchor) location.replace(anchor === asked ? hash : "#" + encodeURIComponent(anchor));  // unmoved: as it was
  }

  var para = /^#(t\d+)-p\d+$/.exec(location.hash);  // gone from the outline: to its turn
  if (para && !doc.getElementById(location.hash.slice(1))) location.replace("#" + para[1]);

  // Landing from a search result: its words marked (assets/highlight.js, loaded only then).
  if (new URLSearchParams(location.search).has("pagefind-highlight")) {
    import(new URL("highlight.js", doc.querySelector("script[src*='assets/onrecord.js']").src).href).catch(function () {});
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

  /* Cite: each exchange, and each turn, offers a ready citation line. */
  var title = doc.querySelector("main h1");
  var transcriptTitle = title ? title.firstChild.textContent.trim() : doc.title;
  var dateEl = doc.querySelector(".byline time");
  var orgEl = doc.querySelector(".byline > span:first-child");
  var organisation = orgEl ? orgEl.textContent.trim() : "";

  function voices(turns) {
    var found = [], seen = {};
    turns.forEach(function (turn) {
      var id = turn.getAttribute("data-speaker");
      var name = turn.querySelector(".speaker");
      if (!id || seen[id] || !name) return;
      seen[id] = true;
      // A turn names its speaker's firm only where they are introduced; the participants list always does.
      var listed = doc.querySelector(".participant-group li > a[href$='/" + id + "/']");
      var affiliation = turn.querySelector(".affiliation") || (listed && listed.parentNode.querySelector("span:not(.placeholder)"));
      var org = turn.classList.contains("role-company") ? organisation : (affiliation ? affiliation.textContent.trim() : "");
      found.push(name.textContent.trim() + (org ? " (" + org + ")" : ""));
    });
    return found.join(", ");
  }

  function citation(who, number, anchor) {
    var parts = [who, "“" + transcriptTitle + "”"];
    if (organisation) parts.push(organisation);
    if (dateEl) parts.push(dateEl.textContent.trim());
    parts.push(number);
    return parts.filter(Boolean).join(", ") + ". " + absolute("#" + anchor);
  }

  /* A Cite button after `place`, its panel after `panelAfter` (else the button). */
  function citeControl(place, anchor, label, line, extra, panelAfter) {
    var cite = button("Cite", "cite-btn"), panel, text;
    cite.setAttribute("aria-expanded", "false");
    cite.setAttribute("aria-label", label);
    cite.addEventListener("click", function () {
      if (!panel) {  // made when asked for: 181 turns, no 181 panels
        panel = doc.createElement("div");
        panel.className = "cite-panel";
        panel.id = "cite-" + anchor;
        panel.hidden = true;
        text = doc.createElement("p");
        var copyButton = button("Copy citation");
        copyButton.addEventListener("click", function () {
          copy(text.textContent).then(function () { say("Citation copied"); });
        });
        panel.append(text, copyButton);
        if (extra) panel.appendChild(extra);
        (panelAfter || cite).after(panel);
        cite.setAttribute("aria-controls", panel.id);
      }
      var open = panel.hidden;
      if (open) text.textContent = line();
      panel.hidden = !open;
      cite.setAttribute("aria-expanded", String(open));
    });
    place.after(cite);
    return cite;
  }

  $$("section.exchange").forEach(function (section) {
    var heading = section.querySelector("h3[id]");
    if (!heading) return;
    // The exchange's own small page (…/q7/) previews with its questioner and topics where links unfurl.
    var shareButton = button("Copy link with preview");
    shareButton.addEventListener("click", function () {
      // With use_directory_urls: false pages are files (…/index.html), and a folder's page is named too.
      var flat = /\.html$/.test(location.pathname);
      var url = new URL(heading.id + "/" + (flat ? "index.html" : ""), location.href);
      url.search = "";
      url.hash = "";
      copy(url.href).then(function () { say("Link with preview copied"); });
    });
    citeControl(heading, heading.id, "Cite exchange " + heading.id.toUpperCase(), function () {
      var who = voices($$(".turn.role-questioner, .turn.role-company", section));
      return citation(who, heading.textContent.split("·")[0].trim(), heading.id);
    }, shareButton);
  });

  // A turn's Cite sits beside its permalink.
  $$(".turn[id] > .who").forEach(function (who) {
    var turn = who.parentNode;
    var permalink = who.querySelector(".permalink");
    if (!permalink) return;
    citeControl(permalink, turn.id, "Cite turn " + turn.id.slice(1), function () {
      return citation(voices([turn]), "turn " + turn.id.slice(1), turn.id);
    }, null, who).classList.add("cite-turn");
  });

  /* Outline: mark where the reader is; on a phone, the outline sits behind its button. */
  var outline = doc.querySelector(".outline");
  if (outline) {
    var nav = outline.querySelector("nav");
    var links = $$("a[href^='#']", nav);
    var targets = links.map(function (a) { return doc.getElementById(idOf(a.hash)); });
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

  /* Next or previous outline entry (exchange or remark), and top: by buttons, or j, k and t. */
  if (outline) {
    var stops = $$(".outline-exchanges a[href^='#']").map(function (a) { return doc.getElementById(idOf(a.hash)); })
      .filter(Boolean);
    var go = function (step) {
      var at = -1, edge = function (stop) { return parseFloat(getComputedStyle(stop).scrollMarginTop) + 8; };
      stops.forEach(function (stop, i) { if (stop.getBoundingClientRect().top <= edge(stop)) at = i; });  // the last reached
      var next = step > 0 ? stops[at + 1] : stops[Math.max(at - 1, 0)];
      if (step < 0 && at >= 0 && stops[at].getBoundingClientRect().top < -8) next = stops[at];  // back to its start
      if (!next) return;
      history.replaceState(null, "", "#" + next.id);
      next.scrollIntoView();
      if (!next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1");
      next.focus({ preventScroll: true });
    };
    var toTop = function () {
      history.replaceState(null, "", location.pathname + location.search);
      window.scrollTo(0, 0);
      doc.getElementById("content").focus({ preventScroll: true });
    };
    var acts = { j: function () { go(1); }, k: function () { go(-1); }, t: toTop };
    var jump = doc.createElement("nav");
    jump.className = "jump";
    jump.setAttribute("aria-label", "Move through the transcript");
    [["k", "Previous"], ["j", "Next"], ["t", "Top"]].forEach(function (key) {
      var made = button(key[1]);
      made.setAttribute("aria-keyshortcuts", key[0]);
      made.addEventListener("click", acts[key[0]]);
      jump.appendChild(made);
    });
    doc.body.appendChild(jump);
    var keys = doc.createElement("p");
    keys.className = "keyboard-note";
    keys.innerHTML = "Keyboard: <kbd>j</kbd> next, <kbd>k</kbd> previous exchange or remark, <kbd>t</kbd> top";
    outline.querySelector("summary").after(keys);
    doc.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
      if (!acts[event.key]) return;
      event.preventDefault();
      acts[event.key]();
    });
  }

  /* On a phone the participants wait behind a button, so the talk starts on the first screen. */
  var participants = doc.querySelector(".participants");
  var participantsHeading = doc.getElementById("participants");
  if (participants && participantsHeading && window.matchMedia("(max-width: 40rem)").matches) {
    var count = $$(".participant-group li", participants).length;
    var toggle = button("Show all " + count + " participants", "participants-toggle");
    toggle.setAttribute("aria-expanded", "false");
    participants.id = participants.id || "participant-list";
    toggle.setAttribute("aria-controls", participants.id);
    participants.hidden = true;
    toggle.addEventListener("click", function () {
      participants.hidden = !participants.hidden;
      toggle.setAttribute("aria-expanded", String(!participants.hidden));
      toggle.textContent = (participants.hidden ? "Show all " : "Hide the ") + count + " participants";
    });
    participantsHeading.after(toggle);
    if (location.hash === "#participants") toggle.click();
  }

  // A recording: time labels play it, and the page follows the voice (assets/media.js, loaded only then).
  if (doc.querySelector(".player audio, .player video")) {
    import(new URL("media.js", doc.querySelector("script[src*='assets/onrecord.js']").src).href).catch(function () {});
  }
})();
