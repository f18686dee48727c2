"""Reader for WebVTT captions (through webvtt-py): voice tags `<v Name>`, closed or not, or `Name:` prefixes."""

from __future__ import annotations

import io
import re

from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions
from .captions import Cue
from .common import FileFacts, assemble

EXTENSIONS = (".vtt",)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)


def sniff(source: Source) -> float:
    return 1.0 if source.text.lstrip("\ufeff").startswith("WEBVTT") else 0.0


def read(source: Source, report: Report) -> Transcript:
    import webvtt

    try:
        parsed = list(webvtt.from_buffer(io.StringIO(source.text)))
    except Exception as error:  # webvtt-py raises its own errors, and others on odd input
        turns, facts = captions.fallback(source, report, "WebVTT cues", f"not valid WebVTT ({error})")
        return assemble(source, turns, report, facts)
    timing = captions.timing_lines(source)
    cues: list[Cue] = []
    voices: set[str] = set()
    for index, caption in enumerate(parsed):
        line = timing[index] + 1 if index < len(timing) else source.body_line
        for speaker, text in _voices(caption.raw_text):
            if speaker:
                voices.add(speaker)
            label = f"<v {speaker}>" if speaker else None
            cues.append(Cue(
                line, caption.start_time.in_milliseconds() / 1000, text, speaker, label,
                end=caption.end_time.in_milliseconds() / 1000,
            ))
    cues = captions.changes(captions.name_prefixes(cues, voices))
    turns = captions.cue_turns(source, report, cues)
    return assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))


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
