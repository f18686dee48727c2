"""Reader for the JSON speech recognition writes: Whisper/WhisperX, AssemblyAI, Deepgram, Rev.ai, Transcribe, YouTube.

Each vendor is one small `Shape`: how to tell its JSON (`matches`) and how its words become cues (`cues`).
The cues then make turns as captions' do (a speaker's consecutive cues one turn, a paragraph at a finished
sentence and a pause), and diarisation labels become speakers through `diarisation.Labels`. A file that
parses as JSON but not as its vendor's shape is published as its text, with a warning, never a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from . import captions, word_timings
from .captions import Cue
from .common import FileFacts, assemble
from .diarisation import Labels

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS: tuple[str, ...] = ()  # .json files are podcast_json's by default: this reader is chosen by shape
_SENTENCE_END = re.compile(r"""[.?!…]["”’')\]]*$""")
_GLUE = re.compile(r"^[,.;:!?…%)\]”’]")  # punctuation that closes the word before it, with no space


@dataclass
class Word:
    text: str
    start: float | None
    end: float | None
    speaker: object = None  # the diarisation label as the file gives it
    glue: bool = False  # joins the word before it without a space (punctuation items)


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _number(value: Any, scale: float = 1.0) -> float | None:
    """A time as JSON gives it (a number, or Transcribe's string), in seconds; None when it is no time."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value) / scale
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e9 else None  # NaN and absurd times are no times


def _text(value: Any) -> str:
    return clean.normalise_space(value) if isinstance(value, str) else ""


Timed = list[tuple[str, float]]  # each word the source times, and when: what word_timings aligns to the text


def sentences(words: list[Word], labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """Words as cues of a sentence each (or up to a change of speaker), timed by their first word."""
    timed.extend((w.text, w.start) for w in words if w.text and w.start is not None)
    cues: list[Cue] = []
    current: list[Word] = []

    def flush() -> None:
        if current:
            text = "".join((w.text if w.glue or not i else f" {w.text}") for i, w in enumerate(current))
            start = next((w.start for w in current if w.start is not None), cues[-1].start if cues else 0.0)
            end = next((w.end for w in reversed(current) if w.end is not None), None)
            label = current[0].speaker
            cues.append(Cue(line, start, clean.normalise_space(text), labels.name(label), _label(label), end=end))
            current.clear()

    for word in words:
        if not word.text:
            continue
        if current and not word.glue and word.speaker != current[0].speaker:
            flush()
        current.append(word)
        if _SENTENCE_END.search(word.text):
            flush()
    flush()
    return cues


def _label(label: object) -> str | None:
    return None if label is None or isinstance(label, (dict, list)) else str(label)


def _cue(line: int, labels: Labels, text: str, start: float | None, end: float | None, label: object,
         before: list[Cue]) -> Cue:
    start = start if start is not None else (before[-1].start if before else 0.0)
    return Cue(line, start, text, labels.name(label), _label(label), end=end)


# --- the vendors' shapes ----------------------------------------------------------------------------


def _is_whisper(data: dict) -> bool:
    first = next(iter(_list(data.get("segments"))), None)
    return isinstance(first, dict) and "text" in first and "start" in first and "body" not in first


def _whisper(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """`segments[]` of start, end, text and (WhisperX, after diarisation) speaker; `words[]` inside."""
    cues: list[Cue] = []
    for segment in map(_dict, _list(data.get("segments"))):
        text = _text(segment.get("text"))
        if text:
            cues.append(_cue(line, labels, text, _number(segment.get("start")), _number(segment.get("end")),
                             segment.get("speaker"), cues))
        timed.extend(_timed_words(segment.get("words"), "word", "start"))
    return cues


def _timed_words(words: Any, text: str, start: str, scale: float = 1.0) -> Timed:
    """(word, start) of a vendor's word list, those without a time left out (WhisperX cannot align digits)."""
    found = [(_text(w.get(text)), _number(w.get(start), scale)) for w in map(_dict, _list(words))]
    return [(word, when) for word, when in found if word and when is not None]


def _is_assemblyai(data: dict) -> bool:
    first = next(iter(_list(data.get("words"))), None)
    return "utterances" in data or (isinstance(first, dict) and "text" in first and "confidence" in first)


