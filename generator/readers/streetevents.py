"""Reader for the StreetEvents layout (Refinitiv, Thomson Reuters): a name line, then `Organisation - Title`, then the words.

The file may open with a header (`EVENT DATE/TIME:`, a `TICKER - Title` line), then participant lists
(CORPORATE PARTICIPANTS, CONFERENCE CALL PARTICIPANTS) that give roles and are kept as notes, never
turns; PRESENTATION and QUESTIONS AND ANSWERS open the sections; a DISCLAIMER closes it. Text
extracted from the PDF is hard-wrapped and a paragraph ends with a single newline after a sentence;
text exports separate paragraphs by blank lines instead. Speakers stand as:

    Dana K. Whitfield                          a name line (the separator line before it holds a space)
    Northwind Robotics, Inc. - CEO &           its `Organisation - Title` line, which may wrap
    Director                                   onto the next line
    Dana K. Whitfield,  Northwind Robotics, Inc. - CEO & Director   [2]     one line, with a counter
    Lee Chen;Barclays Bank PLC;Analyst^ Thank you…                           `Name;Firm;Title^` inline
    Unidentified Analyst                       a name alone: no affiliation line follows
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import clean
from ..diagnostics import Report
from ..model import COMPANY, QA, QUESTIONER, REMARKS, Line, Source, Transcript
from ..source import lines
from .common import FileFacts, Paragraph, Participant, RawTurn, assemble, parse_date, unattributed, unknown_layout
from .vocabulary import ANONYMOUS, CAPITAL, MODERATOR_LINE, PARTICLE, section_marker

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content

_LISTS = {"corporate participants": COMPANY, "conference call participants": QUESTIONER}
_LIST_TITLES = {COMPANY: "Corporate participants", QUESTIONER: "Conference call participants"}
_NOTES = {"disclaimer": "Disclaimer", "definitions": "Definitions"}
_SEPARATOR = re.compile(r"^[\s=\-_*]*$")
_BLANK = re.compile(r"^\s*$")
_BULLET = re.compile(r"^\s*[*•]\s+")
# The turn counter some exports append to a speaker line (tried where spaces start: a long run is scanned once).
_NUMBER = re.compile(r"(?<!\s)\s*\[\d+\]\s*$")
# `Organisation - Title`: the title starts with a capital or a digit, as a job title does ("Revenue - revenue." is speech).
_AFFILIATION = re.compile(r"^(?P<organisation>[^\s].{0,100}?) +[-–—] +(?P<title>[^\W_a-z].{0,100})$")
_WORD = rf"(?:{CAPITAL}[\w'’.-]*)"  # letters without case are no capitals
# A person's name on its own line: capitalised words, initials, particles; no sentence punctuation.
_NAME_WORD = rf"(?:{_WORD}|{PARTICLE})"
# Up to five more words, one of them perhaps an aside in parentheses. An aside may hold anything, other
# asides too, so from the first `(` to the last `)` is one: trying each `(…)` as its own aside was
# exponential on a line of `(inaudible) (inaudible) …` (71 s on 1.8 KB).
_NAME = re.compile(rf"^{_NAME_WORD}(?:(?: +{_NAME_WORD}){{0,5}}|" + "|".join(
    rf"(?: +{_NAME_WORD}){{{before}}} +\(.+\)(?: +{_NAME_WORD}){{0,{4 - before}}}" for before in range(5)) + ")$")
_SENTENCE_END = re.compile(r"[,;:?!]$|\w{3,}\.$|^[^a-z]* \w\.$")  # how a line of speech ends (`WE EXPECT X.`), and a name does not
_ONE_LINE = re.compile(rf"^(?P<name>{CAPITAL}[^,]{{1,60}}), +(?P<affiliation>.+ +[-–—] +.+)$")
# `Nick Kerr;Citigroup Inc., Research Division;Equity Research Associate^ It's actually…`
_INLINE = re.compile(r"^(?P<label>(?P<name>[^;^]{2,60}?);(?P<firm>[^;^]{1,150}?)(?:;(?P<title>[^;^]{1,150}?))?\^)\s*(?P<text>.*)$")
_TICKER_TITLE = re.compile(r"^(?P<ticker>[A-Z][A-Z0-9.]{0,9}(?:\.[A-Z]{1,3})?) +- +(?P<title>.+)$")
_EVENT_DATE = re.compile(r"^event date(?:/time)?\s*:", re.IGNORECASE)
# What a PDF repeats on every page: `OCTOBER 26, 2022 / 2:00PM, ADC.N - Q3 2022 Agree Realty Corp Earnings Call`,
# the publisher's contact line and its copyright. Not speech; it tells the date, ticker and title.
_PAGE_HEADER = re.compile(
    r"^(?P<date>[A-Z]+ \d{1,2}, \d{4}) */ *\d{1,2}:\d{2} *[AP]M(?: [A-Z]{2,4})?, +(?P<ticker>\S+) +- +(?P<title>.+)$"
)
_PAGE_FOOTER = re.compile(
    r"^(?:(?:REFINITIV|THOMSON REUTERS|LSEG) STREETEVENTS\b|.*\bwww\.(?:refinitiv|streetevents|thomsonreuters)\.com\b"
    r"|©\s*\d{4} (?:Refinitiv|Thomson Reuters|LSEG)\b.*(?:rights reserved|Republication)"
    r"|.*\bRepublication or redistribution of (?:Refinitiv|Thomson Reuters) content\b"
    r"|.*\bare registered trademarks of (?:Refinitiv|Thomson Reuters)\b)",
    re.IGNORECASE,
)
# How the call names itself as it opens: "welcome to the Weyerhaeuser Third Quarter 2022 Earnings Conference Call".
_CALL_NAME = re.compile(r"\b(?:[Ww]elcome (?:you )?to|[Aa]ttending|[Jj]oining us for)\s+(?:today's\s+|the\s+|this\s+)?"
                        r"(?P<title>[^\W\d_a-z].{5,120}?\bCall)\b")
_TITLE_WORD = re.compile(r"^(?:[^\W\d_a-z][\w.,&'’-]*|\d{4}|Q[1-4]|and|of|&|the|for|-)$")
# "as of today, October 25, 2022": a speaker stating the day of the call.
_SAID_DATE = re.compile(r"\btoday(?:'s date)?(?:,| is)\s+(?:[A-Z][a-z]+day,\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})")
# The last words of a job title, when a speaker's affiliation line wraps onto the next line.
_TITLE_END = re.compile(
    r"\b(?:analyst|associate|officer|director|president|research|strategist|economist|partner|manager|head|"
    r"vp|md|ceo|cfo|coo|cto|cio|chairman|chair|trustee|secretary|treasurer|controller|counsel|founder|"
    r"principal|relations|professional|specialist|advisor|member|executive|division|markets|securities)$",
    re.IGNORECASE,
)
# An unlisted speaker line's affiliation, when it wraps, runs close to the column's width.
_WRAPPED_AFFILIATION = 75


def sniff(source: Source) -> float:
    head = [line.text.strip() for line in lines(source)[:3000]]
    # Only the lines that may be the headings asked about below (each ends in one of these words, which
    # normalising the spaces leaves whole) are normalised: the sniff reads the head of every file.
    headings = {" ".join(low.split()) for text in head
                if "participants" in (low := text.lower()) or "presentation" in low}
    if headings & set(_LISTS):
        return 0.95
    if any(_EVENT_DATE.match(text) for text in head[:40]) and "presentation" in headings:
        return 0.9
    return 0.0


@dataclass
class _Region:
    """A headed part of the file: the header, a participant list, the talk of one section, a note."""

    kind: str  # "header", "list", "talk", "note"
    name: str  # the list's role, the talk's section, the note's title
    lines: list[Line] = field(default_factory=list)


def read(source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    regions = _regions(lines(source))
    listed: dict[str, Participant] = {}
    for region in regions:
        if region.kind == "header":
            for line in region.lines:
                _header_line(line.text.strip(), line.number, facts)
            header = [Paragraph(line.number, line.text.strip()) for line in region.lines if line.text.strip()]
            if header:
                facts.notes.append(("About this transcript", header))
        elif region.kind == "list":
            entries = _participants(region)
            for entry in entries:
                listed.setdefault(entry.name, entry)
            facts.notes.append((_LIST_TITLES[region.name], [Paragraph(e.line, _entry_text(e)) for e in entries]))
    # A heading ends the paragraph before it: each section's lines start after a blank line.
    talk = [line for region in regions if region.kind == "talk" for line in [Line(0, ""), *region.lines]]
    sections = {line.number: region.name for region in regions if region.kind == "talk" for line in region.lines}
    turns = _turns(talk, sections, listed, source, report, facts)
    for region in regions:
        if region.kind == "note":
            facts.notes.append((region.name, _paragraphs(region.lines, by_sentence=True)))
    _find_qa(turns, listed)
    facts.participants = _roles(turns, listed)
    _call_facts(turns, facts)
    organisations = Counter(p.organisation for p in listed.values() if p.role == COMPANY and p.organisation)
    if organisations:
        organisation, _ = organisations.most_common(1)[0]
        first = min(p.line for p in listed.values() if p.organisation == organisation)
        facts.infer("organisation", organisation, first)
    if not any(t.name for t in turns):
        unknown_layout(source, report, "a name line followed by an `Organisation - Title` line")
    return assemble(source, turns, report, facts)


# Regions ----------------------------------------------------------------------------------------

def _regions(numbered: list[Line]) -> list[_Region]:
    regions = [_Region("header", "")]
    for line in numbered:
        text = line.text.strip()
        lowered = " ".join(text.lower().split())
        if lowered in _LISTS:
            regions.append(_Region("list", _LISTS[lowered]))
        elif lowered in _NOTES:
            regions.append(_Region("note", _NOTES[lowered]))
        elif regions[-1].kind != "note" and text.isupper() and (marker := section_marker(text)):
            regions.append(_Region("talk", marker))
        elif regions[-1].kind == "header" and _SEPARATOR.match(text):
            continue  # the header's rules of `=` carry nothing
        else:
            regions[-1].lines.append(line)
    return regions


def _header_line(text: str, number: int, facts: FileFacts) -> None:
    if _EVENT_DATE.match(text):
        facts.infer("date", parse_date(text), number)
    elif match := _PAGE_HEADER.match(text):
        _page_header(match, number, facts)
    elif match := _TICKER_TITLE.match(text):
        facts.infer("title", match["title"].strip(), number)
        facts.infer("ticker", match["ticker"], number)


def _page_header(match: re.Match[str], number: int, facts: FileFacts) -> None:
    facts.infer("date", parse_date(match["date"]), number)
    facts.infer("title", match["title"].strip(), number)
    facts.infer("ticker", match["ticker"], number)


# Participant lists --------------------------------------------------------------------------------

def _participants(region: _Region) -> list[Participant]:
    """The people a list names. An entry is a name line, then its `Organisation - Title` line (which may
    wrap onto more lines), or only the name; a blank line or a bullet may separate entries, or nothing."""
    entries: list[tuple[int, str, list[str]]] = []  # (line, name, affiliation lines)
    texts = [(line.number, _BULLET.sub("", line.text).strip(), bool(_BULLET.match(line.text))) for line in region.lines]
    closed = True
    for index, (number, text, bullet) in enumerate(texts):
        if not text or _SEPARATOR.match(text):
            closed = True
            continue
        following = texts[index + 1][1] if index + 1 < len(texts) else ""
        if closed or bullet or not entries:
            entries.append((number, text, []))
        elif not entries[-1][2]:
            if _AFFILIATION.match(text):
                entries[-1][2].append(text)
            else:  # the previous entry has no firm line: this is the next person
                entries.append((number, text, []))
        elif _NAME.match(text) and _AFFILIATION.match(following):
            entries.append((number, text, []))
        else:  # the affiliation wrapped onto this line
            entries[-1][2].append(text)
        closed = False
    return [_participant(number, name, " ".join(rest), region.name) for number, name, rest in entries]


def _participant(number: int, name: str, affiliation: str, role: str) -> Participant:
    if not affiliation and (inline := re.fullmatch(r"(?P<name>[^;]{2,60});(?P<firm>[^;]+)(?:;(?P<title>[^;]+))?", name)):
        return Participant(inline["name"].strip(), role, inline["firm"].strip(),
                           (inline["title"] or "").strip() or None, number)
    if not affiliation and (one_line := _ONE_LINE.match(name)):
        name, affiliation = one_line["name"], one_line["affiliation"]
    name = _NUMBER.sub("", name).strip()
    if match := _AFFILIATION.match(affiliation):
        return Participant(name, role, match["organisation"].strip(), match["title"].strip(), number)
    return Participant(name, role, affiliation or None, None, number)


def _entry_text(entry: Participant) -> str:
    said = " - ".join(part for part in (entry.organisation, entry.title) if part)
    return f"{entry.name}, {said}" if said else entry.name


# The talk ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Speaker:
    name: str
    affiliation: str | None
    label: str
    used: int  # lines the speaker line takes after the first
    said: str = ""  # words on the speaker line itself (`Name;Firm;Title^ words`)


def _turns(
    talk: list[Line], sections: dict[int, str], listed: dict[str, Participant], source: Source, report: Report,
    facts: FileFacts,
) -> list[RawTurn]:
    """Turns, with paragraphs: at blank lines where the file puts them inside turns, else at sentence ends."""
    blank_paragraphs = _blank_lines_inside_turns(talk, listed)
    turns: list[RawTurn] = []
    body: list[Line] = []  # the current turn's lines; blank lines kept, they may end paragraphs
    furniture: list[Paragraph] = []
    after_separator = True

    def flush() -> None:
        words = [line for line in body if line.text]
        if words:
            if not turns:
                turns.append(unattributed(source, words[0].number, sections[words[0].number], report))
            turns[-1].paragraphs.extend(_paragraphs(body, by_sentence=not blank_paragraphs))
            body.clear()

    index = 0
    while index < len(talk):
        line = talk[index]
        text = line.text.strip()
        index += 1
        if _SEPARATOR.match(text):
            body.append(Line(line.number, ""))
            after_separator = True
            continue
        if match := _PAGE_HEADER.match(text):
            _page_header(match, line.number, facts)
            furniture.append(Paragraph(line.number, text))
            continue
        if _PAGE_FOOTER.match(text):
            furniture.append(Paragraph(line.number, text))
            continue
        speaker = _speaker(talk, index - 1, listed, after_separator and not blank_paragraphs)
        after_separator = False
        if speaker is None:
            body.append(Line(line.number, text))
            continue
        flush()
        turns.append(RawTurn(line.number, sections[line.number], speaker.label, speaker.name, speaker.affiliation))
        index += speaker.used
        if speaker.said:
            body.append(Line(line.number, speaker.said))
    flush()
    if furniture:
        facts.notes.append(("Page headers and footers", furniture))
    return turns


def _blank_lines_inside_turns(talk: list[Line], listed: dict[str, Participant]) -> bool:
    """Whether the file separates paragraphs by blank lines: blank lines followed by words, not by a
    speaker, more than once in a while (PDF extractions put them only before speakers)."""
    blanks = inside = 0
    for index, line in enumerate(talk[:-1]):
        following = talk[index + 1].text.strip()
        if not _BLANK.match(line.text) or not following or _SEPARATOR.match(following):
            continue
        blanks += 1
        if _PAGE_FOOTER.match(following) or _PAGE_HEADER.match(following):
            continue
        if _speaker(talk, index + 1, listed, bare_names=True) is None:
            inside += 1
    return inside >= 2 or inside >= 1 and inside * 10 >= blanks


def _speaker(talk: list[Line], index: int, listed: dict[str, Participant], bare_names: bool) -> _Speaker | None:
    """The speaker line at `index`, with the lines it takes, or None when the line is speech.

    `bare_names`: a name-like line after a separator is a speaker even when nobody listed it and no
    affiliation line follows (in files whose separators stand only before speakers)."""
    text = talk[index].text.strip()
    following = talk[index + 1].text.strip() if index + 1 < len(talk) else ""
    plain = _NUMBER.sub("", clean.normalise_space(text))
    if MODERATOR_LINE.match(plain):
        return _Speaker(plain, None, text, 0)
    if match := _INLINE.match(plain):
        name = match["name"].strip()
        if name in listed or _NAME.match(name) or ANONYMOUS.match(name):
            title = (match["title"] or "").strip()
            affiliation = f"{match['firm'].strip()} - {title}" if title else match["firm"].strip()
            return _Speaker(name, affiliation, match["label"], 0, match["text"].strip())
    following_plain = _NUMBER.sub("", clean.normalise_space(following))
    named = plain in listed or bool(_NAME.match(plain)) and len(plain) <= 60
    # A line that ends a sentence (`WE EXPECT MORE.`) and is nobody listed is speech, whatever line follows it.
    sentence = plain not in listed and bool(_SENTENCE_END.search(plain))
    if named and not sentence and _AFFILIATION.match(following_plain) and (plain in listed or bare_names or " " in plain):
        used, affiliation = _wrapped_affiliation(talk, index + 1, listed.get(plain))
        label = "\n".join(line.text.strip() for line in talk[index : index + 1 + used])
        return _Speaker(plain, affiliation, label, used)
    if plain in listed or ANONYMOUS.match(plain):
        return _Speaker(plain, None, text, 0)
    if bare_names and named and " " in plain and not _SENTENCE_END.search(plain):
        return _Speaker(plain, None, text, 0)
    if (match := _ONE_LINE.match(plain)) and (match["name"] in listed or _NAME.match(match["name"])):
        return _Speaker(match["name"].strip(), match["affiliation"].strip(), text, 0)
    return None


def _wrapped_affiliation(talk: list[Line], index: int, person: Participant | None) -> tuple[int, str]:
    """(lines the affiliation takes, the affiliation whole): an `Organisation - Title` line that wrapped
    carries on while the list's affiliation for this person does, or, for someone unlisted, while a long
    line is followed by a short run of title words."""
    affiliation = _NUMBER.sub("", clean.normalise_space(talk[index].text))
    used = 1
    listed = " - ".join(p for p in (person.organisation, person.title) if p) if person else ""
    while index + used < len(talk):
        following = clean.normalise_space(talk[index + used].text)
        joined = f"{affiliation} {following}"
        if listed and listed.startswith(affiliation):  # the list shows how the affiliation goes on
            wrapped = affiliation != listed and listed.startswith(joined)
        else:
            wrapped = _title_tail(affiliation, following)
        if not wrapped:
            break
        affiliation, used = joined, used + 1
    return used, affiliation


def _title_tail(affiliation: str, following: str) -> bool:
    """`following` is the wrapped end of a job title: the line before it ran to the column's edge, and it
    is a few title words ("Senior Research Analyst"), not a sentence."""
    words = following.split()
    return (
        len(affiliation) >= _WRAPPED_AFFILIATION and 0 < len(words) <= 6 and len(following) <= 60
        and all(_TITLE_WORD.match(w) for w in words) and bool(_TITLE_END.search(following))
    )


def _paragraphs(body: list[Line], by_sentence: bool) -> list[Paragraph]:
    """Paragraphs of a turn's lines: a blank line ends one; with `by_sentence`, so does a line that ends a
    sentence when the next opens one (a wrap inside a sentence is joined)."""
    found: list[Paragraph] = []
    current: Paragraph | None = None
    for index, line in enumerate(body):
        text = line.text.strip()
        if _SEPARATOR.match(text):
            current = None
            continue
        if current is None:
            current = Paragraph(line.number, text)
            found.append(current)
        else:
            current.text += " " + text
        following = body[index + 1].text.strip() if index + 1 < len(body) else ""
        if by_sentence and following and clean.ends_paragraph(text, following):
            current = None
    return found


# What the turns tell -----------------------------------------------------------------------------

def _find_qa(turns: list[RawTurn], listed: dict[str, Participant]) -> None:
    """A call with no QUESTIONS AND ANSWERS heading: its Q&A begins where a listed analyst first speaks
    after the company has, with the moderator's turn that introduces them."""
    if any(turn.section == QA for turn in turns):
        return
    company_spoke = False
    for index, turn in enumerate(turns):
        person = listed.get(turn.name or "")
        asking = (person is not None and person.role == QUESTIONER) or _anonymous_role(turn.name) == QUESTIONER
        if asking and company_spoke:
            start = index - 1 if index and turns[index - 1].name and MODERATOR_LINE.match(turns[index - 1].name) else index
            for later in turns[start:]:
                later.section = QA
            return
        if person is not None and person.role == COMPANY:
            company_spoke = True


