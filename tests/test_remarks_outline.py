"""Prepared remarks are navigable: the outline lists each speaker's block of remarks, and a long
remark gets entries at paragraph starts, about a screen apart, with anchors from order only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from onrecord import outline
from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.model import REMARKS, Section, Speaker, Transcript, Turn
from onrecord.pages import transcript_page
from onrecord.pipeline import load_transcript
from onrecord.render import render

from .conftest import FIXTURES, ROOT, write_transcript

BIN = Path(sys.executable).parent


def paragraph(topic: str, words: int = 60) -> str:
    return f"Turning to {topic}, " + " ".join(["results"] * (words - 4)) + " held."


def call(ceo_paragraphs: int = 14) -> str:
    """An invented earnings call: a short operator, a long CEO remark, a CFO's shorter one, a Q&A."""
    ceo = "\n\n".join(paragraph(f"region {n}") for n in range(1, ceo_paragraphs + 1))
    return f"""Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript

Prepared Remarks:

Operator

Good afternoon and welcome. [Operator instructions]

Dana Whitfield -- Chief Executive Officer

{ceo}

Omar Haddad -- Chief Financial Officer

{paragraph("cash", 70)}

{paragraph("margins", 70)}

Questions & Answers:

Operator

Our first question comes from Priya Raman with Credit Suisse. Please go ahead.

Priya Raman -- Credit Suisse -- Analyst

How much of the margin decline was the Ohio move?

Omar Haddad -- Chief Financial Officer

About two thirds.
"""


@pytest.fixture
def northwind(tmp_path) -> Transcript:
    return load_transcript(write_transcript(tmp_path, "northwind.txt", call()), Report())


def page_of(transcript: Transcript) -> str:
    corpus = build_corpus([transcript], Report())
    return render(corpus)[transcript_page(corpus.transcripts[0].slug)]


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_each_speakers_block_of_prepared_remarks_is_an_entry_linking_to_its_first_turn(northwind):
    entries = outline.outline(northwind)["remarks"]
    turns = {t.id: t for t in northwind.turns}
    assert [e.title for e in entries] == ["Dana Whitfield", "Omar Haddad"]  # the operator's courtesy is not
    assert [turns[e.anchor].speaker for e in entries] == ["dana-whitfield", "omar-haddad"]
    assert all(re.fullmatch(r"t\d+", e.anchor) for e in entries)  # from the order of turns, never from names
    assert "qa" not in outline.outline(northwind)  # exchanges are the Q&A's entries already


def test_a_long_remark_gets_entries_at_paragraph_starts_about_a_screen_apart(northwind):
    ceo, cfo = outline.outline(northwind)["remarks"]
    assert cfo.parts == ()  # 140 words: one entry is enough
    turn = next(t for t in northwind.turns if t.id == ceo.turn)
    assert [p.anchor for p in ceo.parts] == [f"{turn.id}-p6", f"{turn.id}-p11"]  # after 300 words, twice
    assert [p.title for p in ceo.parts] == ["Turning to region 6, results results\u00a0…",
                                         "Turning to region 11, results results\u00a0…"]
    # No entry in the last lines of the block: the reader is there anyway.
    assert outline.turning_points([turn])[-1].paragraph < len(turn.paragraphs) - 1


def test_consecutive_turns_of_one_speaker_are_one_block_and_a_part_may_open_a_turn():
    turns = [Turn(f"t{n}", None, None, (paragraph(f"item {n}", 200),), section=REMARKS) for n in range(1, 6)]
    transcript = Transcript("t", "T", None, {}, (), (Section(REMARKS, "Transcript", REMARKS),), (), tuple(turns))
    (entry,) = outline.outline(transcript)[REMARKS]
    assert entry.title == outline.UNNAMED and entry.anchor == "t1"
    assert [p.anchor for p in entry.parts] == ["t3", "t5"]  # a turn's first paragraph is the turn itself
    assert outline.paragraph_ids(outline.outline(transcript)) == {}


def test_stage_directions_are_never_an_entry():
    texts = tuple([paragraph("a", 310), "(Laughter.)", paragraph("b", 300)])
    turn = Turn("t1", "x", "X", texts, section=REMARKS, directions=(1,))
    assert [p.anchor for p in outline.turning_points([turn])] == ["t1-p3"]


def test_a_conversation_lists_what_its_speakers_begin_to_say_about_a_screen_apart():
    said = ["Yeah. I think the roadmap matters most for new developers", "Right. Tests come first for me, always"]
    turns = tuple(
        Turn(f"t{n}", ("ali", "emma")[n % 2], None, (said[n % 2] + " " + " ".join(["now"] * 150),), section=REMARKS)
        for n in range(1, 31)
    )
    speakers = tuple(Speaker(i, i.title()) for i in ("ali", "emma"))
    transcript = Transcript("t", "T", None, {}, speakers, (Section(REMARKS, "Transcript", REMARKS),), (), turns)
    entries = outline.outline(transcript)[REMARKS]
    assert len(entries) == 15  # every other block: about 300 words apart, not 30 names
    assert entries[0].title == "Emma: Tests come first for me, always\u00a0…"  # past the opening "Right."


