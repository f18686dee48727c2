"""Words as topics compare them: tokens of a paragraph, their compared keys, and the word lists that
say which words can never be a subject (function words, filler, time words)."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate
from typing import NamedTuple

# A word of general English at or above this Zipf frequency is too common to be a topic alone.
COMMON_WORD_ZIPF = 4.6
# A word of everyday English at or above this ("peak", "asset", "portfolio", "dots", "code") is a plain
# word: alone it is a topic only where the text writes it as a name, capitalised inside sentences.
PLAIN_WORD_ZIPF = 4.0
# A word alone at or above this (most dictionary words: "inventory", "clarity") is said in passing
# as often as as a subject: a unit must name it twice.
COMMON_SINGLE_ZIPF = 3.0
# A phrase of several words needs at least one word rarer than this.
COMMON_PHRASE_ZIPF = 5.2
LONGEST_PHRASE = 4

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
gosh gee congrats congrat
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
# Nouns too general to be a subject alone, however rare the word: people by their role ("tenants",
# "colleagues"), and abstractions any talk has ("perception", "aspiration", "errors"). In a phrase they
# may end a subject ("junior developer", "error budget"); alone they never are one.
# People and groups: who speaks or is spoken of, never what about.
_ROLES = frozenset("""
client customer user consumer investor shareholder stakeholder tenant buyer seller vendor colleague friend
partner member employee staff worker designer developer engineer manager leader founder owner analyst expert
audience listener viewer reader community team group folk individual everyone somebody citizen official
ceo cfo coo cto chairman chairwoman chair president officer director executive
plaintiff defendant petitioner respondent appellant appellee counsel attorney lawyer witness
senator congressman congresswoman democrat republican colleague
""".split())
# Abstractions any talk has.
_ABSTRACTIONS = frozenset("""
aspiration ambition perception impression personality character attitude mindset clarity possibility
probability extent degree improvement execution flexibility contribution timing ratio error mistake problem
challenge opportunity concern approach strategy process progress success failure impact effect result outcome
benefit advantage disadvantage difference change situation environment context value quality quantity amount
size scale trend factor aspect element component feature tool resource option choice decision effort focus
priority consideration consensus expectation assumption estimate forecast guidance midpoint outlook visibility
confidence uncertainty risk upside downside momentum dynamic tailwind headwind piece item stuff version step
phase stage basis base standpoint notion concept principle reason purpose role responsibility ability
capability capacity skill experience knowledge information content material
""".split())
_GENERIC_NOUNS = _ROLES | _ABSTRACTIONS
# Words after which a word that ends its phrase is a noun: "the inventory", "on leasing".
_NOUN_BEFORE = frozenset("""
the a an our your their its his her my this that these those any some no every each another of on in for about
with around from into versus
""".split())
# Words before a verb: "it relates", "that solves".
_SUBJECTS = frozenset("it he she that which who this what there".split())
# Endings of adjectives and adverbs: a single word ending so is a description, not a subject.
_NOT_A_NOUN_ENDING = re.compile(r"(?:ly|ous|ive|ful|able|ible|ic|al|less|ish|ed|est)$")


class Token(NamedTuple):
    """A word of a paragraph. A named tuple, not a dataclass: a corpus has millions, made in hot loops."""

    text: str  # as written
    key: str  # compared form: lower case, possessive dropped, plural made singular
    start: int
    end: int
    initial: bool  # first word of a sentence, so its capital says nothing
    breaks: bool  # a clause break stands before it



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
        singular = _singular(lower)
        if singular:
            return singular
    return lower


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as topics compare it: its words' keys; hyphens separate words ("in-sourcing")."""
    return tuple(t.key for t in tokens(phrase))


class Tokens(NamedTuple):
    """A paragraph's tokens as columns, one list per field of Token: what the hot loops read (a word's
    key, whether a break stands before it) without making a tuple per word."""

    texts: list[str]
    keys: list[str]
    starts: list[int]
    ends: list[int]
    initial: list[bool]
    breaks: list[bool]


def columns(text: str) -> Tokens:
    """The tokens of a text, as columns. One split and a few maps, all in C: a loop in Python over every
    word was the largest single cost of the topics step."""
    parts = _WORD_OR_GAP.split(text)  # gap, word, gap, word, ..., gap
    texts = parts[1::2]
    if not texts:
        return Tokens([], [], [], [], [], [])
    offsets = list(accumulate(map(len, parts)))  # the end of each part
    gaps = parts[2:-1:2]  # between word k and word k + 1
    return Tokens(texts, list(map(_token_key, texts)), offsets[::2][:-1], offsets[1::2],
                  [True, *map(_ends_sentence, gaps)], [True, *map(_breaks_clause, gaps)])


def tokens(text: str) -> list[Token]:
    return list(map(_new_token, zip(*columns(text))))


_WORD_OR_GAP = re.compile(f"({_WORD.pattern})")
_new_token = partial(tuple.__new__, Token)  # skips the named tuple's Python-level __new__


# Per distinct word and per distinct gap between words, computed once: a corpus repeats them millions of times.


@lru_cache(maxsize=None)
def _token_key(word: str) -> str:
    """A hyphenated word's last part is compared as a word ("in-sourcing"); the others only lower-cased."""
    parts = word.split("-")
    return "-".join([*(part.lower() for part in parts[:-1]), word_key(parts[-1])])


