"""Reader for Akoma Ntoso debates (`<debate>`): `<speech>`, `<question>`, `<answer>` by `#…` TLCPerson references.

A speaker's name is the TLCPerson's `showAs` (ids as `eId` in AKN 3.0, `id` before it), else the speech's
`<from>` line, which is also the label the record printed. `<narrative>`, `<scene>`, `<summary>`, `<other>`
and inline `<remark>`s are kept as directions; a `<debateSection>`'s `<heading>` opens a part of the
debate; `recordedTime` on a speech is its time. Questions and answers say their roles (`to=` the minister
answering). Title and date come from the preface (`docTitle`, `docDate`) or the FRBR identification.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ..diagnostics import Report
from ..model import COMPANY, QUESTIONER, Participant, Source, TimeMark, Transcript
from . import xml_archive as xa
from .captions import label_time
from .common import FileFacts, Paragraph, assemble, paragraphs_only

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS: tuple[str, ...] = ()  # .xml files are TEI's by default: this reader is chosen by its root
_ROOT = re.compile(r"<(?:[\w.-]+:)?akomaNtoso[\s>]")
_DEBATE = re.compile(r"<(?:[\w.-]+:)?debate[\s>]")
SPEECHES = frozenset({"speech", "question", "answer"})
_DIRECTIONS = frozenset({"narrative", "scene", "summary", "other", "remark", "authorialNote"})
_INLINE = frozenset({"remark", "authorialNote", "noteRef", "eol"})
_NO_TEXT = frozenset({"from", "num"})


def sniff(source: Source) -> float:
    head = source.text[:100_000]
    return 1.0 if _ROOT.search(head) and _DEBATE.search(head) else 0.0


def read(source: Source, report: Report) -> Transcript:
    parsed = xa.parse(source, report, "an Akoma Ntoso debate")
    if parsed is None:
        return paragraphs_only(source, report)
    facts = FileFacts(section_titles={"remarks": "Debate"})
    _about(parsed, facts)
    people = _people(parsed.root)
    turns = xa.Turns(facts)
    body = xa.first(parsed.root, "debateBody")
    _walk(parsed, body if body is not None else parsed.root, people, turns)
    if not turns.turns:
        report.warning(source.path, source.body_line, "an Akoma Ntoso file without speeches; nothing is spoken in it",
                       "layout.unknown")
    return assemble(source, turns.turns, report, facts)


def _walk(parsed: xa.Parsed, element: ET.Element, people: dict[str, str], turns: xa.Turns) -> None:
    """Sections in document order, however deep they nest: headings, speeches, directions between them."""
    for child in element:
        name = xa.local(child.tag)
        if name == "heading":
            turns.heading(xa.plain(child))
        elif name in SPEECHES:
            _speech(parsed, child, people, turns)
        elif name in _DIRECTIONS:
            turns.direction(parsed.line(child), xa.plain(child))
        else:
            _walk(parsed, child, people, turns)


def _speech(parsed: xa.Parsed, speech: ET.Element, people: dict[str, str], turns: xa.Turns) -> None:
    by = xa.reference(speech.get("by"))
    said_from = xa.first(speech, "from")
    label = xa.plain(said_from) or None
    name = people.get(by) or (label.rstrip(":") if label else None) or (xa.name_from_id(by) if by else None)
    turn = turns.speaker(parsed.line(speech), name, label)
    role = {"question": QUESTIONER, "answer": COMPANY}.get(xa.local(speech.tag))
    if name and role:  # who asks and who answers for the government, as the record says
        turns.facts.participants.append(Participant(name, role, line=parsed.line(speech)))
    seconds = _seconds(speech.get("recordedTime") or speech.get("startTime"))
    for block in speech:
        kind = xa.local(block.tag)
        if kind in _NO_TEXT or kind in SPEECHES:
            continue
        if kind in _DIRECTIONS:
            text = xa.plain(block)
            if text:
                turn.paragraphs.append(Paragraph(parsed.line(block), text if text[:1] in "([" else f"({text})", True))
            continue
        for text, direction in xa.pieces(block, _INLINE, _NO_TEXT, wrap=False):  # a remark as the record wrote it
            turn.paragraphs.append(Paragraph(parsed.line(block), text, direction))
    if seconds is not None and turn.paragraphs:
        turn.marks.append(TimeMark(0, 0, seconds, label_time(seconds)))


def _seconds(value: str | None) -> int | None:
    """`recordedTime` as seconds from the start of the day's record: an xsd:dateTime's time, or a plain offset."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.hour * 3600 + moment.minute * 60 + moment.second
    except ValueError:
        pass
    try:
        return max(0, int(float(value)))
    except ValueError:
        return None


def _people(root: ET.Element) -> dict[str, str]:
    return {
        person.get("eId") or person.get("id"): person.get("showAs")
        for person in root.iter()
        if xa.local(person.tag) == "TLCPerson" and (person.get("eId") or person.get("id")) and person.get("showAs")
    }


def _about(parsed: xa.Parsed, facts: FileFacts) -> None:
    title = xa.first(parsed.root, "docTitle")
    if title is not None:
        facts.infer("title", xa.plain(title), parsed.line(title))
    xa.note(facts, "Preface", parsed, [xa.first(parsed.root, "preface")], {xa.plain(title)} if title is not None else set())
    debate_body = xa.first(parsed.root, "debateBody")
    if title is None and debate_body is not None and debate_body.get("title"):
        facts.infer("title", debate_body.get("title"), parsed.line(debate_body))
    for element in (xa.first(parsed.root, "docDate"), xa.first(parsed.root, "FRBRdate")):
        when = (element.get("date") or "")[:10] if element is not None else ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
            facts.infer("date", when, parsed.line(element))
            break
