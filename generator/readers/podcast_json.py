"""Reader for Podcasting 2.0 JSON transcripts: `segments` of speaker, startTime, endTime and body.

Segments may be as short as one word; consecutive segments of one speaker make one turn.
"""

from __future__ import annotations

import json
import re

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions, marked
from .captions import Cue
from .common import FileFacts, assemble

VERSION = 2  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".json",)
_PUNCTUATION = re.compile(r"^[,.;:!?…%)\]”’]+$")  # a segment that only closes the word before it


def sniff(source: Source) -> float:
    text = source.text.lstrip()
    if not text.startswith("{"):
        return 0.0
    try:
        data = json.loads(text)
    except ValueError:
        return 0.3 if '"segments"' in text else 0.0
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        return 0.0
    first = next(iter(data["segments"]), None)
    # Whisper's segments have `text` and `start`, not `body`: asr_json's shape (still this reader's by extension).
    return 0.4 if isinstance(first, dict) and "text" in first and "start" in first and "body" not in first else 1.0


def read(source: Source, report: Report) -> Transcript:
    try:
        data = json.loads(source.text)
        segments = data["segments"]
        if not isinstance(segments, list):
            raise TypeError("`segments` is not a list")
    except (ValueError, KeyError, TypeError) as error:
        turns, facts = captions.fallback(
            source, report, "a Podcasting 2.0 JSON object with `segments`", f"not a Podcasting 2.0 transcript ({error})"
        )
        return assemble(source, turns, report, facts)
    lines = _segment_lines(source, len(segments))
    if marked.all_marked(markers := [marked.parse(s.get("cue")) if isinstance(s, dict) else None for s in segments]):
        cues = [marked.MarkedCue(line, code, _text(segment.get("speaker")) or None, _text(segment.get("body")))
                for line, segment, code in zip(lines, segments, markers)]  # our own export
        return assemble(source, marked.turns(cues), report, FileFacts(section_titles={REMARKS: "Transcript"}))
    cues: list[Cue] = []
    for index, segment in enumerate(segments):
        if not isinstance(segment, dict):
            report.warning(source.path, lines[index], "segment is not an object; skipped", "segment.invalid")
            continue
        body = clean.normalise_space(str(segment.get("body") or ""))
        speaker = segment.get("speaker")
        speaker = clean.normalise_space(str(speaker)) or None if speaker is not None else None
        start, end = _seconds(segment, "startTime"), _seconds(segment, "endTime")
        if start is None:
            report.warning(source.path, lines[index], "segment has no numeric `startTime`", "segment.invalid")
            start = cues[-1].start if cues else 0.0
        if cues and _PUNCTUATION.match(body) and (speaker is None or speaker == cues[-1].speaker):
            cues[-1].text += body
            cues[-1].end = end if end is not None else cues[-1].end
            continue
        # A segment without a speaker continues the last one, as a caption cue does.
        cues.append(Cue(lines[index], start, body, speaker, f'"speaker": "{speaker}"' if speaker else None, end=end))
    turns = captions.cue_turns(source, report, cues)
    return assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))


def _segment_lines(source: Source, count: int) -> list[int]:
    """The file line of each segment's `{`, when the file lays them out so; else the body's first line."""
    starts, line, counted = [], source.body_line, 0
    for match in re.finditer(r'"body"\s*:', source.text):
        line += source.text.count("\n", counted, match.start())  # from the last match on: linear, not quadratic
        counted = match.start()
        starts.append(line)
    return starts if len(starts) == count else [source.body_line] * count


def _seconds(segment: dict, key: str) -> float | None:
    value = segment.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e9 else None  # NaN, Infinity and absurd times are no times


def _text(value: object) -> str:
    return clean.normalise_space(value) if isinstance(value, str) else ""
