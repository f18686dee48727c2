/* A transcript with a recording (loaded by onrecord.js only then): time labels play from their moment; while it
   plays, the turn being spoken is marked, announced and kept in view unless the reader scrolls away; a link to a
   moment (#t=12:34 or ?t=754) starts there; the sticky player never covers the text an anchor opens. */
const doc = document;
const css = doc.head.appendChild(Object.assign(doc.createElement("link"), { rel: "stylesheet", href: new URL("media.css", import.meta.url).href }));
const media = doc.querySelector(".player audio, .player video");
const player = media.closest(".player");
const downloads = doc.querySelector("main .downloads");
if (downloads) downloads.after(player);

const button = (label, cls) => Object.assign(doc.createElement("button"), { type: "button", textContent: label, className: cls || "" });
const say = (text) => { status.textContent = text; };
const two = (n) => String(Math.floor(n)).padStart(2, "0");
const clock = (s) => (s >= 3600 ? Math.floor(s / 3600) + ":" + two((s / 60) % 60) : Math.floor(s / 60)) + ":" + two(s % 60);

const status = Object.assign(doc.createElement("p"), { className: "player-status" });
status.setAttribute("role", "status");
status.setAttribute("aria-live", "polite");
const follow = button("Follow the recording", "follow");
follow.hidden = true;
const moment = button("Copy link to this moment", "moment");
const controls = Object.assign(doc.createElement("div"), { className: "player-controls" });
controls.append(follow, moment, status);
player.appendChild(controls);

// The player's height is every anchor's scroll margin, so a turn opened by a link starts below it.
doc.documentElement.classList.add("has-player");
const fit = () => doc.documentElement.style.setProperty("--player-h", player.offsetHeight + "px");
// A player that grows (its status wraps, the follow button shows) would cover the turn just scrolled to.
new ResizeObserver(() => { fit(); refollow(); }).observe(player);
fit();
// The id the fragment names, as onrecord.js's idOf (a classic script: nothing to import): one that is not valid
// percent-encoding (#%E0, a link cut short) names itself literally, rather than stopping this module with a URIError.
const named = (() => { try { return decodeURIComponent(location.hash.slice(1)); } catch { return location.hash.slice(1); } })();
// The browser scrolled to a link's anchor before this stylesheet gave anchors room below the player: land again.
const landed = doc.getElementById(named);
css.addEventListener("load", () => {
  fit();
  const top = landed && landed.getBoundingClientRect().top;
  if (landed && top >= 0 && top < player.getBoundingClientRect().bottom) landed.scrollIntoView();
}, { once: true });

function play(seconds) {
  media.currentTime = seconds;
  const playing = media.play();
  if (playing && playing.catch) playing.catch(() => say("Ready to play from " + clock(seconds)));
}

const marks = [...doc.querySelectorAll("time.mark[data-seconds]")];
marks.forEach((mark) => {
  const seek = button("", "seek");
  seek.setAttribute("aria-label", "Play from " + mark.textContent.trim());
  mark.replaceWith(seek);
  seek.appendChild(mark);
  seek.addEventListener("click", () => { following = true; follow.hidden = true; play(Number(mark.dataset.seconds)); });
});

// Who speaks when: a turn begins at its first mark, and lasts until the next turn's.
const timeline = marks.map((m) => [Number(m.dataset.seconds), m.closest(".turn")]).filter(([, turn]) => turn);
let speaking = null;
let following = true;

function update() {
  let turn = null;
  for (const [seconds, candidate] of timeline) if (seconds <= media.currentTime + 0.25) turn = candidate;
  if (turn === speaking) return;
  if (speaking) { speaking.classList.remove("speaking"); speaking.removeAttribute("aria-current"); }
  speaking = turn;
  if (!turn) return;
  turn.classList.add("speaking");
  turn.setAttribute("aria-current", "true");
  const who = turn.querySelector(".speaker");
  say("Now speaking: " + (who ? who.textContent.trim() : "speaker not named"));
  if (following) turn.scrollIntoView({ block: "start" });
}
function refollow() {
  if (following && speaking) speaking.scrollIntoView({ block: "start" });
}
media.addEventListener("timeupdate", update);
media.addEventListener("seeked", update);

// A reader who scrolls away is left to read; the button takes the page back to the voice.
function away(event) {
  if (media.paused || !following) return;
  if (event.type === "keydown" && (!/^(PageUp|PageDown|ArrowUp|ArrowDown|Home|End|j|k|t| )$/.test(event.key)
      || event.target.closest("input, textarea, audio, video, button"))) return;
  following = false;
  follow.hidden = false;
}
addEventListener("wheel", away, { passive: true });
addEventListener("touchmove", away, { passive: true });
addEventListener("keydown", away);
follow.addEventListener("click", () => {
  following = true;
  follow.hidden = true;
  if (speaking) speaking.scrollIntoView({ block: "start" });
  media.focus();
});

moment.addEventListener("click", () => {
  const url = new URL(location.href);
  url.hash = "";
  url.searchParams.set("t", String(Math.floor(media.currentTime)));
  navigator.clipboard.writeText(url.href).then(() => say("Copied a link to " + clock(media.currentTime)), () => say(url.href));
});

// A link to a moment: ?t=754, or #t=12:34 (a turn's own anchor is #t42, without "=").
const asked = new URLSearchParams(location.search).get("t") || (/^t=([\d:.]+)$/.exec(named) || [])[1];
if (asked && /^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(asked)) {
  const seconds = asked.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  const start = () => { play(seconds); update(); };
  if (media.readyState >= 1) start(); else { media.preload = "metadata"; media.addEventListener("loadedmetadata", start, { once: true }); media.load(); }
}
