"""Reader for the block layout: a speaker line alone (`Name - Title or Firm`, `Operator`), then paragraphs.

This is the layout of the reference transcript and of most earnings-call vendors.
"""

from __future__ import annotations

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from ..source import lines
from .common import RawTurn, assemble, blank_separated, unattributed
from .vocabulary import MODERATOR_LINE, SPEAKER_LINE, section_marker

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".txt",)

def sniff(source: Source) -> float:
    """Confident when several speaker lines stand alone between blank lines."""
    found = 0
    for paragraph in blank_separated(lines(source)[:4000]):
        plain = clean.normalise_space(clean.strip_markup(paragraph.text))
        if SPEAKER_LINE.match(plain) or MODERATOR_LINE.match(plain):
            found += 1
            if found >= 3:
                return 0.6
    return 0.3 * found


def read(source: Source, report: Report) -> Transcript:
    paragraphs = blank_separated(lines(source))
    named = {m.group("name") for p in paragraphs if (m := SPEAKER_LINE.match(clean.strip_markup(p.text)))}
    turns: list[RawTurn] = []
    section = REMARKS
    for paragraph in paragraphs:
        marker = section_marker(paragraph.text)
        if marker:
            section = marker
            continue
        speaker = _speaker_line(paragraph.text, named)
        if speaker:
            name, affiliation = speaker
            turns.append(RawTurn(paragraph.line, section, paragraph.text, name, affiliation))
            continue
        if not turns:
            turns.append(unattributed(source, paragraph.line, section, report))
        turns[-1].paragraphs.append(paragraph)
    if not any(t.name for t in turns) and turns:
        report.warning(
            source.path, source.body_line,
            "no speaker lines found (expected `Name - Title` or `Operator` alone on a line); "
            "the text is published as paragraphs",
            "layout.unknown",
        )
    return assemble(source, turns, report)


def _speaker_line(text: str, named: set[str]) -> tuple[str, str | None] | None:
    plain = clean.normalise_space(clean.strip_markup(text))
    if match := MODERATOR_LINE.match(plain):
        return match.group("name"), None
    if match := SPEAKER_LINE.match(plain):
        return match.group("name"), match.group("affiliation")
    if plain in named:  # a bare name line, for someone the file names in full elsewhere
        return plain, None
    return None
