"""Reader for the Congressional Record as the Government Publishing Office serves it: the text in `<pre>`.

The Record is typeset text. A paragraph starts with a two-space indent and wraps to the margin; quoted
bills, letters and lists are set as blocks indented five spaces, each of their paragraphs two further
in; the subject heading is centred. A member speaks from a label opening a paragraph (`Mr. BRADY of
Texas.`, `The SPEAKER pro tempore (Mr. Poe).`); what the Record itself says (`(Mr. BRADY asked and was
given permission…)`, `The motion was agreed to.`) is narration, kept as a direction. `{time}  1900` is
the clock time of day (24-hour) when the floor reached that point: a time mark. The GPO header, the
`[[Page H6197]]` markers and the rules between items are the publisher's: notes, or nothing when they
hold no word.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .. import clean
from ..diagnostics import Report
from ..model import MODERATOR, REMARKS, Section, Source, TimeMark, Transcript
from .common import FileFacts, Paragraph, Participant, RawTurn, assemble, parse_date
from .vocabulary import COURTESY, PARTICLE

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # .htm is the HTML reader's; this layout is told by its GPO header

_VOLUME = re.compile(
    r"^\[Congressional Record Volume (?P<volume>\d+), Number (?P<number>\d+) \((?P<date>[^)]*)\)\]$"
)
_CHAMBER = re.compile(r"^\[(?P<chamber>House|Senate|Extensions of Remarks|Daily Digest)\]$")
_PAGES = re.compile(r"^\[Pages? (?P<pages>[A-Z]*\d+(?:-[A-Z]*\d+)?)\]$")
_ONLINE = re.compile(r"^From the Congressional Record Online\b")
_PAGE_MARK = re.compile(r"^\s*\[\[Page (?P<page>[A-Z]*\d+)\]\]\s*$")
_TIME = re.compile(r"^\s*\{time\}\s+(?P<hhmm>\d{4})\s*$")
_RULE = re.compile(r"^\s*(?:_{5,}|-{5,}|={5,})\s*$")
_PRE = re.compile(r"<pre\b[^>]*>(?P<text>.*?)(?:</pre\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")  # as HTML has it: `<` and a space, a digit or `=` is text (`x < y`)

# A member's surname in the Record's capitals: BRADY, McCONNELL, DeWINE, JACKSON-LEE, O'REILLY.
_SURNAME = r"(?:[A-Z][a-z]{1,2}|[A-Z]['’])?[A-Z]{2,}(?:[-'’][A-Z]+)*"
_MEMBER = (
    rf"(?:{COURTESY}|Senator)\. (?:{PARTICLE} )*{_SURNAME}(?: (?:{PARTICLE} )*{_SURNAME}){{0,2}}"
    r"(?: of [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?"
)
# The chair and the officers who speak from it: `The SPEAKER pro tempore`, `The ACTING PRESIDENT pro tempore`.
_CHAIR = (
    r"The (?:ACTING |Acting )?(?:SPEAKER|VICE PRESIDENT|PRESIDENT|PRESIDING OFFICER|CHAIRMAN|CHAIRWOMAN|CHAIR|CLERK)"
    r"(?: (?:pro tempore|PRO TEMPORE))?"
)
_LABEL = re.compile(rf"^(?P<label>(?P<name>{_MEMBER}|{_CHAIR})(?: \((?P<occupant>[^()]{{1,60}})\))?\.)(?=\s|$)\s*")
_CHAIR_NAME = re.compile(r"^The (?:Acting )?(?:Speaker|Vice President|President|Presiding Officer|Chair)", re.I)
# What the Record says in its own voice about the floor, at the start of a paragraph.
_NARRATION = re.compile(
    r"^(?:Thereupon|Whereupon|Accordingly|There being no objection|Pursuant to|By unanimous consent|"
    r"A motion to reconsider|Without objection, (?:the|a) |"
    r"The (?:House|Senate) (?:met|adjourned|recessed|reassembled|stood|resolved|proceeded|continued)|"
    r"The (?:assistant |legislative |bill |journal |reading |enrolling )*clerk (?:read|proceeded|called|will)|"
    r"The Clerk (?:read|called|reported|will)|The following\b|"
    r"The (?:bill|joint resolution|concurrent resolution|resolution|amendment|amendments|motion|question|"
    r"preamble|yeas and nays|result|nomination|vote|title|text|material|conference report|Senate bill|"
    r"House bill)\b[^.]{0,120}?\b(?:was|were|is as follows|are as follows))"
)
# `who` stops at the first comma after its first letter (what `.+?` found, without retrying at every comma).
_PRAYER = re.compile(r"^(?P<who>.[^,]*?)(?:,.*)? offered the following prayer:?$", re.DOTALL)
_TABLE_ROW = re.compile(r"\S {3,}\S|\.{4,}")
_WIDTH = 72  # the Record's line: headings are centred on it


def sniff(source: Source) -> float:
    head = source.text[:4000]
    if re.search(r"^\[Congressional Record Volume \d+, Number \d+", head, re.MULTILINE):
        return 0.97  # above the HTML reader, which would read the `<pre>` as one paragraph
    return 0.0


@dataclass
class _Line:
    number: int
    text: str  # tags removed, entities decoded, tabs expanded

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class _Unit:
    """A paragraph of the page as the Record sets it: `body` (two-space indent), `block` (quoted), `heading`."""

    kind: str
    line: int
    text: str
    marks: list[tuple[int, int, str]]  # (offset, seconds since midnight, label)


def read(source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    numbered = _text_lines(source)
    numbered = _header(numbered, source, facts)
    units, pages = _units(numbered)
    if pages:
        facts.notes.append(("Pages of the Record", pages))
    turns = _turns(units, source, report, facts)
    return assemble(source, turns, report, facts)


def _text_lines(source: Source) -> list[_Line]:
    """The page's lines inside `<pre>` (the whole body for a text download), markup gone, numbers kept."""
    text = source.text
    found = list(_PRE.finditer(text))
    pieces = [(m.start("text"), m.group("text")) for m in found] if found else [(0, text)]
    numbered: list[_Line] = []
    for start, piece in pieces:
        first = source.body_line + text.count("\n", 0, start)
        # A tag is replaced by the line ends it held, so every line keeps its number.
        piece = clean.sub_tags(_TAG, lambda m: "\n" * m.group(0).count("\n"), piece)
        for index, line in enumerate(piece.split("\n")):
            numbered.append(_Line(first + index, _typography(html.unescape(line).expandtabs())))
    return numbered


