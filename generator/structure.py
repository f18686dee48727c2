"""The `structure` stage: genre, then roles, then exchanges, as one ordered list of named steps.

The genre decides how the rest is read: an earnings call's exchanges open at the operator's
introductions in the Q&A; a court argument's at each justice's question; a hearing's at a member's
questioning of a witness; a floor debate's at a colloquy between members; an interview's at each of
the interviewer's questions; a podcast has them only where a host evidently interviews a guest.
Moderation is decided by role, wherever the role came from (the file, the front matter, a label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from . import genres
from .diagnostics import Report
from .genres import COURT, EARNINGS_CALL, FLOOR_DEBATE, HEARING, INTERVIEW, PODCAST
from .model import COMPANY, MODERATOR, QA, QUESTIONER, UNKNOWN, Exchange, Speaker, Transcript, Turn
from .readers.vocabulary import ANONYMOUS, MODERATOR_LINE, PARTICLE  # one pattern for "Operator", "Moderator", "Chair", …

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

# --- what a transcript's people and parts show of its genre ---------------------------------------

# Only a call has an operator; "Moderator", "Host" and "Chair" run other kinds too.
_OPERATOR = re.compile(r"^(?:conference )?operator$", re.I)
# On the bench: `Justice Price`, `Mr. Justice Frankfurter`, `Chief Justice Hale`, `Mr. Chief Justice Vinson`.
_BENCH = re.compile(r"^(?:(?:mr|madam)\.? )?(?:chief |associate )?justice\b", re.I)
_CHIEF = re.compile(r"\bchief justice\b", re.I)
# The court's officers, who call the case and stand neither with the bench nor with counsel.
_COURT_OFFICER = re.compile(r"^(?:the )?(?:clerk|marshal|bailiff|crier)\b", re.I)
# An argument segment: `OPENING ARGUMENT OF … ON BEHALF OF PETITIONERS`, `REBUTTAL ARGUMENT OF …`.
_ARGUMENT = re.compile(r"\bargument of\b.*\bon behalf of\b|\brebuttal\b", re.I)
# Who speaks from the chair of a chamber or a committee.
_CHAIR = re.compile(
    r"^(?:the )?(?:acting )?(?:chair(?:man|woman|person)?|speaker|president|vice president|presiding officer)\b"
    r"|^chair(?:man|woman)\b", re.I,
)
# A member as the Record and hearings name one: `Senator Leahy`, `Mr. Smith of Ohio`, `Representative Cole`.
_MEMBER = re.compile(r"^(?:senator|representative|rep\.|sen\.|congress(?:man|woman))\b|\bof [A-Z][a-z]+(?: [A-Z][a-z]+)?$",
                     re.I)
# A label as the Congressional Record sets one: `Mr. SMITH.`, `The SPEAKER pro tempore.`
_RECORD_LABEL = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Senator)\. [A-Z][A-Za-z'’-]*[A-Z]{2}|The [A-Z]{4,})[^:]*\.$")
# A witness's part of a hearing: `STATEMENT OF ADA OKAFOR, DIRECTOR, …`, `TESTIMONY OF …`.
_WITNESS_HEADING = re.compile(r"\b(?:statement|testimony) of (?:the )?(?:hon\. |dr\. |mr\. |ms\. |mrs\. )?(?P<who>[^,;]+)",
                              re.I)
_WITNESS_WORDS = re.compile(r"\bwitness(?:es)?\b|\btestimony\b|\btestify\b|\bswear you in\b", re.I)
# Labels that say who asks and who answers: `Q:`/`A:`, `Interviewer:`, `Interviewee:`.
_ASKING_LABEL = re.compile(r"^(?:q|question|interviewer|int)$", re.I)
_ANSWERING_LABEL = re.compile(r"^(?:a|answer|interviewee|respondent|narrator)$", re.I)
# Layouts a recording comes in: captions, diarised exports, podcast JSON.
_RECORDING_LAYOUTS = {"webvtt", "srt", "podcast-json", "otter", "timed-text"}
_CALL_LAYOUTS = {"streetevents": "a StreetEvents call", "motleyfool": "a Motley Fool call"}

# --- questions ------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^.?!]*[.?!]+[\"'”’)\]]*|[^.?!]+$")
# An interviewer's prompt that asks without a question mark: "Tell me about the war."
_PROMPT = re.compile(r"^(?:(?:so|and|now|ok(?:ay)?|well),? )?(?:tell (?:me|us)|talk (?:to us )?about|describe|walk (?:me|us)|"
                     r"explain|say (?:more|a (?:little|bit|word))|how about|what about)\b", re.I)
# In a debate, a member asks another to yield; or yields to them (not time: `I yield 5 minutes to`,
# `yield myself`, `yield back`, `yield the floor`).
_YIELD_ASKED = re.compile(r"\bwill the (?:gentle(?:man|woman|lady)|senator|member|distinguished \w+)\b[^.?!]{0,80}\byield\b",
                          re.I)
_YIELDS_TO = re.compile(
    r"\bI (?:will |would |am (?:happy|glad|pleased) to |would be (?:happy|glad|pleased) to |gladly |do )?yield"
    r"(?: (?:to|for) (?:the|my)\b| for a question\b|[.,]| to him| to her)",
    re.I,
)
_HANDS_OVER = re.compile(r"\byield(?:s|ed)? (?:back|myself|the floor|\d|such time|(?:\w+ )?minutes?)\b|\breserve the balance\b",
                         re.I)


def _spoken(turn: Turn) -> list[str]:
    return [p for i, p in enumerate(turn.paragraphs) if i not in turn.directions and p.strip()]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def ends_in_question(turn: Turn) -> bool:
    """The turn's last words ask: its last sentence ends in `?`."""
    said = _spoken(turn)
    return bool(said) and said[-1].rstrip(" \"'”’)]").endswith("?")


