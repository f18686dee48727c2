"""The `topics` step of the corpus stage: the subjects the transcripts discuss, and which exchanges are about each.

Where topics come from
  `content/topics.yml`, when it lists topics, says what the topics are: a name, aliases (phrases,
  compared the way the text is: case, plurals and hyphens aside) or `patterns` (regular expressions),
  a description. `exclude:` lists terms never to make a topic. With no topics listed there (or with
  `automatic: true`), topics are found in the text:

Finding topics (automatic)
  A candidate is a phrase of one to four words inside a clause, none of them a function word,
  filler ("okay", "thank you"), a time word, a number (except as a product's name: "Model 3"), a
  speaker's name or initials, or a word of a firm's name. A candidate becomes a topic when it recurs
  (in two or more exchanges or remarks blocks, or three times in one) and it is specific:
  - a name, capitalised where it is not the first word of a sentence ("Model X", "Autopilot",
    "CapEx"), unless the text also uses it as the first half of a longer name ("Jason Wheeler": a
    given name, not a subject);
  - or a single word that general English uses rarely (Zipf frequency below 4.6 in wordfreq's
    English list: "inventory", "leasing", "dieselgate", but not "thing" or "question"), and not an
    adjective or adverb by its ending;
  - or a phrase of several words that recurs as a whole and has a word rarer than everyday English
    ("gross margin", "free cash flow", "drive unit").
  Variants fold into one topic: plurals ("ZEV credits", "ZEV credit"); an acronym and the words it
  stands for ("CapEx", "capital expenditures"); phrases that end in the same specific word when the
  text also uses that word alone for the same thing ("stationary storage", "energy storage",
  "storage"); a phrase and a longer phrase ending in it ("cash flow", "free cash flow"); a product's
  name and its letter in context ("Model X", "the X").

Assignment: what an exchange is about
  Every mention of a topic is found (longest phrase first). An exchange, or a speaker's block of
  prepared remarks (consecutive remarks turns of one speaker), is about a topic when the topic is
  named at least twice in it, or at least once by the questioner: a question sets the subject, an
  answer's passing mention does not. The moderator's turns are not read (they name people and
  firms). Output is deterministic: everything is sorted, nothing is random.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import inflect
import yaml
from wordfreq import zipf_frequency

from .diagnostics import Report
from .model import MODERATOR, Corpus, Mention, Topic, Transcript, Turn
from .source import slugify

# A word of general English at or above this Zipf frequency is too common to be a topic alone.
COMMON_WORD_ZIPF = 4.6
# A phrase of several words needs at least one word rarer than this.
COMMON_PHRASE_ZIPF = 5.2
LONGEST_PHRASE = 4
# How many mentions make an exchange about a topic, and how many a question needs.
MENTIONS_IN_EXCHANGE, MENTIONS_IN_QUESTION = 3, 1
MAIN_TOPICS_OF_SPEAKER = 6

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.&-][A-Za-z0-9]+)*")
# Punctuation between two words that ends a clause: phrases never span it.
_CLAUSE_BREAK = re.compile(r"[.,;:?!()\[\]\"“”…–—]|\s-\s|\s-$|^-\s")
_SENTENCE_END = re.compile(r"[.?!…]")

_FUNCTION_WORDS = frozenset("""
a about above across after again against all almost along already also although always am among an and another
any anybody anyone anything anyway anywhere are around as at away back be became because become been before
being below between beyond both but by can cannot could did do does doing done down during each either else
enough even ever every everybody everyone everything everywhere few for from further get gets getting got gotten
had has have having he her here hers herself him himself his how however i if in indeed inside instead into is it
its itself just least less let like likely many may maybe me might mine more most much must my myself near need
neither never nevertheless next no nobody none nor not nothing now of off often on once one ones only onto or
other others otherwise our ours ourselves out over own per perhaps please quite rather really same several shall
she should since so some somebody someone something sometimes somewhat somewhere still such than that the their
theirs them themselves then there therefore these they this those though through throughout thus to together too
toward towards under unless until up upon us very versus via was we were what whatever when whenever where whereas
wherever whether which while who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves
ain aren couldn didn doesn don hadn hasn haven isn mustn needn shan shouldn wasn weren won wouldn
i'm i've i'd i'll you're you've you'd you'll he's she's it's we're we've we'd we'll they're they've they'd
they'll that's there's here's what's who's let's can't won't don't doesn't didn't isn't aren't wasn't weren't
haven't hasn't hadn't wouldn't shouldn't couldn't
""".split())
# Talk that carries no subject: greetings, fillers, hedges, the words of asking and answering.
_FILLER = frozenset("""
yeah yes yep no nope okay ok oh ah uh um hmm hi hello hey thanks thank thankyou welcome sorry please pardon
great good fine right sure well alright wow cool excellent terrific fantastic awesome absolutely exactly
certainly definitely obviously clearly basically actually literally honestly frankly essentially generally
guys folks everybody afternoon morning evening night question questions answer answers call calls line lines
operator comment comments color colour thing things stuff lot lots bit kind sort sorts type way ways point
points sense fact case example matter regard respect terms part parts number numbers issue issues people
person guy man woman time times place places end beginning start level levels side sides area areas
goal goals idea ideas view views perspective opinion thought thoughts update detail details clarification
mean means say said says saying think thinks thought know knows knew see sees seen saw look looks looking
want wants wanted wish hope hoping guess feel feels felt talk talking talked tell told ask asked asking
go goes going gone went come comes coming came make makes making made take takes taking took give gives given
provide helpful appreciate appreciated understood understand congratulations luck real quick quickly
first second third last lastly finally also additional next previous
""".split())
_TIME_WORDS = frozenset("""
year years yearly annual annually quarter quarters quarterly month months monthly week weeks weekly day days
daily today tomorrow yesterday tonight date dates term terms period periods
q1 q2 q3 q4 1q 2q 3q 4q h1 h2 fy
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())
# Words after which a word that ends its phrase is a noun: "the inventory", "on leasing".
_NOUN_BEFORE = frozenset("""
the a an our your their its his her my this that these those any some no every each another of on in for about
with around from into versus
""".split())
# Words before a verb: "it relates", "that solves".
_SUBJECTS = frozenset("it he she that which who this what there".split())
# Endings of adjectives and adverbs: a single word ending so is a description, not a subject.
_NOT_A_NOUN_ENDING = re.compile(r"(?:ly|ous|ive|ful|able|ible|ic|al|less|ish|ed|est)$")

