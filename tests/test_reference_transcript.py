"""The reference transcript, quirk by quirk: each test names the quirk it proves is handled."""

from __future__ import annotations

import re

from onrecord.diagnostics import INFO, WARNING, Report
from onrecord.model import COMPANY, MODERATOR, QA, QUESTIONER, REMARKS
from onrecord.pipeline import load_transcript

from .conftest import REFERENCE, write_transcript

SHARED_CORPUS = REFERENCE.parent.parent.parent.parent / "shared" / "corpus" / "tesla-2015-q3.txt"
OPERATOR = "tesla-2015-q3-operator"  # a placeholder: someone of this call, so an id of this call


def by_id(transcript):
    return {turn.id: turn for turn in transcript.turns}


def test_body_is_the_reference_file_byte_for_byte():
    published = REFERENCE.read_bytes()
    body = published.split(b"\n---\n", 1)[1]
    if SHARED_CORPUS.exists():
        assert body == SHARED_CORPUS.read_bytes()
    assert body.startswith(b"I just wanted to note") and body.endswith(b"over the long-term.")


def test_reference_has_181_turns_and_only_the_first_is_unattributed(reference):
    transcript, _ = reference
    assert len(transcript.turns) == 181
    assert transcript.turns[0].speaker is None and transcript.turns[0].label is None
    assert all(turn.speaker for turn in transcript.turns[1:])
    assert [t.id for t in transcript.turns[:3]] == ["t1", "t2", "t3"]


def test_reference_has_20_named_speakers_counting_the_operator(reference):
    transcript, _ = reference
    assert len(transcript.speakers) == 20
    assert OPERATOR in {s.id for s in transcript.speakers}


def test_question_and_answer_line_separates_4_turns_of_prepared_remarks_from_the_qa(reference):
    transcript, _ = reference
    remarks = [t for t in transcript.turns if t.section == REMARKS]
    assert len(remarks) == 4
    assert [s.id for s in transcript.sections] == ["remarks", "qa"]
    assert all(t.section == QA for t in transcript.turns[4:])
    assert not any("Question-and-Answer Session" in p for t in transcript.turns for p in t.paragraphs)


def test_speaker_line_with_title_or_firm_after_a_spaced_hyphen(reference):
    transcript, _ = reference
    turn = by_id(transcript)["t2"]
    assert turn.speaker == "deepak-ahuja"
    assert turn.label == "Deepak Ahuja - Chief Financial Officer"
    assert turn.line == 11  # the speaker line's line in the published file (front matter included)


def test_hyphen_inside_a_title_is_not_a_speaker_separator(reference):
    transcript, _ = reference
    evanson = transcript.speaker("jeffrey-k-evanson")
    assert evanson.name == "Jeffrey K. Evanson"
    assert evanson.title == "Vice President-Investor Relations"


def test_spoken_text_ending_in_a_hyphen_is_not_a_speaker_line(reference):
    transcript, _ = reference
    cut_off = [t for t in transcript.turns if "Our next question comes from -" in t.paragraphs]
    assert len(cut_off) == 1 and cut_off[0].speaker == OPERATOR
    assert by_id(transcript)[f"t{int(cut_off[0].id[1:]) + 1}"].speaker == "elon-reeve-musk"


def test_text_before_the_first_speaker_is_kept_as_an_unattributed_turn_with_a_warning(tmp_path):
    body = SHARED_CORPUS.read_text() if SHARED_CORPUS.exists() else REFERENCE.read_text().split("\n---\n", 1)[1]
    path = write_transcript(tmp_path, "call.txt", "---\ntitle: Call\n---\n" + body)
    report = Report(root=tmp_path)
    transcript = load_transcript(path, report)
    assert transcript.turns[0].paragraphs[0].startswith("I just wanted to note that we've made two")
    missing = [d for d in report.diagnostics if d.code == "speaker.missing"]
    assert [(d.level, d.line, d.path) for d in missing] == [(WARNING, 4, "transcripts/call.txt")]


def test_acknowledged_warning_is_reported_at_info_level(reference):
    _, report = reference
    missing = [d for d in report.diagnostics if d.code == "speaker.missing"]
    assert len(missing) == 1 and missing[0].level == INFO and missing[0].acknowledged
    assert report.at_least(WARNING) == []


