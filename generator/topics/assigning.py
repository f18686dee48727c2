"""Assigning topics: every mention of a topic found, and what each exchange or remarks block is about."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..diagnostics import Report
from ..model import Corpus, Mention, Topic
from ..source import slugify
from .finding import find_topics
from .topics_file import TopicsFile
from .units import spoken, units_of
from .words import Token, phrase_key, tokens

# How many mentions make an exchange about a topic, and how many a question needs.
MENTIONS_IN_EXCHANGE, MENTIONS_IN_QUESTION = 3, 1
# A unit is about a few subjects: past these, the rest are passing mentions.
MOST_TOPICS_OF_UNIT = 6


@dataclass(frozen=True)
class _Matcher:
    """Every phrase that names a topic, and patterns, found longest first in a paragraph."""

    phrases: dict[tuple[str, ...], str]  # key -> topic id
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    letters: dict[str, str]  # "X" -> topic id of "Model X"
    longest: dict[str, int]  # first word's key -> words in the longest phrase it starts

    def find(self, paragraph: str, words: list[Token]) -> list[tuple[int, int, str]]:
        """The mentions in a paragraph, given its tokens."""
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            token = words[i]
            # Most words start no phrase (longest 0); and a phrase does not cross a clause break.
            longest = min(self.longest.get(token.key, 0), len(words) - i)
            for size in range(1, longest):
                if words[i + size].breaks:
                    longest = size
                    break
            for size in range(longest, 0, -1):
                topic = self.phrases.get(tuple(t.key for t in words[i : i + size]))
                if topic:
                    spans.append((token.start, words[i + size - 1].end, topic))
                    i += size
                    break
            else:
                if token.text in self.letters and not token.initial:
                    spans.append((token.start, token.end, self.letters[token.text]))
                i += 1
        for pattern, topic in self.patterns:
            for match in pattern.finditer(paragraph):
                if match.end() > match.start() and not any(s < match.end() and match.start() < e for s, e, _ in spans):
                    spans.append((match.start(), match.end(), topic))
        return sorted(spans)


def assign_topics(corpus: Corpus, settings: TopicsFile, report: Report) -> Corpus:
    """The corpus with topics: each found or curated, each exchange and remarks block tagged."""
    definitions: list[tuple[str, str, tuple[tuple[str, ...], ...], tuple[str, ...], tuple, str | None, bool, str | None]] = []
    taken: set[str] = set()
    curated_keys: set[tuple[str, ...]] = set()
    for topic in settings.topics:
        keys = tuple(k for k in (phrase_key(topic.name), *(phrase_key(a) for a in topic.aliases)) if k)
        curated_keys.update(keys)
        taken.add(topic.id)
        definitions.append((topic.id, topic.name, keys, topic.aliases, topic.patterns, topic.description, True, None))
    if settings.finds_topics:
        exclude = list(settings.exclude) + [t.name for t in settings.topics] + [a for t in settings.topics for a in t.aliases]
        for found in find_topics(corpus.transcripts, exclude):
            keys = tuple(k for k in found.keys if k not in curated_keys)
            if not keys:
                continue
            topic_id = _unique(slugify(found.name) or "topic", taken)
            taken.add(topic_id)
            definitions.append((topic_id, found.name, keys, found.forms, (), None, False, found.letter))

    phrases: dict[tuple[str, ...], str] = {}
    longest: dict[str, int] = {}
    for topic_id, _, keys, *_ in definitions:
        for key in keys:
            phrases.setdefault(key, topic_id)
            if key:
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
    names = {d[0]: d[1] for d in definitions}

    mentions: dict[str, list[Mention]] = defaultdict(list)
    assigned: dict[tuple[str, str], list[str]] = {}
    units_of_topic: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # (slug, unit, is exchange)
    for transcript in corpus.transcripts:
        # Each paragraph tokenised once, for the letters and the mentions; one transcript at a time, for memory.
        words_of = {paragraph: tokens(paragraph) for turn in transcript.turns for _, paragraph in spoken(turn)}
        keys_of_paragraphs = [tuple(t.key for t in words) for words in words_of.values()]
        letters: dict[str, str] = {}
        for topic_id, _, keys, _, _, _, _, letter in definitions:
            if letter and any(_mentions_key(keys_of_paragraphs, key) for key in keys):
                letters[letter] = topic_id if letter not in letters else ""
        matcher = _Matcher(phrases, tuple((p, d[0]) for d in definitions for p in d[4]),
                           {k: v for k, v in letters.items() if v}, longest)
        exchange_ids = {e.id for e in transcript.exchanges}
        for unit in units_of(transcript):
            counts: Counter[str] = Counter()
            asked: Counter[str] = Counter()
            for turn in unit.turns:
                for index, paragraph in spoken(turn):
                    for start, end, topic_id in matcher.find(paragraph, words_of[paragraph]):
                        mentions[topic_id].append(Mention(transcript.slug, turn.id, index, start, end, unit.id))
                        counts[topic_id] += 1
                        if unit.questioner and turn.speaker == unit.questioner:
                            asked[topic_id] += 1
            about = [
                t for t in counts
                if counts[t] >= MENTIONS_IN_EXCHANGE or asked[t] >= MENTIONS_IN_QUESTION
            ]
            about.sort(key=lambda t: (-asked[t], -counts[t], names[t].lower()))
            del about[MOST_TOPICS_OF_UNIT:]
            assigned[(transcript.slug, unit.id)] = about
            for topic_id in about:
                units_of_topic[topic_id].append((transcript.slug, unit.id, unit.id in exchange_ids))

    related: dict[str, Counter[str]] = defaultdict(Counter)
    for about in assigned.values():
        for a in about:
            for b in about:
                if a != b:
                    related[a][b] += 1

    topics: list[Topic] = []
    for topic_id, name, keys, aliases, _, description, curated, _ in definitions:
        places = units_of_topic.get(topic_id, [])
        if not places and not curated:
            continue
        if not places and settings.path is not None:
            line = next((t.line for t in settings.topics if t.id == topic_id), 1)
            report.info(settings.path, line, f"topic {name!r} is not discussed in any transcript", "topics.unused")
        topics.append(Topic(
            id=topic_id, name=name, aliases=tuple(aliases),
            exchanges=tuple((slug, unit) for slug, unit, is_exchange in places if is_exchange),
            related=tuple(sorted(related[topic_id].items(), key=lambda item: (-item[1], item[0]))),
            description=description, curated=curated,
            remarks=tuple((slug, unit) for slug, unit, is_exchange in places if not is_exchange),
            mentions=tuple(mentions.get(topic_id, ())),
        ))
    kept = {t.id for t in topics}
    topics = [replace(t, related=tuple((r, n) for r, n in t.related if r in kept)) for t in topics]
    topics.sort(key=lambda t: (-(len(t.exchanges) + len(t.remarks)), -len(t.mentions), t.name.lower()))

    transcripts = []
    for transcript in corpus.transcripts:
        exchanges = tuple(
            replace(e, topics=tuple(t for t in assigned.get((transcript.slug, e.id), []) if t in kept))
            for e in transcript.exchanges
        )
        turns = tuple(
            replace(turn, topics=tuple(t for t in assigned.get((transcript.slug, turn.id), []) if t in kept))
            if (transcript.slug, turn.id) in assigned else turn
            for turn in transcript.turns
        )
        transcripts.append(replace(transcript, exchanges=exchanges, turns=turns))
    return replace(corpus, transcripts=tuple(transcripts), topics=tuple(topics))


def _mentions_key(keys_of_paragraphs: list[tuple[str, ...]], key: tuple[str, ...]) -> bool:
    """Whether a phrase occurs in any of these paragraphs (given as their words' keys)."""
    size = len(key)
    return any(
        keys[i : i + size] == key
        for keys in keys_of_paragraphs
        for i in range(len(keys) - size + 1)
        if not key or keys[i] == key[0]
    )


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate

