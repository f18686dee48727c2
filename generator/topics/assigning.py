"""Assigning topics: every mention of a topic found, and what each exchange or remarks block is about."""

from __future__ import annotations

import functools
import gc
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..diagnostics import Report
from ..model import Corpus, Mention, Topic, Transcript
from ..pages import RESERVED_IDS
from .finding import Found, find_topics
from .patterns import PatternBudget
from .places import is_place
from .topics_file import TopicsFile
from .units import Unit, spoken, units_of
from .finding import PROPER_WORD_ZIPF
from .words import PLAIN_WORD_ZIPF, Tokens, _zipf, columns, is_common_word, phrase_key

if TYPE_CHECKING:
    from ..topic_memo import TopicMemo

# How many mentions make a long exchange about a topic, and how many a question needs.
MENTIONS_IN_EXCHANGE, MENTIONS_IN_QUESTION = 3, 1
# A unit of at most this many spoken words (a podcast's turn, a short question and answer) is about
# what it names twice; one of at most SHORT_UNIT_WORDS / 2, about the subject it names at all.
SHORT_UNIT_WORDS = 400
# A unit is about a few subjects: past these, the rest are passing mentions. The transcript's own subjects
# where central to the unit, or a topic topics.yml lists, may come on top, up to the second figure.
MOST_TOPICS_OF_UNIT, MOST_WITH_SUBJECTS = 4, 5

Key = tuple[str, ...]


@dataclass(frozen=True)
class TopicDefinition:
    """What a topic is before it is assigned: how it is named, curated or found."""

    id: str
    name: str
    keys: tuple[Key, ...]  # phrases that name it everywhere
    aliases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    description: str | None = None
    curated: bool = False
    letter: str | None = None  # "X" for "Model X": "the X" names it where "Model X" is said
    local_keys: tuple[tuple[str, Key], ...] = ()  # (slug, phrase): names it only in that transcript
    common: bool = False  # a common English word alone: a unit must name it twice, even in a question
    proper: bool = False  # written as a name ("Gatsby", "WordPress"): one mention in a short unit is enough
    former_ids: tuple[str, ...] = ()  # ids its variants would have had: their pages point here
    found_in: tuple[str, ...] = ()  # slugs of the transcripts whose own text makes it a topic
    place: bool = False  # a continent, country, state, city or region


@dataclass(frozen=True)
class _Matcher:
    """Every phrase that names a topic, and patterns, found longest first in a paragraph."""

    phrases: dict[Key, str]  # key -> topic id, across the archive
    overlay: dict[Key, str]  # what names another topic, or none (""), in this transcript only
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    letters: dict[str, str]  # "X" -> topic id of "Model X"
    longest: dict[str, int]  # first word's key -> words in the longest phrase it starts
    budget: PatternBudget = field(default_factory=PatternBudget)  # the patterns' time, shared by the corpus
    where: str = ""  # the transcript, for a pattern that runs out of time

    def find(self, paragraph: str, words: Tokens) -> list[tuple[int, int, str]]:
        """The mentions in a paragraph, given its tokens."""
        spans: list[tuple[int, int, str]] = []
        keys, texts, starts, ends = words.keys, words.texts, words.starts, words.ends
        longest, letters = self.longest, self.letters
        # Only a word that starts a phrase or is a letter ("the X") can start a mention: found in one
        # pass in C, instead of trying every position in Python.
        if letters:
            places = [i for i, (key, text) in enumerate(zip(keys, texts)) if key in longest or text in letters]
        else:
            places = [i for i, key in enumerate(keys) if key in longest]
        covered = 0  # the words before this are inside a mention already
        for i in places:
            if i < covered:
                continue
            size, topic = self._phrase_at(words, i)
            if topic:
                spans.append((starts[i], ends[i + size - 1], topic))
                covered = i + size
            elif texts[i] in letters and not words.initial[i]:
                spans.append((starts[i], ends[i], letters[texts[i]]))
        for pattern, topic in self.patterns:
            for start, end in self.budget.spans(pattern, paragraph, self.where):
                if not any(s < end and start < e for s, e, _ in spans):
                    spans.append((start, end, topic))
        return sorted(spans)

    def _phrase_at(self, words: Tokens, i: int) -> tuple[int, str | None]:
        # A phrase does not cross a clause break.
        keys, breaks = words.keys, words.breaks
        longest = min(self.longest.get(keys[i], 0), len(keys) - i)
        for size in range(1, longest):
            if breaks[i + size]:
                longest = size
                break
        overlay, phrases = self.overlay, self.phrases
        for size in range(longest, 0, -1):
            key = tuple(keys[i : i + size])
            topic = overlay[key] if key in overlay else phrases.get(key)
            if topic:
                return size, topic
        return 0, None


