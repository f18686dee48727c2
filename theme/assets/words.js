/* Onrecord: word timings. A click on a word speech recognition timed seeks the recording to it.
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
})();