_inflect = inflect.engine()


class Token(NamedTuple):
    """A word of a paragraph. A named tuple, not a dataclass: a corpus has millions, made in hot loops."""

    text: str  # as written
    key: str  # compared form: lower case, possessive dropped, plural made singular
    start: int
    end: int
    initial: bool  # first word of a sentence, so its capital says nothing
    breaks: bool  # a clause break stands before it


@dataclass(frozen=True)
class Unit:
    """An exchange, or a speaker's block of prepared remarks: what topics are assigned to."""

    slug: str
    id: str  # exchange id, or the block's first turn id
    turns: tuple[Turn, ...]
    questioner: str | None  # the questioner's speaker id in an exchange


@dataclass(frozen=True)
class CuratedTopic:
    """An entry of content/topics.yml."""

    name: str
    id: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    description: str | None = None
    line: int = 0


@dataclass(frozen=True)
class TopicsFile:
    """What content/topics.yml says; empty when there is no such file."""

    topics: tuple[CuratedTopic, ...] = ()
    exclude: tuple[str, ...] = ()
    automatic: bool | None = None  # None: automatic topics only when no topics are listed
    path: Path | None = None

    @property
    def finds_topics(self) -> bool:
        return self.automatic if self.automatic is not None else not self.topics


@dataclass
class _Candidate:
    """A phrase seen in the text, with the evidence for and against it being a topic."""

    key: tuple[str, ...]
    count: int = 0
    units: set[tuple[str, str]] = field(default_factory=set)  # (slug, unit id) of the units it is seen in
    forms: Counter = field(default_factory=Counter)  # surface forms, as written
    capitalised: int = 0  # occurrences not at a sentence start written with capitals, a whole name
    lower: int = 0  # occurrences not at a sentence start written in lower case
    as_noun: int = 0  # occurrences after a determiner or preposition, ending a phrase: "the inventory."


