"""Turns and the long lists of speaker and topic pages written as HTML, the HTML Python-Markdown made of
them before: raw HTML it passes through unparsed.

A turn is most of every transcript page. As Markdown in a `<div markdown>` wrapper it cost Python-
Markdown's md_in_html, its block parser and every inline pattern, over every paragraph; as HTML it
costs one pass of the HTML parser. The text goes through `escape.html_text`, so a browser shows it as
it was said and nothing in it can become markup; the template escapes every other value by default.
"""

from __future__ import annotations

import posixpath

import jinja2
from markupsafe import Markup

from .anchors import edition
from .escape import html_text
from .model import Transcript, Turn
from .pages import transcript_page
from .word_markup import timed_html

def _finalize(value):
    """Every value a template prints goes through html_text, unless Python made it HTML already."""
    if value is None:
        return ""
    return value if isinstance(value, Markup) else Markup(html_text(str(value)))


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("onrecord", "templates"),
    autoescape=True,
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def spoken_html(turn: Turn) -> list[Markup]:
    """Each paragraph escaped as HTML, with its time marks set in as small <time> labels where they stood."""
    rendered = []
    for index, text in enumerate(turn.paragraphs):
        pieces, position = [], 0
        for mark in (m for m in turn.marks if m.paragraph == index):
            pieces.append(html_text(text[position : mark.offset]))
            # The space the mark took from the text goes inside the label, so the text itself stays clean.
            label = f" {mark.label}" if mark.offset else f"{mark.label} "
            pieces.append(f'<time class="mark" datetime="PT{mark.seconds}S" data-seconds="{mark.seconds}">'
                          f"{html_text(label)}</time>")
            position = mark.offset
        pieces.append(html_text(text[position:]))
        rendered.append(Markup("".join(pieces)))
    return rendered


def _url(page: str, directory_urls: bool) -> str:
    """Where MkDocs puts a page: `a/b.md` at `a/b/` (or `a/b.html`), `a/index.md` at `a/`."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_url(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The link MkDocs would write for a Markdown link between two pages: raw HTML is not rewritten.
    From `transcripts/x/index.md` to `speakers/y.md`: `../../speakers/y/` (or `../../speakers/y.html`)."""
    here, there = _url(from_page, directory_urls), _url(to_page, directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", folder or ".")
    if not there or there.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def render_html(name: str, **context) -> Markup:
    """An HTML fragment from one of the `.html.j2` templates, every value escaped."""
    return Markup(_ENV.get_template(name).render(**context))


def anchor_url(from_page: str, transcript: Transcript, anchor: str, directory_urls: bool = True) -> str:
    """pages.anchor_link as the URL MkDocs would write: the edition it means (`?v=2`) once anchors moved."""
    current = edition(transcript)
    version = f"?v={current}" if current > 1 else ""
    return f"{page_url(from_page, transcript_page(transcript.slug), directory_urls)}{version}#{anchor}"


def turn_html(view) -> Markup:
    """One turn (a render.TurnView) as HTML."""
    paragraphs = timed_html(view.turn) if view.timed else spoken_html(view.turn)
    return Markup(_ENV.get_template("_turn.html.j2").render(view=view, paragraphs=paragraphs))
