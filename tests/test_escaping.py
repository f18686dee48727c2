"""Escaping: any clean text renders to itself, through Python-Markdown as MkDocs runs it and through
markdown-it-py (CommonMark), whatever markup it holds."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mkdocs.utils.yaml import get_yaml_loader

from onrecord.clean import normalise_space
from onrecord.escape import html_text, markdown_text

from .conftest import ROOT

# The Markdown extensions exactly as the site configures them.
_MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())  # noqa: S506 (knows !ENV)
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _MKDOCS["markdown_extensions"]]
EXTENSION_CONFIGS = {next(iter(e)): next(iter(e.values())) for e in _MKDOCS["markdown_extensions"] if isinstance(e, dict)}

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "*", "**", "_", "__", "#", "{#x}", "{: .cls}",
    "\\", "\\\\", "1.", "1)", "-", "+", "* ", "> ", "`", "```", "~~~", "[a](javascript:x)", "![i](x)", "[TOC]",
    "&amp;", "&lt;", "&#60;", "&copy;", "<!--", "-->", "</div>", '<div markdown="1">', "|", "---", "===",
    "<http://x.y>", "<a@b.c>", "\\$", "$", "%", "^", "[^1]", "~~", "==", ":", "   ", "\t", "    code",
]

texts = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)),
    max_size=12,
).map(lambda parts: normalise_space(" ".join(parts) if len(parts) % 2 else "".join(parts)))


class _Text(HTMLParser):
    """The text a reader sees, and every tag the HTML holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def python_markdown(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("<script>alert(1)</script> *bold* _it_ # {#x} \\ 1. - x")
@example("1. first")
@example("- item")
@example("# heading #")
@example("~~~")
def test_any_text_renders_to_itself_as_a_paragraph(text):
    page = parse_html(python_markdown(markdown_text(text)))
    assert "".join(page.text).strip() == text
    assert set(page.tags) <= {"p"}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_renders_to_itself_inside_a_turn_block(text):
    source = f'<div class="turn" id="t1" markdown>\n\n{markdown_text(text)}\n\n</div>\n'
    page = parse_html(python_markdown(source))
    assert "".join(page.text).strip() == text
    assert set(page.tags) <= {"div", "p"}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_renders_to_itself_in_a_heading_with_an_id(text):
    page = parse_html(python_markdown(f"### Q1 · {markdown_text(text)} {{: #q1 }}\n"))
    assert "".join(page.text).strip() == f"Q1 · {text}".strip() + "#"  # toc's permalink "#"
    assert set(page.tags) <= {"h3", "a"}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_renders_to_itself_in_commonmark_too(text):
    page = parse_html(MarkdownIt("commonmark").render(markdown_text(text)))
    assert "".join(page.text).strip() == text
    assert set(page.tags) <= {"p"}


@settings(max_examples=300, deadline=None)
@given(texts)
@example('<script>alert(1)</script> " \' &amp; <div markdown="1"> *x* {: .who }')
def test_any_text_renders_to_itself_as_html_in_a_turn_inside_a_markdown_section(text):
    source = (f'<section class="exchange" markdown>\n\n### Q1 {{: #q1 }}\n\n'
              f'<div class="turn" id="t1">\n<p>{html_text(text)}</p>\n</div>\n\n</section>\n')
    page = parse_html(python_markdown(source))
    assert "".join(page.text).replace("Q1#", "", 1).strip() == text
    assert page.tags == ["section", "h3", "a", "div", "p"]


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_any_text_renders_to_itself_in_a_quoted_attribute(text, other):
    parser = _Attributes()
    parser.feed(f'<a href="#t1" aria-label="{html_text(text)}" data-x=\'{html_text(other)}\'>x</a>')
    assert parser.attrs == [("href", "#t1"), ("aria-label", text), ("data-x", other)]


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attrs.extend(attrs)
