"""How well a file was read: its words counted from the source, where they went, and readings that look wrong.

The words are counted from the decoded file with markup and time stamps set aside, without asking the
reader that parsed it, so the figure measures the reader rather than repeating it: a word the source
has and no turn, note, label or heading has is a word lost.
"""

from __future__ import annotations

import html
import json
import re
import statistics
from collections import Counter
from dataclasses import replace
from itertools import islice

from . import clean
from .diagnostics import Report
from .model import COMPANY, MODERATOR, QA, Reading, Source, Transcript
from .structure import introduced, same_person
from .readers.vocabulary import ANONYMOUS, COURTESY, HONORIFICS, is_given_name, is_placeholder, section_marker

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[A-Za-z/!][^>]*>", re.DOTALL | re.IGNORECASE)
# Tags inside a word (`CO<sub>2</sub>`, `<b>A</b>lpha`) join it; any other tag parts words.
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|inf|span|a|font|small|big|mark|s)\b[^>]*>", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")  # a Markdown link's address, never shown as text
# A clock time as a layout stamps it: `4:28`, `00:00:04.120`, a cue arrow, the Congressional Record's `{time}  1900`.
# Its first digit comes before the look behind at what stands before it (not a letter, digit, `_` or `.`), so
# the scan over a whole file stops only at digits, `-` and `{`: half the time of the look behind at every character.
_TIME = re.compile(r"\d(?<![\w.]\d)\d?(?::\d{2}){1,2}(?:[.,]\d{1,3})?(?![\w])|-->|\{time\}\s+\d{4}\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # cleaning drops them, joining the word they cut
# SRT's cue counter, on its own line (not `\s*`: at each of many blank lines it would scan all that follow).
_CUE_NUMBER = re.compile(r"^[^\S\n]*\d+[^\S\n]*$", re.MULTILINE)
# A layout's own furniture, a line of its own: `PRESENTATION`, `Question-and-Answer Session`, `CORPORATE PARTICIPANTS`.
_PARTICIPANT_HEADING = re.compile(r"^\s*(?:corporate |conference call |call )?participants\s*:?\s*$", re.IGNORECASE)


def words_of(text: str) -> list[str]:
    """Words as the measure counts them: runs of letters and digits, without case."""
    return _WORD.findall(text.lower())


def source_words(source: Source) -> Counter[str]:
    """The words a reader was given: the body without markup, link addresses, time stamps or cue counters."""
    text = _CONTROL.sub("", source.text)
    if source.suffix == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    if source.suffix == ".vtt":  # the header line and its keys, and cue settings (`align:start`), are not text
        text = re.sub(r"\AWEBVTT\b[^\n]*", " ", text.lstrip())
        text = re.sub(r"^(?:Kind|Language|Region|Style):[^\n]*$", " ", text, flags=re.MULTILINE)
        text = re.sub(r"(-->\s*\S+)[^\n]*", r"\1", text)
    text = "\n".join(
        "" if section_marker(line) or _PARTICIPANT_HEADING.match(line) else line for line in text.split("\n")
    )
    text = html.unescape(clean.sub_tags(_TAG, " ", clean.sub_tags(_INLINE_TAG, "", text)))
    text = _LINK_TARGET.sub("]", text)
    text = _CUE_NUMBER.sub(" ", _TIME.sub(" ", text))
    return Counter(words_of(text))


_NUMBER_OR_ADDRESS = re.compile(r"^\s*(?:[-+]?\d+(?:\.\d+)*|https?://\S+)\s*$")  # `1.0.0`: a format's version


def _strings(value) -> list[str]:
    """The text a JSON document holds: its string values (numbers are timings, keys are its own)."""
    if isinstance(value, str):
        # A number written as text is a timing or a score (Transcribe's "0.44"); an address is no talk.
        return [] if _NUMBER_OR_ADDRESS.match(value) else [value]
    if isinstance(value, list):
        found = [s for item in value for s in _strings(item)]
        # A short value repeated through a list is a field of each item (a segment's speaker), said once.
        repeated = {s for s, n in Counter(found).items() if n > 1 and len(s.split()) <= 4}
        seen: set[str] = set()  # the first of each repeated value (found.index was quadratic on word lists)
        return [s for s in found if s not in repeated or not (s in seen or seen.add(s))]
    if isinstance(value, dict):
        return _distinct_fields([_strings(item) for item in value.values()])
    return []


def _distinct_fields(fields: list[list[str]]) -> list[str]:
    """A JSON object's strings, less those whose words a larger field already holds: speech recognition
    writes one talk several times over (Whisper's `text` and `segments`, AssemblyAI's `text`, `words` and
    `utterances`, Deepgram's `word` and `punctuated_word`), and each word was said once."""
    found: list[str] = []
    held: Counter[str] = Counter()
    for strings in sorted(fields, key=lambda f: -sum(len(words_of(s)) for s in f)):
        largest = not found
        for string in strings:
            words = Counter(words_of(string))
            new = words if largest else words - held
            if new == words:
                found.append(string)
            elif new:  # a field that repeats some words and adds others (a speaker's label): only the others
                found.append(" ".join(new.elements()))
            held += new
    return found


def measured(transcript: Transcript, report: Report) -> Transcript:
    """The transcript with its `reading`, and a warning wherever the reading looks wrong."""
    reading = measure(transcript)
    warn(transcript, reading, report)
    return replace(transcript, reading=reading)


def measure(transcript: Transcript) -> Reading:
    given = source_words(transcript.source) if transcript.source is not None else Counter()
    # Each source word is counted once: as speech if it is spoken, else in a note, else elsewhere.
    left, counted, per_turn = Counter(given), [], []
    for found in placed(transcript, per_turn):
        taken = left & found
        counted.append(sum(taken.values()))
        left -= taken
    return Reading(
        len(transcript.speakers), len(transcript.turns), len(transcript.exchanges),
        sum(given.values()), *counted, speech_words=tuple(per_turn),
    )


def placed(transcript: Transcript, per_turn: list[int] | None = None) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """The words of the reading: (spoken, in notes, elsewhere on the page: labels, directions, headings);
    into `per_turn`, the words each turn speaks (counted here, as each paragraph is split once)."""
    speech: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    other: Counter[str] = Counter(words_of(transcript.title))
    for speaker in transcript.speakers:  # a participant list's words are on the page as the participants
        for said in {speaker.name, speaker.title, speaker.organisation, speaker.affiliation} - {None}:
            other.update(words_of(said))
    headers, repeated = _furniture(transcript)
    # A header that is a name alone (`**Emma** 8:04`) is furniture however often the source repeats it,
    # even where one turn carries on across two of them.
    for speaker in transcript.speakers:
        name = words_of(speaker.name)
        for _ in range(headers.get(" ".join(name), 0)):
            other.update(name)
    other.update(repeated)
    for turn in transcript.turns:
        other.update(words_of(turn.label or ""))
        # A turn's paragraphs split as one text (no word runs across the line break): a call per turn, not
        # per paragraph.
        said = words_of("\n".join(p for index, p in enumerate(turn.paragraphs) if index not in turn.directions))
        speech.update(said)
        if turn.directions:
            other.update(words_of("\n".join(p for index, p in enumerate(turn.paragraphs) if index in turn.directions)))
        if per_turn is not None:
            per_turn.append(len(said))
    for section in transcript.sections:
        other.update(words_of(section.title))
    for note in transcript.notes:
        notes.update(words_of(note.title))
        for paragraph in note.paragraphs:
            notes.update(words_of(paragraph))
    return speech, notes, other


def repeated_labels(transcript: Transcript) -> Counter[str]:
    """The words of labels the source repeats inside one turn, as furniture (not on the page, not lost)."""
    return _furniture(transcript)[1]


def _furniture(transcript: Transcript) -> tuple[Counter[str], Counter[str]]:
    """(how often each line of the source is a short line of words alone, the words of repeated labels).

    A label the source repeats at the head of each line of one turn (SRT's `NAME:` on every cue) is furniture
    every time, not only where the turn starts; the words after it are still counted as speech or lost."""
    if transcript.source is None:
        return Counter(), Counter()
    labels: Counter[tuple[str, ...]] = Counter()  # how many turns each label opens
    written: dict[tuple[str, ...], set[str]] = {}  # and how it stands in the source
    for label, turns in Counter(turn.label for turn in transcript.turns if turn.label).items():
        if key := _label_key(label):
            labels[key] += turns
            written.setdefault(key, set()).add(_plain(label))
    headers, opened = _heads(transcript.source, written)
    repeated: Counter[str] = Counter()
    for key, lines in opened.items():
        if lines > labels[key]:
            repeated.update({word: n * (lines - labels[key]) for word, n in Counter(key).items()})
    return headers, repeated


def _untimed(text: str) -> str:
    """_TIME's stamps replaced by spaces; asked of every line of the source, most of which have none (each of
    _TIME's matches holds a `:`, `-->` or `{time}`, which `in` finds at a fraction of the regex's scan)."""
    return _TIME.sub(" ", text) if ":" in text or "-->" in text or "{time}" in text else text


def _label_key(label: str) -> tuple[str, ...]:
    """A turn's label as the words a source line opens with (time stamps and markup aside)."""
    return tuple(words_of(_TIME.sub(" ", clean.sub_tags(_TAG, " ", label))))


def _plain(text: str) -> str:
    return clean.normalise_space(html.unescape(clean.sub_tags(_TAG, "", text)))


def _heads(source: Source, written: dict[tuple[str, ...], set[str]]
           ) -> tuple[Counter[str], Counter[tuple[str, ...]]]:
    """How often each line of the source is a short line of words alone, and how often a turn's label, as
    written, opens a line with more words after it (time stamps and markup aside)."""
    lengths = sorted({len(key) for key in written}, reverse=True)
    enough = max(6, *(n + 1 for n in lengths)) if lengths else 6  # a line's first words say all this asks
    alone: Counter[str] = Counter()
    opened: Counter[tuple[str, ...]] = Counter()
    for line in source.text.split("\n"):
        if not line or line.isspace():
            continue  # no words, so neither a line alone nor one a label opens
        text = _untimed(clean.sub_tags(_TAG, " ", line)).lower()
        words = [match.group() for match in islice(_WORD.finditer(text), enough)]
        if 0 < len(words) <= 5:
            alone[" ".join(words)] += 1
        for n in lengths:
            if len(words) > n and (key := tuple(words[:n])) in written:
                # As written, not only the same words: `A lot` is no court's `A.`, `Mr. Smith said` no `Mr. SMITH.`
                head = _plain(line).lstrip(" >-–")
                if any(head.startswith(label) for label in written[key]):
                    opened[key] += 1
                    break
    return alone, opened



def lost_words(transcript: Transcript) -> Counter[str]:
    """Words of the source that the reading has nowhere: what a publisher would miss."""
    speech, notes, other = placed(transcript)
    return source_words(transcript.source) - (speech + notes + other)


# A turn this many times the file's median, and at least this long, has most likely swallowed others.
_LONG_TURN, _LONG_TURN_WORDS = 8, 2500
_LONG_PARAGRAPH_WORDS = 800
_SHORT = 300
# Less than this share of the source's words on the page, and more than a heading's worth, is a loss to report.
_KEPT, _LOST_WORDS = 0.995, 10
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|we|we're|our|us|my|me|you|your)\b", re.IGNORECASE)


def warn(transcript: Transcript, reading: Reading, report: Report) -> None:
    """Warnings where the reading looks wrong, each naming the line to look at."""
    source = transcript.source
    if source is None:
        return
    path = source.path
    _labels_inside_speech(transcript, report)
    _glossary_speakers(transcript, report)
    _introduced_but_silent(transcript, report)
    lost = reading.words - reading.speech - reading.notes - reading.other
    if reading.kept < _KEPT and lost >= _LOST_WORDS:
        report.warning(path, source.body_line, f"{lost:,} of the file's words ({1 - reading.kept:.1%}) reach no turn, "
                       "note or label", "reading.lost")
    if reading.words < _SHORT:  # too short for shares to mean anything: a page of the Record is half header
        return
    if reading.notes > reading.speech:
        report.warning(path, source.body_line, f"{reading.share(reading.notes):.0%} of the file's words are in notes "
                       f"and {reading.share(reading.speech):.0%} in speech: the talk may not have been recognised",
                       "reading.notes")
    longest_line = None  # counted only if some paragraph is long enough to need it: it splits every line
    spoken = [n for n in reading.speech_words if n]
    median = statistics.median(spoken) if spoken else 0
    for turn, words in zip(transcript.turns, reading.speech_words):
        if words >= _LONG_TURN_WORDS and words >= _LONG_TURN * median and len(spoken) > 1:
            report.warning(path, turn.line, f"a turn of {words:,} words, {words / median:.0f} times the file's "
                           "usual turn: other speakers may be inside it", "reading.long_turn")
        for paragraph in turn.paragraphs:
            # Long, and longer than any line of the source: lines were joined that the source kept apart.
            # (n words take at least 2n - 1 characters: a shorter paragraph is not split to count them.)
            if len(paragraph) < 2 * _LONG_PARAGRAPH_WORDS - 1 or len(paragraph.split()) < _LONG_PARAGRAPH_WORDS:
                continue
            if longest_line is None:
                longest_line = max(len(line.split()) for line in source.text.split("\n"))
            if len(paragraph.split()) >= longest_line + 1:
                report.warning(path, turn.line, f"a paragraph of {len(paragraph.split()):,} words: the source's "
                               "paragraph breaks may have been lost", "reading.long_paragraph")
                break


# `Emma [36:21]`, `**Emma** 36:21`, `Emma:` or `Mr. SMITH.` inside a paragraph: a turn that was not split.
def _label_pattern(names: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"(?:^|(?<=[.?!…\"”’)\]]\s))(?:\*\*)?(?P<name>{alternatives})(?:\*\*)?"
        rf"(?:\s*\[?\(?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\)?(?=\s)|:(?=\s)|\s*\*\*:?(?=\s))"
    )


_CONGRESS_LABEL = re.compile(rf"(?<=[.?!]\s){COURTESY}\. [A-Z][A-Z'’-]{{2,}}(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?\. [A-Z]")
# What each pattern cannot match without, found by `in` at a fraction of a regex scan: a label ends in `:` or
# `**`; the Record's opens with a courtesy title (COURTESY's words, `Mrs` inside `Mr`).
_COURTESY_WORDS = tuple(COURTESY.removeprefix("(?:").removesuffix(")").split("|"))


def _may_hold_label(paragraph: str) -> bool:
    return ":" in paragraph or "**" in paragraph


def _may_hold_congress_label(paragraph: str) -> bool:
    return any(word in paragraph for word in _COURTESY_WORDS)


def _labels_inside_speech(transcript: Transcript, report: Report) -> None:
    names = [s.name for s in transcript.speakers if len(s.name) > 1]
    pattern = None  # compiled at the first paragraph that may hold a label: most files have none
    for turn in transcript.turns:
        for index, paragraph in enumerate(turn.paragraphs):
            if index in turn.directions:
                continue
            match = None
            if names and _may_hold_label(paragraph):
                pattern = pattern or _label_pattern(names)
                match = pattern.search(paragraph)
            if not match and _may_hold_congress_label(paragraph):
                match = _CONGRESS_LABEL.search(paragraph)
            if match and (match.start() > 0 or index > 0):
                report.warning(
                    transcript.source.path, turn.line,
                    f"a speaker label is left inside speech ({match.group(0).strip()!r}): a change of speaker "
                    "was not recognised", "reading.label_in_speech",
                )
                return  # one is enough to send the publisher to the file


def _glossary_speakers(transcript: Transcript, report: Report) -> None:
    """A 'speaker' with one turn of one paragraph, named with ordinary words and no given name, who never
    says I, we or you: `AI PC: A personal computer with…` is a glossary entry, not a person."""
    from wordfreq import zipf_frequency

    turns_of: dict[str, list] = {}
    for turn in transcript.turns:
        if turn.speaker:
            turns_of.setdefault(turn.speaker, []).append(turn)
    for speaker in transcript.speakers:
        said = turns_of.get(speaker.id, [])
        words = speaker.name.replace(".", " ").split()
        if (
            len(said) != 1 or len(said[0].paragraphs) != 1 or speaker.role == MODERATOR
            or ANONYMOUS.match(speaker.name) or is_placeholder(speaker.name) or not words or words[0].upper() in HONORIFICS
            or _FIRST_PERSON.search(said[0].paragraphs[0])
        ):
            continue
        if not any(is_given_name(w) for w in words) and all(
            (w.isupper() and len(w) <= 5) or zipf_frequency(w, "en") >= 3.9 for w in words
        ):
            report.warning(transcript.source.path, said[0].line, f"{speaker.name!r} is read as a speaker but is named "
                           "like a term and never speaks as a person: a glossary or heading read as a turn?",
                           "reading.term_as_speaker")


def _introduced_but_silent(transcript: Transcript, report: Report) -> None:
    """The moderator introduces someone who never speaks, and nobody but the company follows: the
    question was read into another turn (the operator's, or the previous answer)."""
    roles = {s.id: s.role for s in transcript.speakers}
    moderators = {s.id for s in transcript.speakers if s.role == MODERATOR}
    for turn, following in zip(transcript.turns, transcript.turns[1:] + (None,)):
        if turn.section != QA or turn.speaker not in moderators or not (name := introduced(turn)):
            continue
        if any(same_person(name, speaker) for speaker in transcript.speakers):
            continue
        if following is None or following.speaker is None or roles.get(following.speaker) in (COMPANY, MODERATOR):
            report.warning(transcript.source.path, turn.line, f"{name} is introduced but never speaks: their "
                           "question may have been read into another turn", "reading.introduced_silent")
