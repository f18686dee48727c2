"""Finding topics in the text: candidate phrases, which of them are specific subjects, and the
variants that fold into one topic."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Transcript
from ..readers.vocabulary import is_given_name
from .units import Unit, spoken, units_of
from .words import (
    _FILLER, _FUNCTION_WORDS, _NOT_A_NOUN_ENDING, _NOUN_BEFORE, _SUBJECTS, _WORD, COMMON_PHRASE_ZIPF,
    COMMON_WORD_ZIPF, LONGEST_PHRASE, _capitalised, _lower_case, _number_or_letter, _reads_plural,
    _subject_word, _zipf, phrase_key, tokens, word_key,
)


# A phrase opening with a common word of these endings opens with a description or an action, not a
# name's first word: "bigger picture", "primarily due", "started blogging", "changing situation".
_DESCRIBING = re.compile(r"(?:ly|ing|ed|er|est)$")
_QUANTITIES = frozenset("million billion thousand hundred percent dozen couple half".split())


def _describes(word: str) -> bool:
    return bool(_DESCRIBING.search(word)) and _zipf(word) >= 4.0


# Words before a verb: a single word seen after them is an action ("to solve", "we estimate"), not a subject.
_BEFORE_A_VERB = frozenset("to will would can could should may might must we they i you don't didn't won't".split())


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
    as_verb: int = 0  # occurrences of a single word after "to", a modal or a pronoun: "to solve", "we estimate"



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



def _candidates(units: list[Unit], names: set[str]) -> tuple[dict[tuple[str, ...], _Candidate], set[str]]:
    """Every admissible phrase with its counts; and words the text uses as given names."""
    seen: dict[tuple[str, ...], _Candidate] = {}
    given_names: set[str] = set()
    for unit in units:
        unit_ref = (unit.slug, unit.id)
        for turn in unit.turns:
            for _, paragraph in spoken(turn):
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
                        if size == 1 and before and before.key in _BEFORE_A_VERB:
                            candidate.as_verb += 1
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
            return not (len(c.key) == 1 and (c.key[0] in given_names or len(c.key[0]) <= 2 or is_given_name(c.key[0])))
        if len(c.key) == 1:
            word = c.key[0]
            common = max(_zipf(word), _zipf(_most_common_lower(c)))
            return (common < COMMON_WORD_ZIPF and not _NOT_A_NOUN_ENDING.search(word) and len(word) > 2
                    and c.as_noun > 0 and c.as_verb < c.as_noun)
        rarest = min(_zipf(word) for word in c.key)
        return (rarest < COMMON_PHRASE_ZIPF and not _NOT_A_NOUN_ENDING.search(c.key[-1])
                and not _describes(c.key[0]) and c.key[0] not in _QUANTITIES)

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
            if (other != key and len(other) > len(key) and other[-len(key):] == key and not _is_proper(accepted[key])
                    and _same_transcripts(accepted[other], accepted[key])):
                union(key, other)
    # A word that is a topic alone also names it after a modifier: "stationary storage", "energy storage".
    for key in keys:
        if len(key) == 1 and not _is_proper(accepted[key]):
            for other, candidate in seen.items():
                if (1 < len(other) <= 3 and other[-1] == key[0] and other not in parent and candidate.count >= 2
                        and _same_transcripts(candidate, accepted[key]) and not _describes(other[0])
                        and other[0] not in _QUANTITIES):
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


def _same_transcripts(a: _Candidate, b: _Candidate) -> bool:
    """Whether two phrases are used in the same transcripts: a word names a longer phrase only where both
    are said ("tool" is Tesla's tooling, not another firm's "loan officer tools")."""
    return {slug for slug, _ in b.units} <= {slug for slug, _ in a.units}


def _is_proper(c: _Candidate) -> bool:
    return c.capitalised > 0 and c.capitalised >= c.lower

