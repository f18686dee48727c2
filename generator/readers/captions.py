"""What the timed layouts share (WebVTT, SRT, Podcasting 2.0 JSON, Otter): cues become turns.

A cue is a stretch of text with a start time and perhaps a speaker. Consecutive cues of one speaker
make one turn; a cue that names nobody continues the last speaker's turn (captioners name a
speaker on the first cue of a turn only). Cue times become time marks; their text is never speech.
A file that names no speaker at all is cut into unattributed turns of readable size (`speakerless_turns`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, TimeMark
from ..source import lines
from .common import FileFacts, Paragraph, RawTurn, blank_separated, unknown_layout
from .vocabulary import DIRECTION, PARTICLE, display

# A new paragraph begins after a finished sentence, at a pause this long or once a paragraph is this long.
PAUSE_SECONDS = 2.0
PARAGRAPH_WORDS = 120
_SENTENCE_END = re.compile(r"""[.?!…]["”’')\]]*$""")
# `Dana Whitfield: text`, `DANA: text`, `Speaker 2: text` at the start of a cue.
NAME_PREFIX = re.compile(
    rf"^(?P<name>[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|\d{{1,2}}|{PARTICLE})){{0,3}}|[A-Z][A-Z .'’-]{{1,40}}): +(?P<text>\S.*)$"
)
# Broadcast captions mark a change of speaker without a name: `>> text` or `- text`.
_CHANGE = re.compile(r"^(?:>>+|[-–] )\s*")
# Cue markup: `<i>`, `</c>`, `<c.yellow>`, `<br/>`, `<v Dana>`, `<lang en>`, `<font color="#fff">`, a cue's
# `<00:00:04.120>`, SSA's `{\\an8}`. Only markup: in `x < y and y > z` or `3<4 and 5>2` the words are the talk.
_TAG = re.compile(
    r"</?[A-Za-z][\w.-]*(?:\s*/)?>|<(?:v|lang)(?:\.[\w.-]*)?\s[^<>]*>"
    r"""|</?[A-Za-z][\w-]*(?:\s+[\w:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))+\s*/?>"""
    r"|<\d{1,2}(?::\d{2}){1,2}[.,]\d{1,3}>|\{\\[^{}]*\}"
)


@dataclass
class Cue:
    line: int
    start: float
    text: str  # one line, tags removed, entities decoded
    speaker: str | None = None  # named in this cue
    label: str | None = None  # how the cue named them, e.g. `<v Dana Whitfield>` or `Dana Whitfield:`
    change: bool = False  # the cue says the speaker changes without naming the new one
    own_paragraph: bool = False  # the layout starts a paragraph here whatever the sentence (Otter)
    end: float | None = None


def plain_text(markup: str) -> str:
    """Cue markup to text: tags dropped, entities decoded, lines joined."""
    return clean.normalise_space(html.unescape(_TAG.sub("", markup)))


