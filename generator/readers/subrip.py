"""Reader for SRT subtitles (through the `srt` library): a speaker named by `Name:` on a turn's first cue."""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions, marked
from .captions import Cue
from .common import FileFacts, assemble

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".srt",)
# The `srt` library tries its pattern from every character of a run of blanks it cannot read (quadratic):
# a run this long is no SRT file's, and the file is read as plain text instead.
_LONG_BLANK = re.compile(r"\s{1000}")
_FIRST_CUE = re.compile(r"\A\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}")


def sniff(source: Source) -> float:
    return 0.95 if _FIRST_CUE.match(source.text.lstrip("\ufeff")) else 0.0


def read(source: Source, report: Report) -> Transcript:
    import srt

    try:
        if blank := _LONG_BLANK.search(source.text):
            line = source.body_line + source.text.count("\n", 0, blank.start())
            raise ValueError(f"a run of 1,000 or more blank characters from line {line}")
        parsed = list(srt.parse(source.text))
    except Exception as error:  # srt.SRTParseError, and others on odd input
        turns, facts = captions.fallback(source, report, "SRT cues", f"not valid SRT ({error})")
        return assemble(source, turns, report, facts)
    timing = captions.timing_lines(source)
    if marked.all_marked(markers := [marked.parse(subtitle.proprietary) for subtitle in parsed]):  # our own export
        lines = [timing[i] + 1 if i < len(timing) else source.body_line for i in range(len(parsed))]
        cues = [marked.MarkedCue(line, code, *_marked_name(subtitle.content, code, earlier))
                for line, subtitle, code, earlier in zip(lines, parsed, markers, [None, *markers])]
        return assemble(source, marked.turns(cues), report, FileFacts(section_titles={REMARKS: "Transcript"}))
    cues = [
        Cue(
            timing[index] + 1 if index < len(timing) else source.body_line,
            subtitle.start.total_seconds(),
            captions.plain_text(subtitle.content),
            end=subtitle.end.total_seconds(),
        )
        for index, subtitle in enumerate(parsed)
    ]
    cues = captions.changes(captions.name_prefixes(cues))
    turns = captions.cue_turns(source, report, cues)
    return assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))


def _marked_name(content: str, code: marked.Marker, earlier: marked.Marker | None) -> tuple[str | None, str]:
    """A cue of our export: a named turn's first cue opens with `Name: ` (the name as written, up to the first
    `: `); its text is read as every cue's is."""
    opens = not code.unattributed and (earlier is None or earlier.turn != code.turn)
    name, colon, text = content.partition(": ") if opens else ("", "", content)
    return (captions.plain_text(name) or None, captions.plain_text(text)) if colon else (None, captions.plain_text(content))