# --- words ----------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def word_key(word: str) -> str:
    """A word as topics compare it: lower case, no possessive, singular."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    if (
        len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s"))
        and lower not in _FUNCTION_WORDS and lower.isalpha()
    ):
        singular = _inflect.singular_noun(lower)
        if singular:
            return singular
    return lower


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as topics compare it: its words' keys; hyphens separate words ("in-sourcing")."""
    return tuple(t.key for t in tokens(phrase))


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    previous_end, sentence_start = 0, True
    for match in _WORD.finditer(text):
        start, end = match.span()
        if found:
            ends_sentence, breaks = _gap_between(text[previous_end:start])
            sentence_start = sentence_start or ends_sentence
        else:
            breaks = True
        word = match.group()
        found.append(Token(word, _token_key(word), start, end, sentence_start, breaks))
        sentence_start = False
        previous_end = end
    return found


# Per distinct word and per distinct gap between words, computed once: a corpus repeats them millions of times.


@lru_cache(maxsize=None)
def _token_key(word: str) -> str:
    """A hyphenated word's last part is compared as a word ("in-sourcing"); the others only lower-cased."""
    parts = word.split("-")
    return "-".join([*(part.lower() for part in parts[:-1]), word_key(parts[-1])])


@lru_cache(maxsize=None)
def _gap_between(gap: str) -> tuple[bool, bool]:
    """Whether the text between two words ends a sentence, and whether it ends a clause."""
    return bool(_SENTENCE_END.search(gap)), bool(_CLAUSE_BREAK.search(gap))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) <= 2)


@lru_cache(maxsize=None)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


# --- units ----------------------------------------------------------------------------------------


def units_of(transcript: Transcript) -> list[Unit]:
    """Exchanges in order, and blocks of consecutive turns of one speaker outside the exchanges."""
    moderators = {s.id for s in transcript.speakers if s.role == MODERATOR}
    by_exchange: dict[str, list[Turn]] = defaultdict(list)
    units: list[Unit] = []
    block: list[Turn] = []

    def close_block() -> None:
        if block:
            units.append(Unit(transcript.slug, block[0].id, tuple(block), None))
            block.clear()

    for turn in transcript.turns:
        if turn.exchange:
            close_block()
            by_exchange[turn.exchange].append(turn)
            continue
        if turn.speaker in moderators:
            close_block()
            continue
        if block and block[-1].speaker != turn.speaker:
            close_block()
        block.append(turn)
    close_block()
    for exchange in transcript.exchanges:
        spoken = tuple(t for t in by_exchange.get(exchange.id, []) if t.speaker not in moderators)
        units.append(Unit(transcript.slug, exchange.id, spoken, exchange.questioner))
    return units


def _spoken(turn: Turn) -> Iterator[tuple[int, str]]:
    for index, paragraph in enumerate(turn.paragraphs):
        if index not in turn.directions:
            yield index, paragraph


# --- topics.yml -----------------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping, so diagnostics about an entry can point at it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


_TOPIC_KEYS = {"name", "id", "aliases", "patterns", "description", "__line__"}
_FILE_KEYS = {"topics", "exclude", "automatic", "__line__"}


