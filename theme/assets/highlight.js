/* Landing from a search result (?pagefind-highlight=word): the words it matched are marked in the exchange or
   turn it opened, by Pagefind's highlighter, and the first of them is brought into view. Loaded by onrecord.js. */
const here = new URL(import.meta.url);
const { default: PagefindHighlight } = await import(new URL("../pagefind/pagefind-highlight.js", here).href);
// A fragment that is not valid percent-encoding (#%E0) names itself, rather than stopping the highlight.
const id = (() => { try { return decodeURIComponent(location.hash.slice(1)); } catch { return location.hash.slice(1); } })();
const target = id && document.getElementById(id);
const context = (target && target.closest("section.exchange, .turn")) || document.querySelector("main");
// Labels are not what was said: who speaks, topics, the cite panel.
const labels = [".who", ".topics", ".answered-by", ".also-on-topics", ".cite-panel", "[data-pagefind-ignore]"];
new PagefindHighlight({
  markContext: context, addStyles: false,
  markOptions: { className: "pagefind-highlight", exclude: labels.concat(labels.map((s) => s + " *")) },
});
const marks = [...context.querySelectorAll("mark.pagefind-highlight")];
const first = marks.find((m) => !target || target.contains(m) || target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING) || marks[0];
const box = first && first.getBoundingClientRect();
if (box && (box.top < 0 || box.bottom > window.innerHeight)) first.scrollIntoView({ block: "center" });
document.documentElement.setAttribute("data-highlighted", String(marks.length));
