"""Turns and the long lists of speaker and topic pages written as HTML, the HTML Python-Markdown made of
them before: raw HTML it passes through unparsed.

A turn is most of every transcript page. As Markdown in a `<div markdown>` wrapper it cost Python-
Markdown's md_in_html, its block parser and every inline pattern, over every paragraph; as HTML it
costs one pass of the HTML parser. The text goes through `escape.html_text`, so a browser shows it as
it was said and nothing in it can become markup; every other value is escaped as the templates escape theirs.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from markupsafe import Markup

from . import templating
from .anchors import edition
from .escape import html_text
from .feeds import page_path
from .model import Transcript
from .pages import transcript_page
from .relpaths import relpath
from .word_markup import paragraphs_html


def _finalize(value) -> str:
    """Every value a template prints goes through html_text, unless Python made it HTML already."""
    if value is None:
        return ""
    return value if isinstance(value, Markup) else html_text(str(value))


# _finalize is the escaping, as pages.py's is for Markdown. Jinja's autoescape ran markupsafe's escape over
# each value after it, and _finalize had to make a Markup of every one for that escape to leave it alone.
_ENV = templating.environment(autoescape=False, finalize=_finalize)


@lru_cache(maxsize=65536)  # every turn links its speaker's page: the same few pairs again and again
def page_url(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The link MkDocs would write for a Markdown link between two pages: raw HTML is not rewritten.
    From `transcripts/x/index.md` to `speakers/y.md`: `../../speakers/y/` (or `../../speakers/y.html`)."""
    here, there = page_path(from_page, directory_urls), page_path(to_page, directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    relative = relpath(there or ".", folder or ".")
    if not there or there.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def html_href(from_page: str, href: str, directory_urls: bool = True) -> str:
    """A relative `.md` link of `from_page` (`../../topics/x.md`, `../y/index.md?v=2#q3`) as the URL MkDocs
    would write for it, for the same link in HTML."""
    target, hash_mark, anchor = href.partition("#")
    target, question_mark, query = target.partition("?")
    page = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), target)) if target else from_page
    return page_url(from_page, page, directory_urls) + question_mark + query + hash_mark + anchor


def render_html(name: str, **context) -> Markup:
    """An HTML fragment from one of the `.html.j2` templates, every value escaped."""
    return Markup(_template(name).render(**context))


_template = lru_cache(maxsize=None)(_ENV.get_template)  # once per name, as pages.render_template


def anchor_url(from_page: str, transcript: Transcript, anchor: str, directory_urls: bool = True) -> str:
    """pages.anchor_link as the URL MkDocs would write: the edition it means (`?v=2`) once anchors moved."""
    current = edition(transcript)
    version = f"?v={current}" if current > 1 else ""
    return f"{page_url(from_page, transcript_page(transcript.slug), directory_urls)}{version}#{anchor}"


def turn_html(view) -> Markup:
    """One turn (a render.TurnView) as HTML: who speaks, then what they said.

    Written here rather than by a template: a page has hundreds of turns, and a Jinja macro call per turn,
    with its attribute lookups and an escape per value, was a fifth of rendering. Every value is escaped
    as the templates escape theirs (`_finalize`)."""
    turn, speaker = view.turn, view.speaker
    turn_id = _finalize(turn.id)
    permalink = f'<a class="permalink" href="#{turn_id}" aria-label="Link to turn {turn_id}">#</a>'
    if speaker:
        name = _finalize(speaker.name)
        who = (f'<a class="speaker" href="{_finalize(view.speaker_href)}">{name}</a>' if view.speaker_href
               else f'<span class="speaker">{name}</span>')
        affiliation = speaker.title or speaker.organisation
        if view.introduces and affiliation:
            who += f' <span class="affiliation">{_finalize(affiliation)}</span>'
        opening = f'<div class="turn role-{_finalize(speaker.role)}" id="{turn_id}" data-speaker="{_finalize(speaker.id)}">'
        lines = [opening, f'<p class="who">{who} {permalink}</p>']
    else:
        lines = [f'<div class="turn role-unattributed" id="{turn_id}" data-speaker="">',
                 f'<p class="who"><span class="speaker unattributed">Speaker not named</span> {permalink}</p>']
    directions, paragraph_ids = turn.directions, view.paragraph_ids
    for index, paragraph in enumerate(paragraphs_html(turn, view.timed)):
        if index in directions:
            lines.append(f'<p class="direction">{paragraph}</p>')
        elif index in paragraph_ids:
            lines.append(f'<p id="{_finalize(paragraph_ids[index])}">{paragraph}</p>')
        else:
            lines.append(f"<p>{paragraph}</p>")
    lines.append("</div>")
    return Markup("\n".join(lines))
