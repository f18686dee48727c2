"""Finding topics in the text: candidate phrases, which of them are specific subjects, and the
variants that fold into one topic."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from typing import Iterable, NamedTuple

from ..model import Transcript
from ..readers.vocabulary import is_given_name
from .places import is_demonym
from .units import Unit, spoken, units_of
from ..source import slugify
from .words import (
    _FILLER, _FUNCTION_WORDS, _NOT_A_NOUN_ENDING, _NOUN_BEFORE, _SUBJECTS, _WORD, COMMON_PHRASE_ZIPF,
    COMMON_WORD_ZIPF, LONGEST_PHRASE, PLAIN_WORD_ZIPF, _capitalised, _lower_case, _number_or_letter, _reads_plural,
    Token, Tokens, _lemmas, _subject_word, _zipf, can_be_noun, columns, is_abstraction, is_clipped, is_generic_noun, is_number_word, only_a_verb, phrase_key, verb_of,
    word_key,
)


# A phrase opening with a common word of these endings opens with a description or an action, not a
# name's first word: "bigger picture", "primarily due", "started blogging", "changing situation".
_DESCRIBING = re.compile(r"(?:ly|ing|ed|er|est)$")
_QUANTITIES = frozenset("million billion thousand hundred percent dozen couple half".split())
# Units of measure: a phrase ending in one is an amount ("square feet", "basis points"), not a subject;
# "teens" as "digits" are ("growth in the high teens", "mid-teens EPS growth").
_MEASURES = frozenset("""
foot feet inch mile meter metre kilometer kilometre acre ton tonne pound kilogram gram gallon liter litre
barrel dollar cent euro percent point bp bps hour minute second digit teen
""".split())


def _measured(key: tuple[str, ...]) -> bool:
    """A phrase ending in a unit of measure, a hyphenated one too: an amount ("square feet", "basis
    points", "double digits", "high single-digit" growth), not a subject."""
    return key[-1].rsplit("-", 1)[-1] in _MEASURES


def _opens_on_an_amount(key: tuple[str, ...]) -> bool:
    """A phrase opening on an amount of several words: "double digit demand growth", "high single-digit
    growth", "square feet leased". Not of one word, which may open a name ("dollar store"), nor of a number in
    words, which the number rule weighs ("two minute rule")."""
    return not is_number_word(key[0]) and any(_measured(key[:k]) for k in range(2, len(key)))


# Adjectives of sameness, degree or judgement: they say how a thing compares or how much of it there is,
# not which thing ("different culture", "slight shift", "strong conviction", "potential appreciation"). Not
# those that open terms of a field ("bad debt", "real estate", "general counsel").
_JUDGING = frozenset("""
different similar same other various certain specific particular whole entire overall actual main major
tremendous great good strong weak slight pretty hot significant ample potential current recent wide
""".split())


def _describes(word: str) -> bool:
    """A common word of a describing ending that English does not use as a noun: "bigger", "primarily",
    "started"; not "interest", "water" or "building", nouns that only end so ("interest expense"); or an
    adjective of sameness, degree or judgement ("different", "slight")."""
    return word in _JUDGING or (bool(_DESCRIBING.search(word)) and _zipf(word) >= 4.0 and "NOUN" not in _lemmas(word))


# Words before a verb: a single word seen after them is an action ("to solve", "we estimate"), not a subject.
_BEFORE_A_VERB = frozenset("to will would can could should may might must we they i you don't didn't won't".split())
# Adverbs that stand between a subject and its verb: "I also use", "we just use". Not "do", a verb of its
# own as often: "we do leasing".
_BEFORE_A_VERB_TOO = frozenset("""
also just still really actually always never often usually typically sometimes even only already
""".split())


def _after_a_subject(keys: list[str], breaks: list[bool], i: int) -> bool:
    """Whether word i follows "to", a modal or a pronoun, past adverbs ("I also use")."""
    j = i - 1
    while j > 0 and i - j <= 2 and keys[j] in _BEFORE_A_VERB_TOO and not breaks[j + 1]:
        j -= 1
    return j >= 0 and not breaks[j + 1] and keys[j] in _BEFORE_A_VERB


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
    as_verb: int = 0  # occurrences after "to", a modal or a pronoun: "to solve", "we estimate", "I use Notion"
    as_quantity: int = 0  # occurrences of a single word between "a" and "of": "a ton of", "a bunch of"



@dataclass(frozen=True)
class Found:
    """A topic found in the text, before it is assigned: its name and the phrases that name it."""

    name: str
    keys: tuple[tuple[str, ...], ...]
    forms: tuple[str, ...]  # surface forms, for aliases
    letter: str | None = None  # "X" for "Model X": the text says "the X"
    id: str = ""  # from its canonical phrase, not from the name the text happens to use most
    variant_ids: tuple[str, ...] = ()  # the ids each of its phrases would have alone
    proper: bool = False  # written as a name
    local_keys: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (slug, phrase) naming it in that transcript only
    found_in: tuple[str, ...] = ()  # slugs of the transcripts whose own text makes it a topic
    head: tuple[str, ...] = ()  # its canonical phrase, the one its id comes from


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



def _candidates(units: list[Unit], names: set[str]) -> tuple[dict[tuple[str, ...], _Candidate], Counter[str]]:
    """Every admissible phrase with its counts; and how often each word opens a full name ("Jason Wheeler")."""
    seen: dict[tuple[str, ...], _Candidate] = {}
    given_names: Counter[str] = Counter()
    for unit in units:
        unit_ref = (unit.slug, unit.id)
        for turn in unit.turns:
            for _, paragraph in spoken(turn):
                _paragraph_candidates(paragraph, unit_ref, names, seen, given_names)
    return seen, given_names


def _paragraph_candidates(paragraph: str, unit_ref: tuple[str, str], names: set[str],
                          seen: dict[tuple[str, ...], _Candidate], given_names: Counter[str],
                          cols: Tokens | None = None) -> None:
    """The phrases of one paragraph counted into `seen`, with the evidence each occurrence gives."""
    cols = cols or columns(paragraph)
    # Facts about each word, looked up once per paragraph rather than once per phrase; read from the
    # columns, without a Token made per word.
    texts, keys, starts, ends, initial, breaks = cols
    capitalised = list(map(_capitalised_word, texts))
    # May stand anywhere in a phrase: a subject word that is not a speaker's name.
    usable = [_subject_word(text) and key not in names for text, key in zip(texts, keys)]
    inside, named = usable, capitalised
    joins = _joins_a_name(cols, capitalised, usable) if "of" in keys else ()
    if joins:  # "of" inside a name is part of it, as written: copies, marked where it joins one
        inside, named = usable[:], capitalised[:]
        for j in joins:
            inside[j] = named[j] = True
    evidence = _Evidence(texts, initial, keys, breaks, named, list(map(_lower_case_word, texts)))
    # Only a capitalised word can open a full name: the others are not asked.
    for i in compress(range(len(texts) - 1), capitalised):
        if _opens_a_full_name(cols, i, capitalised[i]):
            given_names[keys[i]] += 1
    get = seen.get
    for i, last in _phrase_spans(cols, usable, inside):
        key = tuple(keys[i : last + 1])
        candidate = get(key)
        if candidate is None:
            candidate = seen[key] = _Candidate(key)
        candidate.count += 1
        candidate.units.add(unit_ref)
        form = paragraph[starts[i] : ends[last]]
        forms = candidate.forms
        forms[form] = forms.get(form, 0) + 1
        _weigh(candidate, evidence, i, last)


def _phrase_spans(cols: Tokens, usable: list[bool], inside: list[bool]) -> list[tuple[int, int]]:
    """The first and last word of every admissible phrase of a paragraph, in order."""
    texts, keys, breaks = cols.texts, cols.keys, cols.breaks
    count = len(keys)
    spans = []
    for i in compress(range(count), usable):  # no phrase opens with a word that may not stand in one
        spans.append((i, i))
        for last in range(i + 1, min(i + LONGEST_PHRASE, count)):
            # A phrase stops at a clause break; past a word that may not stand inside a
            # phrase, no longer phrase from here is admissible either.
            if breaks[last] or not inside[last - 1]:
                break
            if (usable[last] or _ends_name(texts[last - 1], texts[last])
                    or _heads_a_subject(texts[last - 1], keys[last])):
                spans.append((i, last))
    return spans


_capitalised_word = lru_cache(maxsize=None)(_capitalised)
_lower_case_word = lru_cache(maxsize=None)(_lower_case)


class _Evidence(NamedTuple):
    """A paragraph's words as _weigh reads them: per word its text, whether it opens a sentence, its key,
    whether a clause break stands before it, whether it is written as (part of) a name, and whether in
    lower case."""

    texts: list[str]
    initial: list[bool]
    keys: list[str]
    breaks: list[bool]
    named: list[bool]
    lower: list[bool]


def _joins_a_name(cols: Tokens, capitalised: list[bool], usable: list[bool]) -> list[int]:
    """The words that are an "of" between two capitalised words of a name: "Secretary of Commerce",
    "Court of Appeals" ("the cost of Capital" at a sentence's head is not: its first word is initial)."""
    texts, keys, initial, breaks = cols.texts, cols.keys, cols.initial, cols.breaks
    count = len(keys)
    return [
        j for j in range(1, count - 1)
        if keys[j] == "of" and capitalised[j - 1] and capitalised[j + 1] and usable[j - 1]
        and usable[j + 1] and not initial[j - 1] and texts[j + 1][:1].isupper()
        and not breaks[j] and not breaks[j + 1]
    ]


def _opens_a_full_name(cols: Tokens, i: int, capitalised: bool) -> bool:
    """A capitalised word inside a sentence before another capitalised word: "Jason Wheeler"."""
    texts, following = cols.texts, i + 1
    return bool(
        following < len(texts) and not cols.breaks[following] and not cols.initial[i] and capitalised
        and texts[i].isalpha() and texts[following][:1].isupper() and len(texts[following]) > 1
        and cols.keys[following] not in _FUNCTION_WORDS
    )


def _weigh(candidate: _Candidate, evidence: _Evidence, i: int, last: int) -> None:
    """Evidence from one occurrence: written as a name or in lower case, used as a noun or a verb."""
    texts, initial, keys, breaks, capitalised, lower = evidence
    before = keys[i - 1] if i > 0 and not breaks[i] else None
    after = keys[last + 1] if last + 1 < len(keys) and not breaks[last + 1] else None
    if not initial[i]:
        whole = (not (before is not None and capitalised[i - 1] and not initial[i - 1])
                 and not (after is not None and capitalised[last + 1]))
        if whole and all(capitalised[i : last + 1]):
            candidate.capitalised += 1
        elif all(lower[i : last + 1]):
            candidate.lower += 1
    if before is None:
        if _reads_plural(texts[last]):
            candidate.as_noun += 1
        return
    if _after_a_subject(keys, breaks, i):
        candidate.as_verb += 1
    if i == last and after is not None and before in ("a", "an") and after == "of":
        candidate.as_quantity += 1
    if _reads_plural(texts[last]) and before not in _SUBJECTS:
        candidate.as_noun += 1
    elif before in _NOUN_BEFORE and (after is None or after in _FUNCTION_WORDS or after in _FILLER):
        candidate.as_noun += 1


# Nouns of talk ("in that case", "at this level") that head a subject after a noun that names its kind:
# "splice case", "occupancy level", "Sweatt case", "GitHub issue".
_TALK_HEADS = frozenset("case level line issue".split())


@lru_cache(maxsize=None)
def _heads_a_subject(previous: str, key: str) -> bool:
    """Whether a noun of talk ends a phrase after this word: a noun of English (not a verb or adjective:
    "prejudge case", "appellate level"), or a word written as a name ("Sweatt", "CO2"); never a word
    English does not know written in lower case ("pre-pandemic level")."""
    if key not in _TALK_HEADS or not _subject_word(previous):
        return False
    written_as_name = previous[:1].isupper() or any(ch.isdigit() for ch in previous)
    return written_as_name or "NOUN" in _lemmas(previous)


def _ends_name(previous: str, word: str) -> bool:
    """A number or a single letter after a capitalised word ends a name: "Model 3", "Model X" (but a
    number of several digits does not: "Model 2015")."""
    return _number_or_letter(word) and not (word.isdigit() and len(word) > 1) and previous[:1].isupper()


Key = tuple[str, ...]


@dataclass(frozen=True)
class TranscriptPhrases:
    """What one transcript alone says of its phrases: a pure function of the transcript, so an archive's
    topics grow by one transcript's work plus a join, and a topic one transcript's own evidence accepts
    stays accepted whatever other transcripts are added."""

    slug: str
    seen: dict  # phrase key -> _Candidate, counted in this transcript only
    strong: frozenset  # keys this transcript alone makes topics: specific, and recurring here
    weak: frozenset  # keys specific here but said too rarely here: topics if two transcripts say so
    proper: frozenset = frozenset()  # of those, the keys this transcript writes as names


def transcript_phrases(transcript: Transcript) -> TranscriptPhrases:
    """The candidate phrases of one transcript and which of them its own text makes topics."""
    names, _ = _excluded_words([transcript])
    seen, given_names = _candidates(units_of(transcript), names)
    specific = {key: c for key, c in seen.items() if _specific(c, seen, given_names)}
    _drop_extensions(specific)
    _drop_words_before_names(specific)
    _drop_fragments(specific, seen)
    _drop_cut_compounds(specific, seen)
    _drop_modifiers(specific, seen)
    strong = frozenset(key for key, c in specific.items() if _recurs(c))
    proper = frozenset(key for key, c in specific.items() if _proper(c))
    return TranscriptPhrases(transcript.slug, seen, strong, frozenset(specific) - strong, proper)


def find_topics(transcripts: Iterable[Transcript], exclude: Iterable[str] = (),
                phrases: Iterable[TranscriptPhrases] | None = None) -> list[Found]:
    """The recurring, specific subjects of these transcripts, variants folded, in a stable order. A
    phrase is a topic where one transcript's own text makes it one, or two transcripts each say it as one."""
    transcripts = list(transcripts)
    names, firms = _excluded_words(transcripts)
    excluded = {phrase_key(term) for term in exclude} - {()}
    seen: dict[Key, _Candidate] = {}
    strong: dict[Key, list[str]] = defaultdict(list)  # key -> slugs whose own text makes it a topic
    weak: dict[Key, list[str]] = defaultdict(list)
    names_written: set[Key] = set()  # keys some transcript writes as a name: once a name, always one
    named_in: dict[Key, list[str]] = defaultdict(list)  # key -> slugs writing it as a name
    for own in (phrases if phrases is not None else map(transcript_phrases, transcripts)):
        _merge(seen, own.seen)
        names_written |= own.proper
        for key in own.proper:
            named_in[key].append(own.slug)
        for key in own.strong:
            strong[key].append(own.slug)
        for key in own.weak:
            weak[key].append(own.slug)
    # A topic is its own in the transcripts whose text alone makes it one; one that two transcripts
    # each say too rarely is a topic of the archive, no transcript's own.
    # Such a topic is weighed on the archive's counts too: one "free cash" in each of two calls is cut
    # short as surely as the "free cash flow" all calls say.
    shared = {key: seen[key] for key, slugs in weak.items() if len(slugs) >= 2 and key not in strong}
    _drop_modifiers(shared, seen)
    keys = set(strong) | set(shared)
    # A plain word alone is a transcript's own topic only where that transcript writes it as a name.
    sources = {key: [slug for slug in slugs if not _plain_alone(key, seen) or slug in named_in.get(key, ())]
               for key, slugs in strong.items()}
    accepted = {
        key: seen[key] for key in sorted(keys)
        if not _within(key, firms) and not any(word in names for word in key)
        and not any(_within(term, {key}) for term in excluded)
    }
    # A plain word alone ("storage", "asset") folds variants ("stationary storage", "energy storage")
    # but is no topic by itself.
    groups = [g for g in _fold(accepted, seen) if not all(_plain_alone(key, seen) and key not in named_in for key in g)]
    titles = {t.slug: phrase_key(t.title or "") for t in transcripts}
    local = _local_keys(groups, seen, titles)
    found = [_found(members, seen, local.get(min(members), ()), keys) for members in groups]
    found = [replace(f, found_in=tuple(sorted({slug for key in f.keys for slug in sources.get(key, ())})),
                     proper=f.proper or any(key in names_written for key in f.keys)) for f in found]
    return sorted(found, key=lambda f: f.name.lower())


def _plain_alone(key: Key, seen: dict[Key, _Candidate]) -> bool:
    """A word of everyday English alone, not written as a name."""
    return (len(key) == 1 and max(_zipf(key[0]), _zipf(_most_common_lower(seen[key]))) >= PLAIN_WORD_ZIPF
            and not _proper(seen[key]))


def _merge(seen: dict[Key, _Candidate], own: dict[Key, _Candidate]) -> None:
    """One transcript's counts added into the archive's."""
    for key, c in own.items():
        into = seen.get(key)
        if into is None:
            seen[key] = _Candidate(key, c.count, set(c.units), Counter(c.forms), c.capitalised, c.lower, c.as_noun,
                                   c.as_verb, c.as_quantity)
            continue
        into.count += c.count
        into.units |= c.units
        into.forms.update(c.forms)
        into.capitalised += c.capitalised
        into.lower += c.lower
        into.as_noun += c.as_noun
        into.as_verb += c.as_verb
        into.as_quantity += c.as_quantity


def _proper(c: _Candidate) -> bool:
    return c.capitalised > 0 and c.capitalised >= c.lower


# A capitalised word this common in English ("American", "Government", "Nation") is said in passing, as
# an adjective or an institution, far more often than as a subject; alone it is a topic only if it
# never opens a longer name.
PROPER_WORD_ZIPF = 4.5
# A word that opens a longer name may still be a name of its own ("GitHub" of "GitHub Pages", "React" of
# "React Live") if it is rarer in English than a usual given name ("Jason" is 4.5).
NAME_OF_ITS_OWN_ZIPF = 4.3


def _counted(c: _Candidate) -> bool:
    """Whether a phrase opening on a number is mostly said with a plural after it: things counted."""
    plural = sum(n for form, n in c.forms.items() if _reads_plural(form.split()[1] if len(form.split()) > 1 else form))
    return plural * 2 >= c.count


def _recurs(c: _Candidate) -> bool:
    return len(c.units) >= 2 or c.count >= 3


# The talk about the talk: where a call, a hearing or an episode points its listeners, never what it
# is about ("as the press release says", "in the shareholder letter").
_ABOUT_THE_TALK = frozenset(map(tuple, (phrase.split() for phrase in """
press release; earnings release; news release; shareholder letter; conference call; earnings call;
prepared remark; opening remark; closing remark; opening statement; forward-looking statement;
safe harbor; show note; next question; follow-up question; last question; final question; webcast;
replay; federal security law; security law
""".replace("\n", " ").split(";"))))


# A podcast or an episode is the talk itself ("the Ladybug podcast"), never what it is about.
_SHOWS = frozenset({"podcast", "episode"})


def _names_a_show(c: _Candidate, seen: dict[Key, _Candidate]) -> bool:
    """A name said before "podcast" in a third of its uses is a show's name ("Ladybug"): the talk about
    the talk, however often its welcome and sign-off say it."""
    show = seen.get((*c.key, "podcast"))
    return bool(show and show.count * 3 >= c.count)


def _specific(c: _Candidate, seen: dict[Key, _Candidate], given_names: Counter[str]) -> bool:
    """A name (not a given name), a rare noun, or a phrase with a rare word that ends in a noun."""
    if c.key in _ABOUT_THE_TALK or c.key[-1] in _SHOWS or _names_a_show(c, seen):
        return False
    if len(c.key) == 1 and is_generic_noun(c.key[0]):
        return False  # a role or an abstraction, capitalised or not ("CEO", "Strategy")
    if len(c.key) == 1 and c.lower and is_clipped(c.key[0]):
        return False  # a clipped word ("comp", "dev"), however a title capitalises it ("Non-Dev Jobs")
    if len(c.key) == 1 and is_demonym(c.key[0]):
        return False  # a place's people or adjective ("American"): who or where, not what
    if not _proper(c) and (is_number_word(c.key[-1]) or (is_number_word(c.key[0]) and _counted(c))):
        return False  # an amount or a year said in words ("five slides", "fiscal twenty-seven"), not "two-minute rule"
    if not _proper(c) and (_measured(c.key) or _opens_on_an_amount(c.key)):
        return False  # an amount, or a thing measured by one: "double digits", "double digit demand growth"
    if _proper(c):
        # A word that opens a longer name is a given name ("Jason" of "Jason Wheeler"), unless it is said
        # mostly alone and is rare in English: then it is a name of its own ("GitHub", beside "GitHub Pages").
        given = given_names[c.key[0]] > 0 and (given_names[c.key[0]] >= c.capitalised or _zipf(c.key[0]) >= NAME_OF_ITS_OWN_ZIPF)
        if len(c.key) == 1 and _zipf(c.key[0]) >= PROPER_WORD_ZIPF and _NOT_A_NOUN_ENDING.search(c.key[0]):
            return False  # an adjective at a sentence's head or in a title ("Federal", "Constitutional")
        if len(c.key) == 1 and _zipf(c.key[0]) >= PLAIN_WORD_ZIPF and not _a_name(c, seen):
            return False
        if len(c.key) > 1 and c.lower and _NOT_A_NOUN_ENDING.search(c.key[-1]) and "ADJ" in _lemmas(c.key[-1]):
            return False  # a description cut before its noun, also written in lower case: "Minimum Viable" (person)
        return not (len(c.key) == 1 and (given or len(c.key[0]) <= 2 or is_given_name(c.key[0])))
    if len(c.key) == 1:
        return _specific_word(c, seen)
    if c.as_verb * 2 >= c.count:
        return False  # a clause, said after "to", a modal or a pronoun: "I use Notion", "we drive adoption"
    if len(c.key) == 2 and is_abstraction(c.key[1]) and "ADJ" in _lemmas(c.key[0]):
        return False  # a description of an abstraction: "fair process", "strong momentum" ("expert witness" stays)
    if _a_term(c):
        return not _opens_on_a_verb(c.key, seen)
    return _specific_phrase(c.key) and not _opens_on_a_verb(c.key, seen)


# A phrase said as a whole in this many units of one transcript is a term of its field, even opening on a
# participle ("continuing operations", "adjusted EBITDA") or ending in a rare word lemminflect knows only
# as an adjective ("community broadband"): a passing description ("changing situation") does not recur so.
TERM_UNITS = 3


def _a_term(c: _Candidate) -> bool:
    key = c.key
    if len(c.units) < TERM_UNITS:
        return False
    rarest = min(_zipf(word) for word in key)
    participle = key[0].endswith(("ing", "ed"))
    rare_adjective_ending = not can_be_noun(key[-1]) and _zipf(key[-1]) < PLAIN_WORD_ZIPF
    return (rarest < COMMON_PHRASE_ZIPF and not _NOT_A_NOUN_ENDING.search(key[-1]) and key[0] not in _QUANTITIES
            and not _measured(key) and (participle or rare_adjective_ending))


def _opens_on_a_verb(key: Key, seen: dict[Key, _Candidate]) -> bool:
    """A phrase opening on a bare verb is a clause's fragment ("anticipate cap rates", "write code"),
    unless the text uses that word as a noun too ("log exports" beside "the logs"): lemminflect's
    tables know some nouns only as verbs."""
    first = seen.get(key[:1])
    return only_a_verb(key[0]) and not (first and first.as_noun)


def _a_name(c: _Candidate, seen: dict[Key, _Candidate]) -> bool:
    """An everyday word written as a name: capitalised inside sentences in most of its uses, never in lower
    case ("Europe", "YouTube"; not "the Board" beside "a board", nor "Government" at sentences' heads), and
    not mostly a description before a noun in lower case ("American companies", "German market")."""
    if c.lower or c.capitalised * 2 <= c.count:
        return False
    described = sum(o.count for k, o in seen.items() if len(k) == 2 and k[0] == c.key[0] and not _proper(o))
    return described * 2 < c.count


@lru_cache(maxsize=1 << 16)
def _specific_phrase(key: Key) -> bool:
    """A phrase of several words, not a name: its words alone decide, so each transcript asks once."""
    rarest = min(_zipf(word) for word in key)
    return (rarest < COMMON_PHRASE_ZIPF and not _NOT_A_NOUN_ENDING.search(key[-1])
            and not _describes(key[0]) and key[0] not in _QUANTITIES and not _measured(key)
            and can_be_noun(key[-1]))


def _specific_word(c: _Candidate, seen: dict[Key, _Candidate]) -> bool:
    """A word alone: rare in English, used as a noun, and a noun at all ("solve", "strict" are not; an
    -ing word of a verb only where the text uses the verb's noun too: "leasing" beside "a lease"); not a
    role or an abstraction any talk has ("tenants", "perception"), nor a measure ("a ton of")."""
    word = c.key[0]
    if is_generic_noun(word) or c.as_quantity * 2 >= c.count:
        return False
    common = max(_zipf(word), _zipf(_most_common_lower(c)))
    if not (common < COMMON_WORD_ZIPF and not _NOT_A_NOUN_ENDING.search(word) and len(word) > 2
            and c.as_noun > 0 and c.as_verb < c.as_noun):
        return False
    if can_be_noun(word):
        return True
    stem = verb_of(word)
    return bool(stem and stem != word and can_be_noun(stem) and (stem,) in seen and seen[(stem,)].as_noun > 0)


def _drop_extensions(accepted: dict[Key, _Candidate]) -> None:
    """A topic plus a word that does not end it ("Model X production", "Tesla Energy products") is that
    topic, when the topic is named more often on its own."""
    for key in sorted(accepted, key=lambda k: (-len(k), k)):
        # Its opening phrases (looked up, not scanned for): none is gone yet, as the longest go first.
        inner = [key[:n] for n in range(1, len(key)) if key[:n] in accepted and _proper(accepted[key[:n]])]
        if not _proper(accepted[key]) and any(accepted[k].count > accepted[key].count for k in inner):
            del accepted[key]


def _drop_words_before_names(accepted: dict[Key, _Candidate]) -> None:
    """A word in lower case before a name of several words ("total Urban Outfitters") is that name said
    with a modifier, when the name is said more often on its own: the name may be a topic, not the
    phrase. Before one word, often an acronym, it makes a term of its own ("adjusted EBITDA")."""
    for key in [k for k, c in accepted.items() if len(k) > 2 and not _proper(c) and c.capitalised == 0]:
        name = accepted.get(key[1:])
        if name is not None and _proper(name) and name.count > accepted[key].count:
            del accepted[key]


# A phrase said mostly right after one same word is a piece of the longer phrase ("court nominee" of
# "Supreme Court nominee"), not a subject of its own.
FRAGMENT_SHARE = 0.7


def _drop_fragments(accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate]) -> None:
    longer: dict[Key, int] = defaultdict(int)
    for key, c in seen.items():
        if len(key) > 1 and key[1:] in accepted:
            longer[key[1:]] = max(longer[key[1:]], c.count)
    for key in [k for k in accepted if longer.get(k, 0) >= FRAGMENT_SHARE * accepted[k].count]:
        del accepted[key]


