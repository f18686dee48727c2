"""A podcast's Markdown transcripts, edited Otter exports (`**Emma** 0:00`, `Emma  0:00`, `**Ali** I'm Ali.`), read right.

The source's headers are found here by a regex of this test's own, not by the reader, and every one of
them must come out as a turn (or the carrying on of one) with the name clean and its time a time mark.
The invented fixtures keep each quirk of the layout that these files do not all show.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.readers import choose
from onrecord.readers.vocabulary import ANONYMOUS
from onrecord.source import read

from .conftest import FIXTURES, REAL

FILES = sorted((REAL / "ladybug").glob("*.md"))
# A header as these files write it: a bold name (a time perhaps, the text perhaps on the same line),
# or Otter's `Name  0:00` with two spaces.
HEADER = re.compile(
    r"^(?:\*\*(?P<bold>[^*]+)\*\*(?:[ \t]+\[?(?P<btime>\d{1,2}:\d{2}(?::\d{2})?)\]?)?"
    r"|(?P<plain>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?) {2,}(?P<ptime>\d{1,2}:\d{2}(?::\d{2})?))[ \t]*(?P<rest>.*)$"
)
STAMP_AT_START = re.compile(r"^\[?\(?\d{1,2}:\d{2}")
WORD = re.compile(r"[^\W_]+")


def headers(path):
    """[(line, name, time or None)] for every header line of the file."""
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if match := HEADER.match(text):
            found.append((number, match["bold"] or match["plain"], match["btime"] or match["ptime"]))
    return found


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.stem)
def reading(request):
    report = Report()
    return request.param, load_transcript(request.param, report), report


def test_the_ladybug_files_are_there():
    assert len(FILES) >= 8


def test_ladybug_files_are_read_as_otter_exports(reading):
    path, _, _ = reading
    assert choose(read(path, Report()), Report())[0] == "otter"


def test_every_speaker_the_headers_name_is_a_speaker_with_a_clean_name(reading):
    path, transcript, _ = reading
    named = {name for _, name, _ in headers(path)}
    assert {s.name for s in transcript.speakers} == named
    assert not any("*" in s.name for s in transcript.speakers)
    speech = [t for t in transcript.turns if t.paragraphs]
    assert all(t.speaker for t in speech), f"{path.name}: unattributed turns"


def test_one_turn_per_change_of_speaker_and_a_placeholder_header_is_never_merged_away(reading):
    path, transcript, _ = reading
    found = headers(path)
    changes = 1 + sum(1 for (_, a, _), (_, b, _) in zip(found, found[1:]) if a != b)
    assert changes <= len(transcript.turns) <= len(found)
    # Consecutive `Unknown Speaker` headers may be different people: most stay turns of their own.
    anonymous = sum(1 for _, name, _ in found if ANONYMOUS.match(name))
    placeholders = {s.id for s in transcript.speakers if ANONYMOUS.match(s.name)}
    anonymous_turns = sum(1 for t in transcript.turns if t.speaker in placeholders)
    assert anonymous_turns >= 0.6 * anonymous


def test_each_header_time_is_a_time_mark_in_that_speakers_turn(reading):
    path, transcript, _ = reading
    names = {s.id: s.name for s in transcript.speakers}
    marked = Counter((names[t.speaker], m.label) for t in transcript.turns if t.speaker for m in t.marks)
    for line, name, time in headers(path):
        if time:
            assert marked[(name, time)] >= 1, f"{path.name}:{line}: {name} {time} is no time mark"


def test_time_marks_increase_through_the_transcript(reading):
    _, transcript, _ = reading
    seconds = [m.seconds for t in transcript.turns for m in sorted(t.marks, key=lambda m: (m.paragraph, m.offset))]
    assert seconds and seconds == sorted(seconds)


def test_no_header_bold_or_time_stamp_is_left_in_speech(reading):
    path, transcript, _ = reading
    names = "|".join(re.escape(n) for n in {name for _, name, _ in headers(path)})
    label_inside = re.compile(rf"(?:\*\*)?\b(?:{names})(?:\*\*)?:?\s*\[?\d{{1,2}}:\d{{2}}")
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert "**" not in paragraph, f"{path.name}:{turn.line}: bold markup in speech"
            assert not STAMP_AT_START.match(paragraph), f"{path.name}:{turn.line}: a time stamp opens a paragraph"
            assert not label_inside.search(paragraph), f"{path.name}:{turn.line}: a header inside speech"


def test_paragraphs_are_readable_and_otter_s_long_lines_are_cut_at_sentence_ends(reading):
    path, transcript, _ = reading
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert len(paragraph.split()) <= 400, f"{path.name}:{turn.line}: a paragraph of {len(paragraph.split())} words"


def test_every_word_of_the_source_is_kept(reading):
    """Words counted from the file with this test's own rules: header lines less their text, emphasis undone."""
    path, transcript, _ = reading
    source = Counter()
    for text in path.read_text(encoding="utf-8").split("\n"):
        if match := HEADER.match(text):
            text = match["rest"]
        source.update(w.lower() for w in WORD.findall(text))
    kept = Counter()
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            kept.update(w.lower() for w in WORD.findall(paragraph))
    for note in transcript.notes:
        for paragraph in note.paragraphs:
            kept.update(w.lower() for w in WORD.findall(paragraph))
    missing = source - kept
    assert sum(missing.values()) <= 0.005 * sum(source.values()), f"{path.name}: missing {missing.most_common(10)}"
    assert not kept - source, f"{path.name}: words the source does not have: {(kept - source).most_common(10)}"


