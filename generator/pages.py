"""What every page of the render stage shares: the Markdown template environment (escaping by
default), where pages live, links between them, and the small wordings several pages use."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache
from typing import Any

import markupsafe
import yaml

from . import templating
from .anchors import edition
from .escape import markdown_text
from .model import MODERATOR, Exchange, Speaker, Transcript, Turn, UnreadTurn
from .relpaths import relpath


class Markdown(str):
    """Text that is Markdown already and must be printed as it is."""


def _finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return markdown_text(str(value))


_ENV = templating.environment(
    finalize=_finalize,
    keep_trailing_newline=True,
    autoescape=False,  # the output is Markdown; _finalize is the escaping
)
_ENV.filters["raw"] = Markdown
# Inside a raw HTML block Markdown is not parsed, so text there is escaped as HTML instead.
_ENV.filters["html"] = lambda value: Markdown(markupsafe.escape("" if value is None else value))
# libyaml's emitter where PyYAML has it: the same YAML, at a tenth of the time on every page's front matter.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_ENV.filters["yaml"] = lambda meta: Markdown(yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True).strip())

def render_template(name: str, **context: Any) -> str:
    """A page from one of the templates, through the one environment (escaping included)."""
    return _template(name).render(**context)


# Looked up once per name: Jinja's own lookup (its cache, a lock, a weak reference) ran 23,000 times at N=100.
_template = lru_cache(maxsize=None)(_ENV.get_template)


# Where pages live; links between them are relative `.md` links so MkDocs validates them.
# A speaker or topic with one of these ids would take the place of a list or share its folder:
# speakers/index.md is /speakers/, speakers/page/2.md its second page, speakers/names/ its filter's files.
RESERVED_IDS = frozenset({"index", "page", "names"})


def transcript_page(slug: str) -> str:
    return f"transcripts/{slug}/index.md"


def speaker_page(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def link(from_page: str, to_path: str, anchor: str | None = None) -> Markdown:
    return Markdown(_relative(to_path, posixpath.dirname(from_page) or ".") + (f"#{anchor}" if anchor else ""))


@lru_cache(maxsize=65536)
def _relative(to_path: str, from_folder: str) -> str:
    return relpath(to_path, from_folder)  # a million links at 1,000 transcripts: worth a cache


def anchor_link(from_page: str, transcript: Transcript, anchor: str) -> Markdown:
    """A deep link into a transcript. Once a correction has moved anchors, it names the edition it
    means, so the page does not move it again (see anchors.py)."""
    current = edition(transcript)
    return Markdown(f"{link(from_page, transcript_page(transcript.slug))}{f'?v={current}' if current > 1 else ''}#{anchor}")


def human_date(iso: str | None) -> str | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def exchange_title(transcript: Transcript, exchange: Exchange, answered: bool = False) -> str:
    """ "Q7 · Andrea Susan James, Dougherty & Co. LLC": number, questioner and their firm, the heading the
    outline and search show; with `answered`, who answered too, for a title standing alone (a share page)."""
    questioner = transcript.speaker(exchange.questioner)
    who = questioner.name if questioner else "Unknown questioner"
    firm = f", {questioner.organisation}" if questioner and questioner.organisation else ""
    by = answered_by(transcript, exchange, limit=3) if answered else None
    return f"Q{exchange.id[1:]} · {who}{firm}" + (f", answered by {by}" if by else "")


def answerers(transcript: Transcript, exchange: Exchange) -> list[Speaker]:
    """Who answers: everyone who speaks in the exchange but its questioner and the moderator, in order."""
    found: dict[str, Speaker] = {}
    for turn in transcript.turns_of(exchange):
        speaker = transcript.speaker(turn.speaker)
        if speaker and speaker.id != exchange.questioner and speaker.role != MODERATOR:
            found.setdefault(speaker.id, speaker)
    return list(found.values())


def answered_by(transcript: Transcript, exchange: Exchange, limit: int | None = None) -> str | None:
    """ "Elon Musk, Jason Wheeler and Drew Baglino"; past `limit`, "… and 2 others"."""
    names = [s.name for s in answerers(transcript, exchange)]
    if limit and len(names) > limit:
        rest = len(names) - limit + 1
        names = names[: limit - 1] + [f"{rest} others"]
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def words(turn: Turn) -> int:
    return turn.spoken if isinstance(turn, UnreadTurn) else _words(turn.paragraphs)


def spoken_words(paragraphs: tuple[str, ...]) -> int:
    """The words of a turn's paragraphs, as every page counts them (uncached: the cache below keeps its keys)."""
    return sum(len(p.split()) for p in paragraphs)


# Each turn is counted for its transcript, its speaker and each page sharing it out.
_words = lru_cache(maxsize=1 << 18)(spoken_words)


def first_words(turn: Turn, count: int = 14) -> str:
    said = " ".join(turn.paragraphs).split(None, count)  # the words shown, and the rest unsplit
    return " ".join(said[:count]) + (" …" if len(said) > count else "")