# A word that opens a compound in this share of its uses is that compound's first word.
CUT_SHARE = 0.5


def _drop_cut_compounds(accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate]) -> None:
    """A phrase ending on a word the text mostly says as the first of a compound ("sub-6 cap" where "cap" is
    mostly "cap rate") is that compound cut short ("sub-6 cap rate", said short). A name stays: "the DC
    Circuit" is one."""
    opening: Counter[str] = Counter()
    for key, c in accepted.items():
        if len(key) == 2:
            opening[key[0]] += c.count
    cut = [key for key, c in accepted.items()
           if len(key) > 1 and not _proper(c) and (key[-1],) in seen
           and opening[key[-1]] >= CUT_SHARE * seen[(key[-1],)].count]
    for key in cut:
        del accepted[key]


# A phrase said before a further word of a phrase in this share of its uses modifies what follows.
MODIFIER_SHARE = 0.7


def _drop_modifiers(accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate]) -> None:
    """A phrase the text mostly says before one same word is a compound cut short ("free cash" of "free
    cash flow", "executive vice" of "executive vice president"); one ending on an adjective and mostly
    said before some noun is a modifier ("weighted average" lease term, cost, unit). The compound may be
    a topic; the cut phrase is not. A name stays; so does a noun said before many ("leasing" activity,
    pipeline, spreads)."""
    followed: Counter[Key] = Counter()
    most: Counter[Key] = Counter()
    for key, c in seen.items():
        if len(key) > 1 and key[:-1] in accepted:
            followed[key[:-1]] += c.count
            most[key[:-1]] = max(most[key[:-1]], c.count)
    # A compound said once proves nothing: "software engineering" is not cut by one "software engineering job".
    for key in [k for k, c in accepted.items() if not _proper(c) and (
            most[k] >= max(2, MODIFIER_SHARE * c.count)
            or (_reads_adjective(k[-1]) and followed[k] >= max(2, MODIFIER_SHARE * c.count)))]:
        del accepted[key]