def load_topics_file(path: Path, report: Report) -> TopicsFile:
    """content/topics.yml, every problem reported with its line; what is usable is kept."""
    if not path.is_file():
        return TopicsFile()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        report.error(path, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(error, 'problem', error)}", "topics.yaml")
        return TopicsFile(path=path)
    if data is None:
        return TopicsFile(path=path)
    if isinstance(data, list):
        data = {"topics": data, "__line__": 1}
    if not isinstance(data, dict):
        report.error(path, 1, "expected `topics:` (a list) and optionally `exclude:` and `automatic:`", "topics.yaml")
        return TopicsFile(path=path)
    for key in sorted(set(data) - _FILE_KEYS, key=str):
        report.warning(path, 1, f"unknown key {key!r} (expected topics, exclude, automatic); it is ignored", "topics.key")
    automatic = data.get("automatic")
    if automatic is not None and not isinstance(automatic, bool):
        report.warning(path, 1, "`automatic:` must be true or false; it is ignored", "topics.automatic")
        automatic = None
    exclude = data.get("exclude") or []
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(term, str) for term in exclude):
        report.warning(path, 1, "`exclude:` must be a list of terms; it is ignored", "topics.exclude")
        exclude = []
    entries = data.get("topics") or []
    if not isinstance(entries, list):
        report.error(path, 1, "`topics:` must be a list of topics", "topics.yaml")
        entries = []
    curated: list[CuratedTopic] = []
    seen: dict[str, int] = {}
    for item in entries:
        topic = _curated_topic(item, path, report)
        if topic is None:
            continue
        if topic.id in seen:
            report.warning(path, topic.line, f"topic id {topic.id!r} is already used on line {seen[topic.id]}; "
                           "this entry is ignored", "topics.duplicate")
            continue
        seen[topic.id] = topic.line
        curated.append(topic)
    return TopicsFile(tuple(curated), tuple(exclude), automatic, path)


def _curated_topic(item: Any, path: Path, report: Report) -> CuratedTopic | None:
    line = item.get("__line__", 1) if isinstance(item, dict) else 1
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        report.warning(path, line, "each topic needs a `name:`; this entry is ignored", "topics.entry")
        return None
    for key in sorted(set(item) - _TOPIC_KEYS, key=str):
        report.warning(path, line, f"unknown key {key!r} in topic {item['name']!r}; it is ignored", "topics.key")
    name = item["name"].strip()
    topic_id = item.get("id")
    if topic_id is not None and (not isinstance(topic_id, str) or slugify(topic_id) != topic_id):
        report.warning(path, line, f"id {topic_id!r} must be lower case letters, digits and hyphens; "
                       "the name's is used", "topics.id")
        topic_id = None
    topic_id = topic_id or slugify(name)
    if not topic_id:
        report.warning(path, line, f"topic {name!r} gives no usable id; set `id:`", "topics.id")
        return None
    aliases = _strings(item, "aliases", name, path, line, report)
    patterns = []
    for pattern in _strings(item, "patterns", name, path, line, report):
        try:
            patterns.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            report.warning(path, line, f"pattern {pattern!r} of topic {name!r} is not a regular expression "
                           f"({error}); it is ignored", "topics.pattern")
    description = item.get("description")
    if description is not None and not isinstance(description, str):
        report.warning(path, line, f"the description of topic {name!r} must be text; it is ignored", "topics.description")
        description = None
    return CuratedTopic(name, topic_id, aliases, tuple(patterns), description.strip() if description else None, line)


def _strings(item: dict, key: str, name: str, path: Path, line: int, report: Report) -> tuple[str, ...]:
    value = item.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.warning(path, line, f"`{key}:` of topic {name!r} must be a list of text; it is ignored", f"topics.{key}")
        return ()
    return tuple(v.strip() for v in value)


# --- finding topics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A topic found in the text, before it is assigned: its name and the phrases that name it."""

    name: str
    keys: tuple[tuple[str, ...], ...]
    forms: tuple[str, ...]  # surface forms, for aliases
    letter: str | None = None  # "X" for "Model X": the text says "the X"


def _excluded_words(corpus_transcripts: Iterable[Transcript]) -> tuple[set[str], set[tuple[str, ...]]]:
    """Words of speakers' names (and their initials), and firms' names as phrases."""
    words: set[str] = set()
    firms: set[tuple[str, ...]] = set()
    for transcript in corpus_transcripts:
        company = transcript.organisation
        if isinstance(company, str):
            firms.add(phrase_key(company))
        for speaker in transcript.speakers:
            for name in (speaker.name, *speaker.aliases):
                parts = [p for p in _WORD.findall(name) if p]
                words.update(word_key(p) for p in parts)
                letters = [p[0].lower() for p in parts if p[0].isalpha()]
                for size in (2, 3):
                    for start in range(len(letters) - size + 1):
                        words.add("".join(letters[start : start + size]))
            if speaker.organisation:
                firms.add(phrase_key(speaker.organisation))
    return words, {f for f in firms if f}


