"""What /topics/ lists, decided: the most discussed topics, every topic under the kind of transcript that discusses it.

A group is a genre and, where the transcripts name one, an organisation ("Earnings calls · Tesla",
"Hearings"). A topic discussed in several groups is listed under each, with the counts of that group:
a reader who opens "Tesla" expects every subject Tesla's calls discuss, not only those no one else
does. In a group topics run A to Z, under first letters once a group holds more than LETTERS_PAST.
The index's filter reads `topics/names/` (index_names.py), one short row per topic, so it narrows every page.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from . import genres
from .model import Corpus, Topic, Transcript
from .source import slugify

MOST_DISCUSSED = 30
LETTERS_PAST = 300  # a group with more topics than this is listed under first letters
OTHER_LETTER = "0–9"  # names that start with a digit or a sign
GENRE_GROUPS = {
    genres.EARNINGS_CALL: "Earnings calls", genres.COURT: "Court arguments", genres.HEARING: "Hearings",
    genres.FLOOR_DEBATE: "Floor debates", genres.INTERVIEW: "Interviews", genres.PODCAST: "Podcasts",
}
NO_GENRE = "Transcripts"
UNDISCUSSED = "Not yet discussed"  # curated topics no transcript discusses yet: on the index all the same


@dataclass(frozen=True)
class Entry:
    """A topic as one list of the index counts it: over the archive, or over one group's transcripts."""

    topic: Topic
    exchanges: int
    remarks: int
    transcripts: int
    first: str | None  # the oldest and newest dates of those transcripts, ISO
    last: str | None

    @property
    def span(self) -> str | None:
        """ "2015" or "2013–2019": the years it is discussed in."""
        if not self.first:
            return None
        return self.first[:4] if self.first[:4] == self.last[:4] else f"{self.first[:4]}–{self.last[:4]}"

    @property
    def detail(self) -> str:
        """The counts as the index prints them: "12 exchanges · 2 in remarks · 4 transcripts · 2015–2019"."""
        parts = [_plural(self.exchanges, "exchange")] if self.exchanges or not self.remarks else []
        if self.remarks:
            parts.append(f"{self.remarks} in remarks")
        parts.append(_plural(self.transcripts, "transcript"))
        return " · ".join(parts + ([self.span] if self.span else []))


@dataclass(frozen=True)
class Group:
    id: str  # its anchor on the index, from its title
    title: str  # "Earnings calls · Tesla": its kind and its organisation
    kind: str
    organisation: str | None
    entries: tuple[Entry, ...]  # A to Z

    @property
    def by_letter(self) -> bool:
        return len(self.entries) > LETTERS_PAST


def count(topic: Topic, transcripts: dict[str, Transcript], exchanges: list[str] | None = None,
          remarks: list[str] | None = None) -> Entry:
    """The topic's exchanges, remarks and transcripts: all of them, or those whose transcripts are given."""
    exchanges = [slug for slug, _ in topic.exchanges] if exchanges is None else exchanges
    remarks = [slug for slug, _ in topic.remarks] if remarks is None else remarks
    about = set(exchanges) | set(remarks)
    dates = sorted(d for d in (transcripts[s].date for s in about if s in transcripts) if d)
    return Entry(topic, len(exchanges), len(remarks), len(about), dates[0] if dates else None,
                 dates[-1] if dates else None)


def most_discussed(corpus: Corpus, limit: int = MOST_DISCUSSED) -> list[Entry]:
    """The topics discussed in the most transcripts, then in the most exchanges: across the archive first."""
    transcripts = {t.slug: t for t in corpus.transcripts}
    entries = [count(topic, transcripts) for topic in corpus.topics]
    entries.sort(key=lambda e: (-e.transcripts, -(e.exchanges + e.remarks), e.topic.name.lower(), e.topic.id))
    return entries[:limit]


def kind(transcript: Transcript) -> str:
    return GENRE_GROUPS.get(transcript.genre or "", NO_GENRE)


def group_title(transcript: Transcript) -> str:
    return f"{kind(transcript)} · {transcript.organisation}" if transcript.organisation else kind(transcript)


def groups(corpus: Corpus) -> list[Group]:
    """Every topic under each group that discusses it; groups in the order of genres, then A to Z."""
    transcripts = {t.slug: t for t in corpus.transcripts}
    rank: dict[str, tuple] = {}
    named: dict[str, tuple[str, str | None]] = {}
    for transcript in corpus.transcripts:
        title = group_title(transcript)
        named[title] = (kind(transcript), transcript.organisation or None)
        genre = transcript.genre if transcript.genre in genres.GENRES else None
        rank[title] = (genres.GENRES.index(genre) if genre else len(genres.GENRES), bool(transcript.organisation),
                       title.lower(), title)
    listed: dict[str, list[Entry]] = defaultdict(list)
    for topic in corpus.topics:
        # One pass over the topic's places, by group: a topic of every call is not counted once per group.
        places: dict[str, tuple[list[str], list[str]]] = {}
        for slugs, side in ((topic.exchanges, 0), (topic.remarks, 1)):
            for slug, _ in slugs:
                if slug in transcripts:
                    places.setdefault(group_title(transcripts[slug]), ([], []))[side].append(slug)
        for title, (exchanges, remarks) in places.items():
            listed[title].append(count(topic, transcripts, exchanges, remarks))
        if not places:
            listed[UNDISCUSSED].append(count(topic, transcripts))
    rank[UNDISCUSSED], named[UNDISCUSSED] = (len(genres.GENRES) + 1,), (UNDISCUSSED, None)
    ids = _ids(sorted(listed, key=rank.__getitem__))
    return [Group(ids[title], title, *named[title], tuple(sorted(listed[title], key=_alphabetical))) for title in ids]


def letter(name: str) -> str:
    """The first letter a name is listed under: A to Z, accents folded; OTHER_LETTER for the rest."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    return first if first.isalpha() else OTHER_LETTER


def letter_id(group: Group, mark: str) -> str:
    """The anchor of one letter of a group: `earnings-calls-tesla-g`, `…-other` for OTHER_LETTER."""
    return f"{group.id}-{mark.lower() if mark != OTHER_LETTER else 'other'}"


def names(corpus: Corpus, hrefs: dict[str, str]) -> list[list[str]]:
    """A row per topic for the index's filter (index_names.py): [name, link, counts, other names]. Small on
    purpose: the full record is topics.json."""
    transcripts = {t.slug: t for t in corpus.transcripts}
    return [[t.name, hrefs[t.id], count(t, transcripts).detail, " ".join(t.aliases)] for t in corpus.topics]


def _ids(titles: Iterable[str]) -> dict[str, str]:
    """An anchor per group title, in order; a title that slugs like an earlier one gets a number."""
    ids: dict[str, str] = {}
    taken = {"most-discussed", "groups"}
    for title in titles:
        wanted = slugify(title) or "group"
        anchor, n = wanted, 1
        while anchor in taken:
            n += 1
            anchor = f"{wanted}-{n}"
        taken.add(anchor)
        ids[title] = anchor
    return ids


def _alphabetical(entry: Entry) -> tuple:
    return (letter(entry.topic.name) == OTHER_LETTER, entry.topic.name.casefold(), entry.topic.id)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