def _reads_adjective(key: str) -> bool:
    """A word English uses as an adjective ("average", "viable"), or a hyphenated word English does not
    know ("single-digit", "year-over-year"): a compound modifier."""
    return "ADJ" in _lemmas(key) or ("-" in key and not _lemmas(key))


def _found(members: set[Key], seen: dict[Key, _Candidate], local: tuple[tuple[str, Key], ...],
           topics: set[Key] | frozenset = frozenset()) -> Found:
    """A group of phrases as a topic: named as the text most names it, identified by its canonical phrase,
    chosen among the phrases that are topics in their own right (`topics`): a phrase that only joined by a
    fold ("linear trajectory" beside "trajectory") joins or not as other transcripts come, so it must
    not decide the id."""
    best = max(sorted(members), key=lambda k: (not _plain_alone(k, seen), len(k) > 1, len(seen[k].units),
                                               _standalone(k, members, seen), len(k)))
    name = _display(seen[best], _proper(seen[best]))
    local_forms = {f for _, k in local for f in seen[k].forms}
    forms = sorted({f for k in members for f in seen[k].forms} | local_forms - {name}, key=lambda f: (f.lower(), f))
    letter = best[-1].upper() if len(best) == 2 and len(best[-1]) == 1 and best[-1].isalpha() else None
    canonical = _head((members & topics) or members)
    variant_ids = tuple(sorted({_key_id(k, seen[k]) for k in members}))
    return Found(name, tuple(sorted(members)), tuple(_dedupe_forms(forms, name)), letter, _key_id(canonical, seen[canonical]),
                 variant_ids, _proper(seen[best]), local, head=canonical)