def _typography(text: str) -> str:
    """The Record's typewriter conventions: ``quotes'' and fractions set as `2\\1/2\\`."""
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r"(\d)\\(\d+/\d+)\\", r"\1 \2", text)
    return re.sub(r"\\(\d+/\d+)\\", r"\1", text)


def _header(numbered: list[_Line], source: Source, facts: FileFacts) -> list[_Line]:
    """The GPO header lines at the top: a note, and the date, chamber and page they give."""
    kept: list[Paragraph] = []
    if title := re.search(r"<title>(?P<text>[^<]*)</title>", source.text[:2000], re.IGNORECASE):
        line = source.body_line + source.text.count("\n", 0, title.start())
        kept.append(Paragraph(line, clean.normalise_space(html.unescape(title["text"]))))
    index = 0
    while index < len(numbered):
        line = numbered[index]
        text = line.text.strip()
        if line.blank:
            index += 1
            continue
        if match := _VOLUME.match(text):
            facts.infer("date", parse_date(match["date"]), line.number)
            facts.infer("record", f"Congressional Record Vol. {match['volume']}, No. {match['number']}", line.number)
        elif match := _CHAMBER.match(text):
            chamber = match["chamber"]
            facts.infer("chamber", chamber, line.number)
            body = {"Senate": "U.S. Senate", "Daily Digest": "U.S. Congress"}.get(chamber, "U.S. House of Representatives")
            facts.infer("organisation", body, line.number)
        elif match := _PAGES.match(text):
            facts.infer("pages", match["pages"], line.number)
        elif not _ONLINE.match(text):
            break
        kept.append(Paragraph(line.number, text))
        index += 1
    if kept:
        facts.notes.append(("Congressional Record", kept))
    return numbered[index:]


