"""The topic phrases of each transcript (`finding.transcript_phrases`) and the topics of its units kept in the
cache folder, so that a build finds topics again only in the transcripts that changed, and assigns them
again only where they changed or a topic they can name did.

`transcript_phrases` is a pure function of one transcript as the corpus stage hands it over (speakers
resolved: their names are excluded from topics), of the code of the topics step and of the word lists it
reads (wordfreq, lemminflect, inflect). An entry is keyed by a digest of all three; one made from anything
else is stale and computed again. The payload is plain values in columns (no class is unpickled, and
loading an entry costs a fraction of computing it); an entry that is truncated, altered or unreadable is
said at info level (`cache.corrupt`) and computed again, never trusted. `computed` and `reused` list the
slugs one build did each way: the tests read them, never the clock.

A transcript's units' topics and mentions depend on the transcript and on what of the archive's topics can
occur in it: the phrases whose every word it says, what they name, which are its own (assigning._bearing).
Its assignment entry keeps the words it says and a digest of that; it is reused while the transcript and
that digest are the same (`assigned_again`, `assigned_reused`), so a topic another transcript brings
assigns again only the transcripts that say its words.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections import Counter
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

from . import __version__, entries
from .diagnostics import Report
from .model import Mention, Transcript
from .topics.finding import TranscriptPhrases, _Candidate, transcript_phrases

FORMAT = 2  # bump when an entry's layout changes
MAGIC = b"onrecord-topic-phrases\n"
FOLDER = "topics"  # inside the cache folder
# The code transcript_phrases runs, beyond the topics package, and the word lists it asks.
_MODULES = ("model.py", "clean.py", "source.py", "readers/vocabulary.py")
_LIBRARIES = ("wordfreq", "lemminflect", "inflect")


class TopicMemo:
    """The phrase entries of one folder (None: nothing kept, every transcript's phrases computed)."""

    def __init__(self, folder: Path | None, report: Report | None = None) -> None:
        self.folder = folder
        self.report = report
        self.computed: list[str] = []
        self.reused: list[str] = []
        self.assigned_again: list[str] = []  # slugs whose units were assigned topics afresh
        self.assigned_reused: list[str] = []
        self._keys: dict[int, tuple[Transcript, str]] = {}

    def phrases(self, transcript: Transcript) -> TranscriptPhrases:
        """`transcript_phrases(transcript)`, from its entry when that was made from the same transcript and code."""
        if self.folder is None:
            self.computed.append(transcript.slug)
            return transcript_phrases(transcript)
        key = self._key(transcript)
        where = self.folder / _file_name(transcript.slug)
        kept = self._load(where, key, transcript.slug, lambda packed: _unpacked(packed, transcript.slug))
        if kept is not None:
            self.reused.append(transcript.slug)
            return kept
        made = transcript_phrases(transcript)
        self._store(where, key, _packed(made), transcript.slug)
        self.computed.append(transcript.slug)
        return made

    def assigned(self, transcript: Transcript, bearing: Callable[[frozenset], str],
                 assign: Callable[[set], list]) -> list:
        """`assign(vocabulary)`'s units of the transcript (it adds every word's key the transcript says to
        `vocabulary`), from the entry when the transcript is as it was and `bearing(vocabulary)`, the digest
        of what of the archive can bear on it, is too: a topic whose words it never says changes nothing."""
        if self.folder is None:
            self.assigned_again.append(transcript.slug)
            return assign(set())
        key = self._key(transcript)
        where = self.folder / _file_name(transcript.slug, ".assigned")
        kept = self._load(where, key, transcript.slug, lambda packed: _assignment(packed, transcript.slug))
        if kept is not None:
            vocabulary, digest, made = kept
            if bearing(vocabulary) == digest:
                self.assigned_reused.append(transcript.slug)
                return made
        vocabulary: set = set()
        made = subjects, units = assign(vocabulary)
        packed = [(unit_id, list(about), [(topic_id, m.turn, m.paragraph, m.start, m.end, m.unit) for topic_id, m in found])
                  for (_, unit_id), about, found in units]
        self._store(where, key, (sorted(vocabulary), bearing(frozenset(vocabulary)), list(subjects), packed),
                    transcript.slug)
        self.assigned_again.append(transcript.slug)
        return made

    def keep_only_used(self) -> None:
        """Remove the entries of transcripts this build did not have (gone, or renamed)."""
        if self.folder is None:
            return
        suffixes = (".phrases", ".assigned")
        entries.remove_unwanted(self.folder, suffixes, {
            _file_name(slug, suffix) for slug in (*self.computed, *self.reused, *self.assigned_again, *self.assigned_reused)
            for suffix in suffixes})

    def _key(self, transcript: Transcript) -> str:
        known = self._keys.get(id(transcript))
        if known is None or known[0] is not transcript:
            known = self._keys[id(transcript)] = (transcript, _key(transcript))
        return known[1]

    def _load(self, where: Path, key: str, slug: str, unpack: Callable):
        def holds(header: dict) -> bool:  # else made from another transcript or other code: stale, not wrong
            return header.get("format") == FORMAT and header.get("key") == key and header.get("slug") == slug

        try:
            found = entries.read(where, MAGIC, "a topic phrases entry", holds)
            return None if found is None else unpack(entries.plain(found[1]))
        except Exception as error:  # noqa: BLE001 (whatever is wrong with it, it is computed again)
            if self.report is not None:
                what = "topic phrases" if where.suffix == ".phrases" else "topic assignment"
                self.report.info(where, 0, f"{what} cache entry for {slug} is unreadable ({error}); "
                                 "it is computed again", "cache.corrupt")
            return None

    def _store(self, where: Path, key: str, packed: tuple, slug: str) -> None:
        header = {"format": FORMAT, "slug": slug, "key": key}
        try:
            entries.write(where, MAGIC, header, pickle.dumps(packed, protocol=5))
        except OSError as error:
            entries.say_unwritable(self.report, where.parent, "the topic cache", error)  # said once a build


def _packed(phrases: TranscriptPhrases) -> tuple:
    """The phrases as columns of plain values, one row per candidate, and the accepted keys by row."""
    seen = list(phrases.seen.values())
    row = {c.key: n for n, c in enumerate(seen)}
    return (
        phrases.slug,
        [c.key for c in seen],
        [(c.count, c.capitalised, c.lower, c.as_noun, c.as_verb, c.as_quantity) for c in seen],
        [sorted(c.units) for c in seen],
        [dict(c.forms) for c in seen],
        *(sorted(row[key] for key in keys) for keys in (phrases.strong, phrases.weak, phrases.proper)),
    )


def _unpacked(packed: tuple, slug: str) -> TranscriptPhrases:
    kept_slug, keys, numbers, units, forms, strong, weak, proper = packed
    if kept_slug != slug or not len(keys) == len(numbers) == len(units) == len(forms):
        raise ValueError("it holds another transcript's phrases")
    seen = {}
    for key, (count, capitalised, lower, as_noun, as_verb, as_quantity), where, written in zip(keys, numbers, units, forms):
        seen[key] = _Candidate(key, count, set(map(tuple, where)), _counter(written), capitalised, lower, as_noun,
                               as_verb, as_quantity)
    return TranscriptPhrases(slug, seen, *(frozenset(keys[n] for n in rows) for rows in (strong, weak, proper)))


def _assignment(packed: tuple, slug: str) -> tuple[frozenset, str, tuple[tuple[str, ...], list]]:
    """(vocabulary, digest of what bore on it, (the transcript's own topics, the units) as _assign_transcript
    gives them: units of ((slug, unit id), topics, ((topic id, Mention), ...)))."""
    try:
        vocabulary, digest, subjects, units = packed
        return frozenset(vocabulary), digest, (tuple(subjects), [
            ((slug, unit_id), list(about), tuple((topic_id, Mention(slug, *where)) for topic_id, *where in found))
            for unit_id, about, found in units])
    except (TypeError, ValueError) as error:
        raise ValueError(f"it holds no assignment ({error})") from error


def _counter(counts: dict) -> Counter:
    """A Counter of these counts, made in C: Counter(counts) checks its argument against the Mapping ABC
    in Python, which was most of the time an entry took to load."""
    made = dict.__new__(Counter)
    dict.update(made, counts)
    return made


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The topics code and its tables, the modules it reads and the word lists' versions: any change computes every entry again."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for library in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)}".encode())
    topics = package / "topics"
    sources = [*sorted(topics.glob("*.py")), *sorted(topics.glob("*.txt")), *(package / name for name in _MODULES),
               Path(__file__).resolve()]
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _key(transcript: Transcript) -> str:
    """What an entry is valid for: the transcript's every field as the dataclasses show them (its source
    bytes aside, which the fields come from), and the code."""
    digest = hashlib.sha256(f"{FORMAT}\0{fingerprint()}\0".encode())
    digest.update(repr(transcript).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _file_name(slug: str, suffix: str = ".phrases") -> str:
    return f"{hashlib.sha256(slug.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}{suffix}"
