"""Placeholders are per transcript: "Operator", "Speaker 2", "The PRESIDING OFFICER" are someone different in
each transcript unless content/speakers.yml names them, and then they merge as it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.identity import is_placeholder_person, starter_yml
from onrecord.model import MODERATOR
from onrecord.pipeline import load
from onrecord.readers.vocabulary import is_placeholder
from onrecord.render import render

COMPANIES = ("Acme", "Globex", "Initech")


def call(company: str) -> str:
    """An earnings call of `company`, run by an Operator, with one analyst's question."""
    return (
        f"---\ntitle: {company} Q1 2024 Earnings Call\ncompany: {company}\ndate: 2024-05-0{COMPANIES.index(company) + 1}\n---\n"
        f"Pat {company}son - Chief Executive Officer\n\nWelcome to the {company} call.\n\n"
        "Questions and Answers\n\n"
        "Operator\n\nOur first question comes from the line of Sam Lee with Big Bank.\n\n"
        "Sam Lee - Big Bank Securities\n\nWhat about margins?\n\n"
        f"Pat {company}son - Chief Executive Officer\n\nThey rose.\n\n"
        "Operator\n\nThat concludes the call.\n"
    )


def content(tmp_path: Path, speakers_yml: str | None = None) -> Path:
    folder = tmp_path / "transcripts"
    folder.mkdir(parents=True)
    for company in COMPANIES:
        (folder / f"{company.lower()}-2024-q1.txt").write_text(call(company), encoding="utf-8")
    if speakers_yml is not None:
        (tmp_path / "speakers.yml").write_text(speakers_yml, encoding="utf-8")
    return tmp_path


def operators(corpus):
    return [s for s in corpus.speakers if s.name == "Operator" or "operator" in s.id]


@pytest.mark.parametrize("label", [
    "Operator", "Moderator", "Conference Operator", "Host", "Chair", "Chairman", "Unknown Speaker", "Speaker 2",
    "The SPEAKER pro tempore", "The Speaker pro tempore", "The PRESIDING OFFICER", "The CLERK", "The Clerk",
    "The ACTING PRESIDENT pro tempore", "The VICE PRESIDENT", "THE COURT", "The Chief Justice", "Unidentified Analyst",
    "Interviewer", "<b>Operator</b>", "Operator:",
])
def test_labels_that_name_no_one_across_transcripts_are_placeholders(label):
    assert is_placeholder(label)


@pytest.mark.parametrize("name", [
    "Mr. Chief Justice Vinson", "Chief Justice Roberts", "Elon Musk", "Mr. Brady of Texas", "Chairman Smith",
    "Hostetler", "Operator Jones", "Ms. Ros-Lehtinen", "Speaker Pelosi",
])
def test_people_are_not_placeholders(name):
    assert not is_placeholder(name)


def test_three_calls_of_three_companies_give_three_operators(tmp_path):
    corpus = load(content(tmp_path), Report())
    found = operators(corpus)
    assert sorted(s.id for s in found) == ["acme-2024-q1-operator", "globex-2024-q1-operator", "initech-2024-q1-operator"]
    for transcript in corpus.transcripts:
        moderators = [s for s in transcript.speakers if s.role == MODERATOR]
        assert [s.id for s in moderators] == [f"{transcript.slug}-operator"]
        assert transcript.exchanges and all(t.speaker != "operator" for t in transcript.turns)
    # The analyst is one person across the three calls: only placeholders stay apart.
    assert [s.id for s in corpus.speakers if s.name == "Sam Lee"] == ["sam-lee"]


def test_a_placeholder_has_no_page_but_is_named_on_its_transcript(tmp_path):
    corpus = load(content(tmp_path), Report())
    pages = render(corpus)
    assert not [p for p in pages if "operator" in p and p.startswith("speakers/")]
    assert "speakers/sam-lee.md" in pages and "speakers/sam-lee/feed.xml" in pages
    page = pages["transcripts/acme-2024-q1/index.md"]
    assert '<span class="placeholder">Operator</span> · [first turn]' in page  # in the participants box
    assert '<span class="speaker">Operator</span>' in page and "speakers/acme-2024-q1-operator" not in page
    index = pages["speakers/index.md"]
    assert "Operator" in index and "Not listed here: 3 placeholders" in index and "operator.md" not in index
    people = {p["id"]: p for p in json.loads(pages["speakers/speakers.json"])["speakers"]}
    assert people["acme-2024-q1-operator"]["placeholder"] is True and "placeholder" not in people["sam-lee"]


def test_speakers_yml_merges_placeholders_by_their_label(tmp_path):
    yml = "people:\n  - name: Chorus Call Operator\n    aliases: [Operator]\n    role: moderator\n"
    corpus = load(content(tmp_path, yml), Report())
    assert [s.id for s in operators(corpus)] == ["chorus-call-operator"]
    person = operators(corpus)[0]
    assert len({a.slug for a in person.history if a.slug}) == 3 and not is_placeholder_person(person)
    pages = render(corpus)
    assert "speakers/chorus-call-operator.md" in pages
    assert "[Chorus Call Operator](../../speakers/chorus-call-operator.md)" in pages["transcripts/globex-2024-q1/index.md"]


def test_speakers_yml_names_one_transcripts_placeholder_by_its_id(tmp_path):
    yml = "people:\n  - name: Jane Doe\n    aliases: [acme-2024-q1-operator, globex-2024-q1-operator]\n    role: moderator\n"
    corpus = load(content(tmp_path, yml), Report())
    assert sorted(s.id for s in operators(corpus)) == ["initech-2024-q1-operator"]
    jane = next(s for s in corpus.speakers if s.name == "Jane Doe")
    assert {a.slug for a in jane.history if a.slug} == {"acme-2024-q1", "globex-2024-q1"}
    assert "speakers/jane-doe.md" in render(corpus)


def test_the_starter_speakers_yml_keeps_each_placeholder_to_its_transcript(tmp_path):
    folder = content(tmp_path)
    (folder / "speakers.yml").write_text(starter_yml(load(folder, Report()).speakers), encoding="utf-8")
    corpus = load(folder, Report())
    assert len(operators(corpus)) == 3 and all(is_placeholder_person(s) for s in operators(corpus))
