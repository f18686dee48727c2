"""Reader for WebVTT captions: voice tags `<v Name>`, closed or not, or `Name:` prefixes.

The cues are read here rather than by webvtt-py, which drops in silence a cue whose time stamps lack
milliseconds and text that has no timing line: every word of a cue is kept, whatever its timing lacks.
"""

from __future__ import annotations

import html
import re

from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions, marked
from .captions import Cue
from ..model import Line
from ..source import lines
from .common import FileFacts, assemble

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".vtt",)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)


def sniff(source: Source) -> float:
    return 1.0 if source.text.lstrip("\ufeff").startswith("WEBVTT") else 0.0


def read(source: Source, report: Report) -> Transcript:
    if not source.text.lstrip("\ufeff").startswith("WEBVTT"):
        turns, facts = captions.fallback(source, report, "WebVTT cues", "not valid WebVTT (no `WEBVTT` first line)")
        return assemble(source, turns, report, facts)
    blocks = _cue_blocks(source, report)
    if marked.all_marked(markers := [marked.parse(block[4]) for block in blocks]):  # our own export
        cues = [marked.MarkedCue(line, code, *_marked_voice(raw)) for (line, _, _, raw, _), code in zip(blocks, markers)]
        return assemble(source, marked.turns(cues), report, FileFacts(section_titles={REMARKS: "Transcript"}))
    cues: list[Cue] = []
    voices: set[str] = set()
    for line, start, end, raw_text, _ in blocks:
        for speaker, text in _voices(raw_text):
            if speaker:
                voices.add(speaker)
            label = f"<v {speaker}>" if speaker else None
            cues.append(Cue(line, start, text, speaker, label, end=end))
    cues = captions.changes(captions.name_prefixes(cues, voices))
    turns = captions.cue_turns(source, report, cues)
    return assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))


# `00:00:01.000 --> 00:00:04.000 align:start`; hours may be left out, and so may milliseconds, which some
# tools also write after a comma: `00:01 --> 00:04`, `00:00:01,000 --> …`.
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_SETTINGS = re.compile(r"^(?:[A-Za-z][\w-]*:\S+\s*)+$")  # `align:start line:85%`
_NOT_CUES = re.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")  # comments and styling: no one says them


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + (int(fraction) / 10 ** len(fraction) if fraction else 0)


def _marked_voice(raw: str) -> tuple[str | None, str]:
    """A cue of our export: its voice's name (entities decoded, as the writer encoded them) and its text."""
    match = _VOICE.match(raw)
    name = html.unescape(match["name"] or "").strip() or None if match else None
    return name, captions.plain_text(raw[match.end():] if match else raw)


def _cue_blocks(source: Source, report: Report) -> list[tuple[int, float, float | None, str, str | None]]:
    """(line, start, end, text, id) of every cue. A cue is read whatever its time stamps lack, and text with no
    timing line at all (a cue whose timing was lost) is kept, at the time of the cue before it."""
    blocks: list[list[Line]] = [[]]
    for line in lines(source):
        if not line.text.strip():
            blocks.append([])
        elif _TIMING.match(line.text) and _timed(blocks[-1]):
            blocks.append([line])  # a cue that follows the one before without a blank line
        else:
            blocks[-1].append(line)
    found: list[tuple[int, float, float | None, str, str | None]] = []
    start, end, untimed = 0.0, None, None
    for block in filter(None, blocks):
        timing = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line.text)), None)
        if timing is None and (block is blocks[0] or _NOT_CUES.match(block[0].text)):
            continue  # the header, comments, styles
        if timing is None:
            untimed = untimed or block[0].number
            payload = block[1:] if block[0].text.strip().isdecimal() and len(block) > 1 else block  # its number
            start = end if end is not None else start
        else:
            match = _TIMING.match(block[timing].text)
            start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
            payload = block[timing + 1:]
            rest = block[timing].text[match.end():].lstrip("0123456789").strip()  # digits: a malformed end time
            if rest and not _SETTINGS.match(rest):  # text run on after the times
                payload = [Line(block[timing].number, rest), *payload]
        if payload:
            cue_id = block[0].text if timing == 1 else None
            found.append((payload[0].number, start, end, "\n".join(line.text for line in payload), cue_id))
    if untimed is not None:
        report.warning(source.path, untimed, "a cue without a timing line; its text is kept at the time of the cue "
                       "before it", "layout.malformed")
    return found


def _timed(block: list[Line]) -> bool:
    """The block has its timing line, or a line too many to be waiting for one (a cue's id comes first)."""
    return len(block) > 1 or any(_TIMING.match(line.text) for line in block) or bool(
        block and block[0].text.startswith("WEBVTT"))


def _voices(raw: str) -> list[tuple[str | None, str]]:
    """A cue's text split at its voice tags: [(speaker or None, text)], closing tags optional."""
    pieces: list[tuple[str | None, str]] = []
    position, speaker = 0, None
    for match in _VOICE.finditer(raw):
        before = captions.plain_text(raw[position : match.start()])
        if before:
            pieces.append((speaker, before))
        speaker = (match["name"] or "").strip() or None
        position = match.end()
    rest = captions.plain_text(raw[position:])
    if rest:
        pieces.append((speaker, rest))
    return pieces
