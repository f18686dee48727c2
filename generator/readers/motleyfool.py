"""Reader for Motley Fool earnings calls, in the layout the site uses now and in the one it used before.

Now: a `Title:` / `Source:` / `Date:` header, then sections the publisher wrote (`DATE`, `CALL
PARTICIPANTS` as `Title — Name`, `RISKS`, `TAKEAWAYS`, `SUMMARY`, `INDUSTRY GLOSSARY`, …), then `Full
Conference Call Transcript` and `Name: text` turns, one paragraph a line. Before: `Name -- Title` or
`Name -- Firm -- Analyst` on a line of its own, `Prepared Remarks:` / `Questions & Answers:`, a header
first and a `Call participants:` list last. In both, what the publisher wrote is kept as notes, never
as speech, and the participant list gives roles and titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import clean
from ..diagnostics import Report
from ..model import COMPANY, MODERATOR, QA, QUESTIONER, REMARKS, Line, Source, Transcript
from ..source import lines
from .common import (
    FileFacts, Paragraph, Participant, RawTurn, assemble, blank_separated, paragraphs_only, parse_date, unattributed,
    unknown_layout,
)
from .vocabulary import (
    CAPITAL, CAPITAL_WORD, DIRECTION, MODERATOR_LINE, NOT_NAMES, PARTICLE, PERSON_NAME, display, section_marker,
    short_forms_agree,
)

VERSION = 2  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content

# `Dana Whitfield -- Chief Executive Officer`, `Priya Raman -- Credit Suisse -- Analyst`. The name is a
# name and the title starts with a capital, so a sentence with dashes in it (`So we think -- and I said
# this before -- margins grow.`) stays speech.
_FOOL_NAME = rf"{CAPITAL_WORD}(?:,? (?:{CAPITAL_WORD}|{PARTICLE}|of)){{0,6}}|(?i:unknown speaker|unidentified [a-z]+(?: [a-z]+)?)"
SPEAKER_LINE = re.compile(
    rf"^(?P<name>{_FOOL_NAME}) +-- +(?P<first>(?:{CAPITAL}|\d).{{0,100}}?)(?: +-- +(?P<second>[^\s].{{0,60}}))?$"
)
_PARTICIPANTS = re.compile(r"^call participants\s*:?$", re.IGNORECASE)
_DURATION = re.compile(r"^duration\s*:\s*(?P<value>.+)$", re.IGNORECASE)
# `Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript`, `Acme (NASDAQ:ACME) Q1 2024 ...`
_TITLE = re.compile(
    # (The lookahead first: without it, a line of `(inaudible)`s is searched for `call` after each one.)
    r"^(?=.*\bcall(?: transcript)?$)(?P<organisation>.+?) \((?:[A-Z]+:)?(?P<ticker>[A-Z][A-Z0-9.]{0,9})\) (?P<call>.*?\bcall)(?: transcript)?$",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"^this article is a transcript\b", re.IGNORECASE)
_ANALYST = re.compile(r"\banalyst\b", re.IGNORECASE)

# --- the current layout --------------------------------------------------------------------------

_TRANSCRIPT_START = re.compile(r"^full (?:conference )?call transcript$", re.IGNORECASE)
_HEADER_FIELD = re.compile(r"^(?P<key>title|source|date)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
# The sections the publisher writes above the call; others in capitals (`ANALYST TAKEAWAYS`) count too.
_KNOWN_HEADINGS = frozenset({"date", "call participants", "risks", "takeaways", "summary", "industry glossary"})
_CAPS_HEADING = re.compile(r"^[A-Z][A-Z'’&]+(?: [A-Z][A-Z'’&]+){1,5}$")
# Lines that are a note of their own wherever they stand.
_SINGLE_NOTES = (
    (re.compile(r"^image source\s*:", re.IGNORECASE), "Image credit"),
    (re.compile(r"^need a quote from (?:a|the) motley fool\b", re.IGNORECASE), "Press contact"),
)
# The small print some pages carry below the call.
_FOOTER = re.compile(
    r"^(?:this article is a transcript\b|the motley fool has (?:positions|a disclosure)|premium investing services\b|"
    r"should you (?:invest|buy)\b.*\bright now\?|\*?stock advisor returns as of\b)",
    re.IGNORECASE,
)
# `President and Chief Executive Officer — Cheryl P. Beranek`: split at the last spaced dash.
# (The lookahead first: without a dash, `.+` and `\s+` would split a long run of spaces every way.)
_LISTED = re.compile(r"^(?=[\s\S]*?\s(?:[—–]|--)\s)(?P<left>.+)\s+(?:[—–]|--)\s+(?P<right>[^—–]+?)$")
_JOB_WORDS = re.compile(
    r"\b(?:chief|officer|president|vice|chair(?:man|woman|person)?|director|head|relations|treasurer|controller|"
    r"secretary|counsel|founder|ceo|cfo|coo|cto|evp|svp|vp|manager|executive)\b",
    re.IGNORECASE,
)
# `Gregory McNiff: Joining me…`, `Operator: Thank you.`: the name opens the line and a colon ends it.
_LABEL = re.compile(rf"^(?P<name>{PERSON_NAME}|{CAPITAL_WORD})\s*:(?:\s+(?P<text>.*))?$")
# `…the next question comes from the line of Colin Langan with UBS.`, `…from Tim Long. With Barclays.`
# A name as the operator says it: words end at a full stop unless they are initials ("Tim Long. With Barclays").
_SAID_NAME = rf"(?:[A-Z]\.|[A-Z][\w'’-]+)(?: (?:[A-Z]\.|[A-Z][\w'’-]+|{PARTICLE})){{1,5}}"
_FIRM = r"(?:[^.?!]|\.(?=\S)|(?<=\b[A-Z])\.)+?"
_INTRODUCTION = re.compile(
    rf"\bquestions?\s+(?:today\s+)?(?:comes?|is coming|will come|is from)?\s*from\s+(?:the line of\s+)?"
    rf"(?P<name>{_SAID_NAME})(?:\.?,?\s+(?i:with|from|of|at)\s+(?P<firm>{_FIRM}))?\s*(?:[.?!]|$)"
)
# The operator opening the queue: "We will now begin the question and answer session."
_QUEUE = re.compile(r"\bquestions?\b|\bq ?(?:&|and) ?a\b", re.IGNORECASE)
# What an analyst's first turn says when no operator has introduced them.
_ASKS = re.compile(r"\?|\b(?:questions?|ask|follow[- ]up|congrat\w*)\b", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def sniff(source: Source) -> float:
    numbered = lines(source)
    if _transcript_start(numbered) is not None:
        head = [line.text.strip() for line in numbered[:5]]
        return 0.95 if any(_HEADER_FIELD.match(t) for t in head) else 0.8
    paragraphs = blank_separated(numbered[:4000])
    texts = [clean.normalise_space(p.text) for p in paragraphs]
    markers = sum(1 for t in texts if t.endswith(":") and (section_marker(t) or _PARTICIPANTS.match(t)))
    speakers = sum(1 for t in texts if SPEAKER_LINE.match(t))
    if markers and speakers:
        return 0.9
    return 0.7 if speakers >= 3 else 0.0


def read(source: Source, report: Report) -> Transcript:
    numbered = lines(source)
    start = _transcript_start(numbered)
    if start is not None:
        return _read_current(numbered, start, source, report)
    return _read_old(source, report)


def _transcript_start(numbered: list[Line]) -> int | None:
    """Index of the call's first line: after `Full Conference Call Transcript`, the mark of the current
    layout; where a page lacks that heading but has the header and a participant list, the first
    `Operator:` or listed person's `Name:` line below the list."""
    head = numbered[:5000]
    # Asked of every file by the sniff: a line is normalised only if it may be the heading (a printable line
    # keeps its words and letters when normalised), and the whole head only for a file with the header.
    heading = next((i for i, line in enumerate(head) if _may_be_start(line.text)
                    and _TRANSCRIPT_START.match(clean.normalise_space(line.text))), None)
    if heading is not None:
        return heading + 1
    if not any(_HEADER_FIELD.match(clean.normalise_space(line.text)) for line in head[:5]):
        return None
    texts = [clean.normalise_space(line.text) for line in head]
    if "call participants" not in {t.lower() for t in texts}:
        return None
    opened = [t.lower() for t in texts].index("call participants")
    surnames = {p.name.split()[-1] for t in texts[opened + 1:] if (p := _listed(Paragraph(0, t)))}
    for index in range(opened + 1, len(texts)):
        match = _LABEL.match(texts[index])
        if match and (MODERATOR_LINE.match(match["name"]) or match["name"].split()[-1] in surnames):
            return index
    return None