def _within(key: tuple[str, ...], phrases: set[tuple[str, ...]]) -> bool:
    n = len(key)
    return any(phrase[i : i + n] == key for phrase in phrases for i in range(len(phrase) - n + 1))


@lru_cache(maxsize=None)
def _subject_word(word: str) -> bool:
    """Whether a word, as written, can be part of a topic at all: not a function word, filler, time word,
    number or single letter. (A speaker's name is checked apart: names differ from corpus to corpus.)"""
    key = _token_key(word)
    if _number_or_letter(word):
        return False
    if key in _FUNCTION_WORDS or key in _FILLER or word.lower() in _FUNCTION_WORDS:
        return False
    if any(part in _TIME_WORDS for part in key.split("-")) or re.fullmatch(r"[qh]\d|\d[qh]|fy\d*|\d{4}s?", key):
        return False
    return True


@lru_cache(maxsize=None)
def _number_or_letter(word: str) -> bool:
    """A number, a single letter, or a word not starting with a letter: at most the end of a name."""
    return len(word) == 1 or word.isdigit() or not word[:1].isalpha()


@lru_cache(maxsize=None)
def _reads_plural(word: str) -> bool:
    return _token_key(word) != word.lower() and word.lower().endswith("s")


def _lower_case(word: str) -> bool:
    """Written in lower case, or not starting with a letter (which says nothing either way)."""
    return word[:1].islower() or not word[:1].isalpha()


def _candidates(units: list[Unit], names: set[str]) -> tuple[dict[tuple[str, ...], _Candidate], set[str]]:
    """Every admissible phrase with its counts; and words the text uses as given names."""
    seen: dict[tuple[str, ...], _Candidate] = {}
    given_names: set[str] = set()
    for unit in units:
        unit_ref = (unit.slug, unit.id)
        for turn in unit.turns:
            for _, paragraph in _spoken(turn):
                words = tokens(paragraph)
                # Facts about each word, looked up once per paragraph rather than once per phrase.
                texts = [t.text for t in words]
                keys = [t.key for t in words]
                capitalised = [_capitalised(text) for text in texts]
                # May stand anywhere in a phrase: a subject word that is not a speaker's name.
                usable = [_subject_word(text) and key not in names for text, key in zip(texts, keys)]
                count = len(words)
                for i, token in enumerate(words):
                    following = words[i + 1] if i + 1 < count else None
                    if (
                        following and not following.breaks and not token.initial and capitalised[i]
                        and token.text.isalpha() and following.text[:1].isupper() and len(following.text) > 1
                        and following.key not in _FUNCTION_WORDS
                    ):
                        given_names.add(token.key)
                    for size in range(1, LONGEST_PHRASE + 1):
                        last = i + size - 1
                        # A phrase stops at a clause break; past a word that may not stand inside a
                        # phrase, no longer phrase from here is admissible either.
                        if last >= count or (size > 1 and (words[last].breaks or not usable[last - 1])):
                            break
                        if not (usable[last] or (size > 1 and _ends_name(texts[last - 1], texts[last]))):
                            continue
                        key = tuple(keys[i : last + 1])
                        candidate = seen.get(key)
                        if candidate is None:
                            candidate = seen[key] = _Candidate(key)
                        candidate.count += 1
                        candidate.units.add(unit_ref)
                        form = paragraph[token.start : words[last].end]
                        candidate.forms[form] += 1
                        before = words[i - 1] if i > 0 and not token.breaks else None
                        after = words[last + 1] if last + 1 < count and not words[last + 1].breaks else None
                        if not token.initial:
                            whole = not (before and capitalised[i - 1] and not before.initial) and not (
                                after and capitalised[last + 1])
                            if whole and all(capitalised[i : last + 1]):
                                candidate.capitalised += 1
                            elif all(_lower_case(text) for text in texts[i : last + 1]):
                                candidate.lower += 1
                        if _reads_plural(texts[last]) and not (before and before.key in _SUBJECTS):
                            candidate.as_noun += 1
                        elif before and before.key in _NOUN_BEFORE and (after is None or after.key in _FUNCTION_WORDS or after.key in _FILLER):
                            candidate.as_noun += 1
    return seen, given_names