def test_paragraphs_broken_mid_sentence_by_page_breaks_are_joined(reference):
    transcript, report = reference
    joins = [d for d in report.diagnostics if d.code == "clean.page_break"]
    assert len(joins) == 7
    text = {p for t in transcript.turns for p in t.paragraphs}
    assert any("the most we could possibly make in 2016, we've already sold out" in p for p in text)
    assert any("Is it realistic? I mean, are you worried" in p for p in text)
    assert any("Overall, clearly, we'll provide fuller guidance" in p for p in text)
    # no paragraph is left starting in lower case after one that did not close its sentence
    for turn in transcript.turns:
        for before, after in zip(turn.paragraphs, turn.paragraphs[1:]):
            assert not (re.search(r"[^.?!…:;\"”’')\]]$", before) and re.match(r"[a-z0-9]", after))


def test_escaped_dollar_is_cleaned_to_a_dollar(reference):
    transcript, _ = reference
    text = " ".join(p for t in transcript.turns for p in t.paragraphs)
    assert "\\$" not in text
    assert "targeted $3 billion to $5 billion by 2017?" in text
    assert "no more than $5,000 greater than the price of Model S" in text


def test_markup_in_a_speaker_line_is_removed_so_one_person_stays_one_speaker(reference):
    transcript, _ = reference
    galves = [t for t in transcript.turns if t.speaker == "daniel-v-galves"]
    labels = {t.label for t in galves}
    assert "Daniel V. Galves - Credit Suisse Securities (<u>USA</u>) LLC (Broker)" in labels
    assert len(labels) == 2 and len(galves) == 4
    assert transcript.speaker("daniel-v-galves").organisation == "Credit Suisse Securities (USA) LLC (Broker)"


def test_time_marks_become_marks_in_the_model_not_raw_text(reference):
    transcript, _ = reference
    turns = by_id(transcript)
    assert not any(re.search(r"\(\d+:\d\d\)", p) for t in transcript.turns for p in t.paragraphs)
    question = turns["t6"]
    assert [(m.label, m.seconds) for m in question.marks] == [("4:28", 268)]
    assert question.paragraphs[0][question.marks[0].offset :].startswith(" Signature Series")
    leading = next(t for t in transcript.turns if t.marks and t.marks[0].label == "14:41")
    assert leading.paragraphs == ("question.",) and leading.marks[0].offset == 0
    assert sum(len(t.marks) for t in transcript.turns) == 16


def test_15_exchanges_each_begun_by_the_operator_introducing_a_questioner(reference):
    transcript, _ = reference
    assert [e.id for e in transcript.exchanges] == [f"q{n}" for n in range(1, 16)]
    questioners = [e.questioner for e in transcript.exchanges]
    assert questioners[:3] == ["colin-michael-langan", "jamie-albertine", "adam-michael-jonas"]
    assert questioners[-1] == "ben-j-kallo" and len(set(questioners)) == 15
    turns = by_id(transcript)
    for exchange in transcript.exchanges:
        first, second = turns[exchange.turns[0]], turns[exchange.turns[1]]
        assert first.speaker == OPERATOR and second.speaker == exchange.questioner
    assert all(t.exchange for t in transcript.turns if t.section == QA)


def test_introduction_cut_off_before_anyone_is_introduced_begins_no_exchange(reference):
    transcript, _ = reference
    cut_off = next(t for t in transcript.turns if "Our next question comes from -" in t.paragraphs)
    answer = by_id(transcript)[f"t{int(cut_off.id[1:]) + 1}"]
    assert cut_off.exchange == answer.exchange == "q3"  # Adam Jonas's exchange goes on
    assert next(e for e in transcript.exchanges if e.id == "q4").questioner == "joseph-r-spak"


def test_roles_tell_executives_analysts_and_the_operator_apart(reference):
    transcript, _ = reference
    roles = {s.id: s.role for s in transcript.speakers}
    assert roles[OPERATOR] == MODERATOR
    assert {k for k, v in roles.items() if v == COMPANY} == {
        "elon-reeve-musk", "deepak-ahuja", "jeffrey-k-evanson", "jeffrey-b-straubel"
    }
    assert sum(v == QUESTIONER for v in roles.values()) == 15
    musk = transcript.speaker("elon-reeve-musk")
    assert (musk.organisation, musk.title) == ("Tesla Motors", "Chairman & Chief Executive Officer")
    langan = transcript.speaker("colin-michael-langan")
    assert (langan.organisation, langan.title) == ("UBS Securities LLC", None)


def test_front_matter_gives_title_date_and_meta(reference):
    transcript, _ = reference
    assert transcript.slug == "tesla-2015-q3"
    assert transcript.title == "Tesla Motors Q3 2015 Earnings Call"
    assert transcript.date == "2015-11-03"
    assert transcript.meta["ticker"] == "TSLA" and transcript.meta["company"] == "Tesla Motors"