def _head(members: set[Key]) -> Key:
    """The phrase that names a topic most specifically whatever else joins it: its shortest phrase of
    several words ("gross margin", whether or not "margin" folds in here), else its first word."""
    return min(members, key=lambda k: (len(k) == 1, len(k), k))


def _key_id(key: Key, c: _Candidate) -> str:
    """A phrase's id: its compared words (singular, lower case), a name's words as written ("judge-roberts");
    the same whichever variant names the topic, and whatever other transcripts say."""
    if _proper(c):
        form = max(sorted(c.forms), key=lambda f: (all(_capitalised(w) for w in _WORD.findall(f)), c.forms[f]))
        return slugify(re.sub(r"['’]s\b", "", form)) or slugify(" ".join(key)) or "topic"
    return slugify(" ".join(key)) or "topic"


def _standalone(key: Key, members: set[Key], seen: dict) -> int:
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
    # A capital past a word's first letter is an acronym's, kept ("G&A expense", "CapEx").
    inner = [f for f, _ in forms if not f[:1].isupper() or any(ch.isupper() for w in _WORD.findall(f) for ch in w[1:])]
    form = inner[0] if inner else forms[0][0].lower()
    return form[:1].upper() + form[1:]


def _dedupe_forms(forms: list[str], name: str) -> list[str]:
    kept, seen = [], {name.lower()}
    for form in forms:
        if form.lower() not in seen:
            seen.add(form.lower())
            kept.append(form)
    return kept