def _roles(turns: list[RawTurn], listed: dict[str, Participant]) -> list[Participant]:
    """The list's roles, with what the talk shows: whoever speaks in the presentation and never asks in the
    Q&A presents for the company (an investor-relations firm's host is listed among the call's participants);
    "Unidentified Analyst" asks."""
    participants = dict(listed)
    sections: dict[str, set[str]] = {}
    for turn in turns:
        if turn.name:
            sections.setdefault(turn.name, set()).add(turn.section)
    has_qa = any(turn.section == QA for turn in turns)
    for name, spoken_in in sections.items():
        if MODERATOR_LINE.match(name):
            continue
        person = participants.get(name)
        if role := _anonymous_role(name):
            participants[name] = Participant(name, role)
        elif spoken_in == {REMARKS} and has_qa and (person is None or person.role != COMPANY):
            organisation, title = (person.organisation, person.title) if person else (None, None)
            line = person.line if person else 0
            participants[name] = Participant(name, COMPANY, organisation, title, line)
    return list(participants.values())


def _anonymous_role(name: str | None) -> str | None:
    if not name or not ANONYMOUS.match(name):
        return None
    lowered = name.lower()
    if "analyst" in lowered:
        return QUESTIONER
    if "company" in lowered:
        return COMPANY
    return None


