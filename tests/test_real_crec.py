"""Congressional Record pages as GPO serves them, read right (../shared/corpus/real/crec).

Each expectation is worked out from the raw page here, with patterns of the test's own, not by asking
the reader: the speaker labels that open a two-space-indented paragraph, the `{time}` stamps, the GPO
header, the indents that start paragraphs. The pages are US public domain; one is a golden fixture too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.audit import measure
from onrecord.diagnostics import Report
from onrecord.model import MODERATOR
from onrecord.pipeline import load_transcript

from .conftest import REAL

FAMILY = REAL / "crec"
FILES = sorted(FAMILY.glob("*.htm")) if FAMILY.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="the real corpus is not beside the clone")

# A label as a reader of the Record spots it: at a paragraph's two-space indent, `Mr. SMITH.`,
# `Ms. JACKSON-LEE of Texas.`, `Mr. McCONNELL.`, `The SPEAKER pro tempore (Mr. Poe).`
SOURCE_LABEL = re.compile(
    r"^  (?P<label>(?:(?:Mr|Mrs|Ms|Miss)\. (?:[A-Z][a-z]{0,2})?[A-Z]{2}[A-Za-z'’ -]*?(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)*)?"
    r"|The (?:ACTING )?[A-Z]{4,}(?: [A-Z]{4,})?(?: pro tempore| PRO TEMPORE)?)(?: \([^)]*\))?\.)(?= |$)"
)
# A label inside speech: after a sentence's end, `Mr. SMITH.` then a capital.
LABEL_INSIDE = re.compile(r"(?<=[.?!”] )(?:(?:Mr|Mrs|Ms)\. [A-Z][A-Z'’-]{2,}|The (?:SPEAKER|PRESIDING OFFICER|CHAIRMAN))"
                          r"(?: of [A-Z][a-z]+)?\. [A-Z]")
CHAIR = re.compile(r"^The (?:Acting )?(?:Speaker|President|Presiding Officer|Chair)", re.I)


def pre_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<pre>") + 5 : text.index("</pre>")].split("\n")


def read_page(path: Path):
    report = Report()
    return load_transcript(path, report), report


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_page_is_read_by_the_congressional_record_reader(path):
    transcript, _ = read_page(path)
    assert transcript.layout.reader == "congressional-record"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_every_label_in_the_source_opens_a_turn_in_order(path):
    labels = [m["label"] for line in pre_lines(path) if (m := SOURCE_LABEL.match(line))]
    transcript, _ = read_page(path)
    turned = [t.label for t in transcript.turns if t.label and t.label.endswith(".")]
    assert turned == labels
    assert all(t.speaker for t in transcript.turns if t.label)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_no_label_left_inside_a_turns_speech(path):
    transcript, _ = read_page(path)
    for turn in transcript.turns:
        for index, paragraph in enumerate(turn.paragraphs):
            if index not in turn.directions:
                assert not LABEL_INSIDE.search(paragraph), (turn.id, paragraph[:120])
                assert not SOURCE_LABEL.match("  " + paragraph), (turn.id, paragraph[:120])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_gpo_header_is_a_note_and_in_no_turn(path):
    transcript, _ = read_page(path)
    spoken = " ".join(p for t in transcript.turns for p in t.paragraphs)
    assert "Congressional Record Volume" not in spoken and "Government Publishing Office" not in spoken
    header = next(n for n in transcript.notes if n.title == "Congressional Record")
    assert any(p.startswith("[Congressional Record Volume") for p in header.paragraphs)
    assert any("Government Publishing Office" in p for p in header.paragraphs)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_paragraphs_no_more_than_the_source_starts(path):
    # A paragraph starts at an indent other than the margin (0) and a quoted block's wrap (5); headings count too.
    starts = sum(1 for line in pre_lines(path) if line.strip() and (len(line) - len(line.lstrip(" "))) not in (0, 5))
    transcript, _ = read_page(path)
    assert 0 < sum(len(t.paragraphs) for t in transcript.turns) <= starts


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_date_title_and_record_facts_come_from_the_header(path):
    transcript, _ = read_page(path)
    year, month, day = re.search(r"CREC-(\d{4})-(\d{2})-(\d{2})", path.name).groups()
    assert transcript.date == f"{year}-{month}-{day}"
    chamber = re.search(r"^\[(House|Senate)\]$", "\n".join(pre_lines(path)), re.MULTILINE)[1]
    assert transcript.title.endswith(chamber) and "Volume" not in transcript.title
    assert transcript.meta["chamber"] == chamber
    assert re.fullmatch(r"Congressional Record Vol\. \d+, No\. \d+", transcript.meta["record"])
    assert re.fullmatch(r"[HS]\d+(?:-[HS]\d+)?", transcript.meta["pages"])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_time_stamps_are_time_marks_at_the_clock_time(path):
    stamps = [m[1] for line in pre_lines(path) if (m := re.match(r"^\s*\{time\}\s+(\d{4})\s*$", line))]
    transcript, _ = read_page(path)
    marks = [m for t in transcript.turns for m in t.marks]
    assert [m.label.replace(":", "") for m in marks] == stamps
    assert all(m.seconds == int(m.label[:2]) * 3600 + int(m.label[3:]) * 60 for m in marks)
    assert not any("{time}" in p for t in transcript.turns for p in t.paragraphs)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_chair_is_moderator_and_members_are_not(path):
    transcript, _ = read_page(path)
    for speaker in transcript.speakers:
        assert (speaker.role == MODERATOR) == bool(CHAIR.match(speaker.name)), speaker


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_crec_words_kept(path):
    transcript, _ = read_page(path)
    assert measure(transcript).kept >= 0.995


def page(name: str) -> Path:
    return next(p for p in FILES if p.name.startswith(name))


def test_crec_narration_is_a_direction_and_the_member_speaks_after_it():
    transcript, _ = read_page(page("CREC-2005-07-20-pt1-PgH6175-4"))
    narration, speech = transcript.turns
    assert narration.speaker is None and narration.directions == (0,)
    assert narration.paragraphs[0].startswith("(Mr. BRADY of Texas asked and was given permission")
    assert transcript.speaker(speech.speaker).name == "Mr. Brady of Texas"
    assert speech.paragraphs[0].startswith("Mr. Speaker, the world has changed. It is no longer enough")
    assert "“America Need Not Apply” signs" in speech.paragraphs[0]  # the Record's ``quotes'' as quotes
    assert len(speech.paragraphs) == 4 and not speech.directions
    assert transcript.title == "DR-CAFTA — House"
    assert narration.marks[0].label == "19:00" and narration.marks[0].seconds == 19 * 3600


def test_crec_page_break_inside_a_paragraph_is_joined_and_noted():
    transcript, _ = read_page(page("CREC-2005-07-20-pt1-PgH6196"))
    chair = transcript.turns[0]
    assert transcript.speaker(chair.speaker).role == MODERATOR
    assert chair.label == "The SPEAKER pro tempore (Mr. Poe)."
    assert chair.paragraphs == ("Under the Speaker's announced policy of January 4, 2005, the gentleman from "
                                "Washington (Mr. Inslee) is recognized for 60 minutes.",)
    pages = next(n for n in transcript.notes if n.title == "Pages of the Record")
    assert pages.paragraphs[0] == "Page H6197"


def test_crec_quoted_material_inside_a_speech_is_a_direction():
    transcript, _ = read_page(page("CREC-2005-07-20-pt1-PgS8504-2"))
    quoted = [(t, i) for t in transcript.turns for i in t.directions
              if t.paragraphs[i].startswith("Judge Roberts clerked for Judge Henry Friendly")]
    assert quoted and transcript.speaker(quoted[0][0].speaker).name == "Mr. Coleman"
    clerk = [t.paragraphs[i] for t in transcript.turns for i in t.directions]
    assert "The legislative clerk proceeded to call the roll." in clerk


def test_crec_prayer_is_said_by_who_offered_it():
    transcript, _ = read_page(page("CREC-2005-07-20-pt1-PgH6109-3"))
    narration, prayer = transcript.turns
    assert narration.directions == (0,)
    assert transcript.speaker(prayer.speaker).name == "The Reverend Dr. Kenneth L. Samuel"
    assert prayer.paragraphs[-1].endswith("Amen.")


@pytest.mark.parametrize("name", ["CREC-2005-07-20-pt1-PgH6204", "CREC-2005-07-20-pt1-PgS8558-2",
                                  "CREC-1997-01-28-pt1-PgS769-2", "CREC-2005-07-20-pt1-PgH6109."])
def test_crec_page_that_is_not_debate_is_published_and_said_so(name):
    transcript, report = read_page(page(name))
    assert not transcript.speakers and transcript.turns
    assert any(d.code == "congressional.not_debate" for d in report.diagnostics)
    assert not any(d.code == "speaker.missing" for d in report.diagnostics)


def test_crec_list_entries_are_paragraphs_of_their_own():
    transcript, _ = read_page(page("CREC-2005-07-20-pt1-PgS8558-2"))
    paragraphs = transcript.turns[0].paragraphs
    assert "By Ms. LANDRIEU:" in paragraphs
    assert "By Mr. LAUTENBERG (for himself, Mr. Corzine, Mrs. Clinton, and Mr. Feingold):" in paragraphs
    assert any(p.startswith("S. 1431. A bill to amend") and "low-income families" in p for p in paragraphs)


@pytest.mark.parametrize("label, name", [
    ("Ms. JACKSON-LEE of Texas.", "Ms. Jackson-Lee of Texas"),
    ("The ACTING PRESIDENT pro tempore.", "The Acting President pro tempore"),
    ("Mr. LINCOLN DIAZ-BALART of Florida.", "Mr. Lincoln Diaz-Balart of Florida"),
    ("Mr. DeFAZIO.", "Mr. DeFazio"), ("Mr. VAN HOLLEN.", "Mr. Van Hollen"), ("Mr. de la GARZA.", "Mr. de la Garza"),
    ("The SPEAKER PRO TEMPORE.", "The Speaker pro tempore"), ("Mr. DEUTSCH.", "Mr. Deutsch"),
])
def test_crec_label_forms_name_the_member_as_the_record_does(tmp_path, label, name):
    path = tmp_path / "page.htm"
    path.write_text("<html><body><pre>\n[Congressional Record Volume 151, Number 99 (Wednesday, July 20, 2005)]\n"
                    f"[House]\n[Page H1]\n\n  {label} Mr. Speaker, I yield back.\n  Mr. Speaker, I rise.\n</pre></body></html>\n",
                    encoding="utf-8")
    transcript, _ = read_page(path)
    assert [transcript.speaker(t.speaker).name for t in transcript.turns] == [name]
    assert transcript.turns[0].paragraphs == ("Mr. Speaker, I yield back.", "Mr. Speaker, I rise.")
