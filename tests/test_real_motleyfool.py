"""Motley Fool calls in the current layout, as the site publishes them, read right (../shared/corpus/real/motleyfool).

Each expectation is worked out from the source text here, independently of the reader: the header,
the publisher's sections above `Full Conference Call Transcript`, and the `Name:` lines below it.
The files are commercial: they are read from beside the clone and never copied into the project.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QA, QUESTIONER, REMARKS
from onrecord.pipeline import load_transcript
from onrecord.readers import choose
from onrecord.source import read

from .conftest import FIXTURES, REAL

FAMILY = REAL / "motleyfool"
FILES = sorted(FAMILY.glob("*.txt")) if FAMILY.is_dir() else []

START = "Full Conference Call Transcript"
HEADINGS = {"date", "call participants", "risks", "takeaways", "summary", "industry glossary"}
# A speaker label as a person would spot it: capitalised words, then a colon and the words said.
LABEL = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}):(?: |$)")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def parts(path: Path) -> tuple[list[str], list[str]]:
    """(lines above the transcript heading, lines below it), blank lines left out."""
    text = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    start = text.index(START)
    return [t for t in text[:start] if t], [t for t in text[start + 1:] if t]


def sections(path: Path) -> dict[str, list[str]]:
    """The publisher's sections above the call, by lower-case heading."""
    found: dict[str, list[str]] = {}
    current = None
    for line in parts(path)[0]:
        if line.lower() in HEADINGS:
            current = found.setdefault(line.lower(), [])
        elif current is not None:
            current.append(line)
    return found


def listed(path: Path) -> list[tuple[str, str]]:
    """(title, name) of each `Title — Name` line of CALL PARTICIPANTS."""
    return [tuple(part.strip() for part in line.rsplit("—", 1)) for line in sections(path)["call participants"]
            if "—" in line]


def labels(path: Path) -> list[str]:
    return [m.group(1) for line in parts(path)[1] if (m := LABEL.match(line))]


def load(path: Path):
    report = Report(root=path.parent)
    return load_transcript(path, report), report


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.stem)
def call(request):
    path = request.param
    transcript, report = load(path)
    return path, transcript, report


def test_current_layout_is_read_by_the_motleyfool_reader_not_as_inline_labels(call):
    path, _, _ = call
    name, _, reason = choose(read(path, Report()), Report())
    assert name == "motleyfool", reason


def test_title_date_organisation_and_ticker_come_from_the_header(call):
    path, transcript, report = call
    title_line = next(line for line in parts(path)[0] if line.startswith("Title:"))
    organisation, ticker = re.match(r"Title: (.+?) \(([A-Z.]+)\)", title_line).groups()
    assert transcript.title.startswith(organisation) and "Call" in transcript.title
    assert not transcript.title.endswith("Transcript")
    assert transcript.meta["organisation"] == organisation
    assert transcript.meta["ticker"] == ticker
    # The DATE section says when the call was held; the `Date:` line is when the article went up.
    held = sections(path)["date"][0]
    month, day, year = re.search(r"([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})", held).groups()
    assert transcript.date == f"{year}-{MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"
    assert {d.message.split()[0] for d in report.diagnostics if d.code == "meta.inferred"} >= {
        "title", "date", "organisation", "ticker"}


def test_no_speaker_is_named_like_a_glossary_term(call):
    path, transcript, _ = call
    terms = {line.split(":")[0].strip().lower() for line in sections(path)["industry glossary"] if ":" in line}
    assert terms
    assert not {s.name.lower() for s in transcript.speakers} & terms


def test_listed_people_who_speak_are_the_company_with_their_titles(call):
    path, transcript, _ = call
    company = {s.title for s in transcript.speakers if s.role == COMPANY}
    spoken_surnames = {label.split()[-1] for label in labels(path)}
    for title, name in listed(path):
        if name.split()[-1] in spoken_surnames:
            assert title in company, f"{name} ({title}) speaks but is not on the company side with the title"
    for speaker in transcript.speakers:
        if speaker.role == COMPANY:
            assert speaker.organisation == transcript.meta["organisation"]


def test_every_analyst_asks_in_an_exchange_of_their_own(call):
    """An analyst: someone not listed who first speaks right after the operator, once the queue is open."""
    path, transcript, _ = call
    below = parts(path)[1]
    listed_surnames = {name.split()[-1] for _, name in listed(path)}
    analysts: set[str] = set()
    seen: set[str] = set()
    for previous, line in zip(below, below[1:]):
        match = LABEL.match(line)
        if not match or match.group(1) in seen:
            continue
        name = match.group(1)
        seen.add(name)
        opened_by_operator = previous.startswith("Operator:") and "question" in previous.lower()
        if name != "Operator" and name.split()[-1] not in listed_surnames and opened_by_operator:
            analysts.add(name)
    assert analysts
    by_name = {s.name: s for s in transcript.speakers}
    asked = {e.questioner for e in transcript.exchanges}
    for name in analysts:
        assert by_name[name].role == QUESTIONER
        assert by_name[name].id in asked, f"{name} asks in no exchange"
    assert len(transcript.exchanges) >= len(analysts)


