"""A built site's downloads are complete and as small as their purpose: the whole export in each format,
share pages of preview tags and a redirect, feeds that say what a speaker or topic has in a call."""

from __future__ import annotations

import functools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import exports
from onrecord.diagnostics import Report
from onrecord.export import dumps
from onrecord.pipeline import generate_with_corpus, load_transcript

from .conftest import FIXTURES, REFERENCE
from .test_publishing import ATOM, SITE_URL, build

pytestmark = pytest.mark.slow
TIMED = FIXTURES / "podcast-vtt" / "input.vtt"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The reference transcript and a timed podcast, built with a site_url."""
    content = tmp_path_factory.mktemp("content")
    (content / "transcripts").mkdir()
    shutil.copy(REFERENCE, content / "transcripts")
    shutil.copy(TIMED, content / "transcripts" / "podcast-vtt.vtt")
    built = tmp_path_factory.mktemp("site")
    build(built, content, site_url=SITE_URL)
    return built, content


@pytest.fixture(scope="module")
def corpus(site):
    """The transcripts as the build saw them, topics included."""
    return generate_with_corpus(site[1], Report())[0]


@pytest.mark.parametrize("slug", ["tesla-2015-q3", "podcast-vtt"])
def test_site_transcript_json_is_the_whole_export_without_indentation(site, corpus, slug):
    transcript = next(t for t in corpus.transcripts if t.slug == slug)
    download = (site[0] / "transcripts" / slug / "transcript.json").read_text(encoding="utf-8")
    assert json.loads(download) == json.loads(dumps(transcript))  # what `onrecord export` prints, every field
    assert download.count("\n") == 1 and download.startswith('{"schema":"onrecord.transcript/1","slug":')


def test_each_format_a_timed_transcript_offers_is_downloadable_as_the_export_writes_it(site, corpus):
    transcript = next(t for t in corpus.transcripts if t.slug == "podcast-vtt")
    folder = site[0] / "transcripts" / transcript.slug
    offered = exports.offered(transcript)
    assert [f.name for f in offered] == ["vtt", "srt", "podcast", "akn"]
    for export in offered:
        assert (folder / export.filename).read_text(encoding="utf-8") == export.write(transcript), export.name
    segments = json.loads((folder / "transcript.podcast.json").read_text(encoding="utf-8"))["segments"]
    assert sum(len(t.paragraphs) for t in transcript.turns) == len(segments)


def test_akoma_ntoso_download_holds_every_paragraph_of_every_turn(site):
    transcript = load_transcript(REFERENCE, Report())
    root = ET.parse(site[0] / "transcripts" / transcript.slug / "transcript.akn.xml").getroot()
    speeches = root.iter(f"{{{exports.AKN}}}speech")
    said = {s.get("eId"): ["".join(p.itertext()) for p in s.findall(f"{{{exports.AKN}}}p")] for s in speeches}
    assert said == {t.id: list(t.paragraphs) for t in transcript.turns}


# Any text XML can hold: no control characters but tab and line feed, and no carriage return, which XML reads
# back as a line feed; markup's own characters often.
XML_TEXT = st.one_of(st.text("&<>\"'\t\n ;#aé€", max_size=20),
                    st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"), max_size=30))


@functools.cache
def _reference():
    return load_transcript(REFERENCE, Report())


@settings(max_examples=60, deadline=None)
@given(title=XML_TEXT, name=XML_TEXT, paragraphs=st.lists(XML_TEXT, min_size=1, max_size=3), direction=st.booleans())
def test_akoma_ntoso_holds_any_title_name_and_paragraph_exactly(title, name, paragraphs, direction):
    # The export is written as text: each value escaped by hand must still read back as it was.
    transcript = _reference()
    index, turn = next((i, t) for i, t in enumerate(transcript.turns) if t.speaker)
    turns = list(transcript.turns)
    turns[index] = replace(turn, paragraphs=tuple(paragraphs), directions=(0,) if direction else ())
    speakers = tuple(replace(s, name=name) if s.id == turn.speaker else s for s in transcript.speakers)
    root = ET.fromstring(exports.akoma_ntoso(replace(transcript, title=title, speakers=speakers, turns=tuple(turns))))
    akn = f"{{{exports.AKN}}}"
    assert (root.find(f".//{akn}docTitle").text or "") == title
    assert [p.get("showAs") for p in root.iter(f"{akn}TLCPerson")] == [s.name for s in speakers]
    speech = root.findall(f".//{akn}speech")[index]
    assert speech.get("eId") == turn.id and (speech.find(f"{akn}from").text or "") == name
    assert ["".join(p.itertext()) for p in speech.findall(f"{akn}p")] == paragraphs
    assert (speech.find(f".//{akn}remark") is not None) == direction


def test_share_page_is_its_preview_tags_and_a_redirect(site):
    html = (site[0] / "transcripts" / "tesla-2015-q3" / "q9" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<meta (?:property|name|http-equiv)="([^"]+)"', html)
    assert tags == ["robots", "og:site_name", "og:type", "og:title", "og:description", "og:url", "twitter:card",
                    "refresh"]
    assert f'<link rel="canonical" href="{SITE_URL}transcripts/tesla-2015-q3/#q9">' in html
    assert html.count("<a ") == 1 and 'href="../#q9"' in html and "<script" not in html


def test_a_topic_feed_entry_says_which_questions_are_about_it_not_every_participant(site):
    root = ET.parse(site[0] / "topics" / "gross-margin" / "feed.xml").getroot()
    summary = root.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert summary.startswith("Gross margin in Q1 Colin Michael Langan") and summary.endswith(". Tesla Motors")
    assert "Participants:" not in summary
    whole = ET.parse(site[0] / "feed.xml").getroot().find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert "Participants: " in whole and "Questions: Q1 " in whole  # the site's feed still describes the call


def test_a_speaker_feed_entry_says_what_they_said_in_the_call(site):
    root = ET.parse(site[0] / "speakers" / "elon-reeve-musk" / "feed.xml").getroot()
    summary = root.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert re.fullmatch(r"Elon Reeve Musk: \d+ turns\. Tesla Motors", summary)
