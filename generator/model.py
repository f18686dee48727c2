"""The model every stage passes on: frozen dataclasses, no behaviour beyond small derived views."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

# Roles a speaker can have; `unknown` until some evidence says otherwise.
COMPANY, QUESTIONER, MODERATOR, UNKNOWN = "company", "questioner", "moderator", "unknown"
ROLES = (COMPANY, QUESTIONER, MODERATOR, UNKNOWN)

# Section kinds.
REMARKS, QA = "remarks", "qa"


@dataclass(frozen=True)
class Source:
    """A transcript file as read: decoded text with front matter split off, line numbers kept."""

    path: Path
    text: str  # the body, newlines normalised to \n
    meta: dict[str, Any]
    body_line: int  # 1-based line number of the body's first line in the file
    raw: bytes  # the file exactly as received, for the download link
    meta_lines: dict[str, int] = field(default_factory=dict)  # front matter key -> its line

    def line_of(self, key: str) -> int:
        """The line a front matter key stands on, for diagnostics about it."""
        return self.meta_lines.get(key, 1)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


@dataclass(frozen=True)
class Line:
    """One line of a source body, with its line number in the file."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class TimeMark:
    """A time stamp the transcriber left in the text, e.g. `(4:28)`: where it stood and what it says."""

    paragraph: int  # index into the turn's paragraphs
    offset: int  # character offset in that paragraph's clean text
    seconds: int
    label: str  # as written, e.g. "4:28"


@dataclass(frozen=True, slots=True)
class WordTiming:
    """When a word was said, as speech recognition timed it: where it stands in its turn's clean text."""

    paragraph: int  # index into the turn's paragraphs
    offset: int  # character offset in that paragraph
    length: int  # characters of the word there
    start: float  # seconds into the recording


@dataclass(frozen=True, slots=True)
class Appearance:
    """A speaker's title and firm as one transcript gives them (or as speakers.yml dates them)."""

    slug: str | None
    date: str | None
    title: str | None
    organisation: str | None


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = UNKNOWN
    organisation: str | None = None
    title: str | None = None
    affiliation: str | None = None  # the rest of the speaker line, before roles say title or firm
    bio: str | None = None
    history: tuple[Appearance, ...] = ()  # newest first, across the corpus


@dataclass(frozen=True, slots=True)
class Turn:
    id: str  # "t1", "t2", … through the whole transcript
    speaker: str | None  # speaker id, None when the file does not say who speaks
    label: str | None  # the raw speaker line as it stood in the file
    paragraphs: tuple[str, ...]
    marks: tuple[TimeMark, ...] = ()
    section: str | None = None
    exchange: str | None = None
    line: int = 0  # first source line of the turn
    directions: tuple[int, ...] = ()  # paragraphs that are stage directions, e.g. `(Laughter.)`, not speech
    topics: tuple[str, ...] = ()  # topic ids of the block of prepared remarks this turn opens
    words: tuple[WordTiming, ...] = ()  # word by word, where the source timed them (speech recognition JSON)


@dataclass(frozen=True, slots=True)
class UnreadTurn(Turn):
    """A turn of a transcript another shard renders, held by a render shard without the words none of its
    pages shows: who spoke it, where, and how many words it has, which a speaker's share counts; as paragraphs
    at most its opening words or the paragraphs a topic page quotes (joined.Share); no label (the speaker
    line only its own transcript's pages show), its strings interned."""

    spoken: int = 0  # the words of its paragraphs, as pages.words counts them


@dataclass(frozen=True, slots=True)
class Exchange:
    id: str  # "q1", "q2", … through the Q&A
    questioner: str  # speaker id
    turns: tuple[str, ...]
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str  # "remarks" or "qa"
    title: str
    kind: str


@dataclass(frozen=True)
class Note:
    """Text a file carries besides the talk (a vendor's disclaimer, a call's duration): shown, never spoken."""

    title: str
    paragraphs: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Fact:
    """Something a file says about itself (its title, date, firm, a Record's volume), and the line saying it."""

    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Participant:
    """Someone a participant list names (the file's or the front matter's): a role for a speaker, never a turn."""

    name: str
    role: str
    organisation: str | None = None
    title: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Layout:
    """Which reader read a file, and why that one: the first line of what `onrecord check` says about it."""

    reader: str
    reason: str


@dataclass(frozen=True)
class Reading:
    """A file's reading in figures, its words counted from the source: what `onrecord check` summarises."""

    speakers: int
    turns: int
    exchanges: int
    words: int  # in the source
    speech: int  # of those, found in what is spoken
    notes: int  # found in notes (the publisher's material)
    other: int  # found in labels, directions, headings, the title
    speech_words: tuple[int, ...] = ()  # words spoken in each turn

    @property
    def kept(self) -> float:
        return (self.speech + self.notes + self.other) / self.words if self.words else 1.0

    def share(self, part: int) -> float:
        return part / self.words if self.words else 0.0


