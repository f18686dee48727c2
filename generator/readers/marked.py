"""Cues that carry our own export's marker (`t3.2 0@65`) read back into exactly the turns they were written from.

A caption file says who speaks and when, but not where one turn or paragraph ends and the next begins:
a reader guesses that from sentences and pauses. Our VTT, SRT and Podcasting 2.0 exports write one cue
per paragraph with a marker where players ignore it (a WebVTT cue id, the rest of an SRT timing line, a
`cue` field of a JSON segment): turn and paragraph, `*` for a turn that names no one, `!` for a
direction, and each time mark of the paragraph as `offset@seconds`. A file whose every cue has one is
read by the markers; any other is read as its layout always was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import REMARKS, TimeMark
from .captions import label_time
from .common import Paragraph, RawTurn

MARKER = re.compile(r"^t(\d{1,9})\.(\d{1,9})([*!]{0,2})((?: \d{1,9}@\d{1,12})*)$")


@dataclass(frozen=True)
class Marker:
    turn: int
    paragraph: int
    unattributed: bool
    direction: bool
    marks: tuple[tuple[int, int], ...]  # (offset, seconds)


def marker(turn: int, paragraph: int, unattributed: bool, direction: bool, marks) -> str:
    flags = ("*" if unattributed else "") + ("!" if direction else "")
    return f"t{turn}.{paragraph}{flags}" + "".join(f" {m.offset}@{m.seconds}" for m in marks)


def parse(text: object) -> Marker | None:
    match = MARKER.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    marks = tuple((int(o), int(s)) for o, s in (pair.split("@") for pair in match[4].split()))
    return Marker(int(match[1]), int(match[2]), "*" in match[3], "!" in match[3], marks)


@dataclass
class MarkedCue:
    line: int
    marker: Marker
    speaker: str | None  # as the cue names them (a voice tag, a `Name:` prefix, a segment's speaker)
    text: str


def all_marked(markers: list[Marker | None]) -> bool:
    """Every cue has a marker, in the order they were written: the file is our export."""
    if not markers or any(m is None for m in markers):
        return False
    order = [(m.turn, m.paragraph) for m in markers]
    return order == sorted(order) and len(set(order)) == len(order)


def turns(cues: list[MarkedCue]) -> list[RawTurn]:
    found: list[RawTurn] = []
    number = None
    for cue in cues:
        if cue.marker.turn != number:
            number = cue.marker.turn
            name = None if cue.marker.unattributed else cue.speaker
            found.append(RawTurn(cue.line, REMARKS, name, name))
        turn = found[-1]
        turn.paragraphs.append(Paragraph(cue.line, cue.text, cue.marker.direction))
        index = len(turn.paragraphs) - 1
        turn.marks.extend(TimeMark(index, offset, seconds, label_time(seconds)) for offset, seconds in cue.marker.marks)
    return found
