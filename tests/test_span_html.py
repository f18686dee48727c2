"""A generated page's one-line `markdown="span"` elements, written as HTML before Python-Markdown (span_html),
make the page Python-Markdown and MkDocs make of them, byte for byte; anything else is left to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import html_blocks, site
from onrecord.span_html import span_html

ROOT = Path(__file__).resolve().parent.parent


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.suffix in (".html", ".xml", ".json") and "pagefind" not in p.parts}


def test_span_lines_written_here_make_the_site_python_markdown_makes_of_them(tmp_path, monkeypatch):
    written: list[str] = []
    original = html_blocks.span_html

    def noting(line, page, directory_urls=True):
        html = original(line, page, directory_urls)
        written.extend([html] if html else [])
        return html

    monkeypatch.setattr(html_blocks, "span_html", noting)
    site.build(ROOT / "content", tmp_path / "here", cache=False)
    assert len(written) > 20 and any("<a href=" in html for html in written)
    monkeypatch.setattr(html_blocks, "span_html", lambda *_: None)  # every line to Python-Markdown, as before
    site.build(ROOT / "content", tmp_path / "markdown", cache=False)
    here, markdown = _pages(tmp_path / "here"), _pages(tmp_path / "markdown")
    assert here.keys() == markdown.keys() and len(here) > 10
    assert [path for path in here if here[path] != markdown[path]] == []


def test_a_span_line_gets_mkdocs_links_and_attributes_in_the_order_python_markdown_writes_them():
    line = '<nav class="pager" aria-label="Pages" markdown="span">Page 1 of 2: <strong aria-current="page">1</strong> [2](ada/page/2.md)</nav>'
    assert span_html(line, "speakers/ada.md") == (
        '<nav aria-label="Pages" class="pager">Page 1 of 2: <strong aria-current="page">1</strong> <a href="page/2/">2</a></nav>')
    assert span_html('<li markdown="span">[Q3](../transcripts/a/index.md?v=2#q7) &amp; more</li>', "topics/x.md", False) == (
        '<li><a href="../transcripts/a/index.html?v=2#q7">Q3</a> &amp; more</li>')


@pytest.mark.parametrize("line", [
    '<li markdown="span">*said* with emphasis</li>',
    '<li markdown="span">a \\*literal\\* star</li>',
    '<li markdown="span">`code`</li>',
    '<li markdown="span">AT&T bare</li>',
    '<li markdown="span">[a](b.md "a title")</li>',
    '<li markdown="span">[data](b.json)</li>',
    '<li markdown="span">[a *b*](b.md)</li>',
    '<li markdown="span">1 > 0</li>',
    '<li markdown="span"><a href="x">raw link</a></li>',
    '<li markdown="span">![image](i.md)</li>',
    '<div hidden="hidden" markdown="span">text</div>',
    '<li markdown="span">two</li> <li markdown="span">on a line</li>',
])
def test_a_span_line_with_anything_python_markdown_would_read_is_left_to_it(line):
    assert span_html(line, "topics/x.md") is None
