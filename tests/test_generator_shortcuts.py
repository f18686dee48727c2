"""The generator's shortcuts (issue 14) decide exactly what the long way decided: each is checked against it."""

from __future__ import annotations

import pickle
import random

from onrecord import clean
from onrecord.diagnostics import Report
from onrecord.model import Exchange, Section
from onrecord.pages import first_words
from onrecord.pipeline import load_transcript

from .conftest import ROOT

REFERENCE = ROOT / "content" / "transcripts" / "tesla-2015-q3.txt"
# Every kind of character the shortcuts tell apart: spaces, tabs, newlines, controls (removed), Unicode spaces.
ALPHABET = " a\t\n\r\x0b\x0c\x1c\x1f\x7f\x85\x9f\xa0é\u2009\u2028\u3000\u200bb.-_1İΣ<>:"


def _texts(count: int, seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(count)]


def test_normalise_space_is_splitting_and_joining_without_control_characters():
    for text in _texts(50_000):
        assert clean.normalise_space(text) == " ".join(clean._CONTROL.sub("", text).split()), repr(text)


def test_take_time_marks_without_a_bracket_leaves_the_paragraph_as_it_is():
    assert clean.take_time_marks("at 4:28 we said so", 0) == ("at 4:28 we said so", [])
    text, marks = clean.take_time_marks("we said (4:28) so", 0)
    assert text == "we said so" and [m.label for m in marks] == ["4:28"]


def test_first_words_marks_a_turn_cut_short_only_when_words_follow():
    transcript = load_transcript(REFERENCE, Report())
    for turn in transcript.turns:
        said = " ".join(turn.paragraphs).split()
        for count in (1, 14, 30):
            expected = " ".join(said[:count]) + (" …" if len(said) > count else "")
            assert first_words(turn, count) == expected


def test_speaker_and_turns_of_find_what_a_scan_finds_and_pickles_leave_the_index_out():
    transcript = load_transcript(REFERENCE, Report())
    for speaker_id in [s.id for s in transcript.speakers] + ["nobody", None]:
        assert transcript.speaker(speaker_id) is next((s for s in transcript.speakers if s.id == speaker_id), None)
    assert transcript.exchanges
    for exchange in transcript.exchanges:
        assert transcript.turns_of(exchange) == tuple(t for t in transcript.turns if t.exchange == exchange.id)
    for section in transcript.sections:
        assert transcript.turns_of(section) == tuple(t for t in transcript.turns if t.section == section.id)
    assert transcript.turns_of(Exchange("q999", "x", ())) == () and transcript.turns_of(Section("none", "", "qa")) == ()
    again = pickle.loads(pickle.dumps(transcript))
    assert "_lookups" in transcript.__dict__ and "_lookups" not in again.__dict__
    assert again == transcript and again.turns_of(transcript.exchanges[0]) == transcript.turns_of(transcript.exchanges[0])


def test_a_files_lines_are_made_once_while_it_is_parsed_and_not_kept_after():
    from onrecord.readers import parse
    from onrecord.source import lines, lines_kept, read

    source = read(REFERENCE, Report())
    with lines_kept(source):
        first, second = lines(source), lines(source)
        assert first == second and first is not second and first[0] is second[0]  # fresh lists of the same lines
    assert "_lines" not in source.__dict__ and lines(source)[0] is not first[0]
    parse(source, Report())
    assert "_lines" not in source.__dict__