@lru_cache(maxsize=None)
def _ends_sentence(gap: str) -> bool:
    """Whether the text between two words ends a sentence."""
    return bool(_SENTENCE_END.search(gap))


@lru_cache(maxsize=None)
def _breaks_clause(gap: str) -> bool:
    """Whether the text between two words ends a clause."""
    return bool(_CLAUSE_BREAK.search(gap))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) <= 2)


# wordfreq splits a hyphenated word into its parts and gives it about the figure of its rarest part, as if
# the parts were said apart: "mark-to-market" 4.85, "built-to-suit" 4.55, as common as "battery". A word of
# three parts or more is a fixed expression, said far more rarely than its parts: below a plain word.
COMPOUND_PARTS, COMPOUND_ZIPF = 3, 3.0


@lru_cache(maxsize=None)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # imported on first use: it costs a tenth of a second of start-up

    figure = zipf_frequency(word, "en")
    return min(figure, COMPOUND_ZIPF) if word.count("-") + 1 >= COMPOUND_PARTS else figure


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


_NUMBER_WORDS = frozenset("""
two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
""".split())


def is_number_word(key: str) -> bool:
    """A number said in words: "five", "twenty-seven"."""
    return all(part in _NUMBER_WORDS for part in key.split("-"))


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



_singular_noun = None


def _singular(word: str) -> str | bool:
    """inflect's singular, imported on first use."""
    global _singular_noun
    if _singular_noun is None:
        _singular_noun = _inflect().engine().singular_noun
    return _singular_noun(word)


def _inflect():
    """inflect, without typeguard's run-time argument checks: `@typechecked` re-parses inflect's whole
    source once per method (23 times), 1.1 s of every build and every `onrecord export`. The checks only
    guard callers' types (we pass str); `python -O` skips them the same way."""
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = lambda target=None, **_options: target if target is not None else (lambda t: t)
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect


# Part of speech, from lemminflect's tables (shipped in its wheel; nothing is downloaded), loaded on
# first use: importing it and reading its tables costs most of a second.
_lemmas_of = None


@lru_cache(maxsize=None)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The lemmas of a word by part of speech ({} for a word lemminflect does not know)."""
    global _lemmas_of
    if _lemmas_of is None:
        from lemminflect import getAllLemmas

        from .lemma_table import use_compact_table

        use_compact_table()  # its table as text, not a dict of dicts: 34 MB less at the generator's peak
        _lemmas_of = getAllLemmas
    return _lemmas_of(word.lower())


def can_be_noun(word: str) -> bool:
    """Whether English uses the word as a noun at all ("solve", "strict", "evolving" not); an unknown
    word ("dieselgate", "blogging") may be one."""
    lemmas = _lemmas(word)
    return not lemmas or "NOUN" in lemmas or "PROPN" in lemmas


def verb_of(word: str) -> str | None:
    """The verb an -ing word is a form of ("leasing" -> "lease"), when English knows it only as a verb."""
    lemmas = _lemmas(word)
    if word.endswith("ing") and set(lemmas) == {"VERB"}:
        return lemmas["VERB"][0]
    return None


def only_a_verb(word: str) -> bool:
    """Whether English knows the word only as a verb, in its base form ("anticipate", "identify"; not
    "operating" or "discontinued", which modify nouns: "operating expenses")."""
    lemmas = _lemmas(word)
    return set(lemmas) == {"VERB"} and word in lemmas["VERB"]


def is_generic_noun(key: str) -> bool:
    """A noun too general to be a subject alone ("tenants", "perception"); compared as a key."""
    return key in _GENERIC_NOUNS


def is_abstraction(key: str) -> bool:
    """A noun of an abstraction any talk has ("process", "momentum"), not of a person ("witness")."""
    return key in _ABSTRACTIONS


def is_common_word(word: str) -> bool:
    """A word of everyday English: alone, a unit must name it more than once to be about it."""
    return _zipf(word) >= COMMON_SINGLE_ZIPF


# A clipped word ("comp", "dev") is said this often in English, though no dictionary lists it: a coinage
# ("dieselgate", "capex") is rarer.
CLIPPED_ZIPF = 3.5
# The word it is clipped from is one of English's commonest, this many letters longer, and commoner by
# this much: "blog" is no clipping of the rarer "blogger".
_CLIPPED_FROM_LETTERS = 3
_CLIPPED_FROM_ZIPF = 0.5
_FULL_WORDS = 20000


@lru_cache(maxsize=None)
def _commonest_word_opening() -> dict[str, str]:
    """The commonest of English's commonest words opening on each three to five letters, from wordfreq's
    list (in order of frequency) read once: a fortieth of a second."""
    from wordfreq import top_n_list

    opening: dict[str, str] = {}
    for word in top_n_list("en", _FULL_WORDS):
        if word.isalpha():
            for n in range(3, min(6, len(word) - _CLIPPED_FROM_LETTERS + 1)):
                opening.setdefault(word[:n], word)
    return opening


def is_clipped(word: str) -> bool:
    """A word cut from a longer one, as talk clips it ("comp" of compensation or company, "dev" of
    development): said often, listed by no dictionary, and the opening of a much commoner word. Alone it
    names no subject a reader would know by it."""
    if len(word) > 5 or _lemmas(word) or _zipf(word) < CLIPPED_ZIPF:
        return False
    full = _commonest_word_opening().get(word)
    return full is not None and _zipf(full) >= _zipf(word) + _CLIPPED_FROM_ZIPF
