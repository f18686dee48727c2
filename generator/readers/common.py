"""What every reader shares: a reader finds speakers and paragraphs; `assemble` makes the Transcript.

Readers differ only in how a layout marks speakers, sections and time. Cleaning, ids, speakers and
the diagnostics about them are the same for all, so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import clean
from ..diagnostics import Report
from ..model import QA, REMARKS, Fact, Line, Note, Participant, Section, Source, Speaker, TimeMark, Transcript, Turn
from ..source import lines, slugify
from .vocabulary import is_placeholder

SECTION_TITLES = {REMARKS: "Prepared remarks", QA: "Questions and answers"}

@dataclass
class Paragraph:
    line: int
    text: str
    direction: bool = False  # a stage direction such as `(Laughter.)`: kept, marked, never joined to speech


@dataclass
class FileFacts:
    """What a layout says besides the talk: header facts, participant lists, notes, headed parts."""

    inferred: dict[str, tuple[str, int]] = field(default_factory=dict)  # title/date/organisation/ticker -> (value, line)
    participants: list[Participant] = field(default_factory=list)
    notes: list[tuple[str, list[Paragraph]]] = field(default_factory=list)  # (title, paragraphs)
    sections: list[Section] = field(default_factory=list)  # headed parts a layout opens, in order
    section_titles: dict[str, str] = field(default_factory=dict)  # e.g. {"remarks": "Transcript"}

    def infer(self, key: str, value: str | None, line: int) -> None:
        if value and key not in self.inferred:
            self.inferred[key] = (value, line)


@dataclass
class RawTurn:
    """A turn as a reader found it, before cleaning."""

    line: int
    section: str
    label: str | None = None  # the speaker line as it stood in the file
    name: str | None = None  # the speaker's name, markup removed
    affiliation: str | None = None  # what the label says besides the name: title or firm
    paragraphs: list[Paragraph] = field(default_factory=list)
    marks: list[TimeMark] = field(default_factory=list)  # marks a layout gives outside the text


def paragraphs_only(source: Source, report: Report) -> Transcript:
    """The whole body as unattributed paragraphs: what is published when a reader cannot read a file."""
    turn = RawTurn(source.body_line, REMARKS, paragraphs=blank_separated(lines(source)))
    return assemble(source, [turn], report)


def unattributed(source: Source, line: int, section: str, report: Report) -> RawTurn:
    """A turn for text before anyone is named: kept, never dropped, and reported."""
    report.warning(
        source.path, line, "text before the first speaker; it is kept as an unattributed turn", "speaker.missing"
    )
    return RawTurn(line, section)


def assemble(source: Source, raw_turns: list[RawTurn], report: Report, facts: FileFacts | None = None) -> Transcript:
    """The turns a reader found, cleaned and numbered, with its notes and parts; what the file says about
    itself (`facts.inferred`, `facts.participants`) travels on, for `about.describe` to weigh."""
    facts = facts or FileFacts()
    slug = slug_of(source)
    speakers: dict[str, Speaker] = {}
    turns: list[Turn] = []
    for raw in raw_turns:
        if not raw.paragraphs and raw.name is None:
            continue
        speaker_id = _speaker(raw, speakers, source, report, slug)
        paragraphs, marks, directions = _clean_paragraphs(raw, source, report)
        if not paragraphs:
            report.warning(source.path, raw.line, f"{raw.name or 'speaker'} says nothing", "turn.empty")
        turns.append(
            Turn(
                id=f"t{len(turns) + 1}",
                speaker=speaker_id,
                label=raw.label,
                paragraphs=tuple(paragraphs),
                marks=tuple(marks),
                section=raw.section,
                line=raw.line,
                directions=tuple(directions),
            )
        )
    titles = {**SECTION_TITLES, **facts.section_titles}
    known = [Section(kind, titles[kind], kind) for kind in (REMARKS, QA)] + list(facts.sections)
    used = [section for section in known if any(t.section == section.id for t in turns)]
    notes = []
    for note_title, note_paragraphs in facts.notes:
        texts = [clean.normalise_space(p.text) for p in note_paragraphs]
        if any(texts):
            notes.append(Note(note_title, tuple(t for t in texts if t), note_paragraphs[0].line))
    return Transcript(
        slug=slug,
        title="",  # `about.describe` decides: front matter, else the file's own header, else its name
        date=None,
        meta=dict(source.meta),
        speakers=tuple(speakers.values()),
        sections=tuple(used),
        exchanges=(),
        turns=tuple(turns),
        source=source,
        notes=tuple(notes),
        stated=tuple(Fact(key, value, line) for key, (value, line) in facts.inferred.items()),
        participants=tuple(facts.participants),
    )


def slug_of(source: Source) -> str:
    return slugify(str(source.meta.get("slug") or source.path.stem)) or "transcript"


def _speaker(raw: RawTurn, speakers: dict[str, Speaker], source: Source, report: Report, slug: str) -> str | None:
    if raw.name is None:
        return None
    speaker_id = slugify(raw.name) or "speaker"
    if is_placeholder(raw.name):  # "Operator", "Speaker 2": someone of this transcript only
        speaker_id = f"{slug}-{speaker_id}"
    known = speakers.get(speaker_id)
    if known is None:
        speakers[speaker_id] = Speaker(speaker_id, raw.name, affiliation=raw.affiliation)
    elif raw.affiliation and known.affiliation != raw.affiliation:
        if known.affiliation is None:
            speakers[speaker_id] = Speaker(
                speaker_id, known.name, role=known.role, organisation=known.organisation, title=known.title,
                affiliation=raw.affiliation,
            )
        else:
            report.info(
                source.path, raw.line,
                f"{raw.name} appears as {known.affiliation!r} and as {raw.affiliation!r}; the first is kept",
                "speaker.affiliation",
            )
    return speaker_id


def _clean_paragraphs(raw: RawTurn, source: Source, report: Report) -> tuple[list[str], list[TimeMark], list[int]]:
    """Clean each paragraph, join those a page break cut, take time marks out of the text.

    Marks a layout gives outside the text (caption cues) point at the raw paragraphs; they are
    moved along when paragraphs are dropped or joined.
    """
    joined: list[Paragraph] = []
    moved: dict[int, tuple[int, int]] = {}  # raw paragraph index -> (joined index, offset of its text there)
    for index, paragraph in enumerate(raw.paragraphs):
        text = clean.normalise_space(clean.unescape_source(paragraph.text))
        if not text:
            continue
        previous = joined[-1] if joined else None
        if (
            previous is not None and not previous.direction and not paragraph.direction
            and clean.continues(previous.text, text)
        ):
            report.info(source.path, paragraph.line, "paragraph broken mid-sentence is joined", "clean.page_break")
            moved[index] = (len(joined) - 1, len(previous.text) + 1)
            joined[-1] = Paragraph(previous.line, f"{previous.text} {text}")
        else:
            moved[index] = (len(joined), 0)
            joined.append(Paragraph(paragraph.line, text, paragraph.direction))
    paragraphs: list[str] = []
    marks: list[TimeMark] = []
    for mark in raw.marks:
        if mark.paragraph in moved:
            where, shift = moved[mark.paragraph]
            marks.append(TimeMark(where, mark.offset + shift, mark.seconds, mark.label))
    directions: list[int] = []
    for index, paragraph in enumerate(joined):
        if paragraph.direction:
            directions.append(index)
            paragraphs.append(paragraph.text)
            continue
        text, found = clean.take_time_marks(paragraph.text, index)
        paragraphs.append(text)
        marks.extend(found)
    marks.sort(key=lambda m: (m.paragraph, m.offset))
    return paragraphs, marks, directions


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)


def parse_date(text: str) -> str | None:
    """`February 5, 2025`, `FEBRUARY 05, 2025`, `5 Feb 2025`, `2025-02-05` -> `2025-02-05`; else None."""
    import datetime as dt

    for pattern in _DATES:
        match = pattern.search(text)
        if not match:
            continue
        month = match.group("month")
        month_number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
        try:
            return dt.date(int(match.group("year")), month_number, int(match.group("day"))).isoformat()
        except ValueError:
            return None
    return None


def blank_separated(numbered: list[Line]) -> list[Paragraph]:
    """Blocks of text between blank (or whitespace-only) lines; hard-wrapped lines are joined."""
    found: list[Paragraph] = []
    current: list[str] = []
    first = 0
    for line in numbered:
        if text := line.text.strip():
            if not current:
                first = line.number
            current.append(text)
        elif current:
            found.append(Paragraph(first, " ".join(current)))
            current = []
    if current:
        found.append(Paragraph(first, " ".join(current)))
    return found


def unknown_layout(source: Source, report: Report, expected: str) -> None:
    report.warning(
        source.path, source.body_line,
        f"no speakers found (expected {expected}); the text is published as paragraphs", "layout.unknown",
    )
