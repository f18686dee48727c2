"""Search finds the exchange: one record per exchange and per passage outside one, holding only what was said."""

from __future__ import annotations

import re

import pytest

from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.search_records import search_records

from .conftest import REFERENCE, write_transcript
from .test_remarks_outline import call


@pytest.fixture(scope="module")
def reference_corpus():
    return build_corpus([load_transcript(REFERENCE, Report())], Report())


@pytest.fixture(scope="module")
def records(reference_corpus):
    return search_records(reference_corpus)


def by_anchor(records):
    return {r.url.split("#")[1]: r for r in records}


def test_every_exchange_is_a_record_that_opens_at_it(reference_corpus, records):
    transcript = reference_corpus.transcripts[0]
    anchors = by_anchor(records)
    assert all(f"/transcripts/{transcript.slug}/#{e.id}" == anchors[e.id].url for e in transcript.exchanges)
    assert {r.filter_dict()["kind"][0] for r in records} == {"exchange", "passage"}
    assert sum(r.filter_dict()["kind"] == ["exchange"] for r in records) == len(transcript.exchanges)


def test_six_exchanges_say_autopilot_and_each_is_its_own_record(records):
    saying = [r for r in records if "autopilot" in r.content.lower() and r.filter_dict()["kind"] == ["exchange"]]
    assert len(saying) == 6


def test_a_record_holds_what_was_said_and_who_said_it_apart(reference_corpus, records):
    transcript = reference_corpus.transcripts[0]
    q7 = by_anchor(records)["q7"]
    exchange = next(e for e in transcript.exchanges if e.id == "q7")
    turns = transcript.turns_of(exchange)
    assert q7.content == "\n".join(p for t in turns for p in t.paragraphs)
    names = " · ".join(dict.fromkeys(transcript.speaker(t.speaker).name for t in turns))
    assert q7.meta_dict()["speakers"] == names  # Pagefind searches meta too: a name finds the exchange
    assert not [r for r in records if "Topics:" in r.content or "Answered by" in r.content]
    assert q7.meta_dict()["title"].startswith("Q7 · ") and q7.meta_dict()["title"].endswith(" — " + transcript.title)


def test_the_speaker_filter_of_an_exchange_names_only_who_speaks_in_it(reference_corpus, records):
    transcript = reference_corpus.transcripts[0]
    for exchange in transcript.exchanges:
        spoke = {transcript.speaker(t.speaker).name for t in transcript.turns_of(exchange)}
        filters = by_anchor(records)[exchange.id].filter_dict()
        assert set(filters["speaker"]) <= spoke and filters["speaker"]
        assert filters["transcript"] == [transcript.title] and filters["year"] == ["2015"]


def test_an_exchanges_topics_are_its_own(reference_corpus, records):
    names = {t.id: t.name for t in reference_corpus.topics}
    for exchange in reference_corpus.transcripts[0].exchanges:
        assert by_anchor(records)[exchange.id].filter_dict().get("topic", []) == [names[t] for t in exchange.topics]


def test_a_long_remark_is_cut_where_the_outline_cuts_it(tmp_path):
    transcript = load_transcript(write_transcript(tmp_path, "northwind.txt", call(ceo_paragraphs=14)), Report())
    records = search_records(build_corpus([transcript], Report()))
    ceo = [r for r in records if "Dana Whitfield" in r.meta_dict()["title"]]
    assert len(ceo) > 1 and re.fullmatch(r"t\d+", ceo[0].url.split("#")[1])
    assert all(re.fullmatch(r"t\d+-p\d+", r.url.split("#")[1]) for r in ceo[1:])
    whole = next(t for t in transcript.turns if transcript.speaker(t.speaker).name == "Dana Whitfield")
    joined = "\n".join(r.content for r in ceo)
    assert joined == "\n".join(whole.paragraphs)  # nothing spoken lost, nothing twice
    assert ceo[0].meta_dict()["title"].startswith("Prepared remarks · Dana Whitfield — ")


def test_stage_directions_are_not_indexed_as_speech(tmp_path):
    text = "JUSTICE PRICE: Counsel, you may begin.\n\n(Laughter.)\n\nMS. OKAFOR: Thank you, Your Honor.\n"
    transcript = load_transcript(write_transcript(tmp_path, "argument.txt", text), Report())
    records = search_records(build_corpus([transcript], Report()))
    assert records and not [r for r in records if "Laughter" in r.content]
    assert any("Counsel, you may begin." in r.content for r in records)
