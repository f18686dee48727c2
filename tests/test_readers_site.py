"""A site built from a content folder holding one transcript of every layout: strict, and nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .conftest import ROOT, every_layout
from .pagetext import turn_text

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def every_layout_site(tmp_path_factory):
    content = every_layout(tmp_path_factory.mktemp("content"))
    site = content.parent / "site"
    result = subprocess.run(
        [str(BIN / "onrecord"), "build", "--strict", "--content", str(content), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
    )
    return content, site, result


@pytest.mark.slow
def test_a_site_of_every_layout_builds_strict_with_no_warning(every_layout_site):
    _, _, result = every_layout_site
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.slow
def test_every_layout_gets_a_page_whose_turns_say_the_clean_text(every_layout_site):
    content, site, _ = every_layout_site
    for path in sorted((content / "transcripts").iterdir()):
        transcript = load_transcript(path, Report())
        html = (site / "transcripts" / transcript.slug / "index.html").read_text(encoding="utf-8")
        turns, _ = turn_text(html)
        for turn in transcript.turns:
            assert turns[turn.id] == list(turn.paragraphs), (path.name, turn.id)


@pytest.mark.slow
def test_notes_are_on_the_page_apart_from_the_turns(every_layout_site):
    _, site, _ = every_layout_site
    html = (site / "transcripts" / "streetevents-header-disclaimer" / "index.html").read_text(encoding="utf-8")
    notes = html[html.index('id="notes"'):]
    assert "material errors" in notes and "material errors" not in html[: html.index('id="notes"')]
    turns, _ = turn_text(html)
    assert not any("material errors" in p for paragraphs in turns.values() for p in paragraphs)


def test_an_encoding_warning_can_be_acknowledged_in_the_front_matter(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"---\nacknowledge: [source.encoding]\n---\nAlice Smith - Chief Executive Officer\n\nIt\x92s fine.\n")
    report = Report()
    transcript = load_transcript(path, report)
    assert transcript.turns[0].paragraphs == ("It’s fine.",)
    [diagnostic] = [d for d in report.diagnostics if d.code == "source.encoding"]
    assert diagnostic.level == "info" and diagnostic.acknowledged