def _without_cycle_collection(step):
    """`step` with Python's cycle collector paused: the topics step makes millions of small containers and
    no reference cycle, and each collection walks the whole corpus in memory (a third of the step's time,
    three quarters of loading its cache). Whatever cycles there are, the next collection takes."""
    @functools.wraps(step)
    def run(*args, **kwargs):
        paused = gc.isenabled()
        gc.disable()
        try:
            return step(*args, **kwargs)
        finally:
            if paused:
                gc.enable()
    return run


@_without_cycle_collection
def assign_topics(corpus: Corpus, settings: TopicsFile, report: Report, memo: TopicMemo | None = None) -> Corpus:
    """The corpus with topics: each found or curated, each exchange and remarks block tagged. With a memo
    (topic_memo.py), each transcript's phrases come from it when the transcript is as it was."""
    definitions = _definitions(corpus, settings, memo)
    archive = _Archive.of(definitions)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    assigned: dict[tuple[str, str], list[str]] = {}
    budget = PatternBudget()
    subjects: dict[str, tuple[str, ...]] = {}  # slug -> the topics of the transcript as a whole
    for transcript in corpus.transcripts:
        subjects[transcript.slug], units = _assigned(transcript, archive, budget, memo)
        for (slug, unit_id), about, found in units:
            assigned[(slug, unit_id)] = about
            for topic_id, mention in found:
                mentions[topic_id].append(mention)
    _report_stopped_patterns(budget, settings, report)
    topics = _topics(corpus, definitions, assigned, mentions, settings, report)
    kept = {t.id for t in topics}
    return replace(corpus, transcripts=tuple(_tagged(t, assigned, kept, subjects.get(t.slug, ())) for t in corpus.transcripts),
                   topics=tuple(topics))


def _definitions(corpus: Corpus, settings: TopicsFile, memo: TopicMemo | None = None) -> list[TopicDefinition]:
    """The curated topics, then (when the file asks for them) those found in the text."""
    definitions = [
        TopicDefinition(topic.id, topic.name, tuple(k for k in (phrase_key(topic.name), *map(phrase_key, topic.aliases)) if k),
                        topic.aliases, topic.patterns, topic.description, curated=True, former_ids=topic.former_ids)
        for topic in settings.topics
    ]
    if not settings.finds_topics:
        return definitions
    curated_keys = {key for d in definitions for key in d.keys}
    taken = {d.id for d in definitions} | RESERVED_IDS  # a topic "Index" must not replace the list of topics
    exclude = [*settings.exclude, *(t.name for t in settings.topics), *(a for t in settings.topics for a in t.aliases)]
    phrases = map(memo.phrases, corpus.transcripts) if memo is not None else None
    for found in find_topics(corpus.transcripts, exclude, phrases):
        keys = tuple(k for k in found.keys if k not in curated_keys)
        if keys:
            definition = _found_definition(found, keys, taken)
            taken.add(definition.id)
            definitions.append(definition)
    return definitions


