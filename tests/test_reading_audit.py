"""How well a file was read: words counted from the source, where they went, and readings that look wrong."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from click.testing import CliRunner

from onrecord.audit import lost_words, measure, source_words, warn, words_of
from onrecord.cli import main
from onrecord.diagnostics import Report
from onrecord.model import Note
from onrecord.pipeline import load_transcript

from .conftest import CONTENT, REFERENCE, write_transcript

CALL = (
    "Alice Smith - Chief Executive Officer\n\nWelcome, everyone.\n\nQuestion-and-Answer Session\n\n"
    "Alice Smith - Chief Executive Officer\n\nWe grew revenue by a third this quarter, and I am proud of it.\n\n"
    "Operator\n\nOur next question comes from Bob Jones with UBS.\n\n"
    "Bob Jones - UBS\n\nHow did you grow it so fast?\n\n"
    "Alice Smith - Chief Executive Officer\n\nWe sold more robots to more people than ever before.\n"
)


def _load(tmp_path, text, name="call.txt"):
    path = write_transcript(tmp_path, name, text)
    report = Report()
    return load_transcript(path, report), report


def test_source_words_set_aside_markup_link_addresses_and_time_stamps(tmp_path):
    path = write_transcript(tmp_path, "x.md", "**Emma** 0:00\nSee [our notes](https://example.org/notes) <b>now</b>.\n")
    source = load_transcript(path, Report()).source
    assert sorted(source_words(source).elements()) == ["emma", "notes", "now", "our", "see"]


def test_words_inside_a_tagged_word_stay_one_word(tmp_path):
    path = write_transcript(tmp_path, "x.htm", "<p>MR. SMITH: Emissions of CO<sub>2</sub> fell.</p><p>MS. LEE: Good.</p>")
    assert "co2" in source_words(load_transcript(path, Report()).source)


def test_the_reference_transcript_keeps_every_word(reference):
    transcript, _ = reference
    reading = transcript.reading
    assert reading.kept > 0.999 and reading.speech / reading.words > 0.85
    assert reading.turns == 181 and reading.exchanges == 15 and reading.speakers == 20


def test_words_a_reader_drops_are_counted_as_missing(tmp_path):
    transcript, _ = _load(tmp_path, CALL)
    dropped = replace(transcript, turns=transcript.turns[:-1])
    assert measure(dropped).kept < measure(transcript).kept
    assert {"robots", "sold", "ever"} <= set(lost_words(dropped))


def test_a_header_repeated_where_one_turn_carries_on_is_not_a_lost_word(tmp_path):
    text = "".join(f"**Emma** 0:{i:02d}\nAnd then I said a thing{' that was cut' if i % 2 else '.'}\n\n" for i in range(12))
    transcript, _ = _load(tmp_path, text.replace("**Emma** 0:05", "**Kelly** 0:05"), name="show.md")
    assert len(transcript.turns) < 12  # headers of one speaker in a row are one turn
    assert transcript.reading.kept == 1.0, lost_words(transcript)


def test_words_moved_to_notes_count_as_notes_not_speech(tmp_path):
    transcript, _ = _load(tmp_path, CALL)
    last = transcript.turns[-1]
    moved = replace(transcript, turns=transcript.turns[:-1], notes=(Note("Summary", last.paragraphs),))
    before, after = measure(transcript), measure(moved)
    assert after.kept == before.kept
    assert after.notes > 0 and after.speech < before.speech


def test_most_of_a_file_in_notes_is_a_warning(tmp_path):
    transcript, _ = _load(tmp_path, CALL + "\n" + "Alice Smith - Chief Executive Officer\n\n" + "More words we said. " * 80)
    talk = transcript.turns
    in_notes = replace(transcript, turns=talk[:1], notes=(Note("About this transcript", tuple(p for t in talk[1:] for p in t.paragraphs)),))
    report = Report()
    warn(in_notes, measure(in_notes), report)
    assert "reading.notes" in report.codes()


def test_a_lost_share_of_words_is_a_warning_naming_how_many(tmp_path):
    transcript, _ = _load(tmp_path, CALL + "\nAlice Smith - Chief Executive Officer\n\n" + "And we hired many new people. " * 10)
    report = Report()
    cut = replace(transcript, turns=transcript.turns[:-1])
    warn(cut, measure(cut), report)
    lost = [d for d in report.diagnostics if d.code == "reading.lost"]
    assert lost and re.match(r"(\d+) of the file's words \(4\d\.\d%\)", lost[0].message)
    assert 55 <= int(lost[0].message.split()[0]) <= 60


def test_a_turn_far_longer_than_the_others_is_a_warning(tmp_path):
    text = "".join(f"Speaker {i % 2 + 1}  0:{i:02d}\nShort turn number {i}.\n\n" for i in range(20))
    text += "Speaker 1  1:00\n" + "on and on " * 1300 + "\n"
    transcript, report = _load(tmp_path, text)
    assert "reading.long_turn" in report.codes()


def _said(transcript, index, paragraphs):
    turns = list(transcript.turns)
    turns[index] = replace(turns[index], paragraphs=paragraphs)
    return replace(transcript, turns=tuple(turns))


def test_a_paragraph_joined_from_many_lines_is_a_warning_but_one_the_source_has_is_not(tmp_path):
    sentence = "we kept on talking about the quarter "
    wrapped = "Alice Smith - Chief Executive Officer\n\n" + "\n".join([sentence] * 150) + "\n\nBob Jones - UBS\n\nWhy?\n"
    _, report = _load(tmp_path, wrapped)
    assert "reading.long_paragraph" in report.codes()
    one_line = "Alice Smith - Chief Executive Officer\n\n" + sentence * 150 + "\n\nBob Jones - UBS\n\nWhy?\n"
    _, report = _load(tmp_path, one_line)
    assert "reading.long_paragraph" not in report.codes()


def test_a_speaker_label_left_inside_speech_is_a_warning(tmp_path):
    text = "Emma  0:00\nHello, welcome to the show.\n\nKelly  0:05\nThanks for having me.\n\nEmma  0:40\nSure.\n"
    transcript, report = _load(tmp_path, text)
    assert "reading.label_in_speech" not in report.codes()
    for said in ("Thanks for having me. Emma [36:21] Oh! Interesting!", "Thanks. **Emma** 36:21 Oh!",
                 "Thanks for having me. Emma: Oh, interesting."):
        report = Report()
        unsplit = _said(transcript, 1, (said,))
        warn(unsplit, measure(unsplit), report)
        assert "reading.label_in_speech" in report.codes(), said


def test_a_bold_label_without_a_colon_or_time_left_inside_speech_is_a_warning(tmp_path):
    # The check looks only at paragraphs holding a `:` or `**`: this label has the bold markers alone.
    text = "Emma  0:00\nHello, welcome to the show.\n\nKelly  0:05\nThanks for having me.\n\nEmma  0:40\nSure.\n"
    transcript, _ = _load(tmp_path, text)
    report = Report()
    unsplit = _said(transcript, 1, ("Thanks for having me. **Emma** Oh, interesting.",))
    warn(unsplit, measure(unsplit), report)
    assert "reading.label_in_speech" in report.codes()


def test_a_congressional_label_left_inside_speech_is_a_warning(tmp_path):
    transcript, _ = _load(tmp_path, CALL)
    report = Report()
    unsplit = _said(transcript, 1, ("I yield back. Mr. DEUTSCH. Madam Speaker, I rise today.",))
    warn(unsplit, measure(unsplit), report)
    assert "reading.label_in_speech" in report.codes()


def test_a_name_said_in_passing_is_no_label(tmp_path):
    transcript, _ = _load(tmp_path, CALL)
    report = Report()
    said = _said(transcript, 1, ("Thanks, Bob Jones, for the question about margins.",))
    warn(said, measure(said), report)
    assert "reading.label_in_speech" not in report.codes()


def test_a_glossary_term_read_as_a_speaker_is_a_warning(tmp_path):
    text = ("Cheryl Beranek: Thank you all. We had a good year and I want to thank our team.\n"
            "Daniel Herzog: Thanks, Cheryl. Our revenue rose and we are confident.\n"
            "Cheryl Beranek: We will keep growing.\n"
            "Daniel Herzog: Indeed we will.\n"
            "AI PC: A personal computer with dedicated hardware for running artificial intelligence workloads.\n")
    transcript, report = _load(tmp_path, text)
    found = [d for d in report.diagnostics if d.code == "reading.term_as_speaker"]
    assert [d.message.split("'")[1] for d in found] == ["AI PC"]


def test_an_introduction_of_someone_who_never_speaks_is_a_warning(tmp_path):
    merged = CALL.replace("Bob Jones - UBS\n\n", "")
    _, report = _load(tmp_path, merged)
    found = [d for d in report.diagnostics if d.code == "reading.introduced_silent"]
    assert found and found[0].message.startswith("Bob Jones is introduced") and found[0].line == 11


def test_a_colleague_asking_for_the_one_introduced_is_no_warning(tmp_path):
    stand_in = CALL.replace("Bob Jones - UBS\n\nHow", "Carla Diaz - UBS\n\nIt's Carla on for Bob. How")
    _, report = _load(tmp_path, stand_in)
    assert "reading.introduced_silent" not in report.codes()


def test_people_with_one_short_turn_are_not_taken_for_terms(tmp_path):
    _, report = _load(tmp_path, CALL)
    assert not [d for d in report.diagnostics if d.code.startswith("reading.")]


def test_check_prints_a_line_per_file_with_layout_reason_and_where_the_words_went(tmp_path):
    write_transcript(tmp_path, "call.txt", CALL)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    header, row = result.stdout.strip().split("\n")
    columns = dict(zip(header.split("\t"), row.split("\t")))
    assert columns["file"].endswith("transcripts/call.txt")
    assert columns["layout"] == "blocks" and "recognised by its layout" in columns["why"]
    assert (columns["speakers"], columns["turns"], columns["exchanges"]) == ("3", "5", "1")
    assert columns["missing"] == "0.0%" and float(columns["speech"].rstrip("%")) > 50


def test_check_no_summary_prints_no_table(tmp_path):
    write_transcript(tmp_path, "call.txt", CALL)
    assert CliRunner().invoke(main, ["check", str(tmp_path), "--no-summary"]).stdout == ""


def test_content_check_still_passes_strict():
    result = CliRunner().invoke(main, ["check", str(CONTENT), "--strict"])
    assert result.exit_code == 0 and REFERENCE.name in result.stdout


def _cues(texts: list[str], vtt: bool = False) -> str:
    """Caption cues two seconds apart, one text each (SRT's counters and commas, or WebVTT's header)."""
    mark = "." if vtt else ","
    clock = lambda s: f"00:{s // 60:02}:{s % 60:02}{mark}000"  # noqa: E731
    cues = "".join(("" if vtt else f"{i + 1}\n") + f"{clock(i * 2)} --> {clock(i * 2 + 2)}\n{text}\n\n"
                   for i, text in enumerate(texts))
    return ("WEBVTT\n\n" if vtt else "") + cues


# Each speaker named on every cue, as broadcast captions do: three cues, one turn of three labels.
LABELLED = [f"{name}: {said}" for name, lines in (
    ("DANA WHITFIELD", ["Revenue grew in the quarter.", "Our robots shipped to new sites.", "Margins held."]),
    ("OMAR HADDAD", ["How many sites opened?", "And at what cost?", "Thank you."]),
    ("DANA WHITFIELD", ["Twelve sites opened.", "Dana Whitfield thanks every one of them.", "At a low cost."]),
    ("OMAR HADDAD", ["Great to hear.", "One more question.", "What about next year?"]),
) for said in lines]


def test_a_speaker_label_repeated_on_every_srt_cue_is_no_lost_word(tmp_path):
    transcript, report = _load(tmp_path, _cues(LABELLED * 3), name="show.srt")
    assert len(transcript.turns) == 12  # three cues of one speaker are one turn with one label
    assert transcript.reading.kept == 1.0, lost_words(transcript)
    assert "reading.lost" not in report.codes()


def test_a_speaker_label_repeated_on_every_webvtt_cue_is_no_lost_word(tmp_path):
    transcript, report = _load(tmp_path, _cues(LABELLED * 3, vtt=True), name="show.vtt")
    assert len(transcript.turns) == 12
    assert transcript.reading.kept == 1.0, lost_words(transcript)
    voices = [text.replace("DANA WHITFIELD: ", "<v Dana Whitfield>").replace("OMAR HADDAD: ", "<v Omar Haddad>")
              for text in LABELLED * 3]
    transcript, _ = _load(tmp_path, _cues(voices, vtt=True), name="voices.vtt")
    assert len(transcript.turns) == 12 and transcript.reading.kept == 1.0, lost_words(transcript)


def test_cue_text_no_turn_has_is_still_lost_when_its_labels_are_set_aside(tmp_path):
    # Dana's second turn: two labelled cues, and two that carry on unlabelled but open with her name.
    said = ["Twelve sites opened.", "Dana Whitfield Robotics built them.", "Dana Whitfield Robotics runs them.",
            "At a low cost."]
    cues = LABELLED[:6] + [f"DANA WHITFIELD: {said[0]}", *said[1:3], f"DANA WHITFIELD: {said[3]}"] + LABELLED[9:]
    transcript, _ = _load(tmp_path, _cues(cues), name="show.srt")
    assert transcript.reading.kept == 1.0, lost_words(transcript)
    dropped = replace(transcript, turns=transcript.turns[:2] + transcript.turns[3:])
    # Its labels are furniture; every word after them is lost, and so is a name that only opens a line's
    # speech (less once: the name is on the page as a participant's).
    assert lost_words(dropped) == Counter(words_of(" ".join(said))) - Counter(words_of("Dana Whitfield"))
    report = Report()
    warn(dropped, measure(dropped), report)
    lost = [d for d in report.diagnostics if d.code == "reading.lost"]
    assert lost and lost[0].message.startswith(f"{len(words_of(' '.join(said))) - 2} of the file's words")


def test_a_podcast_json_files_version_is_no_word_of_its_talk(tmp_path):
    text = ('{"version": "1.0.0", "segments": [{"speaker": "Dana", "startTime": 0, "endTime": 2, "body": "We grew."},'
            ' {"speaker": "Omar", "startTime": 2, "endTime": 4, "body": "How?"}]}')
    transcript, _ = _load(tmp_path, text, name="show.json")
    assert sorted(source_words(transcript.source).elements()) == ["dana", "grew", "how", "omar", "we"]
    assert transcript.reading.kept == 1.0, lost_words(transcript)


def test_a_shorter_label_still_counts_where_a_longer_ones_words_open_its_line(tmp_path):
    # `DANA: Whitfield grew` opens with the words of `DANA WHITFIELD:` but is written as `DANA:`.
    texts = ["DANA WHITFIELD: Hello there.", "DANA WHITFIELD: Welcome all.", "OMAR HADDAD: Thanks.",
             *(f"DANA: Whitfield grew {n} times." for n in range(6)), "OMAR HADDAD: Good."]
    transcript, report = _load(tmp_path, _cues(texts), name="show.srt")
    assert [turn.label for turn in transcript.turns] == ["DANA WHITFIELD:", "OMAR HADDAD:", "DANA:", "OMAR HADDAD:"]
    assert transcript.reading.kept == 1.0, lost_words(transcript)
