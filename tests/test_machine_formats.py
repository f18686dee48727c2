"""Speech recognition JSON and parliamentary XML: chosen by shape, diarisation labels named, hostile input refused."""

from __future__ import annotations

import json

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.readers import asr_json, choose
from onrecord.source import read

from .conftest import FIXTURES

SHAPES = {
    "whisperx-diarised": "Whisper", "whisper-plain": "Whisper", "assemblyai-utterances": "AssemblyAI",
    "deepgram-paragraphs": "Deepgram", "deepgram-words": "Deepgram", "rev-monologues": "Rev.ai",
    "transcribe-speaker-labels": "Amazon Transcribe", "youtube-json3": "YouTube JSON3",
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_each_vendors_json_is_chosen_by_its_shape_not_its_extension(case, tmp_path):
    path = tmp_path / "no-extension"
    path.write_bytes((FIXTURES / case / "input.json").read_bytes())
    source = read(path, Report())
    assert choose(source, Report())[0] == "asr-json"
    assert asr_json.shape_of(json.loads(source.text)).name == SHAPES[case]


def test_podcasting_json_is_still_read_as_podcasting_json():
    source = read(FIXTURES / "podcast-json" / "input.json", Report())
    assert choose(source, Report())[0] == "podcast-json"


def test_front_matter_label_names_a_diarised_speaker_and_gives_the_role():
    report = Report()
    transcript = load_transcript(FIXTURES / "whisperx-diarised" / "input.json", report)
    dana = next(s for s in transcript.speakers if s.name == "Dana Whitfield")
    assert dana.role == "questioner"
    assert transcript.turns[0].label == "SPEAKER_00"
    unnamed = [d.message for d in report.diagnostics if d.code == "speaker.unnamed"]
    assert len(unnamed) == 1 and "SPEAKER_01" in unnamed[0]


def test_unnamed_labels_are_placeholders_of_their_transcript(tmp_path):
    path = tmp_path / "call.json"
    path.write_bytes((FIXTURES / "assemblyai-utterances" / "input.json").read_bytes())
    transcript = load_transcript(path, Report())
    assert [(s.id, s.name) for s in transcript.speakers] == [("call-speaker-a", "Speaker A"), ("call-speaker-b", "Speaker B")]


def test_a_participant_label_the_file_lacks_is_reported(tmp_path):
    path = tmp_path / "call.json"
    body = (FIXTURES / "assemblyai-utterances" / "input.json").read_text()
    path.write_text("---\nparticipants:\n  - {label: C, name: Omar Haddad}\n  - {label: A, name: Dana Whitfield}\n---\n" + body)
    report = Report()
    transcript = load_transcript(path, report)
    assert transcript.speakers[0].name == "Dana Whitfield"
    assert any(d.code == "meta.participants" and "'C'" in d.message for d in report.diagnostics)


def test_a_mistyped_participant_key_gets_did_you_mean(tmp_path):
    path = tmp_path / "call.json"
    body = (FIXTURES / "assemblyai-utterances" / "input.json").read_text()
    path.write_text("---\nparticipants:\n  - {lable: A, name: Dana Whitfield}\n---\n" + body)
    report = Report()
    load_transcript(path, report)
    assert any("label" in d.message and d.code == "meta.key" for d in report.diagnostics)


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_vendor_json_with_wrong_types_is_read_without_a_traceback(case, tmp_path):
    data = json.loads((FIXTURES / case / "input.json").read_text().split("---\n")[-1])

    def spoil(value):  # every number a string of letters, every list a dict, every string a list
        if isinstance(value, dict):
            return {k: spoil(v) for k, v in value.items()}
        if isinstance(value, list):
            return {"0": [spoil(v) for v in value]}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return "NaN"
        return value

    for mutated in (spoil(data), {**data, **{k: None for k in data}}, {k: 7 for k in data}):
        path = tmp_path / "input.json"
        path.write_text(json.dumps(mutated))
        report = Report()
        load_transcript(path, report)
        assert not any(d.code in ("reader.bug", "pipeline.crash") for d in report.diagnostics)


# --- parliamentary XML --------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#a"><seg>&lol3;</seg></u></body></text></TEI>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso><debate><debateBody><speech by="#a"><p>&secret;</p></speech></debateBody></debate></akomaNtoso>
"""


@pytest.mark.parametrize("text", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_is_refused_with_an_error_never_expanded(text, tmp_path):
    path = tmp_path / "hostile.xml"
    path.write_text(text)
    report = Report()
    transcript = load_transcript(path, report)
    assert [d.code for d in report.diagnostics if d.level == "error"] == ["layout.hostile"]
    spoken = " ".join(p for t in transcript.turns for p in t.paragraphs)
    assert "lollol" not in spoken and "root:" not in spoken


@pytest.mark.parametrize("case,reader", [("parlamint-tei", "tei"), ("tei-listperson", "tei"),
                                         ("akoma-ntoso-debate", "akoma-ntoso"),
                                         ("akoma-ntoso-v2-no-namespace", "akoma-ntoso")])
def test_archive_xml_is_chosen_by_its_root_whatever_the_extension(case, reader, tmp_path):
    path = tmp_path / "sitting.txt"
    path.write_bytes((FIXTURES / case / "input.xml").read_bytes())
    assert choose(read(path, Report()), Report())[0] == reader


def test_malformed_xml_is_a_warning_and_its_text_is_kept(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#a"><seg>Revenue grew</seg></u>')
    report = Report()
    transcript = load_transcript(path, report)
    assert any(d.code == "layout.malformed" for d in report.diagnostics)
    assert "Revenue grew" in " ".join(p for t in transcript.turns for p in t.paragraphs)


def test_tei_speakers_come_from_list_person_and_the_chair_is_the_moderator():
    transcript = load_transcript(FIXTURES / "tei-listperson" / "input.xml", Report())
    roles = {s.name: s.role for s in transcript.speakers}
    assert roles == {"Ingrid M. Halvorsen": "moderator", "Kwame Asante": "unknown"}


def test_akoma_ntoso_question_and_answer_give_roles_and_recorded_time_marks():
    transcript = load_transcript(FIXTURES / "akoma-ntoso-debate" / "input.xml", Report())
    roles = {s.name: s.role for s in transcript.speakers}
    assert roles["Lina Chen"] == "questioner" and roles["Owen Grant"] == "company"
    assert [m.label for t in transcript.turns for m in t.marks] == ["14:03:10", "14:04:00"]


def test_speakers_yml_names_a_diarised_placeholder_by_its_id(tmp_path):
    from onrecord.pipeline import load_one

    (tmp_path / "transcripts").mkdir()
    path = tmp_path / "transcripts" / "call.json"
    path.write_bytes((FIXTURES / "assemblyai-utterances" / "input.json").read_bytes())
    (tmp_path / "speakers.yml").write_text(
        "people:\n  - name: Priya Raman\n    aliases: [call-speaker-b]\n    role: company\n", encoding="utf-8")
    transcript = load_one(path, Report())
    by_turn = [transcript.speaker(t.speaker) for t in transcript.turns]
    assert [(s.name, s.role) for s in by_turn] == [("Speaker A", "unknown"), ("Priya Raman", "company")]
