"""Word timings a speech recogniser gives, found again in the paragraphs its words became.

Readers build paragraphs from cues and cleaning joins and normalises them, so a vendor's word list is not
carried through: it is aligned afterwards, each word looked for in order from where the last was found,
in its paragraph or the next. A word not found (cleaning changed it) keeps no timing; the text is as read.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Transcript, WordTiming

LOOK_AHEAD = 2  # paragraphs a word may be looked for in past the current one (a paragraph of directions)


def aligned(transcript: Transcript, words: list[tuple[str, float]]) -> Transcript:
    """The transcript with each turn's `words`: (paragraph, offset, length, start) of every word found."""
    if not words:
        return transcript
    places = [(t, p) for t, turn in enumerate(transcript.turns) for p in range(len(turn.paragraphs))]
    found: dict[int, list[WordTiming]] = {}
    where, position = 0, 0
    for text, start in words:
        text = text.strip()
        if not text or where >= len(places):
            continue
        for ahead in range(min(LOOK_AHEAD + 1, len(places) - where)):
            turn_index, paragraph = places[where + ahead]
            haystack = transcript.turns[turn_index].paragraphs[paragraph]
            offset = haystack.find(text, position if ahead == 0 else 0)
            if offset >= 0:
                found.setdefault(turn_index, []).append(WordTiming(paragraph, offset, len(text), round(start, 3)))
                where, position = where + ahead, offset + len(text)
                break
    turns = tuple(replace(turn, words=tuple(found.get(i, ()))) if i in found else turn
                  for i, turn in enumerate(transcript.turns))
    return replace(transcript, turns=turns)