def _may_be_start(text: str) -> bool:
    return "transcript" in text.lower() or not text.isprintable()


def _read_current(numbered: list[Line], start: int, source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    listed = _publisher_part(numbered[:start], facts)
    turns = _talk(numbered[start:], facts, source, report)
    facts.participants = _roles(turns, listed, facts.inferred.get("organisation", (None, 0))[0])
    if not any(t.name for t in turns):
        unknown_layout(source, report, "`Name: text` lines after `Full Conference Call Transcript`")
    return assemble(source, turns, report, facts)


def _publisher_part(numbered: list[Line], facts: FileFacts) -> list[Participant]:
    """The header and the publisher's sections above the call: notes, header facts and the listed people."""
    sections: list[tuple[str, list[Paragraph]]] = []
    header: list[Paragraph] = []
    published = None  # the `Date:` line's date: when the article went up, not when the call was held
    texts = [(line.number, clean.normalise_space(line.text)) for line in numbered]
    texts = [(number, text) for number, text in texts if text and not _TRANSCRIPT_START.match(text)]
    for index, (number, text) in enumerate(texts):
        line = Line(number, text)
        if not sections and (field := _HEADER_FIELD.match(text)):
            header.append(Paragraph(line.number, text))
            key, value = field["key"].lower(), field["value"].strip()
            if key == "title":
                _title(value, line.number, facts)
            elif key == "date":
                published = (parse_date(value), line.number)
            continue
        single = next((title for pattern, title in _SINGLE_NOTES if pattern.match(text)), None)
        if single:
            sections.append((single, [Paragraph(line.number, text)]))
            sections.append(("", []))  # what follows belongs to no heading until one comes
            continue
        quoted = index + 1 < len(texts) and texts[index + 1][1] == "("  # `DELL TECHNOLOGIES` `(` opens a quote box
        if _is_heading(text) and not quoted:
            sections.append((_heading_title(text), []))
            continue
        if not sections:
            sections.append(("", []))
        sections[-1][1].append(Paragraph(line.number, text))
    if header:
        facts.notes.append(("Source", header))
    listed: list[Participant] = []
    for title, paragraphs in sections:
        if not paragraphs:
            continue
        if title.lower() == "date":
            # The call's own date is the one a reader of the call wants: the article's `Date:` is often
            # days later, so it is only the fallback.
            facts.infer("date", next(filter(None, (parse_date(p.text) for p in paragraphs)), None), paragraphs[0].line)
        elif title.lower() == "call participants":
            listed.extend(filter(None, (_listed(p) for p in paragraphs)))
        facts.notes.append((title or "About this call", _join_quote_widget(paragraphs)))
    if published:
        facts.infer("date", *published)
    return listed


def _title(value: str, number: int, facts: FileFacts) -> None:
    if match := _TITLE.match(value):
        facts.infer("title", f"{match['organisation']} {match['call']}", number)
        facts.infer("organisation", match["organisation"], number)
        facts.infer("ticker", match["ticker"], number)
    else:
        facts.infer("title", re.sub(r"\s+transcript$", "", value, flags=re.IGNORECASE), number)


def _heading_title(text: str) -> str:
    return text[:1].upper() + text[1:].lower()  # `INDUSTRY GLOSSARY` -> `Industry glossary`


def _is_heading(text: str) -> bool:
    return text.lower() in _KNOWN_HEADINGS or bool(_CAPS_HEADING.match(text))


def _listed(paragraph: Paragraph) -> Participant | None:
    """`Chief Financial Officer — Daniel R. Herzog` (or the other way round) -> a company participant."""
    match = _LISTED.match(paragraph.text)
    if not match:
        return None
    title, name = match["left"].strip(), match["right"].strip()
    if (_JOB_WORDS.search(name) or _ANALYST.search(name)) and not (_JOB_WORDS.search(title) or _ANALYST.search(title)):
        title, name = name, title
    if _ANALYST.search(title):  # `Analyst, Morgan Stanley — Eric Woodring`: a questioner and their firm
        firm = _ANALYST.sub("", title).strip(" ,;-—–") or None
        return Participant(name, QUESTIONER, firm, None, paragraph.line)
    return Participant(name, COMPANY, None, title, paragraph.line)


def _join_quote_widget(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """`Clearfield` `(` `CLFD` `+0.96%` `)` `reported…`: a stock quote box scraped a line a piece, one sentence again."""
    joined: list[Paragraph] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        close = next((j for j in range(index + 1, min(index + 5, len(paragraphs))) if paragraphs[j].text == ")"), None)
        if paragraph.text == "(" and joined and close is not None:
            inside = " ".join(p.text for p in paragraphs[index + 1:close])
            text = f"{joined[-1].text} ({inside})"
            if close + 1 < len(paragraphs):
                text, close = f"{text} {paragraphs[close + 1].text}", close + 1
            joined[-1] = Paragraph(joined[-1].line, text)
            index = close + 1
            continue
        joined.append(paragraph)
        index += 1
    return joined


def _talk(numbered: list[Line], facts: FileFacts, source: Source, report: Report) -> list[RawTurn]:
    """The call: a turn for every `Name:` line, one paragraph a line; small print below it as notes."""
    texts = [(line.number, clean.normalise_space(line.text)) for line in numbered]
    counts: dict[str, int] = {}
    for _, text in texts:
        if match := _LABEL.match(text):
            counts[match["name"]] = counts.get(match["name"], 0) + 1
    turns: list[RawTurn] = []
    after: list[tuple[str, list[Paragraph]]] = []  # the publisher's notes below the call
    in_note = False  # a footer or a section heading opened a note; the next speaker closes it
    for number, text in texts:
        if not text:
            continue
        label = _label(text, counts)
        if _FOOTER.match(text) and not (in_note and after[-1][0] == "Disclaimer"):
            after.append(("Disclaimer", []))
            in_note = True
        elif text.lower() in _KNOWN_HEADINGS:
            after.append((_heading_title(text), []))
            in_note = True
            continue
        if in_note and not label:
            after[-1][1].append(Paragraph(number, text))
            continue
        in_note = False
        if label:
            name, written, said = label
            turns.append(RawTurn(number, REMARKS, written, display(name)))
            if not said:
                continue
            text = said
        elif not turns:
            turns.append(unattributed(source, number, REMARKS, report))
        turns[-1].paragraphs.append(Paragraph(number, text, bool(DIRECTION.match(text))))
    facts.notes.extend(note for note in after if note[1])
    return turns


def _label(text: str, counts: dict[str, int]) -> tuple[str, str, str] | None:
    """(name, label as written, the words after it) when a line of the call opens with a speaker."""
    match = _LABEL.match(text)
    if not match:
        return None
    name = match["name"]
    if name.lower().rstrip(".") in NOT_NAMES:
        return None
    if " " not in name and not MODERATOR_LINE.match(name) and counts.get(name, 0) < 2:
        return None  # `Revenue: up 18%` is no speaker; `Operator:` and a `Dana:` that recurs are
    said = (match["text"] or "").strip()
    return name, text[: match.end("name")] + ":", said


@dataclass(frozen=True)
class _Introduction:
    turn: int  # index of the turn that follows the moderator's introduction
    name: str  # as the moderator said it
    firm: str | None


def _roles(turns: list[RawTurn], listed: list[Participant], organisation: str | None) -> list[Participant]:
    """Who is who, and where the Q&A starts (the sections of the turns are set here).

    The company side is the participant list; the operator moderates; an analyst is someone the
    operator gives the floor to ("…comes from Colin Langan with UBS", or a colleague "on for Colin").
    """
    names = list(dict.fromkeys(t.name for t in turns if t.name))
    moderators = {n for n in names if MODERATOR_LINE.match(n)}
    found = _match_listed([n for n in names if n not in moderators], listed)
    company = {n: p for n, p in found.items() if p.role == COMPANY}
    questioners = {n: p.organisation for n, p in found.items() if p.role == QUESTIONER}
    for introduction in _introductions(turns, moderators):
        name = turns[introduction.turn].name
        if name and name not in company and not questioners.get(name):
            questioners[name] = introduction.firm
    if not questioners and company:
        questioners = _uninvited_questioners(turns, names, moderators, company)
    qa = _qa_start(turns, moderators, questioners)
    for index, turn in enumerate(turns):
        turn.section = QA if qa is not None and index >= qa else REMARKS
    participants = [Participant(n, MODERATOR, line=_first_line(turns, n)) for n in sorted(moderators)]
    for name in names:
        line = _first_line(turns, name)
        if name in company:
            participants.append(Participant(name, COMPANY, organisation, company[name].title, company[name].line))
        elif name in questioners:
            participants.append(Participant(name, QUESTIONER, questioners[name], None, line))
        elif name not in moderators and (qa is None or _first_index(turns, name) < qa):
            participants.append(Participant(name, COMPANY, organisation, None, line))  # speaks before the Q&A
    return participants


def _uninvited_questioners(
    turns: list[RawTurn], names: list[str], moderators: set[str], company: dict[str, Participant]
) -> dict[str, str | None]:
    """Where no operator gives the floor (the page left them out): the Q&A opens with the first
    unlisted person who asks something once a listed person has spoken; everyone unlisted who first
    speaks from there on is an analyst."""
    first_listed = min(_first_index(turns, n) for n in company)
    unlisted = [n for n in names if n not in moderators and n not in company]
    askers = [i for n in unlisted if (i := _first_index(turns, n)) > first_listed
              and any(_ASKS.search(p.text) for p in turns[i].paragraphs)]
    if not askers:
        return {}
    return {n: None for n in unlisted if _first_index(turns, n) >= min(askers)}


def _introductions(turns: list[RawTurn], moderators: set[str]) -> list[_Introduction]:
    found = []
    for index, turn in enumerate(turns[:-1]):
        following = turns[index + 1]
        if turn.name not in moderators or following.name is None or following.name in moderators:
            continue
        matches = [m for p in turn.paragraphs for m in _INTRODUCTION.finditer(p.text)]
        if matches:
            firm = matches[-1]["firm"]
            found.append(_Introduction(index + 1, matches[-1]["name"], firm.strip(" ,") if firm else None))
    return found


def _qa_start(turns: list[RawTurn], moderators: set[str], questioners: dict[str, str | None]) -> int | None:
    """Where the operator opens the queue, once someone else has spoken; else the first analyst's turn."""
    first_question = next((i for i, t in enumerate(turns) if t.name in questioners), None)
    if first_question is None:
        return None
    spoken = next((i for i, t in enumerate(turns) if t.name and t.name not in moderators), None)
    for index in range(spoken + 1 if spoken is not None else 0, first_question):
        turn = turns[index]
        if turn.name in moderators and any(_QUEUE.search(p.text) for p in turn.paragraphs):
            return index
    return first_question


def _match_listed(names: list[str], listed: list[Participant]) -> dict[str, Participant]:
    """Speakers as the call names them -> the listed person: exactly, without middle names, by a short
    first name (`Dick` for `Richard`), or by a surname only one unmatched speaker and one listed person share."""
    found: dict[str, Participant] = {}
    for name in names:
        words = _words(name)
        person = next((p for p in listed if _words(p.name) == words), None) or next(
            (p for p in listed if _same_person(words, _words(p.name))), None
        )
        if person:
            found[name] = person
    claimed = {id(p) for p in found.values()}
    for name in names:
        if name in found:
            continue
        surname = _words(name)[-1:]
        people = [p for p in listed if id(p) not in claimed and _words(p.name)[-1:] == surname]
        speakers = [n for n in names if n not in found and _words(n)[-1:] == surname]
        if surname and len(people) == 1 and len(speakers) == 1:
            found[name] = people[0]
            claimed.add(id(people[0]))
    return found


def _words(name: str) -> list[str]:
    words = [w for w in name.lower().replace(".", " ").replace(",", " ").split()]
    return [w for w in words if w not in _SUFFIXES] or words


def _same_person(said: list[str], listed: list[str]) -> bool:
    if len(said) < 2 or len(listed) < 2 or said[-1] != listed[-1]:
        return False
    first, other = said[0], listed[0]
    return short_forms_agree(first, other)  # `Dick Hayne` in the call, `Richard A. Hayne` in the list


def _first_index(turns: list[RawTurn], name: str) -> int:
    return next(i for i, t in enumerate(turns) if t.name == name)


def _first_line(turns: list[RawTurn], name: str) -> int:
    return turns[_first_index(turns, name)].line


# --- the old layout ------------------------------------------------------------------------------


def _read_old(source: Source, report: Report) -> Transcript:
    facts = FileFacts()
    listed: dict[str, Participant] = {}
    turns: list[RawTurn] = []
    header: list[Paragraph] = []
    disclaimer: list[Paragraph] = []
    section, mode = REMARKS, "header"
    for paragraph in blank_separated(lines(source)):
        text = clean.normalise_space(paragraph.text)
        if _PARTICIPANTS.match(text):
            mode = "participants"
            continue
        if _DISCLAIMER.match(text):
            disclaimer.append(paragraph)
            continue
        if match := _DURATION.match(text):
            facts.notes.append(("Duration", [Paragraph(paragraph.line, match["value"])]))
            continue
        if mode == "participants":
            if match := SPEAKER_LINE.match(text):
                person = _participant(match, paragraph.line, facts, source)
                listed[person.name] = person
            else:
                disclaimer.append(paragraph)  # what follows the list on the page: links, small print
            continue
        if marker := section_marker(text):
            section, mode = marker, "talk"
            continue
        if MODERATOR_LINE.match(text):
            turns.append(RawTurn(paragraph.line, section, paragraph.text, text, None))
            mode = "talk"
            continue
        if match := SPEAKER_LINE.match(text):
            person = _participant(match, paragraph.line, facts, source)
            listed.setdefault(person.name, person)
            affiliation = " -- ".join(filter(None, (match["first"], match["second"])))
            turns.append(RawTurn(paragraph.line, section, paragraph.text, person.name, affiliation))
            mode = "talk"
            continue
        if mode == "header":
            _header(text, paragraph.line, facts)
            header.append(paragraph)
            continue
        if not turns:
            turns.append(unattributed(source, paragraph.line, section, report))
        turns[-1].paragraphs.append(paragraph)
    facts.participants = list(listed.values())
    if header:
        facts.notes.insert(0, ("About this call", header))
    if disclaimer:
        facts.notes.append(("Disclaimer", disclaimer))
    if not any(t.name for t in turns):  # no call of this layout: its text is published as paragraphs, as said
        unknown_layout(source, report, "`Name -- Title` lines and `Prepared Remarks:` / `Questions & Answers:`")
        return paragraphs_only(source, report)
    return assemble(source, turns, report, facts)


def _header(text: str, number: int, facts: FileFacts) -> None:
    if match := _TITLE.match(text):
        facts.infer("title", f"{match['organisation']} {match['call']}", number)
        facts.infer("organisation", match["organisation"], number)
        facts.infer("ticker", match["ticker"], number)
    elif "period ending" not in text.lower() and len(text) < 80:  # the call's date, not the quarter's end
        facts.infer("date", parse_date(text), number)


def _participant(match: re.Match[str], line: int, facts: FileFacts, source: Source) -> Participant:
    name, first, second = match["name"].strip(), match["first"].strip(), match["second"]
    if second is not None:  # Name -- Firm -- Analyst
        return Participant(name, QUESTIONER, first, second.strip(), line)
    if _ANALYST.search(first):
        return Participant(name, QUESTIONER, None, first, line)
    organisation = source.meta.get("company") or source.meta.get("organisation") or facts.inferred.get(
        "organisation", (None, 0)
    )[0]
    return Participant(name, COMPANY, organisation, first, line)
