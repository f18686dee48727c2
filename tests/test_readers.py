"""The layouts people publish transcripts in, feature by feature; and conservation for each of them.

Inputs are the golden fixtures (tests/fixtures/<case>/input.*), so each test names what it proves
about a file anyone can open.
"""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QA, QUESTIONER, REMARKS
from onrecord.pipeline import load_transcript
from onrecord.readers import choose
from onrecord.pages import transcript_page
from onrecord.render import render
from onrecord.source import read

from .conftest import FIXTURES
from .pagetext import turn_text, words_in_order


def load(case: str):
    path = next((FIXTURES / case).glob("input.*"))
    report = Report(root=path.parent)
    return load_transcript(path, report), report


def loaded_from(path: Path, text: str):
    """The transcript a file of this text at `path` is read as, and what was said about it."""
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_transcript(path, report), report


def page_turns(transcript) -> dict[str, list[str]]:
    page = render(build_corpus([transcript], Report()))[transcript_page(transcript.slug)]
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "toc", "tables"])
    turns, _ = turn_text(html)
    return turns


def spoken(transcript) -> str:
    return " ".join(p for t in transcript.turns for i, p in enumerate(t.paragraphs) if i not in t.directions)


def by_name(transcript):
    return {s.name: s for s in transcript.speakers}


def reader_of(path: Path) -> str:
    return choose(read(path, Report()), Report())[1].__name__.rsplit(".", 1)[-1]


# Choosing a reader -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("case", "reader"),
    [
        ("reference", "blocks"), ("streetevents", "streetevents"), ("streetevents-header-disclaimer", "streetevents"),
        ("motley-fool", "motleyfool"), ("court", "inline"), ("congressional-record", "inline"),
        ("interview-initials", "inline"), ("podcast-vtt", "vtt"), ("vtt-without-closing-tags", "vtt"),
        ("podcast-srt", "subrip"), ("srt-name-on-first-cue", "subrip"), ("podcast-json", "podcast_json"),
        ("podcast-json-one-word-segments", "podcast_json"), ("otter", "otter"), ("otter-split-sentence", "otter"),
        ("markdown-bold-speakers", "markdown"), ("markdown-heading-speakers", "markdown"),
        ("html-transcript", "html"), ("unknown-layout", "blocks"),
    ],
)
def test_each_layout_is_recognised_by_its_content(case, reader):
    assert reader_of(next((FIXTURES / case).glob("input.*"))) == reader