def test_labels_are_a_few_words_or_a_short_first_sentence():
    assert outline.label("Moving to the South. Southern Timberlands adjusted EBITDA was flat.") == "Moving to the South."
    assert outline.label("For our oriented strand board business, prices fell.") == "For our oriented strand board business\u00a0…"
    assert outline.label("Thanks.") == "Thanks."


def test_the_page_carries_the_outline_and_ids_only_on_the_paragraphs_it_links_to(northwind):
    page = page_of(northwind)
    entries = front_matter(page)["outline"]["remarks"]
    ceo = entries[0]
    assert [p["anchor"] for p in ceo["parts"]] == [f"{ceo['anchor']}-p6", f"{ceo['anchor']}-p11"]
    # Turns are HTML: a paragraph the outline links to is a <p> with its id.
    assert re.findall(r'<p id="(t\d+-p\d+)">', page) == [p["anchor"] for p in ceo["parts"]]
    # The paragraph with the id is the one the entry names.
    assert re.search(r'<p id="' + ceo["anchor"] + r'-p6">Turning to region 6, ', page)
    assert f'id="{ceo["anchor"]}"' in page  # the turn's own anchor is where it was


def test_a_transcript_with_only_exchanges_has_no_remarks_outline(tmp_path):
    text = call().replace("Prepared Remarks:\n", "").split("Questions & Answers:\n")[1]
    transcript = load_transcript(write_transcript(tmp_path, "qa.txt", "Questions & Answers:\n" + text), Report())
    assert "outline" not in front_matter(page_of(transcript))


@pytest.mark.slow
def test_built_page_lists_the_entries_without_javascript_and_every_link_lands(tmp_path):
    content = tmp_path / "content"
    (content / "index.md").parent.mkdir(parents=True)
    (content / "index.md").write_text("# Calls\n")
    # Dated: a site whose newest transcript is from 1952 cannot gzip its sitemap (an mtime before 1970).
    write_transcript(content, "northwind.txt", "---\ndate: 2025-01-30\n---\n"
                     + call().replace("Omar Haddad", "Omar O'Haddad"))
    (content / "transcripts" / "briggs.md").write_bytes((FIXTURES / "court-briggs" / "input.md").read_bytes())
    site = tmp_path / "site"
    result = subprocess.run([str(BIN / "onrecord"), "build", "--strict", "--content", str(content),
                             "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in ("northwind", "briggs"):
        html = (site / "transcripts" / slug / "index.html").read_text()
        start = html.index('<nav aria-label="Contents of this page">')
        nav = html[start:html.index("</nav>", start)]
        links = re.findall(r'href="#([^"]+)"', nav)
        assert any(re.fullmatch(r"t\d+-p\d+", a) for a in links)
        for anchor in links:  # every entry lands on an element of the page
            assert f'id="{anchor}"' in html, anchor
    page = (site / "transcripts" / "northwind" / "index.html").read_text()
    nav = page[page.index('<nav aria-label="Contents of this page">'):].split("</nav>")[0]
    # A name is text in the outline (markup in names is tests/test_no_injection.py's: such a line is no speaker line).
    assert re.search(r"O(?:'|&#x27;|&#39;)Haddad</a>", nav)
    briggs = (site / "transcripts" / "briggs" / "index.html").read_text()
    assert re.search(r'<p id="t3-p12">At that time, counsel for the appellants', briggs)


def test_an_exchange_between_remarks_parts_their_blocks_and_the_outline_keeps_the_page_order():
    from onrecord.model import Exchange

    long = (paragraph("the record", 150),)
    turns = (
        Turn("t1", "counsel", None, long, section="part1"),
        Turn("t2", "justice", None, ("Is that in the record?",), section="part1", exchange="q1"),
        Turn("t3", "counsel", None, ("It is.",), section="part1", exchange="q1"),
        Turn("t4", "counsel", None, long, section="part1"),
    )
    transcript = Transcript("t", "T", None, {}, (Speaker("counsel", "Mr. Marshall"), Speaker("justice", "Justice Frankfurter")),
                            (Section("part1", "Argument", REMARKS),), (Exchange("q1", "justice", ("t2", "t3")),), turns)
    entries = outline.outline(transcript)["part1"]
    assert [(e.anchor, e.before) for e in entries] == [("t1", "q1"), ("t4", None)]
    assert outline.front_matter(outline.outline(transcript))["part1"][0]["before"] == "q1"
