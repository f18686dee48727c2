"""Word timings: kept where speech recognition gives them, aligned to the clean text, and on the page only
where there is a recording to seek (a page without one is written exactly as before)."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.model import TimeMark, Turn, WordTiming
from onrecord.pages import transcript_page
from onrecord.pipeline import load_transcript
from onrecord.render import render
from onrecord.word_markup import paragraphs_html

from .conftest import FIXTURES


def test_each_timed_word_points_at_that_word_in_the_clean_text():
    for case in ("whisperx-diarised", "assemblyai-utterances", "rev-monologues", "transcribe-speaker-labels",
                 "youtube-json3", "deepgram-words"):
        transcript = load_transcript(FIXTURES / case / "input.json", Report())
        timed = [(turn, w) for turn in transcript.turns for w in turn.words]
        assert timed, case
        for turn, w in timed:
            said = turn.paragraphs[w.paragraph][w.offset : w.offset + w.length]
            assert said and " " not in said, (case, said)
        starts = [w.start for _, w in timed]
        assert starts == sorted(starts), case


def test_a_source_without_word_timings_has_none():
    for case in ("podcast-json", "reference", "parlamint-tei"):
        transcript = load_transcript(next((FIXTURES / case).glob("input.*")), Report())
        assert not any(turn.words for turn in transcript.turns)


def _page(transcript) -> str:
    corpus = build_corpus([transcript], Report())
    return render(corpus)[transcript_page(corpus.transcripts[0].slug)]


def test_word_spans_are_written_only_on_a_page_with_a_recording():
    transcript = load_transcript(FIXTURES / "assemblyai-utterances" / "input.json", Report())
    assert 'class="word"' not in _page(transcript)
    with_audio = replace(transcript, meta={**transcript.meta, "audio": "https://example.org/call.mp3"})
    page = _page(with_audio)
    assert page.count('class="word"') == sum(len(t.words) for t in transcript.turns)
    assert '<span class="word" data-start="5.1">Revenue</span>' in page


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


text = st.lists(st.sampled_from(["Revenue", "grew", "*nine*", "per", "cent.", "<b>", "&", "x_y", "[a](b)"]),
                min_size=1, max_size=10).map(" ".join)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(text, st.data())
def test_timed_words_and_marks_read_exactly_as_the_paragraph_without_them(paragraph, data):
    starts = [m.start() for m in re.finditer(r"\S+", paragraph)]
    chosen = sorted(data.draw(st.sets(st.sampled_from(range(len(starts))))))
    words = tuple(WordTiming(0, starts[i], len(paragraph[starts[i]:].split(" ")[0]), float(i)) for i in chosen)
    offsets = sorted(data.draw(st.lists(st.sampled_from(starts + [len(paragraph)]), max_size=3)))
    marks = tuple(TimeMark(0, offset, 5, "0:05") for offset in offsets)
    turn = Turn("t1", None, None, (paragraph,), marks, words=words)
    assert _visible(paragraphs_html(turn, timed=True)[0]) == _visible(paragraphs_html(turn)[0])
    assert paragraphs_html(turn, timed=True)[0].count('class="word"') == len(words)
    assert 'class="word"' not in paragraphs_html(turn)[0]
