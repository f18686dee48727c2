"""The `structure` stage: roles, then exchanges, as one ordered list of named steps."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from .diagnostics import Report
from .model import COMPANY, MODERATOR, QA, QUESTIONER, UNKNOWN, Exchange, Speaker, Transcript, Turn
from .readers.vocabulary import MODERATOR_LINE, PARTICLE  # one pattern for "Operator", "Moderator", "Chair", …

# How moderators introduce a questioner, as the calls say it: "Our next question comes from the line of
# Colin Langan with UBS.", "Next question is from Brad Heffern RBC Capital Markets.", "Second question
# Comes from…", "Next will be a follow-up question from…", "We'll go next to Ki Bin Kim with Truist.",
# and a turn that is only the name and firm: "Todd Thomas of KeyBanc Capital Markets. Please go ahead."
_NAME = rf"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|{PARTICLE})){{0,4}})"
_INTRODUCTION = re.compile(
    r"(?:\b[Qq]uestions?\b[^.?!]{0,40}?\b(?:[Cc]omes?|[Cc]oming|from)\s+(?:from\s+)?"
    r"|\b(?:go|move|turn)\s+(?:next\s+|now\s+|on\s+)?to\s+|\bnext,?\s+(?:we have|is|up is)\s+|\bhear from\s+)"
    rf"(?:the line of\s+)?{_NAME}"
)
_INTRODUCED_BY_FIRM = re.compile(
    rf"^(?:And\s+|Next,?\s+)?{_NAME},?\s+(?:with|from|of|at)\s+[^?!]{{2,80}}?\."
    r"(?:\s+(?:Please go ahead|Please proceed|Your line is (?:now )?open|Go ahead)[.!]?)?$"
)


# Words that make a speaker line's affiliation a job title rather than a firm.
_TITLE_WORDS = re.compile(
    r"\b(?:chief|officer|president|vice|vp|ceo|cfo|coo|cto|chairman|chair|director|head|founder|"
    r"treasurer|controller|secretary|investor relations|general counsel|manager|executive|partner|"
    r"evp|svp|principal)\b",
    re.I,
)
_FIRM_WORDS = re.compile(
    r"\b(?:llc|inc|ltd|plc|ag|sa|co|corp|securities|capital|bank|partners|research|markets|group|"
    r"advisors|management|broker|associates|asset|investments|equities|llp)\b\.?",
    re.I,
)


def assign_roles(transcript: Transcript, report: Report) -> Transcript:
    """Moderator by name; questioner when introduced or from a firm; company when the line is a title."""
    # How the moderator named each questioner ("Colin Langan" for "Colin Michael Langan"): an alias.
    introduced: dict[str, set[str]] = {}
    for introduction in _introductions(transcript):
        if introduction.same:
            introduced.setdefault(introduction.follower, set()).add(introduction.name)
    company = transcript.organisation
    speakers = []
    for speaker in transcript.speakers:
        affiliation = speaker.affiliation
        aliases = tuple(sorted(introduced.get(speaker.id, set()) - {speaker.name, *speaker.aliases}))
        speaker = replace(speaker, aliases=speaker.aliases + aliases)
        if speaker.role != UNKNOWN:  # the file said so itself, e.g. in a participant list
            speakers.append(speaker)
            continue
        if MODERATOR_LINE.match(speaker.name):
            role, organisation, title = MODERATOR, None, None
        elif speaker.id in introduced:
            role, organisation, title = QUESTIONER, affiliation, None
        elif affiliation and _TITLE_WORDS.search(affiliation) and not _FIRM_WORDS.search(affiliation):
            role, organisation, title = COMPANY, company, affiliation
        elif affiliation and _FIRM_WORDS.search(affiliation):
            role, organisation, title = QUESTIONER, affiliation, None
        else:
            role, organisation, title = UNKNOWN, None, affiliation
        speakers.append(replace(speaker, role=role, organisation=organisation, title=title))
    return replace(transcript, speakers=tuple(speakers))


def find_exchanges(transcript: Transcript, report: Report) -> Transcript:
    """An exchange begins AT the moderator's turn that introduces a questioner, when someone other than
    the company then speaks: they are its questioner, whether or not the moderator named them right.

    An introduction cut off before anyone is introduced begins none: it and what follows stay in
    the exchange they belong to. Where a layout has no moderator, a new questioner who speaks
    begins one.
    """
    roles = {s.id: s.role for s in transcript.speakers}
    starts = {
        i.index: i.follower for i in _introductions(transcript) if roles.get(i.follower) not in (COMPANY, MODERATOR)
    }
    exchanges: list[tuple[str, list[Turn]]] = []  # (questioner, turns)
    turns: list[Turn] = []
    for index, turn in enumerate(transcript.turns):
        if turn.section == QA:
            asking = exchanges[-1][0] if exchanges else None
            if index in starts:
                exchanges.append((starts[index], []))
            elif roles.get(turn.speaker) == QUESTIONER and turn.speaker != asking:
                exchanges.append((turn.speaker, []))
            if exchanges:
                turn = replace(turn, exchange=f"q{len(exchanges)}")
                exchanges[-1][1].append(turn)
        turns.append(turn)
    return replace(
        transcript,
        turns=tuple(turns),
        exchanges=tuple(
            Exchange(f"q{n}", questioner, tuple(t.id for t in members))
            for n, (questioner, members) in enumerate(exchanges, start=1)
        ),
    )


@dataclass(frozen=True)
class _Introduction:
    index: int  # the moderator's turn
    follower: str  # the speaker who speaks next
    name: str  # the name as the moderator said it
    same: bool  # whether that name is the follower's ("Colin Langan" for "Colin Michael Langan")


def _introductions(transcript: Transcript) -> list[_Introduction]:
    """Each moderator's turn in the Q&A that introduces someone, with who speaks next: often the one
    named, sometimes a colleague ("It's Nick Kerr on for Nick Joseph") or "Unidentified Analyst"."""
    found = []
    moderators = {s.id for s in transcript.speakers if s.role == MODERATOR or MODERATOR_LINE.match(s.name)}
    by_id = {s.id: s for s in transcript.speakers}
    turns = transcript.turns
    for index, turn in enumerate(turns[:-1]):
        following = turns[index + 1]
        if turn.section != QA or turn.speaker not in moderators:
            continue
        if following.speaker in moderators or following.speaker is None:
            continue
        name = introduced(turn)
        if name:
            found.append(_Introduction(index, following.speaker, name, same_person(name, by_id[following.speaker])))
    return found


def introduced(turn: Turn) -> str | None:
    """The name a moderator's turn introduces, if it introduces anyone."""
    for paragraph in turn.paragraphs:
        match = _INTRODUCTION.search(paragraph) or _INTRODUCED_BY_FIRM.match(paragraph.strip())
        if match:
            return match.group("name")
    return None


def same_person(introduced: str, speaker: Speaker) -> bool:
    """ "Colin Langan" introduces "Colin Michael Langan"; "James Albertine" introduces "Jamie Albertine"."""
    said = introduced.lower().replace(".", "").split()
    named = speaker.name.lower().replace(".", "").split()
    return bool(said and named) and said[-1] == named[-1]


# The enrichment steps, in order: roles first, because exchanges are found from them.
STEPS: tuple[Callable[[Transcript, Report], Transcript], ...] = (assign_roles, find_exchanges)


def structure(transcript: Transcript, report: Report) -> Transcript:
    for step in STEPS:
        transcript = step(transcript, report)
    return transcript