def _found_definition(found: Found, keys: tuple[Key, ...], taken: set[str]) -> TopicDefinition:
    """A found topic keeps the id of its canonical phrase; a clash with a curated id is numbered."""
    topic_id = _unique(found.id, taken)
    former = tuple(sorted({i for i in found.variant_ids if i != topic_id and i not in taken}))
    # A common word alone, or a name as common ("Europe", "Constitution"): said in passing as often as not.
    # Judged on its canonical phrase, which other transcripts do not change.
    head = found.head or keys[0]
    single = len(head) == 1
    common = single and (is_common_word(head[0]) if not found.proper else _zipf(head[0]) >= PROPER_WORD_ZIPF)
    place = is_place(head)  # where an exchange is set, as often as what it is about: named as a common word
    return TopicDefinition(topic_id, found.name, keys, found.forms, letter=found.letter, local_keys=found.local_keys,
                           common=common or place, proper=found.proper, former_ids=former, found_in=found.found_in,
                           place=place)


def _report_stopped_patterns(budget: PatternBudget, settings: TopicsFile, report: Report) -> None:
    for topic in settings.topics:
        for pattern in topic.patterns:
            if pattern.pattern in budget.stopped:
                report.warning(settings.path or "topics.yml", topic.line, f"pattern {pattern.pattern!r} of topic {topic.name!r} ran out "
                               f"of time (in {budget.stopped[pattern.pattern]}): it backtracks without end on some text; "
                               "it was stopped there, and finds nothing after it; simplify it (no nested repeats "
                               "such as `(a+)+`)", "topics.pattern_slow")


@dataclass(frozen=True)
class _Archive:
    """The topic definitions indexed once for the whole archive, so that each transcript's matcher is a
    small overlay and its cost does not grow with the archive."""

    definitions: tuple[TopicDefinition, ...]
    by_id: dict[str, TopicDefinition]
    phrases: dict[Key, str]  # phrase -> topic id, everywhere
    longest: dict[str, int]  # first word's key -> words in the longest phrase it starts
    containing: dict[Key, tuple[Key, ...]]  # a phrase -> the longer phrases of other topics holding it
    own: dict[str, frozenset[str]]  # slug -> ids of the topics its own text makes (curated ones apart)
    local: dict[str, tuple[tuple[Key, str], ...]]  # slug -> (phrase, topic id) naming a topic there only
    lettered: tuple[TopicDefinition, ...]  # topics with a letter ("X" of "Model X")
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    curated: frozenset[str]
    by_first: dict[str, tuple[Key, ...]] = field(default_factory=dict)  # first word's key -> the phrases it starts
    # (topic id, its one everyday word) of names written so ("Code", a book's): see _overlay
    common_names: tuple[tuple[str, Key], ...] = ()

    @classmethod
    def of(cls, definitions: list[TopicDefinition]) -> "_Archive":
        phrases: dict[Key, str] = {}
        for definition in definitions:
            for key in definition.keys:
                phrases.setdefault(key, definition.id)
        containing: dict[Key, list[Key]] = defaultdict(list)
        for key, topic_id in phrases.items():
            for inner in _inner_phrases(key):
                if phrases.get(inner, topic_id) != topic_id:
                    containing[inner].append(key)
        own: dict[str, set[str]] = defaultdict(set)
        local: dict[str, list[tuple[Key, str]]] = defaultdict(list)
        for definition in definitions:
            for slug in definition.found_in:
                own[slug].add(definition.id)
            for slug, key in definition.local_keys:
                local[slug].append((key, definition.id))
        longest: dict[str, int] = {}
        for key in [*phrases, *(key for pairs in local.values() for key, _ in pairs)]:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return cls(tuple(definitions), {d.id: d for d in definitions}, phrases, longest,
                   {key: tuple(longer) for key, longer in containing.items()},
                   {slug: frozenset(ids) for slug, ids in own.items()}, {slug: tuple(pairs) for slug, pairs in local.items()},
                   tuple(d for d in definitions if d.letter), tuple((p, d.id) for d in definitions for p in d.patterns),
                   frozenset(d.id for d in definitions if d.curated), _by_first(phrases),
                   tuple((d.id, key) for d in definitions if d.proper
                         for key in d.keys if len(key) == 1 and _zipf(key[0]) >= PLAIN_WORD_ZIPF))

    def own_topics(self, slug: str) -> frozenset[str]:
        return self.own.get(slug, frozenset()) | self.curated