def prompts(turn: Turn) -> bool:
    """The turn puts a question: a question among its last paragraph's sentences, or a prompt (`Tell me…`)."""
    said = _spoken(turn)
    if not said:
        return False
    last = _sentences(said[-1])
    return any(s.rstrip(" \"'”’)]").endswith("?") for s in last[-3:]) or any(_PROMPT.match(p) for p in said)


def asks_substantively(turn: Turn) -> bool:
    """A question of some words: a presiding judge's `Mr. Davis?` calls counsel, it asks nothing."""
    return any(
        s.rstrip(" \"'”’)]").endswith("?") and len(s.split()) >= 4 for p in _spoken(turn) for s in _sentences(p)
    )


# --- step 1: the genre ---------------------------------------------------------------------------


def decide_genre(transcript: Transcript, report: Report) -> Transcript:
    """Front matter `genre:` when it names one; else what the layout and the turns show. Said as info."""
    where, line = (transcript.source.path, transcript.source.line_of("genre")) if transcript.source else (transcript.slug, 0)
    stated = transcript.meta.get("genre")
    genre, why = None, ""
    if stated is not None:
        if str(stated).strip().lower() in genres.GENRES:
            genre, why = str(stated).strip().lower(), "front matter `genre:`"
        else:
            report.warning(where, line, f"unknown genre {stated!r} (known: {', '.join(genres.GENRES)}); the genre is "
                           "inferred from the transcript", "meta.genre")
    if genre is None:
        genre, why = infer_genre(transcript)
    if genre is None:
        report.info(where, 1, f"no genre evident ({why}); exchanges follow an earnings call's Q&A, if any",
                    "structure.genre")
    else:
        report.info(where, line if why.startswith("front matter") else 1, f"genre {genre}: {why}", "structure.genre")
    return replace(transcript, genre=genre)


def infer_genre(transcript: Transcript) -> tuple[str | None, str]:
    """(genre, why): the layout first where it is one genre's own, then who speaks and how."""
    layout = transcript.layout.reader if transcript.layout else ""
    names = [s.name for s in transcript.speakers]
    headings = [s.title for s in transcript.sections]
    if layout in _CALL_LAYOUTS:
        return EARNINGS_CALL, f"read as {_CALL_LAYOUTS[layout]}"
    bench = [n for n in names if _BENCH.match(n)]
    if bench:
        return COURT, f"{bench[0]} speaks from the bench"
    if any(_ARGUMENT.search(h) for h in headings):
        return COURT, f"an argument heading ({next(h for h in headings if _ARGUMENT.search(h))!r})"
    chairs = [s for s in transcript.speakers if _CHAIR.match(s.name) or s.role == MODERATOR and not _OPERATOR.match(s.name)]
    witnesses = _hearing_evidence(transcript, chairs)
    if witnesses:
        return HEARING, witnesses
    if layout == "congressional-record":
        return FLOOR_DEBATE, "a Congressional Record page"
    record = [t.label for t in transcript.turns if t.label and _RECORD_LABEL.match(t.label)]
    if record and (chairs or len(record) >= 2):
        return FLOOR_DEBATE, f"speakers named as the Congressional Record names them ({record[0]!r})"
    operator = next((n for n in names if _OPERATOR.match(n)), None)
    if operator:
        return EARNINGS_CALL, f"an {operator} speaks"
    if any(s.kind == QA for s in transcript.sections):
        return EARNINGS_CALL, "a question-and-answer section"
    labelled = next((n for n in names if _ASKING_LABEL.match(n) or _ANSWERING_LABEL.match(n)), None)
    if labelled:
        return INTERVIEW, f"a speaker labelled {labelled!r}"
    asker = find_asker(transcript)
    recorded = layout in _RECORDING_LAYOUTS
    if recorded:
        return PODCAST, f"read as a recording ({layout})" + (f"; {asker.name} asks the questions" if asker else "")
    if asker:
        return INTERVIEW, f"{asker.name} asks the questions ({asker_share(transcript, asker.id)})"
    return None, "no operator, bench, chair or interviewer"


