"""Whole sites, built for real: `mkdocs build --strict` of content/, and a hostile content folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .browser.conftest import build_site
from .conftest import REFERENCE, ROOT, content_with
from .pagetext import turn_text

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """content/ built by plain `mkdocs build --strict`, as a publisher's CI would."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
    )
    return site, result


def test_mkdocs_build_strict_of_content_passes_with_no_warning(built):
    site, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr


def test_site_has_every_page_and_download(built):
    site, _ = built
    page = site / "transcripts" / "tesla-2015-q3"
    assert (page / "index.html").is_file()
    assert (page / "tesla-2015-q3.txt").read_bytes() == REFERENCE.read_bytes()
    exported = json.loads((page / "transcript.json").read_text())
    assert exported["schema"] == "onrecord.transcript/1" and len(exported["turns"]) == 181
    assert (site / "speakers" / "index.html").is_file()
    assert (site / "speakers" / "elon-reeve-musk" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "transcripts" / "tesla-2015-q3.txt").exists()  # content files are not copied raw
    home = (site / "index.html").read_text()
    assert 'href="transcripts/tesla-2015-q3/"' in home and "Tesla Motors Q3 2015 Earnings Call" in home


def test_rendered_text_of_each_turn_equals_its_clean_text(built):
    site, _ = built
    transcript = load_transcript(REFERENCE, Report())
    turns, marks = turn_text((site / "transcripts" / "tesla-2015-q3" / "index.html").read_text())
    assert list(turns) == [t.id for t in transcript.turns]
    for turn in transcript.turns:
        assert turns[turn.id] == list(turn.paragraphs), turn.id
        assert marks[turn.id] == [m.label for m in turn.marks]


def test_exchanges_are_headings_with_their_anchor_and_title(built):
    site, _ = built
    html = (site / "transcripts" / "tesla-2015-q3" / "index.html").read_text()
    headings = re.findall(r'<h3 id="(q\d+)">(.*?)<a class="headerlink"', html)
    assert [h[0] for h in headings] == [f"q{n}" for n in range(1, 16)]
    assert headings[8][1] == "Q9 · Andrea Susan James, Dougherty &amp; Co. LLC"
    for anchor in ("participants", "remarks", "qa", "t1", "t42", "t181"):
        assert f'id="{anchor}"' in html


def test_speaker_page_lists_each_of_their_turns_with_a_deep_link(built):
    site, _ = built
    html = (site / "speakers" / "deepak-ahuja" / "index.html").read_text()
    links = re.findall(r'href="\.\./\.\./transcripts/tesla-2015-q3/#(t\d+)"', html)
    transcript = load_transcript(REFERENCE, Report())
    assert links == [t.id for t in transcript.turns if t.speaker == "deepak-ahuja"]
    index = (site / "speakers" / "index.html").read_text()
    assert index.count('href="elon-reeve-musk/"') == 1 and ">Executives (4)<" in index and ">Analysts (15)<" in index


HOSTILE = """---
title: "<script>alert('title')</script> *Call* & {#x}"
date: 2020-01-02
company: "<b onmouseover=alert(1)>Evil</b> Corp"
---
<script>alert('before')</script>

Alice <u>Smith</u> - Chief <img src=x onerror=alert(1)> Officer

<script>alert(1)</script> and <iframe src="javascript:alert(2)"></iframe> and **bold** _it_ `code`

# not a heading {#fake .cls onclick=alert(3)}

1. not a list

- not a list either

[a link](javascript:alert(4)) ![img](x) <http://auto.link> &amp; &copy; \\$5 {: .injected }

Bob Jones - Big Bank LLC

<!-- comment --> </div></div><div markdown="1">*escaped?*</div> [TOC] ---

Operator

Our next question comes from the line of Carol Dyke with Other Bank. Your line is now open.

Carol Dyke - Other Bank LLC

<style>body{display:none}</style> {: #t1 } <a href="#" onclick="x()">click</a>
"""


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside_main = 0
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside_main += 1
        elif self.inside_main:
            self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside_main -= 1


def test_transcript_full_of_html_script_and_markdown_builds_into_plain_text(tmp_path):
    content = content_with(tmp_path, **{"hostile.txt": HOSTILE})
    site = build_site(content, tmp_path / "site", strict=False)
    html = (site / "transcripts" / "hostile" / "index.html").read_text()
    parser = _Tags()
    parser.feed(html)
    tags = {tag for tag, _ in parser.found}
    assert not tags & {"script", "iframe", "img", "style", "b", "strong", "em", "code", "ol", "h1x"}
    assert not tags & {"h4", "h5", "h6"}
    for tag, attrs in parser.found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not str(attrs.get("href", "")).startswith("javascript:"), (tag, attrs)
    assert "fake" not in {attrs.get("id") for _, attrs in parser.found}
    assert "injected" not in " ".join(attrs.get("class") or "" for _, attrs in parser.found)

    transcript = load_transcript(content / "transcripts" / "hostile.txt", Report())
    turns, _ = turn_text(html)
    for turn in transcript.turns:
        assert turns[turn.id] == list(turn.paragraphs)
    assert "<script>alert(1)</script> and <iframe" in turns["t2"][0]
    assert transcript.speaker("alice-smith").name == "Alice Smith"
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert "<" not in title and "alert(" in title
    h1 = re.search(r"<h1[^>]*>(.*?)<a", html).group(1)
    assert h1 == "&lt;script&gt;alert('title')&lt;/script&gt; *Call* &amp; {#x}"


def test_an_archive_of_arguments_from_1952_builds_with_its_dates(tmp_path):
    """gzip cannot stamp sitemap.xml.gz before 1970; the site still builds and the page keeps its date."""
    content = content_with(tmp_path, **{"briggs.txt": "---\ndate: 1952-12-09\n---\nMR. MARSHALL: May it please the "
                                        "Court.\nJUSTICE FRANKFURTER: Go on.\nMR. MARSHALL: Thank you.\n"})
    site = build_site(content, tmp_path / "site", strict=False)
    assert (site / "sitemap.xml.gz").is_file()
    assert "9 December 1952" in (site / "transcripts" / "briggs" / "index.html").read_text()