class _Groups:
    """Union-find over phrases: each group names one topic; the smallest key is a group's root."""

    def __init__(self, keys: Iterable[Key]):
        self.parent = {key: key for key in keys}

    def add(self, key: Key) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: Key) -> Key:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[set[Key]]:
        found: dict[Key, set[Key]] = defaultdict(set)
        for key in self.parent:
            found[self.find(key)].add(key)
        return [found[root] for root in sorted(found)]


def _fold(accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate]) -> list[set[Key]]:
    """Groups of phrases that name one topic."""
    groups = _Groups(accepted)
    keys = sorted(accepted)
    _fold_endings(keys, accepted, groups)
    _fold_modifiers(keys, accepted, seen, groups)
    _fold_acronyms(keys, accepted, seen, groups)
    _fold_word_families(keys, accepted, groups)
    return groups.groups()


def _fold_endings(keys: list[Key], accepted: dict[Key, _Candidate], groups: _Groups) -> None:
    """A word alone, or a shorter phrase, that ends a longer one: the text uses it for the same thing."""
    ending: dict[Key, list[Key]] = defaultdict(list)  # a phrase's endings -> the longer phrases (an index, not a scan)
    for other in keys:
        for size in range(1, len(other)):
            ending[other[-size:]].append(other)
    for key in keys:
        # A name folds only into a longer name it ends ("Judiciary Committee", "Senate Judiciary Committee");
        # a word written as a name ("Court") into none: "the Board" is left to _local_keys.
        name = _proper(accepted[key])
        if name and len(key) == 1:
            continue
        for other in ending.get(key, ()):
            if _same_transcripts(accepted[other], accepted[key]) and (not name or _proper(accepted[other])):
                groups.union(key, other)