def test_front_matter_format_forces_a_reader(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("---\nformat: inline\n---\nDana Whitfield - CEO\n\nHello.\n", encoding="utf-8")
    assert reader_of(path) == "inline"


def test_an_unknown_format_name_is_a_warning_and_the_layout_is_sniffed(tmp_path):
    transcript, report = loaded_from(tmp_path / "call.txt", "---\nformat: telex\n---\nDANA: Hello.\nPRIYA: Hi.\nDANA: Bye.\n")
    assert "meta.format" in report.codes()
    assert [t.speaker for t in transcript.turns] == ["dana", "priya", "dana"]


def test_a_vtt_extension_with_text_that_is_not_webvtt_never_raises(tmp_path):
    transcript, report = loaded_from(tmp_path / "broken.vtt", "this is not\n\na caption file\n")
    assert "layout.malformed" in report.codes() and "layout.unknown" in report.codes()
    assert spoken(transcript) == "this is not a caption file"


def test_json_that_is_not_a_podcast_transcript_is_published_with_a_warning(tmp_path):
    transcript, report = loaded_from(tmp_path / "other.json", '{"hello": "world"}\n')
    assert "layout.malformed" in report.codes()
    assert "world" in spoken(transcript)


# Block cousins: StreetEvents and Motley Fool ------------------------------------------------------

def test_streetevents_participant_lists_give_roles_not_turns():
    transcript, _ = load("streetevents")
    speakers = by_name(transcript)
    assert speakers["Dana K. Whitfield"].role == COMPANY
    assert speakers["Dana K. Whitfield"].title == "CEO & Director"
    assert speakers["Priya Raman"].role == QUESTIONER
    assert speakers["Priya Raman"].organisation == "Crédit Suisse AG, Research Division"
    assert speakers["Operator"].role == MODERATOR
    assert len(transcript.turns) == 6
    assert "PARTICIPANTS" not in spoken(transcript)
    assert "Senior Analyst" not in spoken(transcript)


def test_streetevents_markers_hard_wraps_and_separator_lines():
    transcript, _ = load("streetevents")
    assert [s.id for s in transcript.sections] == [REMARKS, QA]
    assert [t.section for t in transcript.turns] == [REMARKS, REMARKS, QA, QA, QA, QA]
    assert "turn the conference over" in transcript.turns[0].paragraphs[0]
    assert "held back by the move" in transcript.turns[1].paragraphs[0]
    assert [(e.questioner, e.turns) for e in transcript.exchanges] == [("priya-raman", ("t3", "t4", "t5", "t6"))]


def test_streetevents_header_gives_title_date_and_the_disclaimer_is_a_note_not_speech():
    transcript, report = load("streetevents-header-disclaimer")
    assert transcript.title == "Q4 2024 Northwind Robotics Inc Earnings Call"
    assert transcript.date == "2025-02-05"
    assert transcript.meta["organisation"] == "Northwind Robotics, Inc."
    assert [n.title for n in transcript.notes] == [
        "About this transcript", "Corporate participants", "Conference call participants", "Definitions", "Disclaimer"]
    assert "material errors" in transcript.notes[-1].paragraphs[0]
    assert "material errors" not in spoken(transcript) and "PRELIMINARY" not in spoken(transcript)
    assert [e.questioner for e in transcript.exchanges] == ["priya-raman", "lee-chen"]
    assert by_name(transcript)["Lee Chen"].role == QUESTIONER  # a "Director" at a bank asks, by the list
    assert report.codes().count("meta.inferred") == 4


def test_motley_fool_speaker_lines_sections_and_trailing_participants():
    transcript, _ = load("motley-fool")
    speakers = by_name(transcript)
    assert speakers["Dana Whitfield"].role == COMPANY and speakers["Dana Whitfield"].title == "Chief Executive Officer"
    assert speakers["Priya Raman"].role == QUESTIONER and speakers["Priya Raman"].organisation == "Credit Suisse"
    assert [t.section for t in transcript.turns] == [REMARKS, REMARKS, QA, QA, QA, QA]
    assert len(transcript.turns) == 6  # the participant list made none
    assert [e.questioner for e in transcript.exchanges] == ["priya-raman"]
    assert "Duration" not in spoken(transcript) and "41 minutes" not in spoken(transcript)
    assert ("Duration", ("41 minutes",)) in [(n.title, n.paragraphs) for n in transcript.notes]


def test_motley_fool_title_and_organisation_are_inferred_from_its_first_line():
    transcript, report = load("motley-fool")
    assert transcript.title == "Northwind Robotics Q4 2024 Earnings Call"
    assert transcript.meta["organisation"] == "Northwind Robotics" and transcript.meta["ticker"] == "NWRB"
    assert any(d.code == "meta.inferred" and d.line == 1 and "title" in d.message for d in report.diagnostics)


# Inline speakers ----------------------------------------------------------------------------------

def test_court_inline_speakers_headings_and_stage_directions():
    transcript, _ = load("court")
    assert [t.label for t in transcript.turns][:3] == ["CHIEF JUSTICE HALE:", "MS. OKAFOR:", "JUSTICE PRICE:"]
    assert [s.title for s in transcript.sections] == ["Transcript", "Oral Argument of Ada Okafor on Behalf of the Petitioner"]
    laughing = transcript.turns[5]
    assert laughing.paragraphs == ("-- one word, yes, and only one.", "(Laughter.)") and laughing.directions == (1,)
    assert '"any person,"' in transcript.turns[1].paragraphs[0]  # the wrapped line is joined
    assert "ORAL ARGUMENT" not in spoken(transcript)


def test_congressional_record_speakers_and_the_chair_presides():
    transcript, _ = load("congressional-record")
    assert [t.label for t in transcript.turns][:3] == ["The CHAIRMAN.", "Mr. SMITH of Ohio.", "Ms. JONES."]
    assert transcript.turns[0].paragraphs[0].endswith("recognized for five minutes.")
    chair = transcript.speaker(transcript.turns[0].speaker)
    assert chair.role == MODERATOR
    assert "[Applause.]" in transcript.turns[2].paragraphs[0]  # inside a sentence it stays in the text


def test_initials_are_speakers_and_a_note_label_is_not():
    transcript, _ = load("interview-initials")
    assert [t.label for t in transcript.turns] == ["MSM:", "DW:", "MSM:", "DW:"]
    assert "Note: this interview" in transcript.turns[-1].paragraphs[-1]


# Captions and diarisation -------------------------------------------------------------------------

def test_vtt_voice_tags_and_name_prefix_make_one_turn_per_speaker():
    transcript, _ = load("podcast-vtt")
    assert [t.speaker for t in transcript.turns] == ["dana-whitfield", "priya-raman"]
    assert transcript.turns[1].paragraphs == ("Thanks, Dana. Happy to be here & ready to argue. Mostly about margins, I suspect.",)
    assert [m.label for t in transcript.turns for m in t.marks] == ["0:00", "0:07"]


def test_vtt_without_closing_tags_several_voices_in_a_cue_and_unnamed_change():
    transcript, _ = load("vtt-without-closing-tags")
    assert [t.speaker for t in transcript.turns] == ["dana-whitfield", "priya-raman", "dana-whitfield", "priya-raman", None]
    assert transcript.turns[0].paragraphs == ("Welcome back to Shop Floor, our show about robots at work. Today: margins.",)
    assert transcript.turns[3].paragraphs == ("Margins fell <2 points>.", "[laughter]")
    assert transcript.turns[3].directions == (1,)
    assert not any("-->" in p or "NOTE" in p or "WEBVTT" in p for t in transcript.turns for p in t.paragraphs)


def test_srt_name_on_first_cue_carries_through_the_turn():
    transcript, _ = load("srt-name-on-first-cue")
    assert [t.label for t in transcript.turns] == ["JUDGE ALVAREZ:", "MR. BELL:", "MS. ROY:"]
    assert transcript.turns[0].paragraphs == ("Please be seated. We are on the record. Counsel, your appearances.",)
    # a pause of three seconds after a finished sentence starts a paragraph, with its own time mark
    assert transcript.turns[2].paragraphs == ("Ana Roy for the defense.", "Good morning.")
    assert [(m.paragraph, m.label) for m in transcript.turns[2].marks] == [(0, "0:07"), (1, "0:12")]


def test_podcast_json_one_word_segments_become_sentences_in_one_turn():
    transcript, _ = load("podcast-json-one-word-segments")
    assert [t.speaker for t in transcript.turns] == ["dana-whitfield", "priya-raman"]
    assert transcript.turns[0].paragraphs == (
        "Welcome back to Shop Floor, the show about robots at work. Today I am talking with Priya Raman.",
    )
    assert transcript.turns[1].paragraphs == ("Thanks, Dana. Happy to be here. Really.",)  # no speaker: continues
    assert len(transcript.turns[0].marks) == 1


def test_otter_split_sentence_is_one_paragraph_and_diarisation_labels_stay_in_their_transcript():
    transcript, _ = load("otter-split-sentence")
    first = transcript.turns[0]
    assert first.paragraphs == (
        "So the question everyone asks is whether the robots actually save money, and the answer is yes, "
        "after two years. Next question.",
    )
    assert [m.label for m in first.marks] == ["0:00", "0:04", "0:07"]
    assert [t.speaker for t in transcript.turns[1:]] == ["input-speaker-2", "input-unknown-speaker", "input-speaker-2"]
    assert transcript.turns[2].marks[0].label == "1:02:03" and transcript.turns[2].directions == (0,)


# Documents ----------------------------------------------------------------------------------------

def test_markdown_bold_speakers_read_through_markdown_it():
    transcript, _ = load("markdown-bold-speakers")
    assert transcript.title == "Shop Floor, episode 12: margins" and transcript.date == "2025-02-05"
    assert [t.speaker for t in transcript.turns] == ["dana-whitfield", "priya-raman", "dana-whitfield"]
    assert transcript.turns[0].paragraphs[0].endswith("about margins and robots.")  # code and link text kept
    assert "*this*" in transcript.turns[1].paragraphs[0]  # an escaped asterisk is the text
    assert transcript.notes[0].paragraphs == ("Recorded 5 February 2025.",)


def test_markdown_heading_speakers_with_titles_and_sections():
    transcript, _ = load("markdown-heading-speakers")
    assert [t.speaker for t in transcript.turns] == ["dana-whitfield", "omar-haddad"] * 2
    assert [t.section for t in transcript.turns] == [REMARKS, REMARKS, QA, QA]
    assert by_name(transcript)["Dana Whitfield"].title == "Chief Executive Officer"


def test_html_transcript_keeps_the_text_and_drops_scripts():
    transcript, _ = load("html-transcript")
    assert transcript.title == "Marsh v. Delgado, oral argument"
    assert [t.speaker for t in transcript.turns] == ["chief-justice-hale", "ms-okafor", "justice-price", "ms-okafor"]
    assert transcript.turns[1].paragraphs == (
        "Mr. Chief Justice, and may it please the Court: the statute says “any person” & means it.",
    )
    assert transcript.turns[3].directions == (1,)
    assert "not text" not in spoken(transcript) and "margin" not in spoken(transcript)


# Encodings ----------------------------------------------------------------------------------------

def test_windows_1252_is_detected_and_said():
    transcript, report = load("windows-1252")
    assert transcript.turns[0].paragraphs[0] == "It’s a good quarter: revenue rose to €412 million – a record, and “margins” held."
    assert "source.encoding" in report.codes()


def test_utf16_with_bom_and_its_front_matter():
    transcript, _ = load("utf-16")
    assert transcript.title == "UTF-16 call" and transcript.turns[0].paragraphs == ("Welcome — to the “call”.",)


def test_mojibake_is_repaired_with_an_info_diagnostic():
    transcript, report = load("mojibake")
    assert transcript.turns[0].paragraphs == ("It’s been a good year for Crédit lines.",)
    [diagnostic] = [d for d in report.diagnostics if d.code == "source.mojibake"]
    assert diagnostic.level == "info" and diagnostic.line == 3


def test_crlf_line_ends_keep_line_numbers_and_exchanges():
    transcript, _ = load("crlf")
    assert transcript.turns[0].line == 5 and transcript.turns[0].paragraphs == ("Revenue grew 18%.",)
    assert [e.questioner for e in transcript.exchanges] == ["priya-raman"]


def test_an_unknown_layout_is_published_as_paragraphs_with_a_warning():
    transcript, report = load("unknown-layout")
    assert "layout.unknown" in report.codes()
    assert len(transcript.turns[0].paragraphs) == 3


def test_title_from_the_file_name_is_said(tmp_path):
    transcript, report = loaded_from(tmp_path / "2025-02-05-board-call.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hi.\n")
    assert transcript.date == "2025-02-05"
    assert [d.message for d in report.diagnostics if d.code == "meta.inferred"] == [
        "no title in the front matter or the file; '2025 02 05 Board Call' taken from the file name",
        "date 2025-02-05 taken from the file name",
    ]


# Conservation -------------------------------------------------------------------------------------

# What each sample says, by hand: these words must reach the page in order.
SPOKEN = {
    "streetevents": "Good afternoon, and welcome to the Northwind Robotics Fourth Quarter Earnings Conference Call. "
    "(Operator Instructions) I would now like to turn the conference over to Dana Whitfield. You may begin. "
    "Thank you. Revenue grew 18% to $412 million, and our warehouse robots now run in 140 sites. Margins were "
    "held back by the move of our Ohio line, which we finished in November. (Operator Instructions) Our first "
    "question comes from Priya Raman with Crédit Suisse. Omar, on gross margin -- how much of the 240 basis "
    "points was the Ohio move, and how much was pricing? About two thirds was the move. Pricing held vis-à-vis "
    "last year. This concludes today's conference call. You may now disconnect.",
    "motley-fool": "Good afternoon and welcome to the Northwind Robotics fourth-quarter call. [Operator instructions] "
    "Thank you. Revenue grew 18% to $412 million. [Operator instructions] Our first question comes from Priya "
    "Raman with Credit Suisse. Please go ahead. How much of the margin decline was the Ohio move? About two "
    "thirds. [Operator signoff]",
    "court": "We'll hear argument next in Case 24-118, Marsh versus Delgado. Ms. Okafor. Mr. Chief Justice, and "
    'may it please the Court: The statute says "any person," and the court of appeals read in a limit that is '
    "not there. Counsel, what do you do with the 1998 amendment? It confirms our reading, Justice Price. It "
    'added -- It added the word "knowingly." -- one word, yes, and only one. (Laughter.) Thank you, counsel. '
    "The case is submitted. (Whereupon, at 11:02 a.m., the case in the above-entitled matter was submitted.)",
    "podcast-vtt": "Welcome back to Shop Floor, the show about robots at work. Today I am talking with Priya Raman. "
    "Thanks, Dana. Happy to be here & ready to argue. Mostly about margins, I suspect.",
    "podcast-srt": "Welcome back to Shop Floor, the show about robots at work. Today I am talking with Priya Raman. "
    "Thanks, Dana.",
    "podcast-json": "Welcome back to Shop Floor, the show about robots at work. Today I am talking with Priya "
    "Raman. Thanks, Dana.",
    "otter": "Welcome back to Shop Floor, the show about robots at work. Today I am talking with Priya Raman. "
    "Thanks, Dana. Happy to be here. Yeah.",
}
# What must never be spoken: participant lists, disclaimers, caption timing and cue numbers, labels.
NEVER_SPOKEN = {
    "streetevents": ["PARTICIPANTS", "CEO & Director", "Senior Analyst", "PRESENTATION", "QUESTIONS AND ANSWERS"],
    "streetevents-header-disclaimer": ["PARTICIPANTS", "Disclaimer", "material errors", "EVENT DATE", "[1]", "===="],
    "motley-fool": ["Call participants", "Duration", "41 minutes", "-- Analyst", "Chief Executive Officer",
                    "Prepared Remarks", "Earnings Call Transcript"],
    "podcast-vtt": ["-->", "00:00", "WEBVTT", "<v", "Priya Raman:"],
    "vtt-without-closing-tags": ["-->", "00:00", "WEBVTT", "NOTE", "align:start", "<v", "Kind:"],
    "podcast-srt": ["-->", "00:00", "Dana Whitfield:"],
    "srt-name-on-first-cue": ["-->", "00:00", "<i>", "MS. ROY:"],
    "podcast-json": ["startTime", "segments", "4.2", "speaker"],
    "podcast-json-one-word-segments": ["startTime", "segments", "speaker"],
    "otter": ["0:00", "0:05", "Speaker 2", "Unknown Speaker"],
    "otter-split-sentence": ["0:04", "1:02:03", "Speaker 2"],
    "html-transcript": ["<p", "MsoNormal", "var x", "margin: 0", "&amp;", "&nbsp;"],
}


@pytest.mark.parametrize("case", sorted(SPOKEN))
def test_every_word_of_a_sample_reaches_its_page_in_order(case):
    transcript, _ = load(case)
    found = " ".join(p for paragraphs in page_turns(transcript).values() for p in paragraphs).split()
    ok, missing = words_in_order(SPOKEN[case].split(), found)
    assert ok, f"{missing!r} is missing from the page"
    assert found == SPOKEN[case].split()  # and nothing else is spoken


@pytest.mark.parametrize("case", sorted(NEVER_SPOKEN))
def test_lists_disclaimers_and_timings_are_never_speech(case):
    transcript, _ = load(case)
    page = " ".join(p for paragraphs in page_turns(transcript).values() for p in paragraphs)
    for text in NEVER_SPOKEN[case]:
        assert text not in page, f"{text!r} is spoken on the page"


CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.*"))


@pytest.mark.parametrize("case", CASES)
def test_the_page_says_exactly_the_clean_text_of_every_turn(case):
    transcript, _ = load(case)
    turns = page_turns(transcript)
    for turn in transcript.turns:
        assert turns[turn.id] == list(turn.paragraphs)


@pytest.mark.parametrize("case", CASES)
def test_the_json_export_of_every_fixture_keeps_the_published_schema(case):
    exported = json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8"))
    assert exported["schema"] == "onrecord.transcript/1"
    for turn in exported["turns"]:
        assert {"id", "speaker", "label", "section", "exchange", "paragraphs", "marks", "line"} <= set(turn)
