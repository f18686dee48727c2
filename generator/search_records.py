"""Search records: one per exchange, and one per passage of turns outside any exchange, for Pagefind.

Pagefind's filters are per record, so a filter narrows exchanges only if each exchange is a record of
its own. A record's content is only what was said; who said it is its meta, which Pagefind searches too, so a
speaker's name finds their turns and an excerpt never quotes a label. Long prepared remarks are cut where
the page's outline cuts them (`#t3-p4`), so a result lands about a screen from its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from . import outline
from .anchors import edition, recorded
from .identity import is_placeholder_person
from .model import COMPANY, Corpus, Exchange, Speaker, Transcript, Turn
from .feeds import page_path
from .pages import exchange_title, transcript_page

EXCHANGE, PASSAGE = "exchange", "passage"  # the `kind` filter: what a result is, for the counts


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the site's root: "/transcripts/<slug>/#q7"
    content: str
    meta: tuple[tuple[str, str], ...]  # the title, who speaks, and the edition its anchors are of
    filters: tuple[tuple[str, tuple[str, ...]], ...]

    def meta_dict(self) -> dict[str, str]:
        return dict(self.meta)

    def filter_dict(self) -> dict[str, list[str]]:
        return {name: list(values) for name, values in self.filters if values}


def _directory_page(slug: str) -> str:
    return "/" + page_path(transcript_page(slug))


def search_records(corpus: Corpus, page: Callable[[str], str] = _directory_page) -> list[SearchRecord]:
    """Every record of the corpus, transcript by transcript, in page order. `page(slug)` is the URL of a
    transcript's page from the site's root, as MkDocs writes it (a folder of the site's, flat URLs)."""
    return list(each_search_record(corpus, page))


def each_search_record(corpus: Corpus, page: Callable[[str], str] = _directory_page) -> Iterator[SearchRecord]:
    """`search_records` one transcript's at a time, as they are asked for: staged as made, never all held."""
    names = {t.id: t.name for t in corpus.topics}
    for transcript in corpus.transcripts:
        yield from _transcript_records(transcript, names, page(transcript.slug))


def _transcript_records(transcript: Transcript, topic_names: dict[str, str], url: str) -> list[SearchRecord]:
    by_first_turn = {e.turns[0]: e for e in transcript.exchanges if e.turns}
    cuts = outline.paragraph_ids(outline.outline(transcript))
    records, block_topics = [], ()
    for turn in transcript.turns:
        if turn.exchange is None:
            block_topics = turn.topics or block_topics  # a block's topics are on the turn that opens it
            records += _passages(transcript, url, turn, cuts.get(turn.id, {}), block_topics, topic_names)
        elif turn.id in by_first_turn:
            exchange = by_first_turn[turn.id]
            records.append(_exchange_record(transcript, url, exchange, topic_names))
            block_topics = ()
    return records


def _exchange_record(transcript: Transcript, url: str, exchange: Exchange, topic_names: dict[str, str]) -> SearchRecord:
    turns = transcript.turns_of(exchange)
    return _record(
        transcript, url, exchange.id, exchange_title(transcript, exchange), turns,
        [_spoken(turn) for turn in turns], [topic_names[t] for t in exchange.topics if t in topic_names], EXCHANGE,
    )


def _passages(transcript: Transcript, url: str, turn: Turn, cuts: dict[int, str], topics: tuple[str, ...],
              topic_names: dict[str, str]) -> list[SearchRecord]:
    """A turn outside any exchange, cut at the paragraphs the outline lists inside a long remark."""
    speaker = transcript.speaker(turn.speaker)
    section = next((s.title for s in transcript.sections if s.id == turn.section), None)
    who = speaker.name if speaker else outline.UNNAMED
    title = f"{section} · {who}" if section else who
    starts = [0, *sorted(i for i in cuts if i > 0)]
    spoken = [i for i in range(len(turn.paragraphs)) if i not in turn.directions]
    records = []
    for start, end in zip(starts, [*starts[1:], len(turn.paragraphs)]):
        text = "\n".join(turn.paragraphs[i] for i in spoken if start <= i < end)
        if text.strip():
            records.append(_record(transcript, url, outline.paragraph_anchor(turn.id, start), title, (turn,), [text],
                                   [topic_names[t] for t in topics if t in topic_names], PASSAGE))
    return records


def _record(transcript: Transcript, url: str, anchor: str, title: str, turns: tuple[Turn, ...], said: list[str],
            topics: list[str], kind: str) -> SearchRecord:
    speakers = [s for s in dict.fromkeys(transcript.speaker(t.speaker) for t in turns) if s is not None]
    named = [s for s in speakers if not is_placeholder_person(s)]
    # Who spoke is meta, which Pagefind indexes as words too: a speaker's name finds their turns, and never
    # stands in an excerpt, which quotes only the content.
    meta = [("title", f"{title} — {transcript.title}"), ("speakers", " · ".join(s.name for s in speakers))]
    if recorded(transcript.meta):
        meta.append(("edition", str(edition(transcript))))
    filters = (
        ("speaker", _unique(s.name for s in named)),
        ("organisation", _unique(o for o in (_organisation(transcript, s) for s in named) if o)),
        ("transcript", (transcript.title,)),
        ("year", (transcript.date[:4],) if transcript.date else ()),
        ("topic", _unique(topics)),
        ("kind", (kind,)),
        # The slug, for "N more in this call": Pagefind finds no match for a filter value holding `{` or `[`,
        # and a title may (the transcript filter is the title, for the reader).
        ("call", (transcript.slug,)),
    )
    content = "\n".join(text for text in said if text)
    return SearchRecord(f"{url}#{anchor}", content, tuple(meta), filters)


def _spoken(turn: Turn) -> str:
    return "\n".join(p for i, p in enumerate(turn.paragraphs) if i not in turn.directions)


def _organisation(transcript: Transcript, speaker: Speaker) -> str | None:
    """Whom a speaker speaks for: the company's people speak for the transcript's organisation."""
    if speaker.role == COMPANY:
        return transcript.organisation or speaker.organisation
    return speaker.organisation


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