def _hearing_evidence(transcript: Transcript, chairs: list[Speaker]) -> str:
    """Why this is a hearing (a chair with witnesses), or '' when it is not."""
    if not chairs:
        return ""
    heading = next((s.title for s in transcript.sections if _WITNESS_HEADING.search(s.title)), None)
    if heading:
        return f"a chair, and a witness's heading ({heading!r})"
    chair_ids = {s.id for s in chairs}
    for turn in transcript.turns:
        if turn.speaker in chair_ids and any(_WITNESS_WORDS.search(p) for p in _spoken(turn)):
            return f"the chair speaks of witnesses (line {turn.line})"
    return ""


def find_asker(transcript: Transcript) -> Speaker | None:
    """The one who asks, where one evidently does: far more of their turns end in `?` than anyone else's
    (a third of them at least, since a host also welcomes, reads the sponsor and signs off)."""
    turns: dict[str, int] = {}
    asked: dict[str, int] = {}
    for turn in transcript.turns:
        if turn.speaker is None or not _spoken(turn):
            continue
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        asked[turn.speaker] = asked.get(turn.speaker, 0) + ends_in_question(turn)
    if len(turns) < 2:
        return None
    share = {s: asked[s] / turns[s] for s in turns}
    best = max(share, key=lambda s: (share[s], asked[s]))
    others = [s for s in turns if s != best]
    if asked[best] < 2 or share[best] < 1 / 3:
        return None
    if any(share[s] > share[best] / 3 or asked[s] * 2 > asked[best] for s in others if turns[s] >= 2):
        return None
    return transcript.speaker(best)


def asker_share(transcript: Transcript, speaker_id: str) -> str:
    said = [t for t in transcript.turns if t.speaker == speaker_id and _spoken(t)]
    return f"{sum(ends_in_question(t) for t in said)} of {len(said)} turns end in a question"


# --- step 2: roles -------------------------------------------------------------------------------


def assign_roles(transcript: Transcript, report: Report) -> Transcript:
    """Roles the file did not give, as the genre gives them; a role already given is kept."""
    # A moderator by label first ("Operator", "Chair"), so that introductions are found by role.
    speakers = tuple(
        replace(s, role=MODERATOR, organisation=None, title=None)
        if s.role == UNKNOWN and MODERATOR_LINE.match(s.name) else s
        for s in transcript.speakers
    )
    transcript = replace(transcript, speakers=speakers)
    rule = _ROLE_RULES.get(transcript.genre or "", _call_roles)
    return rule(transcript)


def _call_roles(transcript: Transcript) -> Transcript:
    """Questioner when introduced or from a firm; company when the line is a title."""
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
        if speaker.id in introduced:
            role, organisation, title = QUESTIONER, affiliation, None
        elif affiliation and _TITLE_WORDS.search(affiliation) and not _FIRM_WORDS.search(affiliation):
            role, organisation, title = COMPANY, company, affiliation
        elif affiliation and _FIRM_WORDS.search(affiliation):
            role, organisation, title = QUESTIONER, affiliation, None
        else:
            role, organisation, title = UNKNOWN, None, affiliation
        speakers.append(replace(speaker, role=role, organisation=organisation, title=title))
    return replace(transcript, speakers=tuple(speakers))


