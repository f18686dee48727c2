/* Onrecord: word timings. A click on a word speech recognition timed seeks the recording to it, and
   while the recording plays the word being spoken is marked (media.js marks its turn).
   Loaded only on transcript pages with a player (theme/main.html); the spans are written only there. */
(function () {
  "use strict";
  var media = document.querySelector(".player audio, .player video");
  if (!media) return;
  document.addEventListener("click", function (event) {
    var word = event.target.closest && event.target.closest("span.word[data-start]");
    if (!word || window.getSelection().toString()) return; // selecting text to quote is not a seek
    media.currentTime = Number(word.getAttribute("data-start"));
    var playing = media.play();
    if (playing && playing.catch) playing.catch(function () {});
  });

  // The words in the order they are spoken; the one spoken now is the last that started.
  var words = Array.prototype.slice.call(document.querySelectorAll("span.word[data-start]"))
    .map(function (span) { return { span: span, start: Number(span.getAttribute("data-start")) }; })
    .sort(function (a, b) { return a.start - b.start; });
  var current = null;
  function spokenAt(seconds) {
    var low = 0, high = words.length - 1, found = null;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (words[middle].start <= seconds) { found = words[middle].span; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }
  function follow() {
    var word = spokenAt(media.currentTime);
    if (word === current) return;
    if (current) current.classList.remove("spoken");
    if (word) word.classList.add("spoken");
    current = word;
  }
  if (words.length) {
    media.addEventListener("timeupdate", follow);
    media.addEventListener("seeked", follow);
  }
})();