# A word names at most this many longer phrases ending in it: past that, the modifiers say different
# subjects ("leasing", "development" and "portfolio pipeline"), not variants of one.
MOST_MODIFIERS = 2


def _fold_modifiers(keys: list[Key], accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate], groups: _Groups) -> None:
    """A word that is a topic alone also names it after a modifier: "stationary storage", "energy storage"."""
    by_last: dict[str, list[Key]] = defaultdict(list)  # phrases of two or three words seen twice, by last word
    for other, candidate in seen.items():
        if 1 < len(other) <= 3 and candidate.count >= 2:
            by_last[other[-1]].append(other)
    topics_ending = Counter(k[-1] for k in keys if len(k) > 1)
    for key in keys:
        if len(key) != 1 or _proper(accepted[key]):
            continue
        modified = [
            other for other in by_last.get(key[0], ())
            if (other not in groups.parent and _same_transcripts(seen[other], accepted[key])
                and not _describes(other[0]) and other[0] not in _QUANTITIES and not _a_verb_before(other, seen))
        ]
        if len(modified) + topics_ending[key[0]] > MOST_MODIFIERS:
            continue
        for other in modified:
            groups.add(other)
            accepted.setdefault(other, seen[other])
            groups.union(key, other)


def _a_verb_before(phrase: Key, seen: dict[Key, _Candidate]) -> bool:
    """A phrase opening on a word the text mostly says as a verb ("I use pandas", "uses pandas") is a clause
    about the word it ends, no variant of it: folded in, it would name the topic ("Use pandas")."""
    first = seen.get(phrase[:1])
    return bool(first and first.as_verb * 2 >= first.count)