def label_time(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def name_prefixes(cues: list[Cue], voices: set[str] = frozenset()) -> list[Cue]:
    """Take `Name:` prefixes out of the cue text as speakers, where they are names and not, say, `Note:`.

    A prefix of two words or more is a name; a one-word prefix counts when it recurs or is a voice.
    """
    candidates = [NAME_PREFIX.match(_CHANGE.sub("", cue.text)) for cue in cues]
    counts: dict[str, int] = {}
    for match in candidates:
        if match:
            counts[match["name"]] = counts.get(match["name"], 0) + 1
    found = []
    for cue, match in zip(cues, candidates):
        if match and cue.speaker is None:
            name = match["name"]
            if " " in name or counts[name] > 1 or name in voices or name.isupper() and len(name) > 1:
                cue = Cue(cue.line, cue.start, match["text"], display(name), f"{name}:", False, cue.own_paragraph, cue.end)
        found.append(cue)
    return found


def changes(cues: list[Cue]) -> list[Cue]:
    """`>> text`: a new, unnamed speaker (kept in the text when it names someone after all)."""
    found = []
    for cue in cues:
        if cue.speaker is None and _CHANGE.match(cue.text) and cue.text.startswith(">>"):
            cue = Cue(cue.line, cue.start, _CHANGE.sub("", cue.text), None, None, True, cue.own_paragraph, cue.end)
        found.append(cue)
    return found


def turns_from_cues(cues: list[Cue], mark_every_cue: bool = False) -> list[RawTurn]:
    turns: list[RawTurn] = []
    speaker: str | None = None
    last_end: float | None = None  # when the cue before ended (or began, if the layout does not say)
    words = 0
    for cue in cues:
        if not cue.text:
            continue
        named = cue.speaker if cue.speaker is not None else (None if cue.change else speaker)
        if not turns or named != speaker or cue.change or (cue.speaker is not None and turns[-1].name is None):
            turns.append(RawTurn(cue.line, REMARKS, cue.label, named))
            speaker, last_end, words = named, None, 0
        turn = turns[-1]
        direction = bool(DIRECTION.match(cue.text))
        previous = turn.paragraphs[-1] if turn.paragraphs else None
        ended = previous is None or previous.direction or bool(_SENTENCE_END.search(previous.text))
        pause = last_end is not None and cue.start - last_end >= PAUSE_SECONDS
        if (
            previous is None or direction or previous.direction
            or (ended and (cue.own_paragraph or pause or words >= PARAGRAPH_WORDS))
        ):
            turn.paragraphs.append(Paragraph(cue.line, cue.text, direction))
            turn.marks.append(TimeMark(len(turn.paragraphs) - 1, 0, int(cue.start), label_time(cue.start)))
            words = len(cue.text.split())
        else:
            offset = len(previous.text) + 1
            previous.text = f"{previous.text} {cue.text}"
            if mark_every_cue:
                turn.marks.append(TimeMark(len(turn.paragraphs) - 1, offset, int(cue.start), label_time(cue.start)))
            words += len(cue.text.split())
        last_end = cue.end if cue.end is not None else cue.start
    return turns


def timing_lines(source: Source) -> list[int]:
    """The file's line number of each cue timing line (`00:00:01.000 --> ...`), in order."""
    return [line.number for line in lines(source) if "-->" in line.text]


# Without speakers a turn is only a readable stretch of talk, cut where sentences end (inside a cue
# too: caption cues start and stop mid-sentence). A paragraph ends after a sentence once it holds
# SPEAKERLESS_PARAGRAPH words, or at a pause of PAUSE_SECONDS where cues give end times. A turn ends
# where a paragraph ends once it holds SPEAKERLESS_TURN words, at a pause of LONG_PAUSE_SECONDS, where
# the captions mark a change of speaker (`>>`), or, in text without sentence ends, at any cue once it
# holds SPEAKERLESS_MAX words. So a turn is about 150 to 250 words, each paragraph marked with its time.
SPEAKERLESS_PARAGRAPH = 60
SPEAKERLESS_TURN = 150
SPEAKERLESS_MAX = 250
LONG_PAUSE_SECONDS = 5.0
# Where a sentence ends inside a cue's text: its closing mark, then a space and a capital (or a quote).
_SENTENCE_BREAK = re.compile(r"""(?<=[.?!…])["”’')\]]*\s+(?=["“‘(\[]?[^\W\d_a-z])""")


def sentence_runs(text: str, words: int) -> list[str]:
    """A long paragraph cut where sentences end into runs of about `words` words (at least that many each)."""
    runs: list[str] = []
    position = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if len(text[position : match.end()].split()) >= words and len(text[match.end() :].split()) >= words // 2:
            runs.append(text[position : match.end()].rstrip())
            position = match.end()
    runs.append(text[position:])
    return runs


@dataclass
class _Piece:
    line: int
    start: float
    text: str
    change: bool = False  # the captions say the speaker changes here


def _pieces(cue: Cue) -> list[_Piece]:
    """A cue's text cut after each sentence end, each piece timed by where it stands in the cue."""
    cuts = [0, *(m.end() for m in _SENTENCE_BREAK.finditer(cue.text)), len(cue.text)]
    span = (cue.end - cue.start) if cue.end is not None and cue.end > cue.start else 0.0
    pieces = []
    for index, (begin, end) in enumerate(zip(cuts, cuts[1:])):
        text = cue.text[begin:end].strip()
        if text:
            start = cue.start + span * begin / max(len(cue.text), 1)
            pieces.append(_Piece(cue.line, start, text, cue.change and index == 0))
    return pieces


def speakerless_turns(cues: list[Cue]) -> list[RawTurn]:
    """Cues that name nobody as unattributed turns of a few paragraphs, each paragraph at its time."""
    turns: list[RawTurn] = []
    turn_words = paragraph_words = 0
    last_end: float | None = None
    for cue in cues:
        pause = 0.0 if last_end is None or cue.end is None else cue.start - last_end
        last_end = cue.end
        for index, piece in enumerate(_pieces(cue)):
            gap = pause if index == 0 else 0.0
            previous = turns[-1].paragraphs[-1] if turns else None
            ended = previous is None or previous.direction or bool(_SENTENCE_END.search(previous.text))
            direction = bool(DIRECTION.match(piece.text))
            new_paragraph = (
                previous is None or direction or piece.change
                or (ended and (paragraph_words >= SPEAKERLESS_PARAGRAPH or gap >= PAUSE_SECONDS))
            )
            new_turn = not turns or piece.change or turn_words >= SPEAKERLESS_MAX or (
                new_paragraph and (gap >= LONG_PAUSE_SECONDS or turn_words >= SPEAKERLESS_TURN)
            )
            if new_turn:
                turns.append(RawTurn(piece.line, REMARKS))
                turn_words = 0
            if new_paragraph or new_turn:
                turn = turns[-1]
                turn.paragraphs.append(Paragraph(piece.line, piece.text, direction))
                turn.marks.append(TimeMark(len(turn.paragraphs) - 1, 0, int(piece.start), label_time(piece.start)))
                paragraph_words = 0
            else:
                previous.text = f"{previous.text} {piece.text}"
            words = len(piece.text.split())
            paragraph_words += words
            turn_words += words
    return turns


def cue_turns(source: Source, report: Report, cues: list[Cue], mark_every_cue: bool = False) -> list[RawTurn]:
    """Turns from cues: by speaker where any cue names one; else readable unattributed turns, said once."""
    if any(cue.speaker for cue in cues):
        return turns_from_cues(cues, mark_every_cue)
    turns = speakerless_turns(cues)
    if turns:
        report.warning(
            source.path, turns[0].line,
            "no speaker is named in the file; the text is published as unattributed turns of about "
            f"{SPEAKERLESS_TURN}-250 words, each paragraph at its time", "speaker.none",
        )
    return turns


# (`\s*(?:[\d:.,]+\s*)?`, not `\s*[\d:.,]*\s*`: two runs of spaces side by side split a long run every way.)
_TIMING_ONLY = re.compile(r"^\s*(?:[\d:.,]+\s*)?-->\s*[\d:.,]*(?:\s+[A-Za-z][\w-]*:\S+)*\s*$")  # settings: `align:start`


def fallback(source: Source, report: Report, expected: str, problem: str) -> tuple[list[RawTurn], FileFacts]:
    """A file that claims a timed layout but does not parse: its text, less timing lines, as paragraphs."""
    report.warning(source.path, source.body_line, f"{problem}; read as plain text", "layout.malformed")
    # Timing lines and cue numbers go; a line that only has an arrow in it (`x --> y`) is text.
    kept = [line for line in lines(source) if not _TIMING_ONLY.match(line.text) and not line.text.strip().isdecimal()]
    if kept and kept[0].text.strip().upper().startswith("WEBVTT"):
        kept = kept[1:]
    paragraphs = blank_separated(kept)
    unknown_layout(source, report, expected)
    return ([RawTurn(paragraphs[0].line, REMARKS, paragraphs=paragraphs)] if paragraphs else []), FileFacts()