def _by_first(phrases) -> dict[str, tuple[Key, ...]]:
    starting: dict[str, list[Key]] = defaultdict(list)
    for key in phrases:
        starting[key[0]].append(key)
    return {word: tuple(keys) for word, keys in starting.items()}


def _inner_phrases(key: Key) -> list[Key]:
    return [key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1) if j - i < len(key)]


def _matcher_of(transcript: Transcript, archive: _Archive, words_of: dict[str, Tokens],
                budget: PatternBudget) -> _Matcher:
    """The phrases naming each topic in this transcript: everywhere, here only, and letters ("the X").
    The transcript's own reading wins: a phrase of a topic found only elsewhere that holds one of its
    own topics ("package managers" around "packages") does not take that topic's mentions here, and a
    word that is its own topic here stands for a longer one only if that one is its own too."""
    overlay = _overlay(transcript.slug, archive)
    said = _said(words_of.values())
    letters: dict[str, str] = {}
    for definition in archive.lettered:
        if any(_mentions_key(said, key) for key in definition.keys):
            letters[definition.letter] = definition.id if definition.letter not in letters else ""
    return _Matcher(archive.phrases, overlay, archive.patterns, {k: v for k, v in letters.items() if v},
                    archive.longest, budget, transcript.slug)


def _overlay(slug: str, archive: _Archive) -> dict[Key, str]:
    """What names another topic, or none (""), in this transcript only."""
    own = archive.own_topics(slug)
    overlay: dict[Key, str] = {}
    for topic_id in own:
        for key in archive.by_id[topic_id].keys:
            for longer in archive.containing.get(key, ()):
                if archive.phrases[longer] not in own:
                    overlay[longer] = ""
    for topic_id, key in archive.common_names:
        # An everyday word as a name ("Code", a book's) names its topic only where the text writes it so.
        if topic_id not in own:
            overlay[key] = ""
    for key, topic_id in archive.local.get(slug, ()):
        if topic_id in own or archive.phrases.get(key) not in own:
            overlay[key] = topic_id  # here the shorter phrase means the longer one's subject
    return overlay


def _bearing(transcript: Transcript, archive: _Archive, vocabulary: frozenset[str]) -> str:
    """A digest of what of the archive can bear on this transcript's units: the phrases (and overlay and
    lettered topics) whose every word it says, as no other can occur in it; what each topic they name is
    (proper, curated, common, named); which of them are its own. With the transcript, it decides the units'
    topics and mentions: the key of its assignment in the cache, unchanged by topics it never names."""
    def said(key: Key) -> bool:
        return all(word in vocabulary for word in key)

    phrases = sorted((key, archive.phrases[key]) for word in vocabulary for key in archive.by_first.get(word, ())
                     if said(key))
    overlay = sorted((key, topic_id) for key, topic_id in _overlay(transcript.slug, archive).items() if said(key))
    lettered = sorted((d.letter, d.id, d.keys) for d in archive.lettered if any(said(key) for key in d.keys))
    ids = {t for _, t in phrases} | {t for _, t in overlay if t} | {i for _, i, _ in lettered}
    facts = [(i, d.proper, d.curated, d.common, d.name) for i in sorted(ids) for d in (archive.by_id[i],)]
    held = repr((phrases, overlay, lettered, facts, sorted(archive.own_topics(transcript.slug) & ids)))
    return hashlib.sha256(held.encode("utf-8", "surrogatepass")).hexdigest()


def _assigned(transcript: Transcript, archive: _Archive, budget: PatternBudget,
              memo: TopicMemo | None) -> tuple[tuple[str, ...], list]:
    """_assign_transcript's subjects and units, from the memo when the transcript and what can bear on it
    are as they were (never with patterns: they run on a time budget the whole build shares)."""
    if memo is None or archive.patterns:
        return _assign_transcript(transcript, archive, budget)
    return memo.assigned(transcript, lambda vocabulary: _bearing(transcript, archive, vocabulary),
                         lambda vocabulary: _assign_transcript(transcript, archive, budget, vocabulary))


