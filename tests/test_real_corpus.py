"""Every real file of ../shared/corpus/real/ reads right by the measures every layout shares.

The families' own quirks are proven in tests/test_real_<family>.py; here, over every file: the words
kept (counted from the source, not by its reader), speakers named where the source names them, an
exchange for each questioner in the earnings calls, dates and titles from what the file says of itself.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.diagnostics import Report
from onrecord.model import QUESTIONER
from onrecord.pipeline import load_transcript

from .conftest import REAL

FILES = sorted(p for p in REAL.glob("*/*") if p.name != "README.md")
EARNINGS_CALLS = ("refinitiv", "motleyfool")
NAMED = ("refinitiv", "motleyfool", "crec", "court", "ladybug")  # families whose files name their speakers
TITLED = ("refinitiv", "motleyfool", "crec", "court")  # families whose files say what they are
# Families whose files say when they were spoken: Refinitiv's extracts often do not (the day, if at all, is in
# the safe-harbour remarks), and tests/test_real_refinitiv.py proves a date is found where one is said.
DATED = ("motleyfool", "crec", "court")
SPEAKERLESS = ("pybytes-txt", "pybytes-vtt")


def family(path):
    return path.parent.name


# A member recognised to speak, as the Record prints it: `  Mr. BRADY of Texas. Mr. Speaker,`, `  The SPEAKER pro
# tempore. The gentleman…`. Some pages are reports or lists, with no one recognised: they name no speaker.
RECORD_LABEL = re.compile(
    r"^  (?:(?:Mr|Mrs|Ms|Miss|Dr)\. [A-Z][\w'-]*[A-Z]{2}[\w' -]*?|The (?:SPEAKER|PRESIDING OFFICER|ACTING PRESIDENT|"
    r"CHAIR(?:MAN|WOMAN)?|PRESIDENT)[\w ()'.-]*?)\. +\S", re.MULTILINE,
)


def names_speakers(path):
    if family(path) == "crec":
        return bool(RECORD_LABEL.search(path.read_text(encoding="utf-8")))
    return family(path) in NAMED


@pytest.fixture(scope="module", params=FILES, ids=lambda p: f"{family(p)}/{p.stem[:40]}")
def reading(request):
    report = Report()
    return request.param, load_transcript(request.param, report), report


def test_the_real_corpus_is_there():
    assert {family(p) for p in FILES} >= {*EARNINGS_CALLS, *NAMED, *SPEAKERLESS}


def test_every_real_file_keeps_its_words(reading):
    path, transcript, _ = reading
    assert transcript.reading.kept >= 0.995, f"{path.name}: {1 - transcript.reading.kept:.2%} of its words missing"


def test_no_reading_of_a_real_file_looks_wrong(reading):
    path, _, report = reading
    suspicious = [str(d) for d in report.diagnostics if d.code.startswith("reading.")]
    assert not suspicious


def test_real_files_that_name_speakers_have_named_turns(reading):
    path, transcript, report = reading
    if not names_speakers(path):
        return
    speech = [t for t in transcript.turns if any(i not in t.directions for i in range(len(t.paragraphs)))]
    named = [t for t in speech if t.speaker]
    assert speech and len(named) >= 0.95 * len(speech), f"{path.name}: {len(named)} of {len(speech)} named"
    assert "layout.unknown" not in report.codes()


def test_real_files_without_speakers_become_timed_turns_of_readable_size(reading):
    path, transcript, report = reading
    if family(path) not in SPEAKERLESS:
        return
    assert len(transcript.turns) >= 10
    assert all(turn.marks and turn.marks[0].paragraph == 0 for turn in transcript.turns)
    assert max(len(" ".join(t.paragraphs).split()) for t in transcript.turns) < 600
    assert report.codes().count("speaker.none") == 1


def test_every_questioner_of_a_real_earnings_call_asks_in_an_exchange(reading):
    path, transcript, _ = reading
    if family(path) not in EARNINGS_CALLS:
        return
    speaking = {t.speaker for t in transcript.turns if t.section == "qa"}
    questioners = {s.id for s in transcript.speakers if s.role == QUESTIONER and s.id in speaking}
    assert questioners, f"{path.name}: no questioner in the Q&A"
    assert questioners <= {e.questioner for e in transcript.exchanges}
    remarks = [t for t in transcript.turns if t.section == "remarks"]
    assert remarks and not any(t.exchange for t in remarks)


def test_real_files_say_when_and_what_they_are(reading):
    path, transcript, report = reading
    if family(path) in DATED:
        assert transcript.date is not None, path.name
    if family(path) in TITLED:
        assert not [d for d in report.diagnostics if "taken from the file name" in d.message], path.name


def test_check_summarises_an_archive_of_every_family(tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for name in sorted({family(p) for p in FILES}):
        first = next(p for p in FILES if family(p) == name)
        shutil.copy(first, folder / f"{name}{first.suffix}")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    rows = [line.split("\t") for line in result.stdout.strip().split("\n")]
    assert rows[0][:3] == ["file", "layout", "why"]
    assert len(rows) == 1 + len({family(p) for p in FILES})
    assert all(float(row[10].rstrip("%")) < 0.5 for row in rows[1:]), rows
