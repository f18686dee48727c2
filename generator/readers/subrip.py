"""Reader for SRT subtitles (through the `srt` library): a speaker named by `Name:` on a turn's first cue."""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions
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