@dataclass(frozen=True)
class _Named:
    """What one unit names: how often each topic, how often in the questioner's words, and every mention."""

    unit_id: str
    counts: Counter
    asked: Counter
    length: int  # spoken words
    found: tuple[tuple[str, Mention], ...]
    listed: frozenset[str] = frozenset()  # topics named only inside lists of names ("Gatsby, Nuxt and Vue")


def _assign_transcript(transcript: Transcript, archive: _Archive, budget: PatternBudget,
                       vocabulary: set | None = None) -> tuple[tuple[str, ...], list]:
    """The topics of one transcript as a whole, and per unit: its key, the topics it is about, and every
    mention in it (and into `vocabulary`, every word's key it says, its title's too)."""
    # Each paragraph tokenised once, for the letters and the mentions; one transcript at a time, for memory.
    words_of = {paragraph: columns(paragraph) for turn in transcript.turns for _, paragraph in spoken(turn)}
    if vocabulary is not None:
        vocabulary.update(*(words.keys for words in words_of.values()), columns(transcript.title or "").keys)
    matcher = _matcher_of(transcript, archive, words_of, budget)
    by_id = archive.by_id
    titled = _title_topics(transcript, matcher)
    named = [_named(transcript.slug, unit, matcher, words_of) for unit in units_of(transcript)]
    subjects, first = _subjects(named, by_id, titled)
    everywhere = _widespread(named, by_id, titled) | set(subjects)
    # Its own topics (curated, or found in its own text) rank first: one found elsewhere only fills a
    # free place, so adding transcripts never pushes a unit's own topics off it.
    own = archive.own_topics(transcript.slug)
    units = []
    for unit in named:
        about = _about(unit.counts, unit.asked, unit.length, by_id, titled, everywhere, own, unit.listed)
        # A subject of the whole transcript is on its header, and on the units where it is central (and the
        # unit naming it most): a reader who follows a link to one exchange sees only that exchange's topics.
        central = [s for s in subjects if first[s] == unit.unit_id or _central_to(unit, s)]
        about = (central + about)[:MOST_WITH_SUBJECTS]
        units.append(((transcript.slug, unit.unit_id), about, unit.found))
    return subjects, units


# A unit saying the transcript's subject this often is about it, not passing it by.
SUBJECT_MENTIONS = 2


def _central_to(unit: _Named, subject: str) -> bool:
    """Whether the transcript's subject is central to a unit: its question asks about it, or it says it
    repeatedly; a single passing mention in an answer is not."""
    return unit.asked[subject] >= 1 or unit.counts[subject] >= SUBJECT_MENTIONS


def _named(slug: str, unit: Unit, matcher: _Matcher, words_of: dict[str, Tokens]) -> _Named:
    found: list[tuple[str, Mention]] = []
    counts: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    length = 0
    in_lists: Counter[str] = Counter()
    for turn in unit.turns:
        for index, paragraph in spoken(turn):
            length += len(words_of[paragraph].keys)
            spans = matcher.find(paragraph, words_of[paragraph])
            in_lists.update(_listed(paragraph, spans))
            for start, end, topic_id in spans:
                found.append((topic_id, Mention(slug, turn.id, index, start, end, unit.id)))
                counts[topic_id] += 1
                asked[topic_id] += bool(unit.questioner and turn.speaker == unit.questioner)
    listed = frozenset(t for t, n in in_lists.items() if n == counts[t])
    return _Named(unit.id, counts, asked, length, tuple(found), listed)


# Names joined only by commas, "and", "or" or a slash: a list of examples.
_LIST_GAP = re.compile(r"\s*(?:,|/)?\s*(?:(?:and|or)\s+)?", re.IGNORECASE)
# A list of at least this many topics says what kind of thing, not which one the unit is about.
LIST_LENGTH = 3