def _ends_name(previous: str, word: str) -> bool:
    """A number or a single letter after a capitalised word ends a name: "Model 3", "Model X" (but a
    number of several digits does not: "Model 2015")."""
    return _number_or_letter(word) and not (word.isdigit() and len(word) > 1) and previous[:1].isupper()


def find_topics(transcripts: Iterable[Transcript], exclude: Iterable[str] = ()) -> list[Found]:
    """The recurring, specific subjects of these transcripts, variants folded, in a stable order."""
    transcripts = list(transcripts)
    names, firms = _excluded_words(transcripts)
    units = [unit for transcript in transcripts for unit in units_of(transcript)]
    seen, given_names = _candidates(units, names)
    excluded = {phrase_key(term) for term in exclude} - {()}

    def proper(c: _Candidate) -> bool:
        return c.capitalised > 0 and c.capitalised >= c.lower

    def recurs(c: _Candidate) -> bool:
        return len(c.units) >= 2 or c.count >= 3

    def specific(c: _Candidate) -> bool:
        if proper(c):
            return not (len(c.key) == 1 and (c.key[0] in given_names or len(c.key[0]) <= 2))
        if len(c.key) == 1:
            word = c.key[0]
            common = max(_zipf(word), _zipf(_most_common_lower(c)))
            return (common < COMMON_WORD_ZIPF and not _NOT_A_NOUN_ENDING.search(word) and len(word) > 2
                    and c.as_noun > 0)
        rarest = min(_zipf(word) for word in c.key)
        return rarest < COMMON_PHRASE_ZIPF and not _NOT_A_NOUN_ENDING.search(c.key[-1])

    accepted = {
        key: c for key, c in seen.items()
        if recurs(c) and specific(c) and not _within(key, firms)
        and not any(_within(term, {key}) for term in excluded)
    }
    # A topic plus a word that does not end it ("Model X production", "Tesla Energy products") is
    # that topic, when the topic is named more often on its own.
    for key in sorted(accepted, key=lambda k: (-len(k), k)):
        inner = [k for k in accepted if len(k) < len(key) and key[: len(k)] == k and proper(accepted[k])]
        if not proper(accepted[key]) and any(accepted[k].count > accepted[key].count for k in inner):
            del accepted[key]

    groups = _fold(accepted, seen)
    found = []
    for members in groups:
        best = max(sorted(members), key=lambda k: (len(k) > 1, len(seen[k].units), _standalone(k, members, seen), len(k)))
        name = _display(seen[best], proper(seen[best]))
        forms = sorted({f for k in members for f in seen[k].forms} - {name}, key=lambda f: (f.lower(), f))
        letter = best[-1].upper() if len(best) == 2 and len(best[-1]) == 1 and best[-1].isalpha() else None
        found.append(Found(name, tuple(sorted(members)), tuple(_dedupe_forms(forms, name)), letter))
    return sorted(found, key=lambda f: f.name.lower())


def _standalone(key: tuple[str, ...], members: set[tuple[str, ...]], seen: dict) -> int:
    """How often a phrase is used other than inside a longer phrase of the same topic."""
    return seen[key].count - sum(seen[k].count for k in members if len(k) > len(key) and k[-len(key):] == key)


def _most_common_lower(c: _Candidate) -> str:
    forms = [f.lower() for f, _ in c.forms.most_common()]
    return forms[0] if forms else c.key[0]


def _display(c: _Candidate, proper: bool) -> str:
    """The form the text uses most, not at a sentence start; a lower-case phrase starts with a capital."""
    forms = sorted(c.forms.items(), key=lambda item: (-item[1], item[0]))
    if proper:
        capitals = [f for f, _ in forms if all(_capitalised(w) for w in _WORD.findall(f))]
        return capitals[0] if capitals else forms[0][0]
    inner = [f for f, _ in forms if not f[:1].isupper() or any(w[1:2].isupper() for w in _WORD.findall(f))]
    form = inner[0] if inner else forms[0][0].lower()
    return form[:1].upper() + form[1:]


def _dedupe_forms(forms: list[str], name: str) -> list[str]:
    kept, seen = [], {name.lower()}
    for form in forms:
        if form.lower() not in seen:
            seen.add(form.lower())
            kept.append(form)
    return kept