def _with_unknown(transcript: Transcript, role_of: Callable[[Speaker], str]) -> Transcript:
    """`role_of` for each speaker whose role no one has given yet; "Unknown Speaker" stays unknown."""
    return replace(transcript, speakers=tuple(
        replace(s, role=role_of(s)) if s.role == UNKNOWN and not ANONYMOUS.match(s.name) else s
        for s in transcript.speakers
    ))


def _court_roles(transcript: Transcript) -> Transcript:
    """The Chief Justice presides, the justices ask, counsel answer; the clerk is none of them."""

    def role_of(speaker: Speaker) -> str:
        if _BENCH.match(speaker.name):
            return MODERATOR if _CHIEF.search(speaker.name) else QUESTIONER
        if _COURT_OFFICER.match(speaker.name):
            return UNKNOWN
        return COMPANY

    return _with_unknown(transcript, role_of)


def _hearing_roles(transcript: Transcript) -> Transcript:
    """The chair presides; a witness is named in a statement's heading or answers; a member asks."""
    named = {_surname(m["who"]) for s in transcript.sections if (m := _WITNESS_HEADING.search(s.title))}
    asks, answers, turns = _asking_and_answering(transcript)

    def role_of(speaker: Speaker) -> str:
        if _CHAIR.match(speaker.name):
            return MODERATOR
        if _surname(speaker.name) in named:
            return COMPANY
        if _MEMBER.search(speaker.name) or asks.get(speaker.id, 0) * 3 >= turns.get(speaker.id, 0) > 0:
            return QUESTIONER
        if answers.get(speaker.id, 0) * 2 > turns.get(speaker.id, 0):
            return COMPANY
        return UNKNOWN

    return _with_unknown(transcript, role_of)


def _asking_and_answering(transcript: Transcript) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Per speaker: turns that put a question, turns that follow someone else's question, all turns."""
    asks: dict[str, int] = {}
    answers: dict[str, int] = {}
    turns: dict[str, int] = {}
    previous: Turn | None = None
    for turn in transcript.turns:
        if turn.speaker is not None:
            turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
            asks[turn.speaker] = asks.get(turn.speaker, 0) + prompts(turn)
            if previous is not None and previous.speaker not in (None, turn.speaker) and prompts(previous):
                answers[turn.speaker] = answers.get(turn.speaker, 0) + 1
        previous = turn
    return asks, answers, turns


def _interview_roles(transcript: Transcript) -> Transcript:
    """The interviewer asks (`Q:`, `Interviewer:`, or the one whose turns end in questions); the rest answer."""
    labelled = any(_ASKING_LABEL.match(s.name) for s in transcript.speakers)
    asker = None if labelled else find_asker(transcript)

    def role_of(speaker: Speaker) -> str:
        if _ASKING_LABEL.match(speaker.name) or asker is not None and speaker.id == asker.id:
            return QUESTIONER
        if _ANSWERING_LABEL.match(speaker.name) or labelled or asker is not None:
            return COMPANY
        return UNKNOWN

    return _with_unknown(transcript, role_of)


def _podcast_roles(transcript: Transcript) -> Transcript:
    """A host and guests only where one evidently interviews the others; else everyone stays a speaker."""
    asker = find_asker(transcript)
    if asker is None:
        return transcript
    return _with_unknown(transcript, lambda s: QUESTIONER if s.id == asker.id else COMPANY)


def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name.lower()) if w and w.strip(".") not in ("jr", "sr", "ii", "iii", "esq")]
    return words[-1].strip(".") if words else ""


_ROLE_RULES: dict[str, Callable[[Transcript], Transcript]] = {
    EARNINGS_CALL: _call_roles,
    COURT: _court_roles,
    HEARING: _hearing_roles,
    FLOOR_DEBATE: lambda transcript: transcript,  # members all; the chair is known by its label
    INTERVIEW: _interview_roles,
    PODCAST: _podcast_roles,
}


# --- step 3: exchanges ---------------------------------------------------------------------------


def find_exchanges(transcript: Transcript, report: Report) -> Transcript:
    """Exchanges as the genre has them, numbered q1… through the whole transcript, each a run of turns
    in one section; every other turn stays outside, by the genre's rule (a chair's procedure, a speech)."""
    rule = _EXCHANGE_RULES.get(transcript.genre or "", _call_exchanges)
    found = [run for run in rule(transcript) if run.indices]
    numbers = {index: n for n, run in enumerate(found, start=1) for index in run.indices}
    turns = tuple(
        replace(turn, exchange=f"q{numbers[index]}" if index in numbers else None)
        for index, turn in enumerate(transcript.turns)
    )
    return replace(
        transcript,
        turns=turns,
        exchanges=tuple(
            Exchange(f"q{n}", run.questioner, tuple(transcript.turns[i].id for i in run.indices))
            for n, run in enumerate(found, start=1)
        ),
    )