def _listed(paragraph: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """The topics named inside runs of at least LIST_LENGTH mentions one after another in a paragraph."""
    listed: list[str] = []
    run: list[str] = []
    for i, (start, end, topic_id) in enumerate(spans):
        if run and not _LIST_GAP.fullmatch(paragraph, spans[i - 1][1], start):
            listed += run if len(run) >= LIST_LENGTH else []
            run = []
        run.append(topic_id)
    listed += run if len(run) >= LIST_LENGTH else []
    return listed


# A description named in more than this share of a transcript's units (of at least WIDESPREAD_UNITS) is
# the transcript's setting ("production ramp", "nomination"), not what one exchange is about.
WIDESPREAD_SHARE, WIDESPREAD_UNITS = 0.4, 10


def _widespread(named: list[_Named], by_id: dict[str, TopicDefinition], titled: set[str]) -> set[str]:
    """Found topics that are not names, named in most units of the transcript: tagging every exchange
    with them says nothing. A name ("Model X"), a specific phrase of the title ("technical portfolio")
    or a topic the publisher listed in topics.yml stays."""
    if len(named) < WIDESPREAD_UNITS:
        return set()
    spread = Counter(topic for unit in named for topic in unit.counts)
    return {
        topic for topic, n in spread.items()
        if n > WIDESPREAD_SHARE * len(named) and not by_id[topic].proper and not by_id[topic].curated
        and not (topic in titled and not by_id[topic].common)
    }


def _subjects(named: list[_Named], by_id: dict[str, TopicDefinition], titled: set[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """The topics of the transcript as a whole, most named first: a specific topic its title names and
    two units name (not one the publisher listed: they want its exchanges listed); and the unit naming
    each most. One most units name but the title does not ("Model X") stays on its exchanges, so its
    page lists them; a description that widespread is the setting (`_widespread`)."""
    spread = Counter(topic for unit in named for topic in unit.counts)
    chosen = [t for t in spread if not by_id[t].curated and t in titled and not by_id[t].common and spread[t] >= 2]
    chosen.sort(key=lambda t: (-spread[t], by_id[t].name.lower()))
    most_about = {t: max(named, key=lambda unit: unit.counts[t]).unit_id for t in chosen}
    return tuple(chosen), most_about


def _title_topics(transcript: Transcript, matcher: _Matcher) -> set[str]:
    """Topics the transcript's own title names: its subject, so any unit that names one is about it."""
    title = transcript.title or ""
    return {topic for _, _, topic in matcher.find(title, columns(title))}


def _about(counts: Counter, asked: Counter, length: int, by_id: dict[str, TopicDefinition],
           titled: set[str], everywhere: set[str] = frozenset(), own: set[str] | None = None,
           listed: frozenset[str] = frozenset()) -> list[str]:
    """The few topics a unit is about: named often enough for its length, or asked about; questions first."""
    def needed(topic_id: str) -> int:
        if topic_id in titled and not by_id[topic_id].common:  # a title's "United States" is its setting
            return 1
        short = 1 if by_id[topic_id].proper or by_id[topic_id].curated else 2
        base = short if length <= SHORT_UNIT_WORDS // 2 else 2 if length <= SHORT_UNIT_WORDS else MENTIONS_IN_EXCHANGE
        if by_id[topic_id].common:
            return max(base, MENTIONS_IN_EXCHANGE if length > SHORT_UNIT_WORDS // 2 else 2)
        return base

    def question_sets_it(topic_id: str) -> bool:
        return asked[topic_id] >= (2 if by_id[topic_id].common else MENTIONS_IN_QUESTION)

    def central(topic_id: str) -> tuple:
        # What the questioner names first (the exchange is asked about it), then what is named by the
        # questioner and the answer alike, and often; a topic said in passing in a long answer comes last,
        # so the cap cuts it.
        both = asked[topic_id] > 0 and counts[topic_id] > asked[topic_id]
        elsewhere = own is not None and topic_id not in own
        tier = not question_sets_it(topic_id)
        return (elsewhere, tier, -(counts[topic_id] + asked[topic_id] + 2 * both), by_id[topic_id].common)

    about = [t for t in counts if t not in everywhere and (counts[t] >= needed(t) or question_sets_it(t))]
    # Names listed together ("Gatsby, Nuxt, React and Vue") are examples of a kind: only one asked about stays.
    about = [t for t in about if t not in listed or question_sets_it(t)]
    # Places listed together ("North America, Europe and APAC") say where, not what: only one asked about stays.
    if sum(by_id[t].place for t in counts) >= 2:
        about = [t for t in about if not by_id[t].place or question_sets_it(t)]
    about.sort(key=central)  # stable: of topics as central, the one the unit names first (counts keep that order)
    # The cap keeps found topics' noise off a unit; what the publisher listed is no noise: it may fill one more.
    extra = [t for t in about[MOST_TOPICS_OF_UNIT:] if by_id[t].curated][: MOST_WITH_SUBJECTS - MOST_TOPICS_OF_UNIT]
    return about[:MOST_TOPICS_OF_UNIT] + extra


def _topics(corpus: Corpus, definitions: list[TopicDefinition], assigned: dict[tuple[str, str], list[str]],
            mentions: dict[str, list[Mention]], settings: TopicsFile, report: Report) -> list[Topic]:
    """The topics discussed somewhere (and every curated one), most discussed first, with related topics."""
    exchange_ids = {(t.slug, e.id) for t in corpus.transcripts for e in t.exchanges}
    places: dict[str, list[tuple[str, str]]] = defaultdict(list)
    related: dict[str, Counter[str]] = defaultdict(Counter)
    for place, about in assigned.items():
        for a in about:
            places[a].append(place)
            related[a].update(b for b in about if b != a)
    topics: list[Topic] = []
    for d in definitions:
        if not places.get(d.id):
            if not d.curated:
                continue
            if settings.path is not None:
                line = next((t.line for t in settings.topics if t.id == d.id), 1)
                report.info(settings.path, line, f"topic {d.name!r} is not discussed in any transcript", "topics.unused")
        topics.append(Topic(
            id=d.id, name=d.name, aliases=tuple(d.aliases),
            exchanges=tuple(p for p in places.get(d.id, ()) if p in exchange_ids),
            related=tuple(sorted(related[d.id].items(), key=lambda item: (-item[1], item[0]))),
            description=d.description, curated=d.curated,
            remarks=tuple(p for p in places.get(d.id, ()) if p not in exchange_ids),
            mentions=tuple(mentions.get(d.id, ())), former_ids=d.former_ids,
        ))
    kept = {t.id for t in topics}
    topics = [replace(t, related=tuple((r, n) for r, n in t.related if r in kept)) for t in topics]
    topics.sort(key=lambda t: (-(len(t.exchanges) + len(t.remarks)), -len(t.mentions), t.name.lower()))
    return topics


def _tagged(transcript: Transcript, assigned: dict[tuple[str, str], list[str]], kept: set[str],
            subjects: tuple[str, ...] = ()) -> Transcript:
    """The transcript with its own topics, each exchange's, and each remarks block's on its first turn."""
    def topics_of(unit_id: str) -> tuple[str, ...]:
        return tuple(t for t in assigned.get((transcript.slug, unit_id), []) if t in kept)

    exchanges = tuple(replace(e, topics=topics_of(e.id)) for e in transcript.exchanges)
    turns = tuple(replace(turn, topics=topics_of(turn.id)) if (transcript.slug, turn.id) in assigned else turn
                  for turn in transcript.turns)
    return replace(transcript, exchanges=exchanges, turns=turns, topics=tuple(t for t in subjects if t in kept))


def _said(paragraphs) -> str:
    """The words' keys of these paragraphs (given as their tokens) as one text: a space around each
    key, a line between paragraphs, so that a phrase's keys are in it exactly where the text says them."""
    return "\n".join(f" {' '.join(words.keys)} " for words in paragraphs)


def _mentions_key(said: str, key: Key) -> bool:
    """Whether a phrase occurs in any of these paragraphs (given as `_said` joins them): keys hold
    neither spaces nor new lines, so a match starts and ends on words and stays in one paragraph."""
    return f" {' '.join(key)} " in said if key else bool(said)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
