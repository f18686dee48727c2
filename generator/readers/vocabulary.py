"""The words every layout shares: name particles, honorifics, moderators, section markers, directions.

One copy each, below the readers: a reader imports from here and from `common`, never from another reader.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import clean
from ..model import QA, REMARKS

# Lower-case words inside a person's name: "Ludwig van Beethoven", "Ana de Armas".
PARTICLES = ("de", "da", "di", "del", "der", "van", "von", "la", "le", "du", "dos", "bin", "al", "el", "ter", "ten")
PARTICLE = "(?:" + "|".join(PARTICLES) + ")"


def _letters(cased) -> str:
    """A regex class of every letter `cased` accepts (`str.isupper`…): all letters with case lie below U+20000."""
    found = [c for c in range(0x20000) if cased(chr(c))]
    ranges, first, last = [], found[0], found[0]
    for code in found[1:] + [-1]:
        if code == last + 1:
            last = code
            continue
        ranges.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else ""))
        first = last = code
    return "[" + "".join(ranges) + "]"


# Letters with case, capitalised: Arabic, Hebrew or Chinese letters have no case, so no word of theirs
# is capitalised and `مرحبا بكم - شكرا` is a sentence, not `Name - Title`.
CAPITAL = _letters(lambda c: c.isupper() or c.istitle())
LOWER = _letters(str.islower)
# A word that starts with a capital letter (`Élodie`, `Ødegaard`, `Dana`), hyphenated parts allowed. A full
# stop ends an initial or a short form (`M.`, `J.P.`, `Jr.`, `Mrs.`), never a longer word: `THE.` ends a sentence.
CAPITAL_WORD = rf"(?:(?:Mrs\.|{CAPITAL}(?:[\w'’]|\.(?=\w))*(?:(?<![^\W\d_]{{3}})\.)?)(?:-[^\W\d_][\w'’.]*)*)"
# A person's name: two to six words, each capitalised (or a particle such as "van"), no sentence in it.
PERSON_NAME = rf"{CAPITAL_WORD}(?: (?:{CAPITAL_WORD}|{PARTICLE})){{1,5}}"
# `Name - Title or Firm`: the dash stands between spaces, so "Vice President-Investor Relations"
# stays one title, and text ending in " -" (an introduction cut off) has nothing after the dash.
# A title or a firm starts with a capital or a digit, or is a firm that begins in lower case (`eBay Inc.`,
# `javascript Capital LLC`, `bluebird bio, Inc. - Analyst`): a few words holding a capital that do not end as a
# sentence does, so `REVENUE X. Revenue - fell.` and `Dana Whitfield - yes, we grew in Europe.` are speech.
_LOWER_FIRM = (rf"(?={LOWER})(?=.*{CAPITAL})(?!.*[,;:?!]$)(?!.*(?<!Inc)(?<!Co)(?<!Corp)(?<!Ltd)(?<!Cos)\.$)"
               r"\S+(?: \S+){0,7}")
SPEAKER_LINE = re.compile(
    rf"^(?P<name>{PERSON_NAME}) +[-–—] +(?P<affiliation>(?!{LOWER})[^\s].{{0,118}}|{_LOWER_FIRM})$")
# Who runs a call or a sitting, by the label alone (a role from a participant list decides otherwise).
MODERATOR_LINE = re.compile(r"^(?P<name>Operator|Moderator|Conference Operator|Host|Chair(?:man|person)?)$", re.I)
# Courtesy titles as a member or a witness is named: `Mr. SMITH.`, `Ms. Okafor:`.
COURTESY = "(?:Mr|Mrs|Ms|Miss|Dr)"
# Courtesy titles and offices that open a label: `MR. SMITH`, `JUSTICE PRICE`, `THE CHAIRMAN`.
HONORIFICS = ("MR", "MRS", "MS", "MISS", "DR", "JUDGE", "JUSTICE", "SENATOR", "REPRESENTATIVE", "REP", "SEN", "PROF",
              "PROFESSOR", "GENERAL", "SECRETARY", "AMBASSADOR", "CHAIRMAN", "CHAIRWOMAN", "CHAIR", "THE")
# Words that end a label and begin a sentence instead: `Note:`, `Update:`, `Transcript:`.
NOT_NAMES = frozenset({
    "note", "notes", "update", "transcript", "source", "editor's note", "correction", "summary", "date", "time",
    "location", "subject", "re", "ps", "warning", "caution", "example", "answer", "question", "duration", "title",
    "disclaimer", "http", "https",
})
# Headers of the lists a court or hearing transcript opens with (`BEFORE:`, `APPEARANCES:`): who sits and
# who appears, never a speaker.
LIST_HEADERS = frozenset({"before", "appearances", "present", "also present", "participants", "attendees"})

# Labels a diarisation tool or a transcriber gives someone they could not name. They are people of
# this one transcript, so their ids carry its slug and never merge with another file's "Speaker 2".
ANONYMOUS = re.compile(
    r"^(?:speaker|spk|unknown speaker|unknown|unidentified (?:speaker|participant|analyst|company representative|"
    r"audience member|male|female|man|woman)|participant|audience member|caller)(?:[ _-]*\d+|[ _-]+[a-z])?$",
    re.IGNORECASE,
)
# Labels that name an office or a function, not a person: whoever ran that call, sat in that chair or
# kept that record. Like ANONYMOUS ones, each is someone of this one transcript.
OFFICE = re.compile(
    r"^(?:the\s+)?(?:acting\s+)?(?:speaker\s+pro\s+tempore|president(?:\s+pro\s+tempore)?|presiding\s+officer|"
    r"vice\s+president|clerk|chief\s+justice|court|witness|speaker|chair(?:man|woman|person)?|moderator|"
    r"(?:conference\s+)?operator|(?:co-?)?host|interviewer|interviewee|narrator|announcer|interpreter|"
    r"(?:male|female)\s+speaker)$",
    re.IGNORECASE,
)


def is_placeholder(name: str) -> bool:
    """A label that names no one across transcripts ("Operator", "Speaker 2", "The PRESIDING OFFICER"):
    the one rule the readers (ids of this transcript) and identity (never merged unless speakers.yml
    says so) share."""
    plain = " ".join(clean.strip_markup(name).split()).rstrip(".:")
    return bool(ANONYMOUS.match(plain) or MODERATOR_LINE.match(plain) or OFFICE.match(plain))


QA_MARKER = re.compile(
    r"^(?:question[- ]and[- ]answer(?: session)?|questions? (?:and|&) answers?(?: session)?|q ?& ?a(?: session)?)\s*:?$",
    re.IGNORECASE,
)
REMARKS_MARKER = re.compile(
    r"^(?:prepared remarks|presentation|management discussion section|opening remarks)\s*:?$", re.IGNORECASE
)

# A paragraph that is wholly a stage direction: `(Laughter.)`, `[inaudible]`, `(Whereupon, ...)`.
DIRECTION = re.compile(r"^\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*$")


def section_marker(text: str) -> str | None:
    """The section a marker line opens (`qa` or `remarks`), or None for any other line."""
    text = text.strip()
    if QA_MARKER.match(text):
        return QA
    if REMARKS_MARKER.match(text):
        return REMARKS
    return None


def is_name_word(word: str) -> bool:
    """A word that may stand in a mixed-case name: capitalised, a number (`Speaker 2`) or a particle."""
    return word[:1].isupper() or word.isdigit() or word in PARTICLES or word == "of"


def display(name: str) -> str:
    """`CHIEF JUSTICE HALE` -> `Chief Justice Hale`, `Mr. SMITH` -> `Mr. Smith`; mixed case as written.

    Short all-capital labels (`MSM`, `Q`) are initials and stay as they are.
    """
    name = clean.normalise_space(name)
    words = name.split()
    if not any(len(w.strip(".")) > 3 and w.isupper() for w in words):
        return name

    def word(w: str) -> str:
        if not w.isupper() or len(w.strip(".'’")) <= 1:
            return w
        if w in {"OF", "ON", "THE", "AND", "FOR", "IN"} and w != words[0]:
            return w.lower()
        return "-".join(part[:1] + part[1:].lower() for part in w.split("-"))

    return " ".join(word(w) for w in words)


@lru_cache(maxsize=None)
def _nicknames():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=None)
def short_forms_agree(first: str, other: str) -> bool:
    """Same first name, or one a known short form of the other ("jamie"/"james", "dick"/"richard"), lower case."""
    if not first or not other:
        return False
    if first == other:
        return True
    names = _nicknames()
    related = lambda a: names.nicknames_of(a) | names.canonicals_of(a)  # noqa: E731
    return other in related(first) or first in related(other) or bool(names.canonicals_of(first) & names.canonicals_of(other))


@lru_cache(maxsize=None)
def short_form_family(first: str) -> frozenset[str]:
    """The names `first` is alike by short_forms_agree: two first names agree only if their families meet
    (itself, its short forms and what it is short for), so merging people need not try every pair."""
    names = _nicknames()
    return frozenset({first} | names.nicknames_of(first) | names.canonicals_of(first))


def is_given_name(word: str) -> bool:
    """A first name the list of short forms knows ("tim", "cheryl"); not every name is in it."""
    names = _nicknames()
    return bool(names.nicknames_of(word.lower()) or names.canonicals_of(word.lower()))