class _Lookups(NamedTuple):
    """A transcript's speakers by id (the first of an id), and its turns by exchange and by section, in order."""

    speakers: dict[str | None, Speaker]
    by_exchange: dict[str | None, tuple[Turn, ...]]
    by_section: dict[str, tuple[Turn, ...]]


@dataclass(frozen=True)
class Transcript:
    slug: str
    title: str
    date: str | None  # ISO "YYYY-MM-DD"
    meta: dict[str, Any]
    speakers: tuple[Speaker, ...]
    sections: tuple[Section, ...]
    exchanges: tuple[Exchange, ...]
    turns: tuple[Turn, ...]
    source: Source | None = field(default=None, compare=False, repr=False)
    notes: tuple[Note, ...] = ()
    layout: Layout | None = field(default=None, compare=False)
    genre: str | None = None  # genres.GENRES: from front matter `genre:`, else inferred by `structure`
    stated: tuple[Fact, ...] = field(default=(), compare=False)  # what the file says of itself, for `about`
    participants: tuple[Participant, ...] = field(default=(), compare=False)  # the file's own lists, for `about`
    reading: Reading | None = field(default=None, compare=False, repr=False)
    topics: tuple[str, ...] = ()  # topic ids of the transcript as a whole: its title's subject, or one most units name

    @property
    def organisation(self) -> str | None:
        """The organisation that answers: front matter `company`, or the `organisation` a reader inferred."""
        return self.meta.get("company") or self.meta.get("organisation")

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return self._lookup().speakers.get(speaker_id)

    def turns_of(self, container: Exchange | Section) -> tuple[Turn, ...]:
        lookups = self._lookup()
        return (lookups.by_exchange if isinstance(container, Exchange) else lookups.by_section).get(container.id, ())

    def _lookup(self) -> _Lookups:
        """Made once per instance (fields are frozen), as pages ask per exchange and per turn, and each
        asking scanned them all."""
        made = self.__dict__.get("_lookups")
        if made is None:
            speakers: dict = {}
            for speaker in self.speakers:
                speakers.setdefault(speaker.id, speaker)
            by_exchange: dict = {}
            by_section: dict = {}
            for turn in self.turns:
                by_exchange.setdefault(turn.exchange, []).append(turn)
                by_section.setdefault(turn.section, []).append(turn)
            made = _Lookups(speakers, {k: tuple(v) for k, v in by_exchange.items()},
                            {k: tuple(v) for k, v in by_section.items()})
            self.__dict__["_lookups"] = made  # frozen fields unchanged: this is a derived view
        return made

    def __getstate__(self) -> dict:
        """Pickled (the cache, worker processes) without the lookups, which are made again on use."""
        state = dict(self.__dict__)
        state.pop("_lookups", None)
        return state


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a topic is named: a span of one paragraph of one turn, and the exchange or remarks block it is in."""

    slug: str
    turn: str
    paragraph: int
    start: int
    end: int
    unit: str  # exchange id ("q7"), or the first turn id of a block of prepared remarks ("t1")


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    exchanges: tuple[tuple[str, str], ...] = ()  # (transcript slug, exchange id), newest transcript first
    related: tuple[tuple[str, int], ...] = ()  # (topic id, exchanges and remarks blocks shared), most shared first
    description: str | None = None
    curated: bool = False  # from content/topics.yml rather than found in the text
    remarks: tuple[tuple[str, str], ...] = ()  # (transcript slug, first turn id) of remarks blocks about it
    mentions: tuple[Mention, ...] = ()  # every mention, passing ones included, in transcript order
    former_ids: tuple[str, ...] = ()  # ids its variants would have had (a rename, a fold): those pages point here


@dataclass(frozen=True)
class UnreadTopic(Topic):
    """A topic another shard renders, held by a render shard without its mentions: how many it has in all
    (topics.json says it) and how many each of the shard's own speakers makes (their pages name their main
    topics), counted once by joined._held instead of a Mention kept for each."""

    mentioned: int = 0  # every mention's, as len(mentions) of the whole topic
    spoken: tuple[tuple[str, int], ...] = ()  # (speaker id, their mentions of it) of the shard's own speakers


@dataclass(frozen=True)
class Corpus:
    transcripts: tuple[Transcript, ...]
    speakers: tuple[Speaker, ...]
    topics: tuple[Topic, ...] = ()