def _fold_acronyms(keys: list[Key], accepted: dict[Key, _Candidate], seen: dict[Key, _Candidate], groups: _Groups) -> None:
    """An acronym and the words it stands for, wherever those words were seen."""
    by_initials: dict[str, list[Key]] = defaultdict(list)  # phrases of several words by their words' first letters
    for other in seen:
        if len(other) > 1 and all(other):
            by_initials["".join(word[0] for word in other)].append(other)
    for key in keys:
        if len(key) != 1:
            continue
        forms = [f for f in accepted[key].forms if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*", f)]
        if not forms:
            continue
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z]*", forms[0])]
        for other in by_initials.get("".join(p[0] for p in parts), ()):
            candidate = seen[other]
            # Only the words said where the acronym is: "CSS" is not another transcript's "current sensor suite".
            # Letters alone ("FFO") say little: "flexible financing options" is not "funds from operations"
            # unless the text writes the words as the acronym's name, capitalised.
            letters_only = all(len(p) == 1 for p in parts)
            if (len(other) == len(parts) > 1 and all(w.startswith(p) for w, p in zip(other, parts))
                    and _same_transcripts(accepted[key], candidate) and (candidate.capitalised or not letters_only)):
                groups.add(other)
                accepted.setdefault(other, candidate)
                groups.union(key, other)


