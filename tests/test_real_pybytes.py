"""A podcast's transcripts without speakers, as timed lines (`00:00:04 text`) and as WebVTT without voices, read right.

No speaker is named, so none is invented: the text becomes unattributed turns of readable size, each
paragraph opening at its time, said once by a `speaker.none` warning; never one block, never a time
stamp left in the text, every word kept in order.
"""

from __future__ import annotations

import html
import re

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.readers import choose
from onrecord.source import read

from .conftest import FIXTURES, REAL

TXT = sorted((REAL / "pybytes-txt").glob("*.txt"))
VTT = sorted((REAL / "pybytes-vtt").glob("*.vtt"))
FILES = TXT + VTT
TIMED_LINE = re.compile(r"^(\d{2}:\d{2}:\d{2}) (.*)$")
CUE_TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> ")
STAMP = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b|^\[?\(?\d{1,2}:\d{2}")
MOST_WORDS_IN_A_TURN = 300


def source_words(path):
    """The words said, by this test's own reading of the file: times and cue timings set aside."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".vtt":
        kept = [line for line in text.split("\n")[1:] if line.strip() and not CUE_TIMING.match(line)]
        return html.unescape(" ".join(kept)).split()
    return " ".join(m[2] for line in text.split("\n") if (m := TIMED_LINE.match(line))).split()


@pytest.fixture(scope="module", params=FILES, ids=lambda p: f"{p.parent.name}/{p.stem[:30]}")
def reading(request):
    report = Report()
    return request.param, load_transcript(request.param, report), report


def test_the_pybytes_files_are_there():
    assert len(TXT) >= 3 and len(VTT) >= 3


def test_timed_lines_are_a_layout_of_their_own_and_captions_stay_webvtt(reading):
    path, _, _ = reading
    name, _, _ = choose(read(path, Report()), Report())
    assert name == ("timed-text" if path.suffix == ".txt" else "webvtt")


def test_no_speaker_is_invented_and_one_warning_says_none_is_named(reading):
    path, transcript, report = reading
    assert not transcript.speakers and all(t.speaker is None for t in transcript.turns)
    warnings = [d for d in report.diagnostics if d.level == "warning"]
    assert [d.code for d in warnings] == ["speaker.none"], [str(d) for d in warnings]


def test_the_text_is_readable_turns_never_one_block(reading):
    path, transcript, _ = reading
    words = [sum(len(p.split()) for p in t.paragraphs) for t in transcript.turns]
    assert len(words) >= 10
    assert max(words) <= MOST_WORDS_IN_A_TURN, f"{path.name}: a turn of {max(words)} words"
    assert sum(1 for w in words if w >= 100) >= 0.8 * (len(words) - 1)  # not cut into crumbs either


def test_every_paragraph_opens_at_its_time_and_times_increase(reading):
    path, transcript, _ = reading
    seconds = []
    for turn in transcript.turns:
        starts = {m.paragraph for m in turn.marks if m.offset == 0}
        assert starts == set(range(len(turn.paragraphs))), f"{path.name}:{turn.line}: a paragraph without its time"
        seconds += [m.seconds for m in sorted(turn.marks, key=lambda m: (m.paragraph, m.offset))]
    assert seconds == sorted(seconds)


def test_no_time_stamp_is_left_in_the_text(reading):
    path, transcript, _ = reading
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert not STAMP.search(paragraph), f"{path.name}:{turn.line}: {paragraph[:60]!r}"


def test_every_word_is_kept_in_order(reading):
    path, transcript, _ = reading
    page = " ".join(p for t in transcript.turns for p in t.paragraphs).split()
    assert page == source_words(path)


# The quirks, on invented files.

def fixture(case):
    path = next((FIXTURES / case).glob("input.*"))
    report = Report()
    return load_transcript(path, report), report


def test_timed_lines_cut_mid_sentence_become_sentences_in_paragraphs_at_their_times():
    transcript, report = fixture("timed-text-no-speakers")
    first = transcript.turns[0]
    assert first.speaker is None and len(transcript.turns) == 2
    assert any("I believed her. They run it in two bakeries" in p for p in first.paragraphs)
    assert [m.label for m in first.marks] == ["0:00", "0:27", "0:51"]
    assert report.codes().count("speaker.none") == 1


def test_captions_without_voices_are_cut_where_sentences_end_not_where_cues_do():
    transcript, _ = fixture("vtt-no-voices")
    assert [len(t.paragraphs) for t in transcript.turns] == [3, 1]
    assert transcript.turns[0].paragraphs[1].startswith("The nurses call them the night shift")
    assert transcript.turns[1].marks[0].label == "1:10"


# Any speakerless timed transcript: every word kept in order, no turn too long, times in order.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

word = st.one_of(
    st.sampled_from(["okay.", "So", "Python", "well,", "it's", "3.12", "&", "<b>", "Dr.", "e.g.", "U.S.", "end?"]),
    st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x7F), min_size=1, max_size=9),
    st.sampled_from(["café", "naïve", "Zürich", "Ørsted"]),
)
line_text = st.lists(word, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 9), line_text), min_size=3, max_size=60))
def test_any_speakerless_timed_transcript_keeps_every_word_in_readable_turns(tmp_path, timed):
    seconds, lines = 0, []
    for step, text in timed:
        seconds += step
        lines.append(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} {text}")
    path = tmp_path / "episode.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = Report()
    transcript = load_transcript(path, report)
    said = " ".join(p for t in transcript.turns for p in t.paragraphs).split()
    assert said == " ".join(text for _, text in timed).split()
    assert all(sum(len(p.split()) for p in t.paragraphs) <= MOST_WORDS_IN_A_TURN for t in transcript.turns)
    marks = [m.seconds for t in transcript.turns for m in sorted(t.marks, key=lambda m: (m.paragraph, m.offset))]
    assert marks == sorted(marks)