def _units(numbered: list[_Line]) -> tuple[list[_Unit], list[Paragraph]]:
    """The page cut into paragraphs by its indents; page markers and time stamps taken out of the flow."""
    units: list[_Unit] = []
    pages: list[Paragraph] = []
    wrap = _block_wrap(numbered)
    pending: list[tuple[int, str]] = []  # time stamps waiting for the paragraph they stand before
    current: _Unit | None = None
    previous: _Line | None = None  # the last line of text, for hanging indents
    lines = [line for line in numbered if not _RULE.match(line.text)]
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank:
            index += 1
            continue
        if match := _PAGE_MARK.match(line.text):
            pages.append(Paragraph(line.number, f"Page {match['page']}"))
            index += 1
            continue
        if match := _TIME.match(line.text):
            hhmm = match["hhmm"]
            pending.append((int(hhmm[:2]) * 3600 + int(hhmm[2:]) * 60, f"{hhmm[:2]}:{hhmm[2:]}"))
            index += 1
            continue
        group = _heading_group(lines, index)
        if group:
            current = _Unit("heading", line.number, " ".join(g.text.strip() for g in group), [])
            units.append(current)
            current = previous = None
            index += len(group)
            continue
        indent, text = line.indent, line.text.strip()
        starts = (
            current is None or current.kind == "heading"
            or indent == 2 or (indent > wrap and not (previous is not None and previous.indent > wrap
                                                       and indent > previous.indent))
            or (indent >= 3 and current.kind == "body") or (indent < 3 and current.kind == "block")
            or _TABLE_ROW.search(text) is not None
        )
        if starts:
            current = _Unit("block" if indent >= 3 else "body", line.number, text, [])
            units.append(current)
        else:
            current.text = _join(current.text, text)
        for seconds, label in pending:
            offset = 0 if starts else len(current.text) - len(text)
            current.marks.append((offset, seconds, label))
        pending = []
        previous = line
        index += 1
    if pending and units:  # a stamp after the last paragraph still belongs to the page
        last = units[-1]
        last.marks.extend((len(last.text), seconds, label) for seconds, label in pending)
    return units, pages


def _block_wrap(numbered: list[_Line]) -> int:
    """The indent quoted blocks wrap to (five spaces in the Record): their most common deep indent."""
    counts: dict[int, int] = {}
    for line in numbered:
        if not line.blank and 3 <= line.indent <= 20:
            counts[line.indent] = counts.get(line.indent, 0) + 1
    return max(counts, key=lambda n: (counts[n], -n)) if counts else 5


def _heading_group(lines: list[_Line], index: int) -> list[_Line]:
    """One to four centred lines standing alone between blank lines: a heading."""
    if index and not lines[index - 1].blank and not _TIME.match(lines[index - 1].text):
        return []
    group: list[_Line] = []
    for line in lines[index:index + 5]:
        if line.blank or _PAGE_MARK.match(line.text):
            break
        group.append(line)
    else:
        return []
    if not group or len(group) > 4:
        return []
    for line in group:
        text = line.text.strip()
        if line.indent < 4 or abs(line.indent + len(text) / 2 - _WIDTH / 2) > 5 or _LABEL.match(text):
            return []
    return group


def _join(text: str, following: str) -> str:
    """A wrapped line carries on its paragraph; the Record breaks lines after hyphens and `--` dashes."""
    if text.endswith("-") and text[-2:-1].isalpha() or text.endswith("--"):
        return text + following
    return f"{text} {following}"


def _turns(units: list[_Unit], source: Source, report: Report, facts: FileFacts) -> list[RawTurn]:
    debate = any(u.kind == "body" and (_LABEL.match(u.text) or _PRAYER.match(u.text)) for u in units)
    units = _title(units, facts)
    if not debate:
        report.info(
            source.path, units[0].line if units else source.body_line,
            "this page of the Record is not floor debate (no member is recognised to speak); "
            "it is published as the Record's paragraphs", "congressional.not_debate",
        )
    turns: list[RawTurn] = []
    section = REMARKS
    speaker: RawTurn | None = None  # who has the floor: unlabelled paragraphs are theirs
    for position, unit in enumerate(units):
        if unit.kind == "heading":
            following = units[position + 1] if position + 1 < len(units) else None
            if following is not None and following.kind == "block":  # the title of a quoted document
                _add(turns, section, unit, unit.text, True, speaker)
                continue
            section = f"part{len(facts.sections) + 1}"
            facts.sections.append(Section(section, _title_case(unit.text), REMARKS))
            continue
        if unit.kind == "body" and (match := _LABEL.match(unit.text)):
            name = _display(match["name"])
            speaker = RawTurn(unit.line, section, match["label"], name)
            turns.append(speaker)
            if _CHAIR_NAME.match(name):
                facts.participants.append(Participant(name, MODERATOR, line=unit.line))
            if said := unit.text[match.end():]:
                _add(turns, section, unit, said, False, speaker, shift=match.end())
            continue
        narration = _bracketed(unit.text) or debate and (
            unit.kind == "block" or speaker is None or bool(_NARRATION.match(unit.text)))
        _add(turns, section, unit, unit.text, narration, speaker)
        if unit.kind == "body" and (prayer := _PRAYER.match(unit.text)):
            who = clean.normalise_space(prayer["who"])
            speaker = RawTurn(unit.line, section, who, who)
            turns.append(speaker)
    return turns


