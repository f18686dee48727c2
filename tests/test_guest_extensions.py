"""A guest site's own Markdown extensions (`smarty`, `pymdownx.smartsymbols`) change the guest's pages, never
what was said: a generated page is data, so a turn's straight quotes, `--` and `...` reach it as spoken.

Turns are written as HTML (turn_html), as are the one-line `markdown="span"` elements span_html takes; the
rest of a generated page (headings, Markdown list items such as the participants and the speaker index) is
still Markdown the guest's extensions read: the names there are the known gap (the last test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .pagetext import turn_text

BIN = Path(sys.executable).parent
EXTENSIONS = ["smarty", "pymdownx.smartsymbols"]
HOME = "# Our handbook\n\nThe team's \"own\" page -- with dashes... (c) 2024.\n"
CALL = """---
title: Northwind Q1 call
date: 2024-05-02
---
Operator

Welcome to the call.

Dana O'Brien - Northwind - CEO

We said "grow" -- and we didn't stop... It's "done" (c) 2024 --> next.

Omar Haddad - Big Bank - Analyst

Can you say 'more' about the plan?

Dana O'Brien - Northwind - CEO

Yes -- "more" is coming.
"""
# What smarty and smartsymbols write for ' " -- ... (c) -->, as HTML entities or as characters.
_TYPESET = re.compile("&[lr][sd]quo;|&[nm]dash;|&hellip;|&copy;|&rarr;|[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a9\u2192]")


@pytest.fixture(scope="module")
def guest_site(tmp_path_factory) -> tuple[Path, Path]:
    """(the project's transcript file, its built site): a guest's MkDocs site with typographic extensions."""
    project = tmp_path_factory.mktemp("smarty")
    docs = project / "docs"
    (docs / "transcripts").mkdir(parents=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    call = docs / "transcripts" / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    config = {"site_name": "Handbook", "theme": {"name": "mkdocs"}, "markdown_extensions": EXTENSIONS,
              "plugins": ["search", "onrecord"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    done = subprocess.run([str(BIN / "onrecord"), "build", "--strict"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return call, project / "site"


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_a_guests_typographic_extensions_change_its_own_pages(guest_site):
    _, site = guest_site
    home = _html(site, "")
    assert "The team&rsquo;s &ldquo;own&rdquo; page &ndash; with dashes&hellip; &copy; 2024." in home


def test_a_guests_typographic_extensions_leave_every_turn_as_spoken(guest_site):
    call, site = guest_site
    transcript = load_transcript(call, Report())
    turns, _ = turn_text(_html(site, "transcripts/call"))
    spoken = {turn.id: list(turn.paragraphs) for turn in transcript.turns}
    assert turns == spoken
    assert spoken["t2"] == ["We said \"grow\" -- and we didn't stop... It's \"done\" (c) 2024 --> next."]


def test_a_guests_typographic_extensions_leave_a_speakers_turns_as_spoken(guest_site):
    _, site = guest_site
    page = _html(site, "speakers/dana-o-brien")
    excerpts = re.findall(r'<li><a class="turn-ref"[^>]*>t\d+</a> (.*?)</li>', page)
    assert excerpts == ["We said &#34;grow&#34; -- and we didn&#39;t stop... It&#39;s &#34;done&#34; (c) 2024 --&gt; next.",
                        "Yes -- &#34;more&#34; is coming."]


@pytest.mark.xfail(strict=True, reason="headings and Markdown list items of generated pages are read by "
                   "the guest's extensions: `Dana O’Brien` there, `Dana O'Brien` on her turns (for the lead)")
def test_a_guests_typographic_extensions_leave_names_on_generated_pages_as_written(guest_site):
    _, site = guest_site
    for page in ("transcripts/call", "speakers", "speakers/dana-o-brien"):
        main = _html(site, page).split('role="main"', 1)[-1]
        assert not _TYPESET.findall(main), page
