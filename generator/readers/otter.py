"""Reader for Otter-style exports: a speaker header with its time, then what was said.

Headers come as Otter writes them (`Dana Whitfield  0:05`) and as people edit them, often in Markdown:
`**Dana** 0:05`, `**Dana** [00:00:05]`, `Dana [0:05] text`, `**Dana** text`. An edited file may run a
header into the text before it (`… right. Emma [36:21] Oh!`): a known speaker's name with a time, there,
is a header too. Diarisation labels (`Speaker 2`, `Unknown Speaker`) are speakers of this transcript
only. Otter cuts one speaker's sentence over several headers; those pieces are joined back into one
paragraph, and each header's time stays a time mark where it stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Line, Source, TimeMark, Transcript
from ..source import lines
from . import captions
from .common import FileFacts, Paragraph, RawTurn, assemble, parse_date, unknown_layout
from .vocabulary import ANONYMOUS, DIRECTION, NOT_NAMES, display, is_name_word

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # plain .txt is the block reader's, .md the Markdown reader's; this layout is told by its content
STAMP = r"\d{1,2}:\d{2}(?::\d{2})?"
_TIME = rf"[\[(]?(?P<time>{STAMP})[\])]?"
# `**Emma**`, `**Emma:**`, `__Emma__`, `**Emma 0:05**`, then perhaps `: `, a time, the text.
_BOLD = re.compile(r"^\s*(?P<open>\*\*|__)(?P<inner>[^*_\n]{1,80}?)(?P=open)(?P<after>.*)$")
_INNER_TIME = re.compile(rf"^(?P<name>.+?)\s+{_TIME}$")
# `\s*(?::\s*)?`, not `\s*:?\s*`: two runs of spaces side by side split a long run every way (quadratic).
_LEADING_TIME = re.compile(rf"^\s*(?::\s*)?{_TIME}(?=\s|$)\s*(?P<rest>.*)$")
# `Emma [36:21] text`: a name, a time in square brackets, perhaps the text on the same line. (Not
# `Model (4:28)`: a time in parentheses after a word is a transcriber's stamp in running text.)
_BRACKETED = re.compile(rf"^\s*(?P<name>[^\W\d_][^\t\[\]()*]{{0,60}}?)\s*(?::\s*)?\[(?P<time>{STAMP})\]\s*(?P<rest>.*)$")
# Otter's own `Dana Whitfield  0:05` (two spaces or a tab; one space when the name looks like a name).
_OTTER = re.compile(rf"^(?P<name>[^\s\d][^\t]{{0,60}}?)(?P<sep>\s{{2,}}|\t|\s)(?P<time>{STAMP})\s*$")
# `Emma 36:21 Oh! Interesting!`: a header only for a name the file already uses as one.
_BARE_WITH_TEXT = re.compile(rf"^\s*(?P<name>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){{0,3}}):?\s+(?P<time>{STAMP})\s+(?P<rest>\S.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_DAMAGED_PREFIX = re.compile(rf"^({STAMP}) ")
_SENTENCE_END = re.compile(r"""[.?!…]["”’')\]]*$""")
PREAMBLE_SHARE = 0.2
LONG_PARAGRAPH_WORDS, PARAGRAPH_WORDS = 300, 200  # a paragraph longer than the first is cut into runs of the second  # text above the first header is a note only while it is this small a part of the file


@dataclass(frozen=True)
class Header:
    line: int
    name: str
    label: str  # as it stood in the file
    time: str | None
    rest: str  # text after the header on the same line
    strong: bool  # a header by its shape alone; a weak one needs a name the file uses in strong headers


@dataclass
class Segment:
    """What one header introduces: its paragraphs, each (line, text)."""

    header: Header | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    open: bool = False  # the last paragraph takes the next line (no blank line yet)

    def add(self, line: int, text: str) -> None:
        if self.open and self.paragraphs and not self.paragraphs[-1].direction and not DIRECTION.match(text):
            self.paragraphs[-1].text += " " + text
        else:
            self.paragraphs.append(Paragraph(line, text, bool(DIRECTION.match(text))))
        self.open = True