def _fold(accepted: dict[tuple[str, ...], _Candidate], seen: dict[tuple[str, ...], _Candidate]) -> list[set[tuple[str, ...]]]:
    """Groups of phrases that name one topic."""
    parent = {key: key for key in accepted}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = sorted(accepted)
    for key in keys:
        # A word alone, or a shorter phrase, that ends a longer one: the text uses it for the same thing.
        for other in keys:
            if other != key and len(other) > len(key) and other[-len(key):] == key and not _is_proper(accepted[key]):
                union(key, other)
    # A word that is a topic alone also names it after a modifier: "stationary storage", "energy storage".
    for key in keys:
        if len(key) == 1 and not _is_proper(accepted[key]):
            for other, candidate in seen.items():
                if 1 < len(other) <= 3 and other[-1] == key[0] and other not in parent and candidate.count >= 2:
                    parent[other] = other
                    accepted.setdefault(other, candidate)
                    union(key, other)
    # An acronym and the words it stands for, wherever those words were seen.
    for key in keys:
        if len(key) != 1:
            continue
        forms = [f for f in accepted[key].forms if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*", f)]
        if not forms:
            continue
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z]*", forms[0])]
        for other, candidate in seen.items():
            if len(other) == len(parts) > 1 and all(w.startswith(p) for w, p in zip(other, parts)):
                if other not in parent:
                    parent[other] = other
                    accepted.setdefault(other, candidate)
                union(key, other)
    groups: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for key in parent:
        groups[find(key)].add(key)
    return [groups[root] for root in sorted(groups)]


def _is_proper(c: _Candidate) -> bool:
    return c.capitalised > 0 and c.capitalised >= c.lower


# --- mentions and assignment ----------------------------------------------------------------------


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
        words_of = {paragraph: tokens(paragraph) for turn in transcript.turns for _, paragraph in _spoken(turn)}
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
                for index, paragraph in _spoken(turn):
                    for start, end, topic_id in matcher.find(paragraph, words_of[paragraph]):
                        mentions[topic_id].append(Mention(transcript.slug, turn.id, index, start, end, unit.id))
                        counts[topic_id] += 1
                        if unit.questioner and turn.speaker == unit.questioner:
                            asked[topic_id] += 1
            about = [
                t for t in counts
                if counts[t] >= MENTIONS_IN_EXCHANGE or asked[t] >= MENTIONS_IN_QUESTION
            ]
            about.sort(key=lambda t: (-counts[t], names[t].lower()))
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


# --- views for pages and the command line --------------------------------------------------------


def topics_of_speaker(corpus: Corpus, speaker_id: str, limit: int = MAIN_TOPICS_OF_SPEAKER) -> list[tuple[Topic, int]]:
    """The topics a speaker names most, with how many times, most first."""
    turns = {(t.slug, turn.id) for t in corpus.transcripts for turn in t.turns if turn.speaker == speaker_id}
    counted = [(topic, sum((m.slug, m.turn) in turns for m in topic.mentions)) for topic in corpus.topics]
    counted = [(topic, n) for topic, n in counted if n]
    counted.sort(key=lambda item: (-item[1], item[0].name.lower()))
    return counted[:limit]


def starter_yml(corpus: Corpus) -> str:
    """A topics.yml to start from: the topics found, with their aliases, for a publisher to edit."""
    header = (
        "# Topics for onrecord: edit names, merge or drop entries, add descriptions.\n"
        "# With topics listed here, only these are used (set `automatic: true` to keep finding others).\n"
        "# aliases: phrases compared without case or plurals; patterns: regular expressions.\n"
        "# exclude: terms never to make a topic.\n"
    )
    entries = []
    for topic in corpus.topics:
        entry: dict[str, Any] = {"name": topic.name}
        if topic.aliases:
            entry["aliases"] = list(topic.aliases)
        entry["description"] = topic.description or ""
        entries.append(entry)
    body = yaml.safe_dump({"automatic": False, "exclude": [], "topics": entries}, allow_unicode=True,
                          sort_keys=False, width=100)
    return header + body
