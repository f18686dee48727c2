"""What the XML readers (TEI ParlaMint, Akoma Ntoso) share: a safe parse with line numbers, and inline text.

Archives' XML is parsed by the standard library through defusedxml: a file that declares entities (a
billion laughs) or reaches for an external one is refused with an error, never expanded; one that is no
well-formed XML is reported and published as its text. Each element's source line is kept for diagnostics.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..diagnostics import Report
from ..model import REMARKS, Section, Source
from .common import FileFacts, Paragraph, RawTurn

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


class Parsed:
    """A parsed document: its root, and the file line of each element."""

    def __init__(self, root: ET.Element, lines: dict[ET.Element, int]):
        self.root, self._lines = root, lines

    def line(self, element: ET.Element | None) -> int:
        return self._lines.get(element, 1) if element is not None else 1


class _LineBuilder(ET.TreeBuilder):
    def __init__(self, offset: int):
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.offset, self.expat = offset, None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[element] = self.offset + (self.expat.CurrentLineNumber if self.expat else 1) - 1
        return element


def parse(source: Source, report: Report, expected: str) -> Parsed | None:
    """The document, or None (said: hostile XML as an error, malformed XML as a warning)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _LineBuilder(source.body_line)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(source.text.lstrip("\ufeff"))
        root = parser.close()
    except DefusedXmlException as error:
        report.error(source.path, source.body_line, f"refused: the XML {_hostile(error)}; nothing in it was expanded, "
                     "and its text is published as it stands", "layout.hostile")
        return None
    except (ET.ParseError, ValueError, RecursionError) as error:
        report.warning(source.path, source.body_line + _error_line(error) - 1,
                       f"not well-formed XML ({error}); read as plain text, not as {expected}", "layout.malformed")
        return None
    return Parsed(root, builder.lines)


def _hostile(error: Exception) -> str:
    name = type(error).__name__
    if "Entities" in name:
        return "declares entities (an entity bomb such as a billion laughs expands a small file into gigabytes)"
    if "External" in name:
        return "refers to an external entity (it could publish a file of the machine that builds the site)"
    return f"is not safe to read ({name})"


def _error_line(error: Exception) -> int:
    position = getattr(error, "position", None)
    return position[0] if position else 1


def local(tag: object) -> str:
    """`{http://www.tei-c.org/ns/1.0}u` -> `u` (comments and processing instructions have no name)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if local(child.tag) in names]


def first(element: ET.Element | None, *names: str) -> ET.Element | None:
    """The first descendant with one of these names, in document order."""
    if element is None:
        return None
    return next((e for e in element.iter() if local(e.tag) in names and e is not element), None)


def plain(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def reference(value: str | None) -> str:
    """`#LindsayHoyle` -> `LindsayHoyle`; of several (`#a #b`) the first."""
    return (value or "").split()[0].lstrip("#") if (value or "").split() else ""


_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def name_from_id(identifier: str) -> str:
    """A person id with no person list to say more (`LindsayHoyle`, `jane_doe`) as a name: `Lindsay Hoyle`."""
    spaced = _CAMEL.sub(" ", re.sub(r"[_.]+", " ", identifier))
    return " ".join(word[:1].upper() + word[1:] for word in spaced.split()) or identifier


def pieces(element: ET.Element, directions: frozenset[str], skip: frozenset[str] = frozenset(),
           wrap: bool = True) -> list[tuple[str, bool]]:
    """An element's text in order as (text, is a direction): spoken text, with the inline directions (`<vocal>`,
    `<kinesic>`, `<note>`, `<remark>`) it holds set apart, in parentheses if `wrap` and they have none;
    `skip` names elements that are no text (a `<from>`)."""
    found: list[tuple[str, bool]] = []
    spoken: list[str] = [element.text or ""]

    def flush() -> None:
        text = " ".join("".join(spoken).split())
        if text:
            found.append((text, False))
        spoken.clear()

    for child in element:
        name = local(child.tag)
        if name in directions:
            flush()
            text = plain(child)
            if text:
                found.append((text if text[:1] in "([" or not wrap else f"({text})", True))
        elif name not in skip and name:
            spoken.append(" ".join(t for t, _ in pieces(child, directions, skip)) if len(child) else (child.text or ""))
        spoken.append(child.tail or "")
    flush()
    return found


@dataclass
class Turns:
    """Turns as an XML reader builds them, with the headed parts of the debate they fall in."""

    facts: FileFacts
    turns: list[RawTurn] = field(default_factory=list)
    section: str = REMARKS

    def heading(self, text: str) -> None:
        """A headed part; a heading straight after another (`Questions` then `Reservoir levels`) joins it."""
        if not text:
            return
        sections = self.facts.sections
        if sections and sections[-1].id == self.section and not any(t.section == self.section for t in self.turns):
            sections[-1] = Section(self.section, f"{sections[-1].title}: {text}", REMARKS)
            return
        self.section = f"part{len(sections) + 1}"
        sections.append(Section(self.section, text, REMARKS))

    def speaker(self, line: int, name: str | None, label: str | None, affiliation: str | None = None) -> RawTurn:
        turn = RawTurn(line, self.section, label, name, affiliation)
        self.turns.append(turn)
        return turn

    def direction(self, line: int, text: str) -> None:
        """A direction between speeches (an `<incident>`, a `<narrative>`): the last turn's, or a turn of its own."""
        if not text:
            return
        text = text if text[:1] in "([" else f"({text})"
        if not self.turns or self.turns[-1].section != self.section:
            self.turns.append(RawTurn(line, self.section))
        self.turns[-1].paragraphs.append(Paragraph(line, text, direction=True))


def note(facts: FileFacts, title: str, parsed: Parsed, elements: list[ET.Element | None], leave: set[str]) -> None:
    """The texts of a header's parts (what the record says of itself: its publisher, its source) as a note,
    each leaf's text a paragraph, less those already used (`leave`, the title)."""
    paragraphs, seen = [], set(leave)
    for element in filter(lambda e: e is not None, elements):
        for leaf in element.iter():
            text = " ".join((leaf.text or "").split())
            if text and text not in seen:
                seen.add(text)
                paragraphs.append(Paragraph(parsed.line(leaf), text))
    if paragraphs:
        facts.notes.append((title, paragraphs))
