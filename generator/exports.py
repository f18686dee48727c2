"""A transcript in the formats players, podcast apps and archives read: WebVTT, SRT, Podcasting 2.0 JSON, Akoma Ntoso.

Each caption format writes one cue per paragraph, timed by the paragraph's first time mark (or the cue
before it), with the marker of `readers.marked` where players ignore it, so that our readers read the
file back into the very turns, paragraphs and time marks it was written from. A transcript without time
marks gets no caption file (its times would be made up); every transcript gets Akoma Ntoso, whose
speeches carry names and paragraphs (Akoma Ntoso times a speech only as a whole: marks are not kept).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from .model import Transcript, Turn
from .readers import marked
from .readers.captions import plain_text

LAST_CUE_SECONDS = 5  # how long the last cue shows; a cue lasts until the next one starts otherwise


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    speaker: str | None  # the turn's speaker's name; None for a turn that names no one
    text: str
    first: bool  # the turn's first paragraph
    marker: str


# The last transcript's cues: the three caption formats ask for the same transcript's in turn (it is frozen,
# so the same object has the same cues), and rebinding the pair at once keeps it safe between threads.
_last_cues: tuple[Transcript | None, list[Cue]] = (None, [])


def cues(transcript: Transcript) -> list[Cue]:
    """One cue per paragraph, in order; [] when the transcript has no time marks at all."""
    global _last_cues
    known, made = _last_cues
    if known is transcript:
        return list(made)
    made = _cues(transcript)
    _last_cues = (transcript, made)
    return list(made)


def _cues(transcript: Transcript) -> list[Cue]:
    if not any(turn.marks for turn in transcript.turns):
        return []
    found: list[tuple[int, str | None, str, bool, str]] = []
    start = 0
    for number, turn in enumerate(transcript.turns, start=1):
        speaker = transcript.speaker(turn.speaker)
        name = speaker.name if speaker else None
        for index, text in enumerate(turn.paragraphs):
            marks = sorted((m for m in turn.marks if m.paragraph == index), key=lambda m: m.offset)
            # A paragraph starts at its first mark only if the mark opens it; one said mid-paragraph came later.
            start = marks[0].seconds if marks and marks[0].offset == 0 else start
            code = marked.marker(number, index + 1, name is None, index in turn.directions, marks)
            found.append((start, name, text, index == 0, code))
    found = [(max(start, earlier[0]), *rest) if earlier else (start, *rest)  # never before the cue before
             for (start, *rest), earlier in zip(found, [None, *found])]
    ends = [max(later[0], begin + 1) for (begin, *_), later in zip(found, found[1:])]
    ends.append(found[-1][0] + LAST_CUE_SECONDS)
    return [Cue(begin, end, name, text, first, code) for (begin, name, text, first, code), end in zip(found, ends)]


def _clock(seconds: int, separator: str) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}{separator}000"


def webvtt(transcript: Transcript) -> str | None:
    """WebVTT with `<v Name>` voice tags on every cue of a named speaker; the marker is the cue's id."""
    timed = cues(transcript)
    if not timed:
        return None
    blocks = ["WEBVTT"]
    for cue in timed:
        voice = f"<v {_vtt_escape(cue.speaker)}>" if cue.speaker else ""
        blocks.append(f"{cue.marker}\n{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}\n{voice}{_vtt_escape(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def _vtt_escape(text: str) -> str:
    """`&`, `<`, `>` as WebVTT's character references; `{\\` too, which players take for an SSA style tag."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{\\", "&lbrace;\\")


def subrip(transcript: Transcript) -> str | None:
    """SRT (through the `srt` library) with `Name: ` opening each turn's first cue; the marker ends the timing line."""
    import srt

    timed = cues(transcript)
    if not timed:
        return None
    subtitles = [
        srt.Subtitle(number, timedelta(seconds=cue.start), timedelta(seconds=cue.end),
                     (f"{_srt_name(cue.speaker)}: " if cue.speaker and cue.first else "") + _srt_safe(cue.text),
                     proprietary=cue.marker)
        for number, cue in enumerate(timed, start=1)
    ]
    return srt.compose(subtitles, reindex=False)


_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")


def _srt_safe(text: str) -> str:
    """SRT has no escapes, but players (and our reader) take `<i>` as markup: only text that would be read
    otherwise, or that holds anything like a tag, is escaped, so `Q&A` and `x < y` stay as written."""
    risky = plain_text(text) != text or "-->" in text or _TAG_LIKE.search(text)
    return _vtt_escape(text) if risky else text


def _srt_name(name: str) -> str:
    """A name for `Name: text`: a `: ` inside it written as a character reference, so the first `: ` ends it."""
    return _srt_safe(name).replace(": ", "&#58; ")


def podcasting(transcript: Transcript) -> str | None:
    """Podcasting 2.0 JSON (`<podcast:transcript type="application/json">`): segments of speaker, startTime,
    endTime and body; our marker in each segment's `cue`, which podcast apps do not read."""
    timed = cues(transcript)
    if not timed:
        return None
    segments = [
        {**({"speaker": cue.speaker} if cue.speaker else {}), "startTime": float(cue.start), "endTime": float(cue.end),
         "body": cue.text, "cue": cue.marker}
        for cue in timed
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, separators=(",", ":")) + "\n"


AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def akoma_ntoso(transcript: Transcript) -> str:
    """An Akoma Ntoso 3.0 `<debate>`: a TLCPerson per speaker, a debateSection per part, a speech per turn.

    Written as text, byte for byte what ElementTree's `tostring` wrote (attributes in order, `<x />` for an
    element with neither text nor children, its escaping): building the tree of every paragraph only to
    serialise it took most of the export's time."""
    titles = {section.id: section for section in transcript.sections}
    sections: list[str] = []
    speeches: list[str] = []
    current: object = object()
    for turn in transcript.turns:  # a debateSection wherever the part changes, so no turn is left out
        if not sections or turn.section != current:
            if sections:
                sections[-1] += "".join(speeches) + "</debateSection>"
                speeches = []
            current, section = turn.section, titles.get(turn.section)
            head = _element("heading", (), _text(section.title)) if section is not None else ""
            sections.append(f'<debateSection eId="dbsect_{len(sections) + 1}" '
                            f'name="{_attribute(section.kind if section else "debate")}">{head}')
        speeches.append(_speech(transcript, turn))
    if sections:
        sections[-1] += "".join(speeches) + "</debateSection>"
    else:
        sections.append('<debateSection eId="dbsect_1" name="debate"><narrative /></debateSection>')
    preface = _element("preface", (), _element("p", (), _element("docTitle", (), _text(transcript.title))))
    debate = _element("debate", (("name", "transcript"),),
                      _meta(transcript) + preface + _element("debateBody", (), "".join(sections)))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{_element("akomaNtoso", (("xmlns", AKN),), debate)}\n'


def _element(tag: str, attributes: tuple[tuple[str, str], ...], content: str = "") -> str:
    """An element as ElementTree writes it; `content` its text and children, already written."""
    written = "".join(f' {name}="{_attribute(value)}"' for name, value in attributes)
    return f"<{tag}{written}>{content}</{tag}>" if content else f"<{tag}{written} />"


def _text(text: str | None) -> str:
    """Character data escaped as ElementTree escapes it (no text is written as none)."""
    if not text:
        return ""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _attribute(value: str) -> str:
    """An attribute's value escaped as ElementTree escapes it."""
    value = _text(value)
    for character, escaped in _ATTRIBUTE_ESCAPES:
        if character in value:
            value = value.replace(character, escaped)
    return value


def _meta(transcript: Transcript) -> str:
    date = transcript.date or "1970-01-01"
    work = f"/akn/un/debate/{date}/{transcript.slug}"
    levels = []
    for level, uri, extra in (("FRBRWork", work, None), ("FRBRExpression", f"{work}/eng@", "eng"),
                              ("FRBRManifestation", f"{work}/eng@/main.xml", None)):
        levels.append(_element(level, (), "".join((
            _element("FRBRthis", (("value", f"{uri}/!main" if level != "FRBRManifestation" else uri),)),
            _element("FRBRuri", (("value", uri),)),
            _element("FRBRdate", (("date", date), ("name", "record"))),
            _element("FRBRauthor", (("href", "#onrecord"),)),
            _element("FRBRcountry", (("value", "un"),)) if level == "FRBRWork" else "",
            _element("FRBRlanguage", (("language", extra),)) if extra else "",
        ))))
    people = [_element("TLCOrganization", (("eId", "onrecord"), ("href", "/ontology/organization/onrecord"),
                                           ("showAs", "Onrecord")))]
    people += [_element("TLCPerson", (("eId", _eid(speaker.id)), ("href", f"/ontology/person/{speaker.id}"),
                                      ("showAs", speaker.name))) for speaker in transcript.speakers]
    return _element("meta", (), _element("identification", (("source", "#onrecord"),), "".join(levels))
                    + _element("references", (("source", "#onrecord"),), "".join(people)))


def _eid(speaker_id: str) -> str:
    return f"p-{speaker_id}"  # an eId is an NCName: it may not start with a digit


def _speech(transcript: Transcript, turn: Turn) -> str:
    speaker = transcript.speaker(turn.speaker)
    said = [_element("from", (), _text(speaker.name))] if speaker else []
    for index, text in enumerate(turn.paragraphs):
        if index in turn.directions:
            said.append(f'<p>{_element("remark", (("type", "sceneDescription"),), _text(text))}</p>')
        else:
            said.append(_element("p", (), _text(text)))
    return _element("speech", (("by", f"#{_eid(speaker.id)}" if speaker else "#"), ("eId", turn.id)), "".join(said))


@dataclass(frozen=True)
class Format:
    name: str  # as `onrecord export --format` takes it
    filename: str  # beside transcript.json
    write: Callable[[Transcript], str | None]


FORMATS = {f.name: f for f in (
    Format("vtt", "transcript.vtt", webvtt),
    Format("srt", "transcript.srt", subrip),
    Format("podcast", "transcript.podcast.json", podcasting),
    Format("akn", "transcript.akn.xml", akoma_ntoso),
)}


def offered(transcript: Transcript) -> list[Format]:
    """The exports this transcript has: the caption formats only where it is timed, Akoma Ntoso always."""
    timed = any(turn.marks for turn in transcript.turns)
    return [f for f in FORMATS.values() if timed or f.name == "akn"]
