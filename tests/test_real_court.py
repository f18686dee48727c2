"""Supreme Court arguments of 1952 from a Jekyll site, read right (../shared/corpus/real/court).

Expectations come from the raw file with the test's own patterns: the `<b>NAME</b>:` labels (a label
may be split over two lines), the `BEFORE:` and `APPEARANCES:` lists, the headings that carry the date.
The files are US public domain records; one is a golden fixture too.
"""

from __future__ import annotations

import re

import pytest

from onrecord.audit import measure
from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QUESTIONER
from onrecord.pipeline import load_transcript

from .conftest import FIXTURES, REAL

FAMILY = REAL / "court"
FILES = sorted(FAMILY.glob("*.md")) if FAMILY.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="the real corpus is not beside the clone")

# `<b>MR. JUSTICE FRANKFURTER</b>:`, also with the name broken over two lines or the colon inside the bold.
SOURCE_LABEL = re.compile(r"<p><b>(?P<name>[A-Z][A-Z.\s'’-]+?):?</b>\s*:?", re.MULTILINE)
LIST_HEADERS = {"BEFORE", "APPEARANCES", "PROCEEDINGS"}


def source_labels(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    names = [" ".join(m["name"].split()) for m in SOURCE_LABEL.finditer(text)]
    return [n for n in names if n not in LIST_HEADERS]


def read(path):
    report = Report()
    return load_transcript(path, report), report


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_court_every_bold_label_opens_a_turn_in_order(path):
    transcript, _ = read(path)
    assert [t.label for t in transcript.turns if t.speaker] == source_labels(path)
    assert all(t.speaker for t in transcript.turns), "no text outside a named speaker's turn"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_court_no_label_text_inside_speech(path):
    transcript, _ = read(path)
    labels = set(source_labels(path))
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert not any(paragraph.startswith(label) for label in labels), paragraph[:80]
            assert not paragraph.startswith(":"), paragraph[:80]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_court_date_from_the_headings_and_title_from_the_front_matter(path):
    transcript, _ = read(path)
    text = path.read_text(encoding="utf-8")
    heading = re.search(r"^#+ .*?((?:Mon|Tues|Wednes|Thurs|Fri)day, \w+ \d+, \d{4})", text, re.MULTILINE)[1]
    months = "January February March April May June July August September October November December".split()
    _, month, day, year = re.match(r"(\w+), (\w+) (\d+), (\d{4})", heading).groups()
    assert transcript.date == f"{year}-{months.index(month) + 1:02d}-{int(day):02d}"
    assert "&amp;" not in transcript.title and transcript.title.startswith(re.search(r'title: "([^&"]+)', text)[1])
    assert transcript.meta["layout"] == "page" and transcript.meta["permalink"].startswith("/transcripts/")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_court_words_kept(path):
    transcript, _ = read(path)
    assert measure(transcript).kept >= 0.995


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_court_chief_justice_presides(path):
    transcript, _ = read(path)
    chief = next(s for s in transcript.speakers if "Chief Justice" in s.name)
    assert chief.role == MODERATOR


def test_court_caption_and_lists_are_notes_and_give_roles_and_titles():
    transcript, report = read(FAMILY / "briggs-v-elliott-1952.md")
    notes = {n.title: n.paragraphs for n in transcript.notes}
    assert notes["Before"][0] == "FRED M. VINSON, Chief Justice of the United States" and len(notes["Before"]) == 9
    assert notes["Appearances"] == ("THURGOOD MARSHALL, ESQ., on behalf of the Appellants.",
                                    "JOHN W. DAVIS, ESQ., on behalf of the Appellees.")
    assert "HARRY BRIGGS, JR., ET AL.," in notes["Tuesday, December 9, 1952"]
    marshall = next(s for s in transcript.speakers if s.name == "Mr. Marshall")
    assert marshall.role == COMPANY and marshall.title == "Counsel on behalf of the Appellants"
    assert [s.title for s in transcript.speakers if s.role == MODERATOR] == ["Chief Justice of the United States"]
    assert not any(d.code in ("speaker.missing", "layout.unknown") for d in report.diagnostics)


def test_court_argument_heading_is_a_section():
    transcript, _ = read(FAMILY / "briggs-v-elliott-1952.md")
    titles = [s.title for s in transcript.sections]
    assert titles == ["Proceedings", "Opening Argument of Thurgood Marshall, Esq., on Behalf of Appellants"]
    marshall = next(t for t in transcript.turns if t.label == "MR. MARSHALL")
    assert marshall.section == transcript.sections[1].id


def test_court_label_split_over_lines_and_bold_left_open_are_read():
    transcript, _ = read(FIXTURES / "court-jekyll-labels" / "input.md")
    by_label = [(t.label, t.paragraphs[0]) for t in transcript.turns]
    assert ("MR. JUSTICE FELL", "Does it reach a partnership?") in by_label
    assert ("MISS OKAFOR", "It does, Your Honor.") in by_label
    assert ("MR. JUSTICE PRICE", "Counsel, what of the 1998 amendment?") in by_label
    roles = {s.name: (s.role, s.title) for s in transcript.speakers}
    assert roles["Mr. Justice Price"] == (QUESTIONER, "Associate Justice")
    assert roles["Mr. Price"] == (COMPANY, "Counsel on behalf of the Respondent")  # same surname, not the bench
