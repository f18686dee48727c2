"""The join of a sharded build, done once: the corpus joined across every cached transcript, kept for the render shards.

`onrecord join` (between the reading and the rendering jobs of the publish workflow) reads every transcript
from the per-transcript cache, joins speakers and topics across the archive (corpus.py) and writes the
result to the cache folder's `joined.entry`; a build then loads it instead of joining again, so N render
shards do not each redo the join. The entry is trusted only for exactly the content it was made from: the
entry key of every transcript (its name, bytes and the code that reads it) and the bytes of speakers.yml
and topics.yml; anything else, or a truncated or altered entry, and the build joins as it always did.
The diagnostics the reading and the join said are kept with it and said again, so a build from it
reports what a build that joined would. The entry keeps no file's bytes nor decoded text (nothing after
the reading uses the text, and the bytes, for the download link, are in the content folder). A render
shard takes back the bytes only of the transcripts whose pages it renders, and of the others keeps only
the words its pages show (`Share`: its speakers' turns' openings, its topics' quoted paragraphs), of the
others' topics no mention, only how many each of its own speakers makes. The topics are written first, each with the speaker of each mention, so that it knows which turns
its topic pages quote before it reads the transcripts, and which mentions are its speakers' before it reads a turn.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path
from sys import intern
from typing import Any

from . import entries
from .cache import Cache, _ModelUnpickler, _reader_versions, entry_key
from .diagnostics import Report
from .model import Corpus, Mention, Topic, Transcript, Turn, UnreadTopic, UnreadTurn
from .pages import spoken_words

FORMAT = 4  # 3: the topics before the transcripts; 4: with the speaker of each mention, pieces of at most so many
MAGIC = b"onrecord-joined\n"
NAME = "joined.entry"
TOPICS_A_PIECE = 500
MENTIONS_A_PIECE = 20_000  # or one topic alone: the most discussed topics hold most of the mentions


def join(content: Path, report: Report, cache: Cache) -> Corpus:
    """The corpus of `content` from the cache (a file not in it is read), written for the shards to load."""
    from .pipeline import _loaded, corpus_of

    # The join reads only the sources' paths: each transcript's file bytes and text are let go as it is read
    # (they were a third of the join's memory at N=1,000, all held until the last file was read).
    transcripts, directory, topics = _loaded(content, report, cache, kept=_without_source_text)
    corpus = corpus_of(transcripts, directory, topics, report)
    del transcripts
    write(content, corpus, report, cache)
    return corpus


def write(content: Path, corpus: Corpus, report: Report, cache: Cache) -> None:
    """joined.entry of `corpus`, with what `report` said, for the render shards of exactly this content."""
    cache.folder.mkdir(parents=True, exist_ok=True)
    payload = cache.folder / f".{NAME}.payload"
    with open(payload, "wb") as out:  # to a file, as it is made: never the whole pickle in memory besides the corpus
        hashed = _Hashed(out)
        # A pickler remembers every object it has written, to write it once: over the whole corpus that table
        # (millions of turns and mentions) was over a fifth of the join's peak at N=1,000. One pickle a piece
        # forgets each piece's; what pieces share is ids and names, written again in each.
        head = (len(corpus.transcripts), len(corpus.topics), corpus.speakers, report.diagnostics, report._acknowledged)
        pickle.dump(head, hashed, protocol=pickle.HIGHEST_PROTOCOL)
        for piece in _topic_pieces(corpus):
            pickle.dump(piece, hashed, protocol=pickle.HIGHEST_PROTOCOL)
        for transcript in corpus.transcripts:
            pickle.dump(transcript, hashed, protocol=pickle.HIGHEST_PROTOCOL)
    header = {"format": FORMAT, "key": key_of(content), "length": hashed.length, "sha256": hashed.digest.hexdigest()}
    scratch = cache.folder / f".{NAME}.tmp"
    with open(scratch, "wb") as out, open(payload, "rb") as made:
        out.write(entries.joined(MAGIC, header, b""))
        shutil.copyfileobj(made, out)
    payload.unlink()
    scratch.replace(cache.folder / NAME)  # whole or not at all: a render job never loads half an entry


def _topic_pieces(corpus: Corpus):
    """The topics a few at a time, each with the speaker of each of its mentions (None where no one is named):
    a render shard keeps of another shard's topic the mentions its own speakers make, before it has read a turn."""
    speaker_of = {t.slug: {turn.id: turn.speaker for turn in t.turns} for t in corpus.transcripts}
    piece, mentions = [], 0
    for topic in corpus.topics:
        if piece and (len(piece) == TOPICS_A_PIECE or mentions + len(topic.mentions) > MENTIONS_A_PIECE):
            yield piece
            piece, mentions = [], 0
        piece.append((topic, tuple(speaker_of.get(m.slug, {}).get(m.turn) for m in topic.mentions)))
        mentions += len(topic.mentions)
    if piece:
        yield piece