def sniff(source: Source) -> float:
    """Confident when the file opens with a timed header, or when timed headers (and the untimed or
    run-in headers of the names they give) are a fair share of its lines: then it is this layout
    whatever else it has, such as a few `**Name:** text` paragraphs."""
    numbered = [line for line in _repaired(lines(source)[:3000])[0] if line.text.strip()]
    if not numbered:
        return 0.0
    strong = [h for line in numbered if (h := header_of(line)) and h.strong]
    first = next((line for line in numbered if not _HEADING.match(line.text)), None)
    if strong and first is not None and strong[0].line == first.number and len(strong) >= 2:
        return 0.9
    if len(strong) < 2:
        return 0.0
    known = frozenset(h.name for h in strong)
    inline = _inline_headers(known)
    found = sum(1 for line in numbered if header_of(line, known))
    found += sum(len(inline.findall(line.text)) for line in numbered) if inline else 0
    return 0.9 if found >= 3 and found * 10 >= len(numbered) else 0.0


def header_of(line: Line, known: frozenset[str] = frozenset()) -> Header | None:
    """The header a line opens with, if any; weak shapes only for names in `known`."""
    text = line.text.rstrip()
    if ":" not in text and "**" not in text and "__" not in text:
        return None  # every shape below holds a time's `:` or bold's `**` or `__`, which `in` finds at once
    if match := _BOLD.match(text):
        inner = match["inner"].strip().rstrip(":").strip()
        time = None
        if timed := _INNER_TIME.match(inner):
            inner, time = timed["name"].rstrip(":").strip(), timed["time"]
        after = match["after"]
        if time is None and (leading := _LEADING_TIME.match(after)):
            time, after = leading["time"], leading["rest"]
        name = clean.normalise_space(inner)
        rest = after.strip().lstrip(":").strip()
        if _name_like(name, strict=time is None):
            header = Header(line.number, name, _label(text, rest), time, rest, strong=time is not None)
            if header.strong or name in known:
                return header
        return None
    if (match := _BRACKETED.match(text)) and _name_like(match["name"].strip(), strict=True):
        name = clean.normalise_space(match["name"])
        rest = match["rest"].strip()
        return Header(line.number, name, _label(text, rest), match["time"], rest, strong=True)
    if match := _OTTER.match(text):
        name = match["name"].strip().rstrip(":").strip()  # `Emma:  0:05` too
        if _name_like(name, strict=match["sep"] == " "):
            return Header(line.number, clean.normalise_space(name), text.strip(), match["time"], "", strong=True)
    if (match := _BARE_WITH_TEXT.match(text)) and clean.normalise_space(match["name"]) in known:
        rest = match["rest"].strip()
        return Header(line.number, clean.normalise_space(match["name"]), _label(text, rest), match["time"], rest, False)
    return None


def _label(text: str, rest: str) -> str:
    label = text.strip()
    return label[: len(label) - len(rest)].strip() if rest else label


def _name_like(name: str, strict: bool) -> bool:
    """A speaker's name: up to five words, no sentence in it; strict when the shape is common in prose."""
    words = name.split()
    if not 1 <= len(words) <= 5 or re.search(r"[.?!,;:]$", name) or name.lower() in NOT_NAMES or name[0].isdigit():
        return False
    return not strict or (name[0].isupper() and all(is_name_word(w) for w in words))


def _repaired(numbered: list[Line]) -> tuple[list[Line], str | None]:
    """A damaged export whose every line starts with the same `0:00 `: that prefix dropped."""
    filled = [line for line in numbered if line.text.strip()]
    prefixes = [m.group(1) for line in filled if (m := _DAMAGED_PREFIX.match(line.text))]
    if len(filled) < 4 or len(prefixes) * 10 < len(filled) * 6 or len(set(prefixes)) != 1:
        return numbered, None
    prefix = prefixes[0] + " "
    return [Line(line.number, line.text[len(prefix):] if line.text.startswith(prefix) else line.text)
            for line in numbered], prefix