def _fold_word_families(keys: list[Key], accepted: dict[Key, _Candidate], groups: _Groups) -> None:
    """An -ing word and the noun of its verb: "leasing" and "lease", "tooling" and "tools"."""
    for key in keys:
        if len(key) == 1 and not _proper(accepted[key]):
            stem = verb_of(key[0])
            if stem and (stem,) in accepted and not _proper(accepted[(stem,)]):
                groups.union(key, (stem,))


# A word stands for the longer phrase it ends only where the phrase is said in at least this share of
# as many units as the word: "margin" in 4 units beside "gross margin" in 3 is the gross margin, but
# "deadline" in 10 beside "dead deadline" in 2 is every deadline, and "tool" in 6 not the "use tool" of one.
SHORT_FORM_SHARE = 1 / 3


def _local_keys(groups: list[set[Key]], seen: dict[Key, _Candidate],
                titles: dict[str, Key] | None = None) -> dict[Key, tuple[tuple[str, Key], ...]]:
    """Words that name a topic in one transcript only: where the text says "gross margin" and then
    "margin", with no other topic ending in "margin", and says the phrase often enough beside the word
    (or its title says it: "portfolio" in an episode on technical portfolios), the margin is the gross
    margin; elsewhere it is not. Keyed by each group's root."""
    grouped = {key for members in groups for key in members if len(members) > 1}
    ending: dict[tuple[str, str], list[Key]] = defaultdict(list)  # (slug, word) -> roots of topics ending in it
    for members in groups:
        root = min(members)
        for word in {k[-1] for k in members if len(k) > 1}:
            slugs = {slug for k in members if len(k) > 1 and k[-1] == word for slug, _ in seen[k].units}
            for slug in slugs:
                ending[(slug, word)].append(root)
    local: dict[Key, list[tuple[str, Key]]] = defaultdict(list)
    groups_of = {min(members): members for members in groups}
    units_in = _UnitsBySlug(seen)  # a phrase's units by transcript, gathered once, not once per transcript
    for (slug, word), roots in sorted(ending.items()):
        key = (word,)
        if len(set(roots)) != 1 or key in grouped or key not in seen:
            continue
        if not units_in(key, slug) or not _short_form(key, groups_of[roots[0]], slug, units_in, (titles or {}).get(slug, ())):
            continue
        if _proper(seen[key]):
            # "the Board" where the text names one board, the Wage Stabilization Board: an everyday word
            # written as a name stands for the one name it ends (a rare word is a name of its own).
            if _zipf(word) >= COMMON_WORD_ZIPF and all(_proper(seen[k]) for k in groups_of[roots[0]] if k[-1] == word):
                local[roots[0]].append((slug, key))
        elif _zipf(word) < COMMON_WORD_ZIPF and can_be_noun(word):
            local[roots[0]].append((slug, key))

    return {root: tuple(pairs) for root, pairs in local.items()}


def _short_form(word: Key, members: set[Key], slug: str, units_in: _UnitsBySlug, title: Key) -> bool:
    """Whether, in one transcript, a word is said as the short form of the phrases of a topic it ends."""
    phrases = [k for k in members if len(k) > 1 and k[-1] == word[0]]
    if any(_within(k, {title}) for k in phrases):
        return True
    alone = len(units_in(word, slug))
    said = len(set().union(*(units_in(k, slug) for k in phrases)))
    return said >= SHORT_FORM_SHARE * alone


class _UnitsBySlug:
    """The units a phrase is said in, one transcript's at a time: each phrase's units sorted by transcript
    once, not scanned across the archive once per transcript (N² as the archive grows)."""

    def __init__(self, seen: dict[Key, _Candidate]):
        self.seen = seen
        self.by_key: dict[Key, dict[str, set[tuple[str, str]]]] = {}

    def __call__(self, key: Key, slug: str) -> set[tuple[str, str]]:
        by_slug = self.by_key.get(key)
        if by_slug is None:
            by_slug = self.by_key[key] = defaultdict(set)
            for unit in self.seen[key].units:
                by_slug[unit[0]].add(unit)
        return by_slug.get(slug, set())


def _same_transcripts(a: _Candidate, b: _Candidate) -> bool:
    """Whether two phrases are used in the same transcripts: a word names a longer phrase only where both
    are said ("tool" is Tesla's tooling, not another firm's "loan officer tools")."""
    return {slug for slug, _ in b.units} <= {slug for slug, _ in a.units}