def _assemblyai(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """`utterances[]` of speaker (`A`, `B`), start and end in milliseconds, text, words; else `words[]`, `text`."""
    utterances = [u for u in map(_dict, _list(data.get("utterances"))) if u]
    if utterances:
        words = [w for u in utterances for w in _assemblyai_words(u, u.get("speaker"))]
    else:
        words = _assemblyai_words(data, None)
    if not words and _text(data.get("text")):
        words = [Word(_text(data.get("text")), 0.0, None)]
    return sentences(words, labels, line, timed)


def _assemblyai_words(holder: dict, speaker: object) -> list[Word]:
    """An utterance's words with its speaker (or, without utterances, each word's own), else its text."""
    words = [
        Word(_text(w.get("text")), _number(w.get("start"), 1000), _number(w.get("end"), 1000),
             speaker if speaker is not None else w.get("speaker"))
        for w in map(_dict, _list(holder.get("words")))
    ]
    if not any(w.text for w in words) and speaker is not None and _text(holder.get("text")):
        return [Word(_text(holder.get("text")), _number(holder.get("start"), 1000), _number(holder.get("end"), 1000),
                     speaker)]
    return words


def _is_deepgram(data: dict) -> bool:
    return isinstance(_dict(data.get("results")).get("channels"), list)


def _deepgram(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """`results.channels[].alternatives[0]`: `paragraphs.paragraphs[]` of speaker and sentences, else `words[]`
    (`punctuated_word` where smart formatting wrote one), else the `transcript`. Channels other than the first
    are other voices of a multichannel call: their index is the speaker where words name none."""
    channels = _list(_dict(data.get("results")).get("channels"))
    cues: list[Cue] = []
    for index, channel in enumerate(channels):
        best = _dict(next(iter(_list(_dict(channel).get("alternatives"))), None))
        voice = index if len(channels) > 1 else None
        paragraphs = _list(_dict(best.get("paragraphs")).get("paragraphs"))
        if paragraphs:
            timed.extend(_timed_words([{**w, "word": w.get("punctuated_word", w.get("word"))} for w in map(
                _dict, _list(best.get("words")))], "word", "start"))
            for paragraph in map(_dict, paragraphs):
                for sentence in map(_dict, _list(paragraph.get("sentences"))):
                    text = _text(sentence.get("text"))
                    if text:
                        cues.append(_cue(line, labels, text, _number(sentence.get("start")), _number(sentence.get("end")),
                                         paragraph.get("speaker", voice), cues))
            continue
        words = [
            Word(_text(w.get("punctuated_word")) or _text(w.get("word")), _number(w.get("start")), _number(w.get("end")),
                 w.get("speaker", voice))
            for w in map(_dict, _list(best.get("words")))
        ]
        if not any(w.text for w in words) and _text(best.get("transcript")):
            words = [Word(_text(best.get("transcript")), 0.0, None, voice)]
        cues.extend(sentences(words, labels, line, timed))
    return sorted(cues, key=lambda cue: cue.start) if len(channels) > 1 else cues


def _is_rev(data: dict) -> bool:
    return isinstance(data.get("monologues"), list)


def _rev(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """`monologues[]` of speaker (a number; `speaker_name` when Rev was told it) and `elements[]` of `text`
    (with `ts`, `end_ts`), `punct` (spaces too) and `unknown` (`<inaudible>`) values, joined as written."""
    words: list[Word] = []
    for monologue in map(_dict, _list(data.get("monologues"))):
        speaker = _text(monologue.get("speaker_name")) or monologue.get("speaker")
        if speaker == "":
            speaker = None
        first = True
        for element in map(_dict, _list(monologue.get("elements"))):
            value = element.get("value")
            if not isinstance(value, str) or not value.strip():
                continue
            glue = not first and element.get("type") == "punct" and not value.startswith(" ")
            words.append(Word(value.strip(), _number(element.get("ts")), _number(element.get("end_ts")), speaker, glue))
            first = False
    return sentences(words, labels, line, timed)


def _is_transcribe(data: dict) -> bool:
    results = _dict(data.get("results"))
    return isinstance(results.get("items"), list) or isinstance(results.get("transcripts"), list)


def _transcribe(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """`results.items[]` of `pronunciation` (start_time, end_time as strings) and `punctuation`, each word's
    speaker its own `speaker_label` or the one `results.speaker_labels.segments[].items[]` gives its start."""
    results = _dict(data.get("results"))
    by_start = {
        str(item.get("start_time")): segment.get("speaker_label")
        for segment in map(_dict, _list(_dict(results.get("speaker_labels")).get("segments")))
        for item in map(_dict, _list(segment.get("items")))
    }
    words: list[Word] = []
    for item in map(_dict, _list(results.get("items"))):
        content = _text(_dict(next(iter(_list(item.get("alternatives"))), None)).get("content"))
        punctuation = item.get("type") == "punctuation"
        speaker = item.get("speaker_label", by_start.get(str(item.get("start_time"))))
        if punctuation and words:
            speaker = words[-1].speaker
        words.append(Word(content, _number(item.get("start_time")), _number(item.get("end_time")), speaker,
                          punctuation and bool(_GLUE.match(content))))
    if not any(w.text for w in words):
        text = " ".join(_text(_dict(t).get("transcript")) for t in _list(results.get("transcripts")))
        words = [Word(text.strip(), 0.0, None)]
    return sentences(words, labels, line, timed)


def _is_youtube(data: dict) -> bool:
    return isinstance(data.get("events"), list) and ("wireMagic" in data or any(
        isinstance(e, dict) and "segs" in e for e in data["events"][:50]))


def _youtube(data: dict, labels: Labels, line: int, timed: Timed) -> list[Cue]:
    """YouTube timed text JSON3: `events[]` at `tStartMs` for `dDurationMs`, text in `segs[].utf8`; no speakers
    (a broadcaster's `>>` marks a change of speaker, as in captions)."""
    cues: list[Cue] = []
    for event in map(_dict, _list(data.get("events"))):
        text = clean.normalise_space("".join(s.get("utf8", "") for s in map(_dict, _list(event.get("segs")))
                                             if isinstance(s.get("utf8"), str)))
        if not text:
            continue
        start = _number(event.get("tStartMs"), 1000)
        duration = _number(event.get("dDurationMs"), 1000)
        if start is not None:
            timed.extend((_text(s.get("utf8")), start + (_number(s.get("tOffsetMs"), 1000) or 0.0))
                         for s in map(_dict, _list(event.get("segs"))) if _text(s.get("utf8")))
        end = start + duration if start is not None and duration is not None else None
        cues.append(_cue(line, labels, text, start, end, None, cues))
    return captions.changes(cues)


@dataclass(frozen=True)
class Shape:
    name: str
    matches: Callable[[dict], bool]
    cues: Callable[[dict, Labels, int, Timed], list[Cue]]


# Most telling first: Deepgram and Transcribe both have `results`, told apart by what is inside.
SHAPES = (
    Shape("Deepgram", _is_deepgram, _deepgram),
    Shape("Amazon Transcribe", _is_transcribe, _transcribe),
    Shape("Rev.ai", _is_rev, _rev),
    Shape("YouTube JSON3", _is_youtube, _youtube),
    Shape("Whisper", _is_whisper, _whisper),
    Shape("AssemblyAI", _is_assemblyai, _assemblyai),
)


def shape_of(data: Any) -> Shape | None:
    if not isinstance(data, dict):
        return None
    return next((shape for shape in SHAPES if shape.matches(data)), None)


def _load(source: Source) -> Any:
    text = source.text.lstrip("\ufeff").lstrip()
    if not text.startswith("{"):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def sniff(source: Source) -> float:
    return 1.0 if shape_of(_load(source)) is not None else 0.0


def read(source: Source, report: Report) -> Transcript:
    data = _load(source)
    shape = shape_of(data)
    if shape is None:
        turns, facts = captions.fallback(source, report, "speech recognition JSON (Whisper, AssemblyAI, Deepgram, "
                                         "Rev.ai, Transcribe, YouTube)", "not a speech recognition JSON file")
        return assemble(source, turns, report, facts)
    labels, timed = Labels(source, report), []
    cues = shape.cues(data, labels, source.body_line, timed)
    turns = captions.cue_turns(source, report, cues)
    labels.tell(source.body_line)
    transcript = assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))
    return word_timings.aligned(transcript, timed)
