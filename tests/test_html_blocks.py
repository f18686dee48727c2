"""The raw HTML a generated page holds is kept out of Python-Markdown (html_blocks) and comes back as it would have."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from onrecord import html_blocks
from onrecord.diagnostics import Report
from onrecord.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent


class _Tokens(HTMLParser):
    """The page as tags (attributes sorted) and text (spaces collapsed): what a browser builds from it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))

    def handle_data(self, data):
        if data.strip():
            self.tokens.append(("text", " ".join(data.split())))


def _tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    return parser.tokens


def _convert(text: str) -> str:
    # The extensions mkdocs.yml lists (and the plugin adds under any theme).
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"], extension_configs={"toc": {"permalink": "#"}})
    return md.convert(text)


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


@pytest.fixture(scope="module")
def pages() -> dict:
    return generate(ROOT / "content", Report())


def test_a_transcript_page_converts_to_the_same_html_with_its_blocks_hidden(pages):
    text = _body(pages["transcripts/tesla-2015-q3/index.md"])
    hidden, blocks = html_blocks.hide(text)
    assert len(blocks) > 10 and '<div class="turn' not in hidden and "<section" not in hidden
    assert _tokens(html_blocks.restore(_convert(hidden), blocks)) == _tokens(_convert(text))


@pytest.mark.parametrize("kind", ["speakers/elon-reeve-musk.md", "speakers/index.md", "topics/index.md"])
def test_speaker_and_topic_pages_convert_to_the_same_html_with_their_blocks_hidden(pages, kind):
    text = _body(pages[kind])
    hidden, blocks = html_blocks.hide(text)
    assert _tokens(html_blocks.restore(_convert(hidden), blocks)) == _tokens(_convert(text))


def test_the_headings_between_hidden_wrappers_still_get_their_ids_and_the_outline():
    text = '<section class="exchange" markdown>\n\n### Q1 · Someone {: #q1 }\n\n<div class="turn" id="t1">\n<p>Hi</p>\n</div>\n\n</section>\n'
    md = markdown.Markdown(extensions=["attr_list", "toc"])
    hidden, blocks = html_blocks.hide(text)
    html = html_blocks.restore(md.convert(hidden), blocks)
    assert '<section class="exchange">' in html and '<h3 id="q1">Q1 · Someone</h3>' in html
    assert html.index("<section") < html.index("<h3") < html.index('id="t1"') < html.index("</section>")
    assert [entry["id"] for entry in md.toc_tokens] == ["q1"]


@pytest.mark.parametrize("text", [
    "Some text\n\n</div>\n",  # a wrapper closed that was never opened
    '<section class="x" markdown>\n\nText\n',  # opened and never closed
    '<div class="turn">\n<p>never closed</p>\n',
])
def test_a_page_not_written_as_the_generator_writes_is_left_to_python_markdown_whole(text):
    assert html_blocks.hide(text) == (text, [])


def test_a_placeholder_the_page_already_holds_is_not_taken_for_one_of_ours():
    text = "Writing <!--onrecord-html:0--> by hand\n\n<div class=\"turn\">\n<p>said</p>\n</div>\n"
    hidden, blocks = html_blocks.hide(text)
    html = html_blocks.restore(_convert(hidden), blocks)
    assert "<!--onrecord-html:0-->" in html and html.count("<p>said</p>") == 1


def test_the_ids_of_hidden_blocks_are_given_to_mkdocs_to_check_links_against(pages):
    hidden, blocks = html_blocks.hide(_body(pages["transcripts/tesla-2015-q3/index.md"]))
    ids = html_blocks.anchor_ids(blocks)
    assert {"t1", "t2", "t181"} <= ids and "q1" not in ids  # q1 is a heading's: MkDocs finds it itself


@pytest.mark.parametrize("directory_urls, topic, other", [
    (True, "../../topics/x/", "../b/?v=2#q3"),
    (False, "../../topics/x.html", "../b/index.html?v=2#q3"),
])
def test_a_markdown_link_written_as_html_gets_the_url_mkdocs_would_write(directory_urls, topic, other):
    from onrecord.turn_html import html_href

    here = "transcripts/a/index.md"
    assert html_href(here, "../../topics/x.md", directory_urls) == topic
    assert html_href(here, "../b/index.md?v=2#q3", directory_urls) == other
