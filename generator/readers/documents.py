"""What the Markdown and HTML readers share: blocks of a document become the lines of the inline layout.

A document marks speakers in one of three ways: a bold name opening a paragraph (`**Dana:** text`),
a heading per turn (`### Dana Whitfield`), or a label in the text (`DANA: text`). Headings that are
not speakers open sections (a Q&A marker) or parts; the first heading that is neither titles the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import clean
from .common import FileFacts, Paragraph, parse_date
from .labels import TextLine
from .vocabulary import NOT_NAMES, PARTICLE, SPEAKER_LINE, section_marker

# A name in bold or in a heading: up to six words, capitalised, no sentence in it.
_NAME = re.compile(rf"^[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|\d{{1,2}}|{PARTICLE}|of|&|-|–)){{0,7}}$")


@dataclass
class Block:
    line: int
    lines: list[str]  # the block's text, one entry per source line (soft breaks kept apart)
    heading: int = 0  # heading level, 0 for running text
    bold: str | None = None  # bold text that opens the block, if any
    rest: list[str] = field(default_factory=list)  # the block's lines after that bold text


def to_lines(blocks: list[Block], facts: FileFacts) -> list[TextLine]:
    headings = [_plain_heading(b) for b in blocks if b.heading]
    counts: dict[str, int] = {}
    for text in headings:
        counts[text] = counts.get(text, 0) + 1
    found: list[TextLine] = []
    titled = False
    for block in blocks:
        if block.heading:
            text = _plain_heading(block)
            if _speaker_heading(text, block, counts):
                found.append(TextLine(block.line, "", text.rstrip(":").strip()))
            elif not titled and not section_marker(text) and not found:
                facts.infer("title", text, block.line)
                titled = True
            else:
                found.append(TextLine(block.line, text, heading=True))
            found.append(TextLine(block.line, ""))
            continue
        name = _bold_name(block)
        for index, text in enumerate(block.rest if name else block.lines):
            found.append(TextLine(block.line + index, text, name if index == 0 else None))
        if name and not block.rest:
            found.append(TextLine(block.line, "", name))
        found.append(TextLine(block.line, ""))
    return _preamble(found, facts)


def _preamble(found: list[TextLine], facts: FileFacts) -> list[TextLine]:
    """Where the document marks its speakers, what stands before the first one (a dateline, a byline)
    is about the transcript, not said in it: a note, and the date when it gives one."""
    first = next((i for i, line in enumerate(found) if line.speaker is not None), None)
    if not first or any(line.heading for line in found[:first]):
        return found
    kept = [Paragraph(line.number, line.text) for line in found[:first] if line.text.strip()]
    if not kept:
        return found
    for paragraph in kept:
        facts.infer("date", parse_date(paragraph.text), paragraph.line)
    facts.notes.append(("About this transcript", kept))
    return found[first:]


def _plain_heading(block: Block) -> str:
    return clean.normalise_space(" ".join(block.lines))


def _speaker_heading(text: str, block: Block, counts: dict[str, int]) -> bool:
    if section_marker(text):
        return False
    name = text.rstrip(":").strip()
    if SPEAKER_LINE.match(name):
        return True
    return bool(_NAME.match(name)) and (text.endswith(":") or counts[text] > 1)


def _bold_name(block: Block) -> str | None:
    """`**Dana Whitfield:** text` or `**Dana Whitfield**: text` or a bold name alone: the name."""
    if block.bold is None:
        return None
    bold = clean.normalise_space(block.bold)
    rest = block.rest
    if bold.endswith(":"):
        name = bold[:-1].strip()
    elif rest and rest[0].lstrip().startswith(":"):
        name = bold
        block.rest = [rest[0].lstrip()[1:].strip(), *rest[1:]]
    elif not "".join(rest).strip():
        name = bold  # the name alone, the words in the next paragraph
    else:
        return None
    if name.lower() in NOT_NAMES:
        return None
    if _NAME.match(name) or SPEAKER_LINE.match(name) or re.fullmatch(r"[A-Z][A-Z .'’-]{0,40}", name):
        return name
    return None
