"""Reader for timed text: each line opens with its time (`00:00:04 This is episode 310…`), speakers rarely named.

Podcasts publish transcripts so, one line per sentence or per caption line. A line is a cue; a line
without a time carries on the one before. A `Name: ` after the time names a speaker (as in captions);
a file that names nobody is cut into readable unattributed turns, with one warning.
"""

from __future__ import annotations

import re

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from ..source import lines
from . import captions
from .captions import Cue
from .common import FileFacts, Paragraph, assemble, unknown_layout

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # a .txt is the block reader's unless its lines say otherwise
# `00:00:04 text`, `0:04 text`, `[00:00:04] text`, `00:00:04.250 - text`.
TIMED_LINE = re.compile(
    r"^\s*[\[(]?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:[.,]\d{1,3})?[\])]?(?:\s+[-–—|])?\s+(?P<text>\S.*)$"
)


def sniff(source: Source) -> float:
    """Confident when nearly every line opens with a time, and the times move on (not one stamp repeated)."""
    numbered = [line.text for line in lines(source)[:3000] if line.text.strip()]
    if len(numbered) < 3:
        return 0.0
    stamps = [m["time"] for text in numbered if (m := TIMED_LINE.match(text))]
    if len(stamps) * 10 < len(numbered) * 8 or len(set(stamps)) < 3:
        return 0.0
    seconds = [clean.seconds(s) for s in stamps]
    forward = sum(1 for a, b in zip(seconds, seconds[1:]) if b >= a)
    return 0.85 if forward * 10 >= (len(seconds) - 1) * 9 else 0.0


def read(source: Source, report: Report) -> Transcript:
    facts = FileFacts(section_titles={REMARKS: "Transcript"})
    preamble: list[Paragraph] = []
    cues: list[Cue] = []
    for line in lines(source):
        text = line.text.strip()
        if not text:
            continue
        match = TIMED_LINE.match(line.text)
        if match:
            cues.append(Cue(line.number, clean.seconds(match["time"]), clean.normalise_space(match["text"])))
        elif cues:  # an untimed line carries on the cue before it
            cues[-1].text = f"{cues[-1].text} {clean.normalise_space(text)}"
        else:  # a title or a note above the first time: about the transcript, not said in it
            preamble.append(Paragraph(line.number, text))
    if preamble:
        facts.notes.append(("About this transcript", preamble))
    _ends_from_next_start(cues)
    cues = captions.name_prefixes(cues)
    turns = captions.cue_turns(source, report, cues)
    if not turns:
        unknown_layout(source, report, "`00:00:00 text` lines")
    return assemble(source, turns, report, facts)


def _ends_from_next_start(cues: list[Cue]) -> None:
    """A line lasts until the next begins: so a time inside a line can be told, never a pause."""
    for cue, following in zip(cues, cues[1:]):
        cue.end = following.start