@dataclass
class _Run:
    """An exchange while it is being found: its questioner, its section, who has spoken in it, its turns."""

    questioner: str
    section: str | None
    speakers: set[str | None] = field(default_factory=set)
    indices: list[int] = field(default_factory=list)


OPEN, IN, OUT = "open", "in", "out"
# (index, the open run or None) -> (OPEN with its questioner | IN | OUT, questioner or None)
Decide = Callable[[int, "_Run | None"], tuple[str, "str | None"]]


def _runs(transcript: Transcript, decide: Decide) -> list[_Run]:
    """Runs of consecutive turns, as `decide` opens, continues and closes them; a section's end closes one."""
    found: list[_Run] = []
    current: _Run | None = None
    for index, turn in enumerate(transcript.turns):
        if current is not None and turn.section != current.section:
            current = None
        verdict, questioner = decide(index, current)
        if verdict == OPEN and questioner is not None:
            current = _Run(questioner, turn.section)
            found.append(current)
        elif verdict != IN or current is None:
            current = None
            continue
        current.indices.append(index)
        current.speakers.add(turn.speaker)
    return found


def _call_exchanges(transcript: Transcript) -> list[_Run]:
    """An exchange begins AT the moderator's turn that introduces a questioner, when someone other than
    the company then speaks: they are its questioner, whether or not the moderator named them right.

    An introduction cut off before anyone is introduced begins none: it and what follows stay in
    the exchange they belong to. Where a layout has no moderator, a new questioner who speaks
    begins one. Only the Q&A has exchanges; its exchanges run on to the next one.
    """
    roles = {s.id: s.role for s in transcript.speakers}
    starts = {
        i.index: i.follower for i in _introductions(transcript) if roles.get(i.follower) not in (COMPANY, MODERATOR)
    }
    turns = transcript.turns

    def decide(index: int, current: _Run | None) -> tuple[str, str | None]:
        turn = turns[index]
        if turn.section != QA:
            return OUT, None
        if index in starts:
            return OPEN, starts[index]
        if roles.get(turn.speaker) == QUESTIONER and (current is None or turn.speaker != current.questioner):
            return OPEN, turn.speaker
        return IN, None

    return _runs(transcript, decide)


def _bench_exchanges(transcript: Transcript, answered: bool, chair_asks: bool) -> list[_Run]:
    """Court and hearings: a questioner's turn opens an exchange (in a hearing only when a witness answers
    it); the presiding officer opens one with a real question, and otherwise is procedure: outside any
    exchange, unless the exchange then simply goes on (`Let him finish`, `The witness may answer`)."""
    roles = {s.id: s.role for s in transcript.speakers}
    turns = transcript.turns

    def replied(index: int) -> bool:
        following = next((t for t in turns[index + 1:] if t.speaker != turns[index].speaker), None)
        return (following is not None and following.section == turns[index].section
                and roles.get(following.speaker) == COMPANY)

    def goes_on(index: int, current: _Run) -> bool:
        following = next((t for t in turns[index + 1:] if roles.get(t.speaker) != MODERATOR), None)
        return following is not None and following.section == current.section and following.speaker in current.speakers

    def decide(index: int, current: _Run | None) -> tuple[str, str | None]:
        turn = turns[index]
        role = roles.get(turn.speaker)
        mine = current is not None and current.questioner == turn.speaker
        if role == QUESTIONER:
            if mine:
                return IN, None
            return (OPEN, turn.speaker) if not answered or replied(index) else (OUT, None)
        if role == MODERATOR:
            if chair_asks and asks_substantively(turn) and replied(index):
                return (IN, None) if mine else (OPEN, turn.speaker)
            return (IN, None) if current is not None and goes_on(index, current) else (OUT, None)
        return IN, None

    return _runs(transcript, decide)


def _court_exchanges(transcript: Transcript) -> list[_Run]:
    return _bench_exchanges(transcript, answered=False, chair_asks=True)


def _hearing_exchanges(transcript: Transcript) -> list[_Run]:
    return _bench_exchanges(transcript, answered=True, chair_asks=True)


