"""What every reader shares: a reader finds speakers and paragraphs; `assemble` makes the Transcript.

Readers differ only in how a layout marks speakers, sections and time. Cleaning, ids, speakers and
the diagnostics about them are the same for all, so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import clean
from ..diagnostics import Report
from ..model import QA, REMARKS, Section, Source, Speaker, TimeMark, Transcript, Turn
from ..source import slugify

SECTION_TITLES = {REMARKS: "Prepared remarks", QA: "Questions and answers"}

QA_MARKER = re.compile(
    r"^(?:question[- ]and[- ]answer(?: session)?|questions? (?:and|&) answers?(?: session)?|q ?& ?a(?: session)?)\s*:?$",
    re.IGNORECASE,
)
REMARKS_MARKER = re.compile(
    r"^(?:prepared remarks|presentation|management discussion section|opening remarks)\s*:?$", re.IGNORECASE
)


def section_marker(text: str) -> str | None:
    """The section a marker line opens (`qa` or `remarks`), or None for any other line."""
    text = text.strip()
    if QA_MARKER.match(text):
        return QA
    if REMARKS_MARKER.match(text):
        return REMARKS
    return None


@dataclass
class Paragraph:
    line: int
    text: str


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


def assemble(source: Source, raw_turns: list[RawTurn], report: Report) -> Transcript:
    speakers: dict[str, Speaker] = {}
    turns: list[Turn] = []
    for raw in raw_turns:
        if not raw.paragraphs and raw.name is None:
            continue
        speaker_id = _speaker(raw, speakers, source, report)
        paragraphs, marks = _clean_paragraphs(raw, source, report)
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
            )
        )
    used = [kind for kind in (REMARKS, QA) if any(t.section == kind for t in turns)]
    return Transcript(
        slug=slug_of(source),
        title=str(source.meta.get("title") or _title_from_stem(source)),
        date=_date(source, report),
        meta=dict(source.meta),
        speakers=tuple(speakers.values()),
        sections=tuple(Section(kind, SECTION_TITLES[kind], kind) for kind in used),
        exchanges=(),
        turns=tuple(turns),
        source=source,
    )


def slug_of(source: Source) -> str:
    return slugify(str(source.meta.get("slug") or source.path.stem)) or "transcript"


def _title_from_stem(source: Source) -> str:
    return source.path.stem.replace("-", " ").replace("_", " ").strip().title()


def _date(source: Source, report: Report) -> str | None:
    value = source.meta.get("date")
    if value is None:
        return None
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        report.warning(source.path, source.line_of("date"), f"date {text!r} is not YYYY-MM-DD; it is ignored", "meta.date")
        return None
    return text


def _speaker(raw: RawTurn, speakers: dict[str, Speaker], source: Source, report: Report) -> str | None:
    if raw.name is None:
        return None
    speaker_id = slugify(raw.name) or "speaker"
    known = speakers.get(speaker_id)
    if known is None:
        speakers[speaker_id] = Speaker(speaker_id, raw.name, affiliation=raw.affiliation)
    elif raw.affiliation and known.affiliation != raw.affiliation:
        if known.affiliation is None:
            speakers[speaker_id] = Speaker(speaker_id, known.name, affiliation=raw.affiliation)
        else:
            report.info(
                source.path, raw.line,
                f"{raw.name} appears as {known.affiliation!r} and as {raw.affiliation!r}; the first is kept",
                "speaker.affiliation",
            )
    return speaker_id


def _clean_paragraphs(raw: RawTurn, source: Source, report: Report) -> tuple[list[str], list[TimeMark]]:
    joined: list[Paragraph] = []
    for paragraph in raw.paragraphs:
        text = clean.normalise_space(clean.unescape_source(paragraph.text))
        if not text:
            continue
        if joined and clean.continues(joined[-1].text, text):
            report.info(source.path, paragraph.line, "paragraph broken mid-sentence is joined", "clean.page_break")
            joined[-1] = Paragraph(joined[-1].line, f"{joined[-1].text} {text}")
        else:
            joined.append(Paragraph(paragraph.line, text))
    paragraphs: list[str] = []
    marks: list[TimeMark] = list(raw.marks)
    for index, paragraph in enumerate(joined):
        text, found = clean.take_time_marks(paragraph.text, index)
        paragraphs.append(text)
        marks.extend(found)
    return paragraphs, marks