def test_the_publishers_sections_are_notes_and_never_speech(call):
    path, transcript, _ = call
    speech = "\n".join(p for t in transcript.turns for p in t.paragraphs)
    notes = "\n".join(p for n in transcript.notes for p in n.paragraphs)
    titles = {n.title.lower() for n in transcript.notes}
    assert {"risks", "takeaways", "summary", "industry glossary", "call participants", "image credit"} <= titles
    for line in parts(path)[0]:
        if line.lower() in HEADINGS or line in {"(", ")"}:
            continue
        assert line in notes or line in notes.replace("(", " ").replace(")", " ").split(), line[:60]
        if len(line.split()) >= 6:  # long enough that no one says it by chance
            assert line not in speech, f"publisher's text spoken: {line[:60]}"
    assert "Need a quote" in notes and "Need a quote" not in speech


def test_every_label_line_of_the_call_gives_a_turn(call):
    path, transcript, _ = call
    below = parts(path)[1]
    expected = len(labels(path)) + (0 if LABEL.match(below[0]) else 1)  # text before the first label: one turn
    assert len(transcript.turns) == expected
    assert [t.label.rstrip(":") for t in transcript.turns if t.label] == labels(path)


def test_the_operators_closing_line_is_a_turn_of_its_own(call):
    path, transcript, _ = call
    last = parts(path)[1][-1]
    assert last.startswith("Operator:")
    assert transcript.speaker(transcript.turns[-1].speaker).role == MODERATOR
    assert transcript.turns[-1].paragraphs == (last.removeprefix("Operator:").strip(),)


def test_prepared_remarks_come_before_the_qa_which_the_operator_opens(call):
    _, transcript, _ = call
    kinds = [t.section for t in transcript.turns]
    first_qa = kinds.index(QA)
    assert set(kinds[:first_qa]) == {REMARKS} and set(kinds[first_qa:]) == {QA}
    assert transcript.speaker(transcript.turns[first_qa].speaker).role == MODERATOR
    roles = {s.id: s.role for s in transcript.speakers}
    assert QUESTIONER not in {roles.get(t.speaker) for t in transcript.turns[:first_qa]}


def test_every_word_of_the_file_is_kept_as_speech_note_or_label(call):
    path, transcript, _ = call
    source = collections.Counter(path.read_text(encoding="utf-8").split())
    kept: collections.Counter[str] = collections.Counter()
    for turn in transcript.turns:
        kept.update(" ".join(turn.paragraphs).split() + (turn.label or "").split())
    for note in transcript.notes:
        kept.update(" ".join((note.title, *note.paragraphs)).split())
    missing = sum((source - kept).values())
    assert missing / sum(source.values()) < 0.005


# The invented fixture in the current layout --------------------------------------------------------


def test_fixture_matches_a_listed_name_without_middle_initial_and_a_short_first_name():
    transcript, _ = load(FIXTURES / "motley-fool-current" / "input.txt")
    by_name = {s.name: s for s in transcript.speakers}
    assert (by_name["Dana Whitfield"].role, by_name["Dana Whitfield"].title) == (COMPANY, "Chief Executive Officer")
    assert (by_name["Tom Haddad"].role, by_name["Tom Haddad"].title) == (COMPANY, "Chief Financial Officer")


def test_fixture_analyst_standing_in_for_the_one_introduced_takes_that_firm():
    transcript, _ = load(FIXTURES / "motley-fool-current" / "input.txt")
    by_name = {s.name: s for s in transcript.speakers}
    assert (by_name["Mark Osei"].role, by_name["Mark Osei"].organisation) == (QUESTIONER, "UBS")
    assert [transcript.speaker(e.questioner).name for e in transcript.exchanges] == ["Priya Raman", "Mark Osei"]


def test_fixture_quote_box_in_the_summary_is_one_sentence_again():
    transcript, _ = load(FIXTURES / "motley-fool-current" / "input.txt")
    summary = next(n for n in transcript.notes if n.title == "Summary")
    assert summary.paragraphs[0] == "Northwind Robotics (NWRB +2.10%) reported record revenue as its robots reached 140 sites."