def test_no_warning_on_a_well_formed_export(reading):
    path, _, report = reading
    assert not [str(d) for d in report.diagnostics if d.level == "warning"]


# The quirks, on invented files.

def fixture(case):
    path = next((FIXTURES / case).glob("input.*"))
    report = Report()
    return load_transcript(path, report), report


def spoken(transcript):
    return [(t.speaker, p) for t in transcript.turns for p in t.paragraphs]


def test_bold_headers_with_and_without_a_time_and_a_colon_are_turns_with_clean_names():
    transcript, _ = fixture("otter-markdown-bold")
    assert [s.name for s in transcript.speakers] == ["Dana", "Priya", "Unknown Speaker"]
    assert transcript.title == "Shop Floor 12: Robots that sweep"
    assert [n.title for n in transcript.notes] == ["About this transcript"]
    dana = transcript.turns[2]
    assert dana.speaker == "dana" and dana.paragraphs == ("I'm Dana.", "And we sweep the floor so you don't have to.")
    assert "cleaning robots" in transcript.turns[0].paragraphs[0]  # `_emphasis_` undone


def test_a_placeholder_s_headers_are_separate_turns_unless_a_sentence_carries_on():
    transcript, _ = fixture("otter-markdown-bold")
    unknown = [t for t in transcript.turns if t.speaker == "input-unknown-speaker"]
    assert [t.paragraphs for t in unknown] == [("Hey, Dana, have you heard about the new mop bots?",),
                                               ("Tell me about them.",)]
    assert [m.label for m in unknown[0].marks] == ["0:21", "0:23"]


def test_bracketed_headers_and_headers_run_into_a_long_paragraph_open_turns():
    transcript, _ = fixture("otter-bracketed-times")
    assert [(t.speaker, t.marks[0].label) for t in transcript.turns] == [
        ("dana-whitfield", "00:00:00"), ("priya-raman", "00:00:14"), ("dana-whitfield", "00:00:16"),
        ("priya-raman", "00:00:21"), ("dana-whitfield", "00:00:31"),
    ]
    assert transcript.turns[1].paragraphs == ("Which leaked.",)
    assert all("[" not in p and "**" not in p for _, p in spoken(transcript))


def test_a_damaged_export_whose_every_line_starts_with_0_00_still_reads_right():
    transcript, report = fixture("otter-damaged-prefix")
    assert [s.name for s in transcript.speakers] == ["Dana Whitfield", "Priya Raman"]
    assert transcript.turns[0].paragraphs == ("Welcome back to Shop Floor. Today I am talking with Priya Raman.",)
    assert [m.label for m in transcript.turns[1].marks] == ["0:08", "0:12"]
    assert "otter.damaged" in report.codes()


def test_timed_headers_win_over_the_markdown_reader_even_with_bold_colon_labels_and_a_preamble():
    path = FIXTURES / "otter-markdown-bold" / "input.md"
    assert choose(read(path, Report()), Report())[0] == "otter"


def test_otter_s_colon_after_the_name_and_a_header_with_its_text_on_the_same_line(tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text("Emma:  0:00\nHello.\n\nKelly  0:04\nHi.\n\nEmma 0:06 And welcome.\n", encoding="utf-8")
    transcript = load_transcript(path, Report())
    assert [(t.speaker, t.paragraphs, [m.label for m in t.marks]) for t in transcript.turns] == [
        ("emma", ("Hello.",), ["0:00"]), ("kelly", ("Hi.",), ["0:04"]), ("emma", ("And welcome.",), ["0:06"]),
    ]


# Any Otter export, in any header shape these files use: every speaker found, every word kept in order.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SHAPES = ["**{name}** {time}  \n{text}", "{name}  {time}  \n{text}", "**{name}** [{time}]\n{text}",
          "{name} [{time}] {text}", "**{name}** [{time}] {text}"]
word = st.one_of(
    st.sampled_from(["okay.", "So", "well,", "it's", "3.12", "Dr.", "end?", "Emma", "(laughs)", "a"]),
    st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x7F), min_size=1, max_size=9),
    st.sampled_from(["café", "naïve", "Zürich", "Ørsted"]),
)
said = st.lists(word, min_size=1, max_size=25).map(" ".join)
header = st.tuples(st.sampled_from(["Emma", "Kelly Vaughn", "Unknown Speaker", "Speaker 2"]), st.sampled_from(SHAPES), said)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(header, min_size=2, max_size=25))
def test_any_otter_export_keeps_every_speaker_and_word(tmp_path, turns):
    blocks = [shape.format(name=name, time=f"{i // 60}:{i % 60:02d}", text=text)
              for i, (name, shape, text) in enumerate(turns)]
    path = tmp_path / "episode.md"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    transcript = load_transcript(path, Report())
    assert {s.name for s in transcript.speakers} == {name for name, _, _ in turns}
    spoken = " ".join(p for t in transcript.turns for p in t.paragraphs).split()
    assert spoken == " ".join(text for _, _, text in turns).split()
    assert all(t.speaker for t in transcript.turns)