def _debate_exchanges(transcript: Transcript) -> list[_Run]:
    """A colloquy: a member asks another who answers straight away (`Will the gentleman yield?`, a
    question), or speaks when yielded to and the one who yielded answers. The chair's turns, and the
    speeches the chair gives the floor to, are outside."""
    roles = {s.id: s.role for s in transcript.speakers}
    turns = transcript.turns

    def member(turn: Turn | None) -> bool:
        return turn is not None and turn.speaker is not None and roles.get(turn.speaker) != MODERATOR

    def at(index: int) -> Turn | None:
        return turns[index] if 0 <= index < len(turns) else None

    def hands_over(turn: Turn) -> bool:
        said = _spoken(turn)
        return bool(said) and bool(_HANDS_OVER.search(said[-1]))

    def opens(index: int) -> bool:
        turn, following, before = turns[index], at(index + 1), at(index - 1)
        if not member(following) or following.speaker == turn.speaker or following.section != turn.section:
            return False
        if hands_over(turn) or hands_over(following):
            return False  # time given or given back: speeches follow, not a colloquy
        asked = any(_YIELD_ASKED.search(p) for p in _spoken(turn)) or prompts(turn)
        yielded_to = (member(before) and before.speaker == following.speaker and before.section == turn.section
                      and bool(_spoken(before)) and bool(_YIELDS_TO.search(_spoken(before)[-1])))
        return asked or yielded_to

    def decide(index: int, current: _Run | None) -> tuple[str, str | None]:
        turn = turns[index]
        if not member(turn):
            return (IN, None) if turn.speaker is None and current is not None else (OUT, None)
        if current is not None and (turn.speaker in current.speakers or len(current.speakers) < 2):
            return IN, None
        return (OPEN, turn.speaker) if opens(index) else (OUT, None)

    return _runs(transcript, decide)


def _interview_exchanges(transcript: Transcript) -> list[_Run]:
    """Each of the interviewer's questions, with the answers it gets; talk before the first one is outside."""
    roles = {s.id: s.role for s in transcript.speakers}
    turns = transcript.turns

    def decide(index: int, current: _Run | None) -> tuple[str, str | None]:
        turn = turns[index]
        if roles.get(turn.speaker) in (QUESTIONER, MODERATOR):
            # A question split over two of the asker's turns is one question.
            unanswered = current is not None and current.speakers == {turn.speaker}
            if prompts(turn) and not unanswered:
                return OPEN, turn.speaker
            following = turns[index + 1] if index + 1 < len(turns) else None
            if following is None or following.section != turn.section or following.speaker in (turn.speaker, None):
                return OUT, None  # a closing courtesy nobody answers: not part of the last answer
        return IN, None

    return _runs(transcript, decide)


def _podcast_exchanges(transcript: Transcript) -> list[_Run]:
    """Only where a host evidently interviews: no question structure, no exchanges (never false ones)."""
    if not any(s.role == QUESTIONER for s in transcript.speakers):
        return []
    return _interview_exchanges(transcript)


_EXCHANGE_RULES: dict[str, Callable[[Transcript], list[_Run]]] = {
    EARNINGS_CALL: _call_exchanges,
    COURT: _court_exchanges,
    HEARING: _hearing_exchanges,
    FLOOR_DEBATE: _debate_exchanges,
    INTERVIEW: _interview_exchanges,
    PODCAST: _podcast_exchanges,
}


@dataclass(frozen=True)
class _Introduction:
    index: int  # the moderator's turn
    follower: str  # the speaker who speaks next
    name: str  # the name as the moderator said it
    same: bool  # whether that name is the follower's ("Colin Langan" for "Colin Michael Langan")


def _introductions(transcript: Transcript) -> list[_Introduction]:
    """Each moderator's turn in the Q&A that introduces someone, with who speaks next: often the one
    named, sometimes a colleague ("It's Nick Kerr on for Nick Joseph") or "Unidentified Analyst".
    A moderator is whoever has that role, by label, participant list or front matter: never by name here."""
    found = []
    moderators = {s.id for s in transcript.speakers if s.role == MODERATOR}
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


# The enrichment steps, in order: the genre first, because roles and exchanges follow from it.
STEPS: tuple[Callable[[Transcript, Report], Transcript], ...] = (decide_genre, assign_roles, find_exchanges)


def structure(transcript: Transcript, report: Report) -> Transcript:
    for step in STEPS:
        transcript = step(transcript, report)
    return transcript
