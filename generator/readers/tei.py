"""Reader for TEI parliamentary records (ParlaMint, Parla-CLARIN): `<u who="#…">` utterances of `<seg>`s.

A speaker's name comes from the file's `listPerson` (`persName`: forenames, surname), else from the id
itself (ParlaMint keeps people in the corpus's root file, so a sitting's file often has only
`who="#LindsayHoyle"`). `ana="#chair"` marks the chair. `<note>`, `<incident>`, `<kinesic>`, `<vocal>` and
`<gap>` are kept as directions, between speeches or inside a segment; `<note type="speaker">` is the
label the record printed; a division's `<head>` opens a part of the debate.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..diagnostics import Report
from ..model import MODERATOR, Participant, Source, Transcript
from . import xml_archive as xa
from .common import FileFacts, Paragraph, assemble, paragraphs_only

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".xml",)
_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:TEI|teiCorpus)[\s>]")
_DIRECTIONS = frozenset({"note", "incident", "kinesic", "vocal", "gap", "pause", "shift"})
_CHAIR = "#chair"


def sniff(source: Source) -> float:
    head = source.text[:100_000]
    return 1.0 if _ROOT.search(head) and re.search(r"<(?:[\w.-]+:)?u[\s>]", head) else 0.0


def read(source: Source, report: Report) -> Transcript:
    parsed = xa.parse(source, report, "a TEI record of utterances")
    if parsed is None:
        return paragraphs_only(source, report)
    facts = FileFacts(section_titles={"remarks": "Proceedings"})
    _header(parsed, facts)
    people = _people(parsed.root)
    turns = xa.Turns(facts)
    label: str | None = None
    body = xa.first(parsed.root, "body")
    body = body if body is not None else parsed.root
    parents = {child: parent for parent in body.iter() for child in parent}
    for element in body.iter():
        name = xa.local(element.tag)
        if name == "head":
            turns.heading(xa.plain(element))
        elif name == "u":
            _utterance(parsed, element, people, label, turns)
            label = None
        elif name == "note" and element.get("type") == "speaker":
            label = xa.plain(element) or None
        elif name in _DIRECTIONS and xa.local(parents.get(element, body).tag) in ("div", "body"):
            turns.direction(parsed.line(element), xa.plain(element))
    if not turns.turns:
        report.warning(source.path, source.body_line, "a TEI file without utterances (`<u>`); nothing is spoken in it",
                       "layout.unknown")
    return assemble(source, turns.turns, report, facts)


def _utterance(parsed: xa.Parsed, u: ET.Element, people: dict[str, str], label: str | None, turns: xa.Turns) -> None:
    who = xa.reference(u.get("who"))
    name = people.get(who) or (xa.name_from_id(who) if who else None)
    turn = turns.speaker(parsed.line(u), name, label or (f"who=\"{u.get('who')}\"" if who else None))
    if name and _CHAIR in u.get("ana", "").split():  # the chair runs the sitting
        turns.facts.participants.append(Participant(name, MODERATOR, line=parsed.line(u)))
    for seg in u:
        kind = xa.local(seg.tag)
        if kind in _DIRECTIONS:
            text = xa.plain(seg)
            if text:
                turn.paragraphs.append(Paragraph(parsed.line(seg), text if text[:1] in "([" else f"({text})", True))
            continue
        for text, direction in xa.pieces(seg, _DIRECTIONS):
            turn.paragraphs.append(Paragraph(parsed.line(seg), text, direction))


def _people(root: ET.Element) -> dict[str, str]:
    people = {}
    for person in root.iter():
        if xa.local(person.tag) != "person" or not person.get(xa.XML_ID):
            continue
        names = xa.first(person, "persName")
        if names is None:
            continue
        forenames = [xa.plain(e) for e in names if xa.local(e.tag) == "forename"]
        surnames = [xa.plain(e) for e in names if xa.local(e.tag) == "surname"]
        name = " ".join(forenames + surnames) if surnames else xa.plain(names)
        if name:
            people[person.get(xa.XML_ID)] = name
    return people


def _header(parsed: xa.Parsed, facts: FileFacts) -> None:
    header = xa.first(parsed.root, "teiHeader")
    if header is None:
        return
    titles = [t for t in header.iter() if xa.local(t.tag) == "title"]
    title = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    if title is not None:
        facts.infer("title", xa.plain(title), parsed.line(title))
    parts = [xa.first(header, name) for name in ("titleStmt", "publicationStmt", "sourceDesc")]
    xa.note(facts, "About the record", parsed, parts, {xa.plain(title)} if title is not None else set())
    # The sitting's date: its setting's, else its source's; the header's others date the edition.
    where = [e for e in (xa.first(header, "setting"), xa.first(header, "sourceDesc"), header) if e is not None]
    for date in [d for w in where for d in w.iter() if xa.local(d.tag) == "date" and d.get("when")]:
        when = date.get("when", "")[:10]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
            facts.infer("date", when, parsed.line(date))
            break
