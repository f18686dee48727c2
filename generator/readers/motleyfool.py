"""Reader for the Motley Fool layout: `Name -- Title` or `Name -- Firm -- Analyst`, then the words.

`Prepared Remarks:` and `Questions & Answers:` open the sections; a header (title line, date,
period) comes first; `Duration:` and a trailing `Call participants:` list close it. Neither the
header nor the list is speech: the list gives roles, the rest is kept as notes.
"""

from __future__ import annotations

import re

from .. import clean
from ..diagnostics import Report
from ..model import COMPANY, QUESTIONER, REMARKS, Source, Transcript
from ..source import lines
from .common import (
    FileFacts, Paragraph, Participant, RawTurn, assemble, blank_separated, parse_date, unattributed, unknown_layout,
)
from .vocabulary import MODERATOR_LINE, section_marker

EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content

# `Dana Whitfield -- Chief Executive Officer`, `Priya Raman -- Credit Suisse -- Analyst`.
SPEAKER_LINE = re.compile(r"^(?P<name>[^\s-][^-]{0,60}?) +-- +(?P<first>[^\s].{0,100}?)(?: +-- +(?P<second>[^\s].{0,60}))?$")
_PARTICIPANTS = re.compile(r"^call participants\s*:?$", re.IGNORECASE)
_DURATION = re.compile(r"^duration\s*:\s*(?P<value>.+)$", re.IGNORECASE)
# `Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript`, `Acme (NASDAQ:ACME) Q1 2024 ...`
_TITLE = re.compile(
    r"^(?P<organisation>.+?) \((?:[A-Z]+:)?(?P<ticker>[A-Z][A-Z0-9.]{0,9})\) (?P<call>.*?\bcall)(?: transcript)?$",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"^this article is a transcript\b", re.IGNORECASE)
_ANALYST = re.compile(r"\banalyst\b", re.IGNORECASE)


def sniff(source: Source) -> float:
    paragraphs = blank_separated(lines(source)[:4000])
    texts = [clean.normalise_space(p.text) for p in paragraphs]
    markers = sum(1 for t in texts if t.endswith(":") and (section_marker(t) or _PARTICIPANTS.match(t)))
    speakers = sum(1 for t in texts if SPEAKER_LINE.match(t))
    if markers and speakers:
        return 0.9
    return 0.7 if speakers >= 3 else 0.0


def read(source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    listed: dict[str, Participant] = {}
    turns: list[RawTurn] = []
    header: list[Paragraph] = []
    disclaimer: list[Paragraph] = []
    section, mode = REMARKS, "header"
    for paragraph in blank_separated(lines(source)):
        text = clean.normalise_space(paragraph.text)
        if _PARTICIPANTS.match(text):
            mode = "participants"
            continue
        if _DISCLAIMER.match(text):
            disclaimer.append(paragraph)
            continue
        if match := _DURATION.match(text):
            facts.notes.append(("Duration", [Paragraph(paragraph.line, match["value"])]))
            continue
        if mode == "participants":
            if match := SPEAKER_LINE.match(text):
                person = _participant(match, paragraph.line, facts, source)
                listed[person.name] = person
            else:
                disclaimer.append(paragraph)  # what follows the list on the page: links, small print
            continue
        if marker := section_marker(text):
            section, mode = marker, "talk"
            continue
        if MODERATOR_LINE.match(text):
            turns.append(RawTurn(paragraph.line, section, paragraph.text, text, None))
            mode = "talk"
            continue
        if match := SPEAKER_LINE.match(text):
            person = _participant(match, paragraph.line, facts, source)
            listed.setdefault(person.name, person)
            affiliation = " -- ".join(filter(None, (match["first"], match["second"])))
            turns.append(RawTurn(paragraph.line, section, paragraph.text, person.name, affiliation))
            mode = "talk"
            continue
        if mode == "header":
            _header(text, paragraph.line, facts)
            header.append(paragraph)
            continue
        if not turns:
            turns.append(unattributed(source, paragraph.line, section, report))
        turns[-1].paragraphs.append(paragraph)
    facts.participants = list(listed.values())
    if header:
        facts.notes.insert(0, ("About this call", header))
    if disclaimer:
        facts.notes.append(("Disclaimer", disclaimer))
    if not any(t.name for t in turns):
        unknown_layout(source, report, "`Name -- Title` lines and `Prepared Remarks:` / `Questions & Answers:`")
    return assemble(source, turns, report, facts)


def _header(text: str, number: int, facts: FileFacts) -> None:
    if match := _TITLE.match(text):
        facts.infer("title", f"{match['organisation']} {match['call']}", number)
        facts.infer("organisation", match["organisation"], number)
        facts.infer("ticker", match["ticker"], number)
    elif "period ending" not in text.lower() and len(text) < 80:  # the call's date, not the quarter's end
        facts.infer("date", parse_date(text), number)


def _participant(match: re.Match[str], line: int, facts: FileFacts, source: Source) -> Participant:
    name, first, second = match["name"].strip(), match["first"].strip(), match["second"]
    if second is not None:  # Name -- Firm -- Analyst
        return Participant(name, QUESTIONER, first, second.strip(), line)
    if _ANALYST.search(first):
        return Participant(name, QUESTIONER, None, first, line)
    organisation = source.meta.get("company") or source.meta.get("organisation") or facts.inferred.get(
        "organisation", (None, 0)
    )[0]
    return Participant(name, COMPANY, organisation, first, line)