class _Hashed:
    """A file that pickle writes to, counting and hashing what it writes."""

    def __init__(self, out) -> None:
        self.out, self.digest, self.length = out, hashlib.sha256(), 0

    def write(self, data) -> int:
        self.digest.update(data)
        self.length += len(data)
        return self.out.write(data)


def load(content: Path, report: Report, cache: Cache, shard=None) -> Corpus | None:
    """The joined corpus when the cache holds one made from exactly this content, its diagnostics said
    again into `report`, the bytes of the transcripts' files back in their sources; else None (the build
    joins). For a `shard`, the transcripts another shard renders come without their files' bytes and
    without the words of the turns none of the shard's pages shows (`Share`); a shard that joins again
    says so (`unjoined`): it holds the whole archive, which is what the join pass is there to spare it."""
    try:
        entry = open(cache.folder / NAME, "rb")  # noqa: SIM115 (closed below, whatever happens)
    except OSError:
        return unjoined(report, cache.folder / NAME, shard, "there is no joined corpus")
    try:
        with entry:
            header, _ = entries.split(entry.readline() + entry.readline(), MAGIC, "a joined corpus")
            if header.get("format") != FORMAT or header.get("key") != key_of(content):
                # made from other content, or by other code: joined again
                return unjoined(report, cache.folder / NAME, shard, "the joined corpus was made from other content")
            start = entry.tell()
            hashed, length = hashlib.sha256(), 0
            while chunk := entry.read(1 << 20):  # checked as it is read: the pickle is never in memory whole
                hashed.update(chunk)
                length += len(chunk)
            if header.get("length") != length or header.get("sha256") != hashed.hexdigest():
                raise ValueError("its checksum does not match: truncated or altered")
            entry.seek(start)
            corpus, diagnostics, acknowledged = _pieces(entry, shard)
    except Exception as error:  # noqa: BLE001 (whatever is wrong with it, the build joins again)
        report.info(cache.folder / NAME, 0, f"the joined corpus is not used and the archive joined again: {error}",
                    "cache.corrupt")
        return unjoined(report, cache.folder / NAME, shard, "the joined corpus cannot be read")
    report.diagnostics.extend(diagnostics)
    report._acknowledged.update(acknowledged)
    folder = content / "transcripts"  # the key matched: its files are the very bytes the join read
    return replace(corpus, transcripts=tuple(
        replace(t, source=replace(t.source, raw=(folder / t.source.path.name).read_bytes()))
        if t.source and (shard is None or shard.renders("transcript", t.slug)) else t for t in corpus.transcripts))


def unjoined(report: Report, path: Path, shard, why: str) -> None:
    """A render shard without the joined corpus: it reads and joins the whole archive itself, as a single
    build does, in the memory and time of one; said, since the build still succeeds and would hide it."""
    if shard is not None:
        report.warning(path, 0, f"{why}: shard {shard} reads and joins the whole archive itself "
                       "(run `onrecord join` after the reading jobs)", "shard.unjoined")


def _pieces(entry, shard) -> tuple[Corpus, list, dict]:
    """The corpus, diagnostics and acknowledgements of an entry's pickles, as `write` made them one a piece;
    for a shard, each transcript cut to its `Share` as soon as it is read, so that no more than one is whole
    at a time besides the shard's own."""
    count, topic_count, speakers, diagnostics, acknowledged = _ModelUnpickler(entry).load()
    topics: list[Topic] = []
    while len(topics) < topic_count:
        piece = _ModelUnpickler(entry).load()
        if not piece:
            raise ValueError("it holds an empty piece")
        topics += [_held(topic, spoken_by, shard) for topic, spoken_by in piece]
    kept = Share.of(shard, topics).kept if shard else (lambda transcript: transcript)
    transcripts = tuple(kept(_ModelUnpickler(entry).load()) for _ in range(count))
    if entry.read(1) or not all(isinstance(t, Transcript) for t in transcripts) or len(topics) != topic_count:
        raise ValueError("it holds something other than the corpus it says")
    return Corpus(transcripts=transcripts, speakers=speakers, topics=tuple(topics)), diagnostics, acknowledged


