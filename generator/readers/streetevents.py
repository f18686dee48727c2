"""Reader for the StreetEvents layout: a name line, then an `Organisation - Title` line, then the words.

The file opens with participant lists (CORPORATE PARTICIPANTS, CONFERENCE CALL PARTICIPANTS) that
give roles, never turns; PRESENTATION and QUESTIONS AND ANSWERS open the sections; lines are
hard-wrapped mid-sentence; separator lines hold only spaces, `=` or `-`; a DISCLAIMER closes it.
Some exports put a speaker on one line instead: `Dana Whitfield, Northwind Robotics, Inc. - CEO [2]`.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import clean
from ..diagnostics import Report
from ..model import COMPANY, QUESTIONER, REMARKS, Source, Transcript
from ..source import lines
from .common import (
    FileFacts, Paragraph, Participant, RawTurn, assemble, parse_date, unattributed, unknown_layout,
)
from .vocabulary import MODERATOR_LINE, PARTICLE, section_marker

EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content

_LISTS = {"corporate participants": COMPANY, "conference call participants": QUESTIONER}
_NOTES = {"disclaimer": "Disclaimer", "definitions": "Definitions"}
_SEPARATOR = re.compile(r"^[\s=\-_*]*$")
_BULLET = re.compile(r"^\s*[*•]\s+")
_NUMBER = re.compile(r"\s*\[\d+\]\s*$")  # the turn counter some exports append to a speaker line
# `Organisation - Title`: the dash between spaces; short, and no sentence in it.
_AFFILIATION = re.compile(r"^(?P<organisation>[^\s].{0,100}?) +[-–—] +(?P<title>[^\s].{0,80})$")
# A person's name on its own line: capitalised words, initials, particles; no sentence punctuation.
_NAME = re.compile(rf"^(?:[A-Z][\w'’.-]*|{PARTICLE})(?: +(?:[A-Z][\w'’.-]*|{PARTICLE}|\(.+?\))){{0,5}}$")
_ONE_LINE = re.compile(r"^(?P<name>[A-Z][^,]{1,60}), (?P<affiliation>.+ +[-–—] +.+)$")
_TICKER_TITLE = re.compile(r"^(?P<ticker>[A-Z][A-Z0-9.]{0,9}(?:\.[A-Z]{1,3})?) +- +(?P<title>.+)$")
_EVENT_DATE = re.compile(r"^event date(?:/time)?\s*:", re.IGNORECASE)


def sniff(source: Source) -> float:
    headings = {line.text.strip().lower() for line in lines(source)[:3000]}
    if headings & set(_LISTS):
        return 0.95
    return 0.0


def read(source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    numbered = lines(source)
    listed: dict[str, Participant] = {}
    turns: list[RawTurn] = []
    header: list[Paragraph] = []
    mode, section, role = "header", REMARKS, COMPANY
    paragraph: Paragraph | None = None  # the paragraph being filled, hard-wrapped lines joined
    pending_name: tuple[int, str] | None = None  # a participant's name line, waiting for its affiliation

    def close() -> None:
        nonlocal paragraph
        paragraph = None

    index = 0
    while index < len(numbered):
        line = numbered[index]
        text = line.text.strip()
        index += 1
        lowered = " ".join(text.lower().split())
        if lowered in _LISTS:
            mode, role = "list", _LISTS[lowered]
            close()
            continue
        if lowered in _NOTES:
            mode = "note"
            facts.notes.append((_NOTES[lowered], []))
            close()
            continue
        if mode in ("header", "list", "talk") and (marker := section_marker(text)) and text.isupper():
            mode, section = "talk", marker
            close()
            continue
        if _SEPARATOR.match(text):
            close()
            continue
        if mode == "header":
            _header_line(text, line.number, facts)
            header.append(Paragraph(line.number, text))
            continue
        if mode == "list":
            name = _BULLET.sub("", text)
            if pending_name and (match := _AFFILIATION.match(name)):
                number, person = pending_name
                listed[person] = Participant(person, role, match["organisation"].strip(), match["title"].strip(), number)
                pending_name = None
            else:
                pending_name = (line.number, name)
            continue
        if mode == "note":
            notes = facts.notes[-1][1]
            if paragraph is None:
                paragraph = Paragraph(line.number, text)
                notes.append(paragraph)
            else:
                paragraph.text += " " + text
            continue
        # The talk.
        following = numbered[index].text.strip() if index < len(numbered) else ""
        speaker = _speaker(text, following, listed)
        if speaker:
            name, affiliation, used_next = speaker
            label = text + (f"\n{following}" if used_next else "")
            turns.append(RawTurn(line.number, section, label, name, affiliation))
            index += 1 if used_next else 0
            close()
            continue
        if not turns:
            turns.append(unattributed(source, line.number, section, report))
        if paragraph is None:
            paragraph = Paragraph(line.number, text)
            turns[-1].paragraphs.append(paragraph)
        else:
            paragraph.text += " " + text
    facts.participants = list(listed.values())
    organisations = Counter(p.organisation for p in listed.values() if p.role == COMPANY and p.organisation)
    if organisations:
        organisation, _ = organisations.most_common(1)[0]
        first = min(p.line for p in listed.values() if p.organisation == organisation)
        facts.infer("organisation", organisation, first)
    if header:
        facts.notes.insert(0, ("About this transcript", header))
    if not any(t.name for t in turns):
        unknown_layout(source, report, "a name line followed by an `Organisation - Title` line")
    return assemble(source, turns, report, facts)


def _header_line(text: str, number: int, facts: FileFacts) -> None:
    if _EVENT_DATE.match(text):
        facts.infer("date", parse_date(text), number)
    elif match := _TICKER_TITLE.match(text):
        facts.infer("title", match["title"].strip(), number)
        facts.infer("ticker", match["ticker"], number)


def _speaker(text: str, following: str, listed: dict[str, Participant]) -> tuple[str, str | None, bool] | None:
    """(name, affiliation, whether the next line is the affiliation) when this line opens a turn."""
    plain = _NUMBER.sub("", clean.normalise_space(text))
    if MODERATOR_LINE.match(plain):
        return plain, None, False
    following = _NUMBER.sub("", clean.normalise_space(following))
    if (plain in listed or _NAME.match(plain)) and len(plain) <= 60 and _AFFILIATION.match(following):
        return plain, following, True
    if plain in listed:
        return plain, None, False
    if (match := _ONE_LINE.match(plain)) and (match["name"] in listed or _NAME.match(match["name"])):
        return match["name"], match["affiliation"], False
    return None