def _call_facts(turns: list[RawTurn], facts: FileFacts) -> None:
    """Title and date as the call says them, when no header did: the operator's welcome names the call
    (unless its quarter is not the one the presenters talk of: operators misspeak); "as of today, October 25,
    2022" dates it."""
    remarks = [p for turn in turns if turn.section == REMARKS for p in turn.paragraphs]
    presenting = [p for turn in turns if turn.section == REMARKS and not MODERATOR_LINE.match(turn.name or "")
                  for p in turn.paragraphs]
    periods = Counter(_period(m.group(0)) for p in presenting for m in _PERIOD.finditer(p.text))
    usual = periods.most_common(1)[0][0] if periods else None
    names = [(title, p.line) for p in remarks[:12] if (title := _call_name(p.text))]
    fitting = [(title, line) for title, line in names if _period(title) in (usual, None)]
    if fitting or names:
        facts.infer("title", *(fitting or names)[0])
    for paragraph in remarks:
        if match := _SAID_DATE.search(clean.normalise_space(paragraph.text)):
            facts.infer("date", parse_date(match["date"]), paragraph.line)
            return


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_PERIOD = re.compile(r"\b(?:(?P<word>first|second|third|fourth)[ -]quarter(?: of)?|q(?P<digit>[1-4]))[ ,]+(?P<year>(?:19|20)\d\d)\b",
                     re.IGNORECASE)


def _period(text: str) -> tuple[int, int] | None:
    """(quarter, year) a text names first: "Third Quarter 2022", "Q3 2022", "third quarter of 2022"."""
    match = _PERIOD.search(text)
    if not match:
        return None
    quarter = int(match["digit"]) if match["digit"] else _QUARTERS[match["word"].lower()]
    return quarter, int(match["year"])


def _call_name(text: str) -> str | None:
    match = _CALL_NAME.search(clean.normalise_space(text))
    if not match:
        return None
    title = match["title"]
    words = title.split()
    if len(words) > 16 or not all(_TITLE_WORD.match(w) for w in words):
        return None
    return title