def _held(topic: Topic, spoken_by: tuple[str | None, ...], shard) -> Topic:
    """The topic as a shard holds it: whole when the shard renders its pages (or there is no shard); else
    without its mentions, with the count of them all and of the shard's own speakers' (UnreadTopic)."""
    if shard is None or shard.renders("topic", topic.id):
        return topic
    mine = Counter(speaker for speaker in spoken_by if speaker and shard.renders("speaker", speaker))
    return UnreadTopic(**{f.name: getattr(topic, f.name) for f in fields(Topic)} | {"mentions": ()},
                       mentioned=len(topic.mentions), spoken=tuple((intern(s), n) for s, n in mine.items()))


@dataclass(frozen=True)
class Share:
    """What a render shard holds of a transcript another shard renders. Its pages show words of that
    transcript only in the openings of the turns of the speakers whose pages it renders and in the passage
    of the first mention in each exchange or remarks block of the topics whose pages it renders; every turn
    is kept with those words at most (UnreadTurn: who, where, how many words, and the opening or the
    passage's paragraphs shown). Those words, and the mentions of other shards' topics (`_held`), were most
    of a render shard's memory and grew with the archive, not with the shard's part of it."""

    shard: Any  # shards.Shard
    # (slug, turn id) of the first mention of each of its own topics in each unit, as TopicViews.first_mention
    # finds it (the one whose passage the topic page shows): the paragraphs of those passages
    quoted: dict[tuple[str, str], frozenset[int]]

    @classmethod
    def of(cls, shard, topics: list[Topic]) -> Share:
        first: dict[tuple[str, str, str], Mention] = {}
        for topic in topics:
            if shard.renders("topic", topic.id):
                for mention in topic.mentions:
                    first.setdefault((topic.id, mention.slug, mention.unit), mention)
        quoted: dict[tuple[str, str], set[int]] = {}
        for mention in first.values():
            quoted.setdefault((mention.slug, mention.turn), set()).add(mention.paragraph)
        return cls(shard, {place: frozenset(shown) for place, shown in quoted.items()})

    def kept(self, transcript: Transcript) -> Transcript:
        if self.shard.renders("transcript", transcript.slug):
            return transcript
        return replace(transcript, turns=tuple(self._held(transcript.slug, turn) for turn in transcript.turns))

    def _held(self, slug: str, turn: Turn) -> Turn:
        quoted = self.quoted.get((slug, turn.id))
        if bool(turn.speaker) and self.shard.renders("speaker", turn.speaker):
            # A speaker page lists the turn by its opening words (pages.first_words): one more says "…".
            return turn if quoted else _unread(turn, (" ".join(" ".join(turn.paragraphs).split(None, 15)[:15]),))
        if quoted:  # the passages read a paragraph by its place in the turn: the others are kept empty
            return _unread(turn, tuple(p if i in quoted else "" for i, p in enumerate(turn.paragraphs)))
        return _unread(turn)


def _unread(turn: Turn, shown: tuple[str, ...] = ()) -> UnreadTurn:
    # Counted without pages.words' cache, which would keep the very paragraphs let go here. Its strings are
    # interned: unpickled, every turn had its own copy of "t12", "q3", "qa" and its speaker's id, most of an
    # unread turn's bytes, and the turns are most of what a shard holds of the rest of the archive. No label:
    # only the transcript's own pages and exports show it, and another shard renders those.
    return UnreadTurn(intern(turn.id), _interned(turn.speaker), None, shown, section=_interned(turn.section),
                      exchange=_interned(turn.exchange), line=turn.line, topics=tuple(map(intern, turn.topics)),
                      spoken=spoken_words(turn.paragraphs))


def _interned(text: str | None) -> str | None:
    return None if text is None else intern(text)


def _without_source_text(transcript: Transcript) -> Transcript:
    source = transcript.source
    return replace(transcript, source=replace(source, raw=b"", text="")) if source else transcript


def key_of(content: Path) -> str:
    """What a joined corpus is valid for: every transcript's entry key, in order, the readers' versions and the
    two settings files."""
    from .pipeline import transcript_paths

    digest = hashlib.sha256(f"{FORMAT}\0{sorted(_reader_versions().items())}\0".encode())
    for path in transcript_paths(content):
        digest.update(entry_key(path.name, path.read_bytes()).encode() + b"\0")
    for name in ("speakers.yml", "topics.yml"):
        settings = content / name
        digest.update(name.encode() + b"\0" + (settings.read_bytes() if settings.is_file() else b"-") + b"\0")
    return digest.hexdigest()


def shard_memo(shard):
    """The page memo of a shard's build: it renders only the groups of pages the shard owns."""
    from .shards import ShardMemo

    return ShardMemo(shard)
