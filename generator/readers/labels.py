"""Speakers named at the start of a line, and the words that follow on it: the engine of the inline layout.

`JUSTICE PRICE: text`, `Dana Whitfield: text` (court arguments, interviews, podcasts), initials
(`MSM: text`), congressional records (`Mr. SMITH. text`, `The CHAIRMAN. text`). Headings such as
`ORAL ARGUMENT OF ADA OKAFOR ON BEHALF OF THE PETITIONER` open parts; a line that is wholly a stage
direction, `(Laughter.)` or `[inaudible]`, is kept as a direction, not as speech. The inline, HTML and
Markdown readers all end here, over lines of their own making.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Report
from ..model import MODERATOR, QUESTIONER, REMARKS, Section, Source, Transcript
from .common import FileFacts, Paragraph, Participant, RawTurn, assemble, unattributed, unknown_layout
from .vocabulary import COURTESY, DIRECTION, LIST_HEADERS, NOT_NAMES, PARTICLE, SPEAKER_LINE, display, is_name_word, section_marker

# `CHIEF JUSTICE HALE:`, `MS. OKAFOR:`, `THE COURT:`, `MSM:`, `Q:`: capitals, up to six words.
_CAPS_LABEL = r"[A-Z][A-Z0-9.'’-]*(?: [A-Z][A-Z0-9.'’-]*){0,5}"
# `Dana Whitfield:`, `Priya:`, `Speaker 2:`, `Justice Price:`.
_NAME_LABEL = rf"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|\d{{1,2}}|{PARTICLE}|of)){{0,4}}"
LABEL = re.compile(rf"^(?P<label>(?P<name>{_CAPS_LABEL}|{_NAME_LABEL})\s*:)(?:\s+(?P<text>.*))?$")
# Congressional Record: `Mr. SMITH.`, `Mrs. JONES of Ohio.`, `The CHAIRMAN.`, `The SPEAKER pro tempore.`
CONGRESS = re.compile(
    rf"^(?P<label>(?P<name>(?:{COURTESY}|Senator|Chairman|Chairwoman)\. [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)?"
    r"(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?|The (?:ACTING )?(?:CHAIR(?:MAN|WOMAN)?|SPEAKER|PRESIDENT|PRESIDING OFFICER|CLERK)"
    r"(?: pro tempore)?)\.)(?:\s+(?P<text>.*))?$"
)
# A heading: a line in capitals, three words or more, that is not a label: `ORAL ARGUMENT OF ...`.
HEADING = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9][A-Z0-9 .,'’&;()/-]{8,}$")
_PRESIDING = re.compile(r"^(?:(?:mr|madam)\.? )?(?:chief justice\b|the chair(?:man|woman)?\b|chair(?:man|woman)?\b|the (?:acting )?chair|the speaker|the presiding officer|the court$|the president\b)", re.I)
# A justice who is not the Chief: on the bench, the side that asks (`JUSTICE PRICE`, `MR. JUSTICE FRANKFURTER`).
_BENCH_LABEL = re.compile(r"^(?:(?:mr|madam)\.? )?(?:associate )?justice\b", re.I)
@dataclass
class TextLine:
    number: int
    text: str
    speaker: str | None = None  # a label the layout itself marks (bold in HTML), taken as it is
    heading: bool = False  # the layout marks this line a heading (Markdown `#`, HTML `<h2>`)


def read_lines(numbered: list[TextLine], source: Source, report: Report, facts: FileFacts | None = None) -> Transcript:
    """The inline layout over lines from anywhere (a text file, an HTML page's paragraphs)."""
    facts = facts or FileFacts()
    facts.section_titles.setdefault(REMARKS, "Transcript")
    labels = label_counts(numbered)
    turns: list[RawTurn] = []
    section = REMARKS
    paragraph: Paragraph | None = None
    heading = Paragraph(0, "")  # the last heading, as written
    for line in numbered:
        text = line.text.strip()
        if not text and line.speaker is None:
            paragraph = None
            continue
        affiliation = None
        if line.speaker is not None:
            found = (line.speaker, line.speaker, text)
            if match := SPEAKER_LINE.match(line.speaker):  # `### Dana Whitfield - CEO`
                found, affiliation = (line.speaker, match["name"], text), match["affiliation"]
        else:
            found = opening_label(text, labels)
        if found:
            label, name, said = found
            turns.append(RawTurn(line.number, section, label, display(name), affiliation))
            paragraph = None
            text = said
            if not text:
                continue
        elif (marker := section_marker(text)) and (line.heading or text.isupper() or text.endswith(":")):
            section, paragraph = marker, None
            facts.section_titles.pop(marker, None)  # the file names its parts: their usual titles apply
            continue
        elif line.heading or HEADING.match(text) and not DIRECTION.match(text) and not _shouted(text, turns):
            if facts.sections and facts.sections[-1].id == section and not (turns and turns[-1].section == section):
                facts.sections[-1] = _heading_goes_on(facts.sections[-1], heading.text, text)  # a heading on two lines
                heading = Paragraph(heading.line, f"{heading.text} {text}")
            else:
                section = f"part{len(facts.sections) + 1}"
                facts.sections.append(Section(section, display(text), REMARKS))
                heading = Paragraph(line.number, text)
            paragraph = None
            continue
        direction = bool(DIRECTION.match(text))
        if not turns:
            turns.append(unattributed(source, line.number, section, report))
        if turns[-1].section != section:  # a heading fell inside a turn: the rest is a turn of the new part
            previous = turns[-1]
            turns.append(RawTurn(line.number, section, previous.label, previous.name, previous.affiliation))
            paragraph = None
        if direction or paragraph is None or paragraph.direction:
            paragraph = Paragraph(line.number, text, direction)
            turns[-1].paragraphs.append(paragraph)
        else:  # a hard-wrapped line carries on the paragraph
            paragraph.text += " " + text
    _last_heading_kept(turns, facts, heading, source, report)
    _listed_by_surname(turns, facts)
    listed = {p.name.lower() for p in facts.participants}
    for turn in turns:
        if not turn.name or turn.name.lower() in listed:  # a participant list said who they are
            continue
        if _PRESIDING.match(turn.name):
            facts.participants.append(Participant(turn.name, MODERATOR, line=turn.line))
        elif _BENCH_LABEL.match(turn.name):
            facts.participants.append(Participant(turn.name, QUESTIONER, line=turn.line))
        listed.add(turn.name.lower())
    if not any(t.name for t in turns):
        unknown_layout(source, report, "`NAME: text`, `Name: text` or `Mr. SMITH. text` at the start of a line")
    return assemble(source, turns, report, facts)


# Last words that end a heading with a full stop: `ARGUMENT OF ADA OKAFOR, ESQ.`
_ABBREVIATED = frozenset({"ESQ", "JR", "SR", "INC", "CO", "LTD", "CORP", "AL"})


def _shouted(text: str, turns: list[RawTurn]) -> bool:
    """A sentence in capitals inside someone's turn (`I OBJECT TO THAT QUESTION.`) is said, not a heading."""
    words = text.rstrip(".").split()
    return bool(
        turns and turns[-1].name and text.endswith(".") and words and words[-1].strip(",") not in _ABBREVIATED
    )


def _heading_goes_on(heading: Section, written: str, text: str) -> Section:
    """A heading and the heading line under it, with no talk between, are one heading: neither is lost."""
    if written.endswith(",") or text.split()[0].upper() in {"OF", "ON", "THE", "AND", "FOR", "IN"}:
        return Section(heading.id, display(f"{written} {text}"), heading.kind)  # one heading wrapped
    return Section(heading.id, f"{heading.title} — {display(text)}", heading.kind)


def _last_heading_kept(turns: list[RawTurn], facts: FileFacts, heading: Paragraph, source: Source, report: Report) -> None:
    """A heading with no talk after it (the file's last line in capitals) would head nothing and be shown
    nowhere: its words are kept as the last paragraph of the talk instead."""
    if not facts.sections or any(turn.section == facts.sections[-1].id for turn in turns):
        return
    facts.sections.pop()
    if not turns:
        turns.append(unattributed(source, heading.line, REMARKS, report))
    turns[-1].paragraphs.append(heading)


_BENCH = re.compile(r"\b(?:justice|judge)\b", re.IGNORECASE)


def _listed_by_surname(turns: list[RawTurn], facts: FileFacts) -> None:
    """A participant list names people in full (`HUGO L. BLACK, Associate Justice`), the labels by office and
    surname (`MR. JUSTICE BLACK`): a label takes the listed person's role and title when exactly one listed
    person has its surname and both sit on the bench or both do not."""
    listed: dict[str, list[Participant]] = {}
    for person in facts.participants:
        listed.setdefault(_surname(person.name), []).append(person)
    known = {p.name.lower() for p in facts.participants}
    for name in dict.fromkeys(t.name for t in turns if t.name):
        bench = bool(_BENCH.search(name))
        candidates = [p for p in listed.get(_surname(name), []) if bool(_BENCH.search(p.title or "")) == bench]
        if name.lower() in known or len(candidates) != 1:
            continue
        person = candidates[0]
        facts.participants.append(Participant(name, person.role, person.organisation, person.title, person.line))
        known.add(name.lower())


def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name.lower()) if w and w.strip(".") not in ("jr", "sr", "ii", "iii", "esq")]
    return words[-1].strip(".") if words else ""


def label_counts(numbered: list[TextLine]) -> dict[str, int]:
    """How often each candidate label opens a line: a one-word mixed-case label must recur to count."""
    counts: dict[str, int] = {}
    for line in numbered:
        match = LABEL.match(line.text.strip()) or CONGRESS.match(line.text.strip())
        if match:
            counts[match["name"]] = counts.get(match["name"], 0) + 1
    return counts


def opening_label(text: str, labels: dict[str, int]) -> tuple[str, str, str] | None:
    """(label as written, name, the words after it) when the line opens with a speaker."""
    match = CONGRESS.match(text)
    if match is None:
        match = LABEL.match(text)
        if match is None:
            return None
        name = match["name"]
        if name.lower().rstrip(".") in NOT_NAMES | LIST_HEADERS or re.fullmatch(r"[\d:.]+", name):
            return None
        if not name.isupper() and " " not in name and labels.get(name, 0) < 2:
            return None  # `Revenue: up 18%` is no speaker; `Dana:` twice is
        if not name.isupper() and len(name.split()) > 1 and not all(
            is_name_word(w) for w in name.split()
        ):
            return None
    return match["label"], match["name"], (match["text"] or "").strip()