def _inline_headers(known: frozenset[str]) -> re.Pattern[str] | None:
    """A known speaker's header run into the text: `**Emma** [36:21]`, `Emma [36:21]`, `… right. Emma 36:21`."""
    if not known:
        return None
    names = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
    return re.compile(
        rf"(?:(?<=\s)|^)(?:(?:\*\*|__)(?P<n1>{names})\s*(?::\s*)?(?:\*\*|__)\s*(?::\s*)?[\[(]?(?P<t1>{STAMP})[\])]?"
        rf"|(?P<n2>{names})\s*(?::\s*)?\[(?P<t2>{STAMP})\]"
        rf"|(?<=[.?!…\"”’)] )(?P<n3>{names}):?\s+(?P<t3>{STAMP}))(?=\s|$)"
    )


def _plain(text: str, markdown: bool) -> str:
    """A line's words: Markdown emphasis, links and escapes undone in a Markdown file; spaces normalised."""
    if markdown and re.search(r"[*_`\[\]\\<&]", text):
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").parseInline(text)
        pieces = []
        for child in tokens[0].children or [] if tokens else []:
            if child.type in ("text", "code_inline", "image"):
                pieces.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                pieces.append(" ")
            elif child.type == "html_inline" and not re.fullmatch(r"</?\w+[^<>]*>", child.content.strip()):
                pieces.append(child.content)
        text = "".join(pieces)
    return clean.normalise_space(text)


def read(source: Source, report: Report) -> Transcript:
    numbered, prefix = _repaired(lines(source))
    if prefix:
        report.warning(source.path, source.body_line,
                       f"every line starts with {prefix.strip()!r}, as in a damaged Otter export; that prefix is dropped",
                       "otter.damaged")
    markdown = source.suffix in (".md", ".markdown")
    facts = FileFacts(section_titles={REMARKS: "Transcript"})
    known = frozenset(h.name for line in numbered if (h := header_of(line)) and h.strong)
    segments = _segments(numbered, known, markdown, facts)
    turns = [_long_paragraphs_cut(turn) for turn in _turns(segments)]
    preamble = segments[0].paragraphs if segments and segments[0].header is None else []
    if preamble:
        _keep_preamble(source, report, preamble, segments, turns, facts)
    if not any(t.name for t in turns):
        unknown_layout(source, report, "`Name  M:SS` or `**Name** M:SS` header lines")
    return assemble(source, turns, report, facts)


def _segments(numbered: list[Line], known: frozenset[str], markdown: bool, facts: FileFacts) -> list[Segment]:
    inline = _inline_headers(known)
    segments: list[Segment] = []
    for line in numbered:
        if not line.text.strip():
            if segments:
                segments[-1].open = False
            continue
        if (heading := _HEADING.match(line.text)) and markdown:
            text = _plain(heading["text"], markdown)
            if not segments and "title" not in facts.inferred:
                facts.infer("title", text, line.number)
            elif text:
                if not segments:
                    segments.append(Segment(None))
                segments[-1].paragraphs.append(Paragraph(line.number, text, direction=True))
                segments[-1].open = False
            continue
        header = header_of(line, known)
        if header is not None:
            segments.append(Segment(header))
            rest = header.rest
        else:
            rest = line.text
        for piece in _split_inline(line.number, rest, inline):
            if isinstance(piece, Header):
                segments.append(Segment(piece))
                continue
            text = _plain(piece, markdown)
            if text:
                if not segments:
                    segments.append(Segment(None))
                segments[-1].add(line.number, text)
    return segments


def _split_inline(number: int, text: str, inline: re.Pattern[str] | None) -> list[str | Header]:
    if inline is None:
        return [text]
    pieces: list[str | Header] = []
    position = 0
    for match in inline.finditer(text):
        pieces.append(text[position : match.start()])
        name = match["n1"] or match["n2"] or match["n3"]
        time = match["t1"] or match["t2"] or match["t3"]
        pieces.append(Header(number, name, match.group(0).strip(), time, "", strong=False))
        position = match.end()
    pieces.append(text[position:])
    return pieces


