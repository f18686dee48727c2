"""The `structure` stage: roles, then exchanges, as one ordered list of named steps."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .diagnostics import Report
from .model import COMPANY, MODERATOR, QA, QUESTIONER, UNKNOWN, Exchange, Speaker, Transcript, Turn
from .readers.vocabulary import MODERATOR_LINE  # one pattern for "Operator", "Moderator", "Chair", …

# "Our next question comes from the line of Colin Langan with UBS."
_INTRODUCTION = re.compile(
    r"\bquestion(?:s)?\s+(?:comes?|is coming|will come)?\s*from\s+(?:the line of\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"(?:\s+(?:with|from|of|at)\s+(?P<firm>[^.?!]+?))?\s*(?:[.?!]|$)"
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
    for _, speaker_id, name in _introductions(transcript):
        introduced.setdefault(speaker_id, set()).add(name)
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
    """An exchange begins where the moderator introduces a questioner who then speaks.

    An introduction cut off before anyone is introduced begins none: it and what follows stay in
    the exchange they belong to. Where a layout has no moderator, a new questioner who speaks
    begins one.
    """
    starts = {index: speaker_id for index, speaker_id, _ in _introductions(transcript)}
    roles = {s.id: s.role for s in transcript.speakers}
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


def _introductions(transcript: Transcript) -> list[tuple[int, str, str]]:
    """(index of the moderator's turn, questioner id, name as introduced) for each introduction
    that its questioner follows."""
    found = []
    moderators = {s.id for s in transcript.speakers if MODERATOR_LINE.match(s.name)}
    by_id = {s.id: s for s in transcript.speakers}
    turns = transcript.turns
    for index, turn in enumerate(turns[:-1]):
        following = turns[index + 1]
        if turn.speaker not in moderators or following.speaker in moderators or following.speaker is None:
            continue
        match = next((m for p in turn.paragraphs if (m := _INTRODUCTION.search(p))), None)
        if match and _same_person(match.group("name"), by_id[following.speaker]):
            found.append((index, following.speaker, match.group("name")))
    return found


def _same_person(introduced: str, speaker: Speaker) -> bool:
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
