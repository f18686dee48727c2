"""No silent loss: each shape of input that once lost words or gave them to a speaker keeps them as speech.

Every case is a small file in the shape that lost words (issue 17); the test reads it as a publisher's
build would and checks, word for word, that what was said is spoken on the page, by the right person.
"""

from __future__ import annotations

from collections import Counter

from onrecord.audit import lost_words, words_of
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript


def read(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_transcript(path, Report())


def spoken(transcript) -> list[str]:
    return [w for t in transcript.turns for i, p in enumerate(t.paragraphs) if i not in t.directions for w in words_of(p)]


def said_by(transcript, words: str) -> str | None:
    """The name of whoever's turn holds these words as speech."""
    for turn in transcript.turns:
        if words in " ".join(p for i, p in enumerate(turn.paragraphs) if i not in turn.directions):
            return transcript.speaker(turn.speaker).name if turn.speaker else None
    raise AssertionError(f"{words!r} is not spoken")


def assert_all_spoken(transcript, said: str) -> None:
    missing = Counter(words_of(said)) - Counter(spoken(transcript))
    assert not missing, f"not spoken: {dict(missing)}"
    assert not lost_words(transcript), f"lost: {dict(lost_words(transcript))}"


# ---- all-caps court lines ------------------------------------------------------------------------

COURT = """THE COURT: Counsel, proceed.
MR. JONES: Where were you on the night of May 5?
MS. DOE: At home.
MR. SMITH: I OBJECT TO THAT QUESTION.
THE COURT: Overruled.
MS. DOE: No.
I WILL NOT ANSWER THAT.
YOUR HONOR, THIS IS IMPROPER.
MR. JONES: Nothing further.
MS. DOE: I SAID NOTHING MORE ABOUT IT AT ALL.
"""


def test_an_all_caps_sentence_in_a_court_turn_is_spoken_not_a_heading(tmp_path):
    transcript = read(tmp_path, "court.txt", COURT)
    assert_all_spoken(transcript, "I OBJECT TO THAT QUESTION. I WILL NOT ANSWER THAT. YOUR HONOR, THIS IS IMPROPER.")
    assert said_by(transcript, "I OBJECT TO THAT QUESTION.") == "Mr. Smith"
    assert said_by(transcript, "I WILL NOT ANSWER THAT.") == "MS. DOE"
    assert said_by(transcript, "I SAID NOTHING MORE ABOUT IT AT ALL.") == "MS. DOE"  # the last line too
    assert not [s for s in transcript.sections if s.id.startswith("part")]


def test_a_heading_on_two_lines_is_one_heading_and_an_argument_heading_still_heads(tmp_path):
    transcript = read(tmp_path, "court.txt", "ORAL ARGUMENT OF ADA OKAFOR\nON BEHALF OF THE PETITIONER\n"
                      "MS. OKAFOR: May it please the Court.\nJUSTICE PRICE: Go on.\n"
                      "REBUTTAL ARGUMENT OF ADA OKAFOR, ESQ.\nMS. OKAFOR: Briefly.\n")
    assert [s.title for s in transcript.sections] == [
        "Oral Argument of Ada Okafor on Behalf of the Petitioner", "Rebuttal Argument of Ada Okafor, Esq."]
    assert not lost_words(transcript)


def test_a_line_in_capitals_that_ends_the_file_is_kept_as_the_last_words(tmp_path):
    transcript = read(tmp_path, "court.txt", "MS. OKAFOR: May it please the Court.\nJUSTICE PRICE: Thank you.\n"
                      "THE CASE IS SUBMITTED\n")
    assert said_by(transcript, "THE CASE IS SUBMITTED") == "Justice Price"
    assert not lost_words(transcript)


# ---- dashes that are not speaker lines -----------------------------------------------------------

MOTLEY_FOOL_OLD = """Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript

Prepared Remarks:

Operator

Good afternoon and welcome.

Dana Whitfield -- Chief Executive Officer

Thank you. Revenue grew 18%.

So we think -- and I have said this before -- margins will grow.

Yes -- and I'd add -- Europe too.

Questions & Answers:

Priya Raman -- Credit Suisse -- Analyst

How much was the Ohio move?
"""


def test_a_motley_fool_paragraph_with_two_dashes_is_speech_not_a_speaker(tmp_path):
    transcript = read(tmp_path, "fool.txt", MOTLEY_FOOL_OLD)
    assert transcript.layout.reader == "motleyfool"
    assert said_by(transcript, "So we think -- and I have said this before -- margins will grow.") == "Dana Whitfield"
    assert said_by(transcript, "Yes -- and I'd add -- Europe too.") == "Dana Whitfield"
    assert [s.name for s in transcript.speakers] == ["Operator", "Dana Whitfield", "Priya Raman"]


def test_an_arabic_or_hebrew_line_with_a_dash_is_speech_not_a_speaker(tmp_path):
    # Letters without case are not capitals: neither line is `Name - Title`.
    transcript = read(tmp_path, "call.txt", "Dana Whitfield - Chief Executive Officer\n\nWelcome, everyone.\n\n"
                      "مرحبا بكم جميعا - شكرا لكم\n\nשלום לכולם - תודה רבה\n\n"
                      "Omar Haddad - Chief Financial Officer\n\nCosts fell.\n")
    assert said_by(transcript, "مرحبا بكم جميعا - شكرا لكم") == "Dana Whitfield"
    assert said_by(transcript, "שלום לכולם - תודה רבה") == "Dana Whitfield"
    assert [s.name for s in transcript.speakers] == ["Dana Whitfield", "Omar Haddad"]


def test_a_capitalised_name_in_any_cased_script_is_still_a_speaker_line(tmp_path):
    transcript = read(tmp_path, "call.txt", "Élodie Ødegaard - Directrice financière\n\nBonjour.\n\n"
                      "Дмитрий Иванов - Аналитик\n\nСпасибо.\n\nOperator\n\nThank you.\n")
    assert [s.name for s in transcript.speakers][:2] == ["Élodie Ødegaard", "Дмитрий Иванов"]


def test_a_firm_that_begins_in_lower_case_still_makes_a_speaker_line(tmp_path):
    # eBay, iRobot, bluebird bio: a firm's name may begin in lower case; a sentence after a name stays speech.
    transcript = read(tmp_path, "call.txt", "Dana Whitfield - Chief Executive Officer\n\nWelcome.\n\n"
                      "Operator\n\nOur next question comes from John Style.\n\n"
                      "John Style - javascript Capital LLC\n\nHow much was pricing?\n\n"
                      "Jane Doe - eBay Inc.\n\nAnd Europe?\n\n"
                      "Lee Chen - bluebird bio, Inc. - Analyst\n\nAnd Asia?\n\n"
                      "Dana Whitfield - Chief Executive Officer\n\nA third.\n\n"
                      "Revenue Growth - fell.\n\nDana Whitfield - yes, and we grew in Europe.\n")
    assert said_by(transcript, "How much was pricing?") == "John Style"
    assert said_by(transcript, "And Europe?") == "Jane Doe"
    assert said_by(transcript, "And Asia?") == "Lee Chen"
    assert transcript.speaker("jane-doe").organisation == "eBay Inc."
    assert said_by(transcript, "Revenue Growth - fell.") == "Dana Whitfield"
    assert said_by(transcript, "Dana Whitfield - yes, and we grew in Europe.") == "Dana Whitfield"


# ---- captions ------------------------------------------------------------------------------------


def test_webvtt_cues_without_milliseconds_are_read_with_their_times(tmp_path):
    transcript = read(tmp_path, "talk.vtt", "WEBVTT\n\n00:01 --> 00:04\n<v Dana>Hello there, everyone.\n\n"
                      "00:04 --> 00:08\n<v Omar>Thanks, Dana.\n\n01:00:08 --> 01:00:10\n<v Dana>Sure thing.\n")
    assert_all_spoken(transcript, "Hello there, everyone. Thanks, Dana. Sure thing.")
    assert [(t.marks[0].seconds, said_by(transcript, t.paragraphs[0])) for t in transcript.turns] == [
        (1, "Dana"), (4, "Omar"), (3608, "Dana")]


def test_a_webvtt_file_of_cues_without_timing_lines_keeps_every_word(tmp_path):
    report = Report()
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT\n\n1\n<v Dana>Hello there, everyone.\n\n2\n<v Omar>Thanks, Dana.\n", encoding="utf-8")
    transcript = load_transcript(path, report)
    assert_all_spoken(transcript, "Hello there, everyone. Thanks, Dana.")
    assert [said_by(transcript, "Hello there"), said_by(transcript, "Thanks")] == ["Dana", "Omar"]
    assert "layout.malformed" in report.codes()  # said, with the line of the first such cue


def test_a_webvtt_cue_without_a_timing_line_between_timed_ones_keeps_its_place(tmp_path):
    transcript = read(tmp_path, "talk.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>Hello there.\n\n"
                      "<v Omar>Thanks, Dana.\n\n00:00:08.000 --> 00:00:10.000\n<v Dana>Sure thing.\n")
    assert [t.paragraphs for t in transcript.turns] == [("Hello there.",), ("Thanks, Dana.",), ("Sure thing.",)]


def test_angle_brackets_in_caption_text_are_words_not_tags(tmp_path):
    vtt = read(tmp_path, "talk.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
               "<v Dana>If x < y and y > z, then <i>x</i> < z; 3<4 and 5>2.\n")
    assert vtt.turns[0].paragraphs == ("If x < y and y > z, then x < z; 3<4 and 5>2.",)
    srt = read(tmp_path, "talk.srt", "1\n00:00:01,000 --> 00:00:04,000\n"
               'Dana Whitfield: If x < y and y > z, <font color="#ff0">then</font> x < z.\n')
    assert srt.turns[0].paragraphs == ("If x < y and y > z, then x < z.",)


# ---- documents -----------------------------------------------------------------------------------


def test_html_with_its_head_left_open_keeps_every_word_after_it(tmp_path):
    body = "<p><b>DANA WHITFIELD</b>: Revenue grew.</p>\n<p><b>OMAR HADDAD</b>: Costs fell.</p>\n"
    for page in (f"<html><head><title>Hearing</title>\n<body>\n{body}</body></html>",
                 f"<!doctype html><html><head><meta charset=utf-8><title>Hearing</title>{body}",
                 f"<html><head><title>Hearing</title>Opening words.\n{body}"):
        transcript = read(tmp_path, "hearing.html", page)
        assert said_by(transcript, "Revenue grew.") == "Dana Whitfield"
        assert said_by(transcript, "Costs fell.") == "Omar Haddad"
        assert not lost_words(transcript) - Counter(words_of("Hearing"))  # the title is the page's title


def test_html_with_a_script_or_style_left_open_keeps_every_word_after_it(tmp_path):
    body = "<p><b>DANA WHITFIELD</b>: Revenue grew.</p>\n<p><b>OMAR HADDAD</b>: Costs fell.</p>\n"
    for opened in ("<script>var x = 1;", "<STYLE type=text/css>p { color: red }", "<script src=a.js></script><script>"):
        path = tmp_path / "hearing.html"
        path.write_text(f"<html><body>\n<p><b>DANA WHITFIELD</b>: Welcome. {opened}\n{body}</body></html>", encoding="utf-8")
        report = Report()
        transcript = load_transcript(path, report)
        assert said_by(transcript, "Revenue grew.") == "Dana Whitfield", opened
        assert said_by(transcript, "Costs fell.") == "Omar Haddad"
        assert [(d.line, d.code) for d in report.diagnostics if d.code == "layout.unclosed"] == [(2, "layout.unclosed")]


def test_html_with_its_scripts_closed_reports_nothing_unclosed_and_leaves_them_out(tmp_path):
    path = tmp_path / "hearing.html"
    path.write_text("<html><head><script>var secret = 1;</script></head><body><style>p {}</style>\n"
                    "<p><b>DANA WHITFIELD</b>: Revenue grew.</p>\n<p><b>OMAR HADDAD</b>: Costs fell.</p></body></html>",
                    encoding="utf-8")
    report = Report()
    transcript = load_transcript(path, report)
    assert "secret" not in spoken(transcript)
    assert not [d for d in report.diagnostics if d.code == "layout.unclosed"]


def test_ten_nested_list_markers_in_markdown_keep_the_rest_of_the_file(tmp_path):
    talk = "\n\n**Omar Haddad:** Costs fell.\n\n**Dana Whitfield:** Thanks.\n"
    for nest in ("- " * 10 + "item", "1. " * 12 + "item", "> " * 30 + "item", "- " * 5000 + "item",
                 "".join("  " * depth + "- item\n" for depth in range(40))):
        transcript = read(tmp_path, "talk.md", "**Dana Whitfield:** Revenue grew.\n\n" + nest + talk)
        assert said_by(transcript, "Costs fell.") == "Omar Haddad", nest[:20]
        assert said_by(transcript, "Thanks.") == "Dana Whitfield"
        assert "item" in spoken(transcript)


# ---- Podcast JSON times that are no numbers --------------------------------------------------------


def test_podcast_json_times_of_nan_or_infinity_are_no_times_and_every_speaker_keeps_their_words(tmp_path):
    # Python's json reads NaN, Infinity and 1e400 as floats; a time of NaN crashed the reader, and the whole
    # file was published as paragraphs of nobody's.
    text = ('{"version": "1.0.0", "segments": [\n'
            '{"speaker": "Dana Whitfield", "startTime": NaN, "endTime": Infinity, "body": "Hello there."},\n'
            '{"speaker": "Omar Haddad", "startTime": 1e400, "endTime": -Infinity, "body": "Bye now."},\n'
            '{"speaker": "Dana Whitfield", "startTime": 4.0, "endTime": 5.0, "body": "Later words."}]}\n')
    (tmp_path / "show.json").write_text(text, encoding="utf-8")
    report = Report()
    transcript = load_transcript(tmp_path / "show.json", report)
    assert said_by(transcript, "Hello there.") == "Dana Whitfield"
    assert said_by(transcript, "Bye now.") == "Omar Haddad"
    assert said_by(transcript, "Later words.") == "Dana Whitfield"
    assert "reader.bug" not in {d.code for d in report.diagnostics}