def _turns(segments: list[Segment]) -> list[RawTurn]:
    """One turn per change of speaker. A named speaker's next header carries on their turn (and their
    sentence, if it was cut); a placeholder's (`Unknown Speaker`) may be someone else, so it opens a
    turn of its own unless it plainly carries on a cut sentence (no closing mark, a lower-case start)."""
    turns: list[RawTurn] = []
    for segment in segments:
        header = segment.header
        if header is None:
            continue
        name = display(header.name)
        paragraphs = segment.paragraphs
        last = turns[-1] if turns else None
        previous = last.paragraphs[-1] if last and last.paragraphs else None
        anonymous = bool(ANONYMOUS.match(name))
        cut = (
            previous is not None and bool(paragraphs) and not previous.direction and not paragraphs[0].direction
            and last.name == name and (
                clean.continues(previous.text, paragraphs[0].text) if anonymous
                else not _SENTENCE_END.search(previous.text)
            )
        )
        if last is None or last.name != name or (anonymous and not cut):
            line = paragraphs[0].line if paragraphs else header.line
            last = RawTurn(line, REMARKS, header.label, name)
            turns.append(last)
            cut = False
        for index, paragraph in enumerate(paragraphs):
            if index == 0 and cut:
                offset = len(previous.text) + 1
                previous.text = f"{previous.text} {paragraph.text}"
                _mark(last, header, len(last.paragraphs) - 1, offset)
                continue
            last.paragraphs.append(Paragraph(paragraph.line, paragraph.text, paragraph.direction))
            if index == 0:
                _mark(last, header, len(last.paragraphs) - 1, 0)
    return turns


def _long_paragraphs_cut(turn: RawTurn) -> RawTurn:
    """Otter writes a speaker's whole stretch as one line, often of many hundred words: cut at sentence ends."""
    paragraphs: list[Paragraph] = []
    marks: list[TimeMark] = []
    for index, paragraph in enumerate(turn.paragraphs):
        runs = [paragraph.text]
        if not paragraph.direction and len(paragraph.text.split()) > LONG_PARAGRAPH_WORDS:
            runs = captions.sentence_runs(paragraph.text, PARAGRAPH_WORDS)
        starts, position = [], 0
        for run in runs:
            position = paragraph.text.index(run, position)
            starts.append(position)
            position += len(run)
        for mark in (m for m in turn.marks if m.paragraph == index):
            run = max(j for j, start in enumerate(starts) if start <= mark.offset)
            offset = mark.offset - starts[run]
            if offset > len(runs[run]):  # in the space between two runs: the start of the next
                run, offset = run + 1, 0
            marks.append(TimeMark(len(paragraphs) + run, offset, mark.seconds, mark.label))
        paragraphs.extend(Paragraph(paragraph.line, run, paragraph.direction) for run in runs)
    turn.paragraphs, turn.marks = paragraphs, marks
    return turn


def _mark(turn: RawTurn, header: Header, paragraph: int, offset: int) -> None:
    if header.time is not None:
        seconds = 0
        for part in header.time.split(":"):
            seconds = seconds * 60 + int(part)
        turn.marks.append(TimeMark(paragraph, offset, seconds, header.time))


def _keep_preamble(
    source: Source, report: Report, preamble: list[Paragraph], segments: list[Segment], turns: list[RawTurn],
    facts: FileFacts,
) -> None:
    """Text above the first header: the publisher's note when it is small, else unattributed talk, reported."""
    words = lambda paragraphs: sum(len(p.text.split()) for p in paragraphs)  # noqa: E731
    total = sum(words(s.paragraphs) for s in segments)
    if turns and words(preamble) <= PREAMBLE_SHARE * total:
        for paragraph in preamble:
            facts.infer("date", parse_date(paragraph.text), paragraph.line)
        facts.notes.append(("About this transcript", preamble))
        return
    report.warning(source.path, preamble[0].line, "text before the first speaker; it is kept as an unattributed turn",
                   "speaker.missing")
    turns.insert(0, RawTurn(preamble[0].line, REMARKS, paragraphs=list(preamble)))