def _title(units: list[_Unit], facts: FileFacts) -> list[_Unit]:
    """The subject heading above the first paragraph titles the page, with the chamber; else its pages do."""
    chamber = facts.inferred.get("chamber", ("", 0))[0]
    if units and units[0].kind == "heading":
        title = _title_case(units[0].text)
        facts.infer("title", f"{title} — {chamber}" if chamber else title, units[0].line)
        facts.section_titles[REMARKS] = title
        return units[1:]
    facts.section_titles[REMARKS] = "Proceedings"
    pages = facts.inferred.get("pages", ("", 0))[0]
    if chamber:
        facts.infer("title", f"Congressional Record{' ' + pages if pages else ''} — {chamber}",
                    units[0].line if units else 1)
    return units


def _add(turns: list[RawTurn], section: str, unit: _Unit, text: str, direction: bool, speaker: RawTurn | None,
         shift: int = 0) -> None:
    """Put a paragraph in the turn it belongs to: narration where it stands, speech in the speaker's turn."""
    last = turns[-1] if turns else None
    if last is None or last.section != section or not direction and last.name != (speaker.name if speaker else None):
        who = speaker if speaker is not None and not direction else None
        last = RawTurn(unit.line, section, who.label if who else None, who.name if who else None)
        turns.append(last)
    index = len(last.paragraphs)
    last.paragraphs.append(Paragraph(unit.line, text, direction))
    for offset, seconds, label in unit.marks:
        last.marks.append(TimeMark(index, max(0, offset - shift), seconds, label))


def _bracketed(text: str) -> bool:
    """`(Mr. BRADY asked and was given permission …)`, `[Ms. FURSE addressed the House. …]`: wholly enclosed."""
    pairs = {"(": ")", "[": "]"}
    if not text or text[0] not in pairs:
        return False
    depth = 0
    for position, char in enumerate(text):
        if char == text[0]:
            depth += 1
        elif char == pairs[text[0]]:
            depth -= 1
            if depth == 0:
                return text[position + 1:].strip() in ("", ".")
    return False


def _display(name: str) -> str:
    """`Mr. BRADY of Texas` -> `Mr. Brady of Texas`, `McCONNELL` -> `McConnell`, `The SPEAKER pro tempore` ->
    `The Speaker pro tempore`."""

    def word(w: str) -> str:
        if w.lower() in ("pro", "tempore", "of") or w.islower():  # `pro tempore`, `of Texas`, `de la GARZA`
            return w.lower()
        return re.sub(r"[A-Z]{2,}", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), w)

    return " ".join(word(w) for w in name.split())


_SMALL = {"of", "the", "and", "to", "for", "in", "on", "a", "an", "by", "with", "at", "from", "or", "as"}


def _title_case(text: str) -> str:
    """A heading the Record sets in capitals, for a title: `OUR NATIONAL ENERGY POLICY` -> `Our National Energy
    Policy`; acronyms (no vowel, or a short part before a hyphen: `DR-CAFTA`, `NLRB`) and `H.R. 3` stay."""
    if any(c.islower() for c in text):
        return text

    def word(position: int, w: str) -> str:
        letters = re.sub(r"[^A-Z]", "", w)
        if not letters or "." in w or not re.search(r"[AEIOUY]", letters) or re.match(r"^[A-Z]{1,2}-", w):
            return w
        if position and w.lower() in _SMALL:
            return w.lower()
        return "-".join(part[:1] + part[1:].lower() for part in w.split("-"))

    return " ".join(word(i, w) for i, w in enumerate(text.split()))
