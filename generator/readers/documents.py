"""What the Markdown and HTML readers share: a document's blocks (HTML parsed here) become the lines of the inline layout.

A document marks speakers in one of three ways: a bold name opening a paragraph (`**Dana:** text`,
`<p><b>MR. JUSTICE FRANKFURTER</b>: text</p>`), a heading per turn (`### Dana Whitfield`), or a label
in the text (`DANA: text`). Headings that are not speakers open sections (a Q&A marker) or parts; the
first heading that is neither titles the file unless its front matter does. What stands before the
first speaker (a caption, `BEFORE:` and `APPEARANCES:` lists, a site's contents) is about the
transcript: notes, and the participants those lists name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .. import clean
from ..model import COMPANY, MODERATOR, QUESTIONER, UNKNOWN
from .common import FileFacts, Paragraph, Participant, parse_date
from .labels import TextLine
from .vocabulary import LIST_HEADERS, NOT_NAMES, PARTICLE, SPEAKER_LINE, display, section_marker

# A name in bold or in a heading: up to six words, capitalised, no sentence in it.
_NAME = re.compile(rf"^[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|\d{{1,2}}|{PARTICLE}|of|&|-|–)){{0,7}}$")
_CAPS_NAME = re.compile(r"[A-Z][A-Z .'’-]{0,40}")
# A label in capitals at the start of bold text that was never closed: `<b>MR. JUSTICE JACKSON: text`.
_OPEN_LABEL = re.compile(r"^(?P<name>[A-Z][A-Z .'’-]{1,60}?)\s*:\s*")
# An entry of a `BEFORE:` or `APPEARANCES:` list: `HUGO L. BLACK, Associate Justice`,
# `THURGOOD MARSHALL, ESQ., on behalf of the Appellants.`
_LISTED = re.compile(r"^(?P<name>[A-Z][\w.'’ -]+?),\s*(?P<esq>(?:ESQ|Esq)\.?,?\s*)?(?P<rest>\S.*?)[.,;]?$")


# A caption and the lists under it run to a few hundred words; more, and more than half the file, is talk missed.
_PREAMBLE_WORDS = 300


@dataclass
class Block:
    line: int
    lines: list[str]  # the block's text, one entry per source line (soft breaks kept apart)
    heading: int = 0  # heading level, 0 for running text
    bold: str | None = None  # bold text that opens the block, if any
    rest: list[str] = field(default_factory=list)  # the block's lines after that bold text


# ---- HTML, through the standard library's parser -------------------------------------------------

_BLOCKS = {"p", "div", "li", "dt", "dd", "blockquote", "pre", "tr", "td", "th", "section", "article", "center",
           "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "body", "main", "header", "footer", "aside"}
_SKIP = {"script", "style", "head", "template", "noscript", "svg"}
# What a head may hold; anything else (`<body>`, `<p>`, text) ends a head left open, as a browser reads it.
_HEAD = {"title", "meta", "link", "style", "script", "base", "noscript", "template"}
_BOLD = {"b", "strong"}


class HtmlDocument(HTMLParser):
    """Block elements become blocks and `<br>` a line break; scripts, styles and the head are no part of the text."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.blocks: list[Block] = []
        self.title: tuple[str, int] | None = None
        self._skip = 0
        self._in_head = False
        self._title: list[str] | None = None
        self._lines: list[str] = [""]
        self._line = first_line
        self._heading = 0
        self._centred = False
        self._pre = 0  # inside `<pre>`, a line end is a line end
        self._bold_depth = 0
        self._bold: str | None = None  # bold text opening the current block
        self._bold_open = False
        self._rest: tuple[int, int] | None = None

    def _here(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def flush(self) -> None:
        if any(line.strip() for line in self._lines):
            lines = [clean.normalise_space(line) for line in self._lines]
            block = Block(self._line, lines, self._heading)
            if self._bold_open and self._bold is not None:
                self._rest = _unclosed_label(self._lines)  # `<b>` never closed: only a label opening it counts
                if self._rest is not None:
                    row, column = self._rest
                    self._bold = self._lines[row][:column]
            if self._bold is not None and self._rest is not None and self._bold.strip():
                row, column = self._rest
                block.bold = self._bold
                block.rest = [clean.normalise_space(self._lines[row][column:]),
                              *(clean.normalise_space(line) for line in self._lines[row + 1:])]
                if self._centred and not "".join(block.rest).strip() and not block.heading:
                    block.heading = 3  # a centred line all in bold: an argument's heading, `PROCEEDINGS`
            self.blocks.append(block)
        self._lines, self._line, self._bold, self._bold_open, self._rest = [""], self._here(), None, False, None
        self._bold_depth = 0  # bold left open does not run on into the next paragraph

    def handle_starttag(self, tag, attrs):
        if self._in_head and tag not in _HEAD:
            self._leave_head()
        if tag in _SKIP:
            self._skip += 1
            self._in_head = self._in_head or tag == "head"
            return
        if tag == "title":
            self._title = []
            return
        if self._skip:
            return
        style = (dict(attrs).get("style") or "").replace(" ", "").lower()
        if tag in _BLOCKS:
            self.flush()
            self._pre += tag == "pre"
            self._heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
            self._centred = tag == "center" or "text-align:center" in style or dict(attrs).get("align") == "center"
        elif tag == "br":
            self._lines.append("")
        elif tag in _BOLD or (tag == "span" and "bold" in style):
            self._bold_depth += 1
            if self._bold is None and not "".join(self._lines).strip():
                self._bold, self._bold_open = "", True

    def handle_endtag(self, tag):
        if tag == "head" and not self._in_head:
            return  # the head was over already
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            self._in_head = self._in_head and tag != "head"
            return
        if tag == "title":
            if self._title is not None:
                self.title = (clean.normalise_space("".join(self._title)), self._here())
            self._title = None
            return
        if self._skip:
            return
        if tag in _BLOCKS:
            self.flush()
            self._pre = max(0, self._pre - (tag == "pre"))
            self._heading = 0
            self._centred = False
        elif tag in _BOLD or tag == "span" and self._bold_depth:
            self._bold_depth = max(0, self._bold_depth - 1)
            if self._bold_open and self._bold_depth == 0:
                self._bold_open = False
                self._rest = (len(self._lines) - 1, len(self._lines[-1]))

    def _leave_head(self) -> None:
        self._in_head = False
        self._skip = max(0, self._skip - 1)

    def handle_startendtag(self, tag, attrs):
        if self._in_head and tag not in _HEAD:
            self._leave_head()
        if tag == "br" and not self._skip:
            self._lines.append("")

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
            return
        if self._in_head and self._skip == 1 and data.strip():
            self._leave_head()  # text is the body's
        if self._skip:
            return
        if not "".join(self._lines).strip():
            self._line = self._here()
        for index, piece in enumerate(data.split("\n") if self._pre else [data.replace("\n", " ")]):
            if index:
                self._lines.append("")
            self._lines[-1] += piece
            if self._bold_open:
                self._bold += piece


def _unclosed_label(lines: list[str]) -> tuple[int, int] | None:
    """Where the words start after a capitals label opening bold text that was never closed."""
    for row, line in enumerate(lines):
        if line.strip():
            match = _OPEN_LABEL.match(line.lstrip())
            if match is None or match["name"].strip().lower() in NOT_NAMES | LIST_HEADERS:
                return None
            return row, len(line) - len(line.lstrip()) + match.end("name")
    return None


_RAW_TEXT_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)


def unclosed_raw_text(text: str) -> list[tuple[str, int]]:
    """Each `<script>` or `<style>` that no closing tag follows, with its offset: an HTML parser takes all the
    rest of the file for code, so the words after it would reach no page."""
    lowered = text.lower()
    last_close = {tag: lowered.rfind(f"</{tag}") for tag in ("script", "style")}
    return [(m[1].lower(), m.start()) for m in _RAW_TEXT_OPEN.finditer(text) if m.start() > last_close[m[1].lower()]]


def html_blocks(text: str, first_line: int) -> tuple[list[Block], tuple[str, int] | None]:
    """The blocks of an HTML document or fragment, and its `<title>` with the line it is on."""
    document = HtmlDocument(first_line)
    # An unclosed script or style is read as text from its `<` on: its words are kept, not swallowed.
    for _, offset in reversed(unclosed_raw_text(text)):
        text = text[:offset] + "&lt;" + text[offset + 1:]
    # After the last `>` no tag can end, and HTMLParser would try each `<` there to the end of the text
    # (quadratic on `<a <a <a …`); many of them are read as `&lt;`: the same text, found at once.
    last = text.rfind(">") + 1
    if text.count("<", last) > 100:
        text = text[:last] + text[last:].replace("<", "&lt;")
    document.feed(text)
    document.close()
    document.flush()
    return document.blocks, document.title


# ---- blocks -> lines ------------------------------------------------------------------------------

def to_lines(blocks: list[Block], facts: FileFacts, titled: bool = False) -> list[TextLine]:
    """`titled`: the front matter gives the title, so the first heading is a heading like the others."""
    headings = [_plain_heading(b) for b in blocks if b.heading]
    counts: dict[str, int] = {}
    for text in headings:
        counts[text] = counts.get(text, 0) + 1
    found: list[TextLine] = []
    for block in blocks:
        if block.heading:
            text = _plain_heading(block)
            if _speaker_heading(text, block, counts):
                found.append(TextLine(block.line, "", text.rstrip(":").strip()))
            elif not titled and not section_marker(text) and not found:
                facts.infer("title", text, block.line)
                titled = True
            else:
                facts.infer("date", parse_date(text), block.line)  # `## Tuesday, December 9, 1952`
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
    """Where the document marks its speakers, what stands before the first one (a dateline, a byline, a
    caption, the lists of who sits and who appears) is about the transcript, not said in it: notes, the
    date when one gives it, and participants from the lists. The heading just above the first speaker
    still opens the part it heads. When that would put most of the file in notes, it is left as text."""
    first = next((i for i, line in enumerate(found) if line.speaker is not None), None)
    if not first:
        return found
    keep_from = first
    for index in range(first - 1, -1, -1):  # the heading directly above the first speaker heads the talk
        if found[index].heading:
            keep_from = index
            break
        if found[index].text.strip():
            break
    before = sum(len(line.text.split()) for line in found[:keep_from])
    if before > max(_PREAMBLE_WORDS, sum(len(line.text.split()) for line in found) / 2):
        return found
    notes: list[tuple[str, int, list[Paragraph]]] = []
    title, listing = "About this transcript", None
    joined = False  # the line carries on the paragraph above it (a `<br>` or a soft break, not a new block)
    for line in found[:keep_from]:
        text = line.text.strip()
        if line.heading:
            title, listing, joined = text, None, False
            notes.append((title, line.number, []))
            continue
        if not text:
            joined = False
            continue
        if joined and listing is None and notes and notes[-1][2]:
            notes[-1][2][-1].text += " " + text
            facts.infer("date", parse_date(notes[-1][2][-1].text), line.number)
            continue
        joined = True
        header = text.rstrip(":").strip()
        if text.endswith(":") and header.lower() in LIST_HEADERS:
            title, listing = header.title(), header.lower()
            notes.append((title, line.number, []))
            continue
        if not notes or notes[-1][0] != title:
            notes.append((title, line.number, []))
        notes[-1][2].append(Paragraph(line.number, text))
        facts.infer("date", parse_date(text), line.number)
        if listing is not None:
            _listed(text, line.number, facts)
    for note_title, number, paragraphs in notes:
        # A heading with nothing under it before the talk is kept as a note of its own words.
        facts.notes.append((note_title, paragraphs or [Paragraph(number, note_title)]))
    return found[keep_from:]


def _listed(text: str, line: int, facts: FileFacts) -> None:
    """A participant from a `BEFORE:` / `APPEARANCES:` entry: justices ask, the Chief Justice presides,
    counsel answer for the party they appear for."""
    match = _LISTED.match(text)
    if match is None:
        return
    name, rest = display(match["name"].strip()), clean.normalise_space(match["rest"])
    lowered = rest.lower()
    if "chief justice" in lowered or "presiding" in lowered:
        role = MODERATOR
    elif "justice" in lowered or "judge" in lowered:
        role = QUESTIONER
    elif match["esq"] or "behalf of" in lowered or "counsel" in lowered:
        role = COMPANY
        rest = f"Counsel {rest}" if lowered.startswith("on behalf of") else rest
    else:
        role = UNKNOWN
    facts.participants.append(Participant(name, role, title=rest, line=line))


def _plain_heading(block: Block) -> str:
    return clean.normalise_space(" ".join(block.lines))


def _speaker_heading(text: str, block: Block, counts: dict[str, int]) -> bool:
    if section_marker(text):
        return False
    name = text.rstrip(":").strip()
    if name.lower() in LIST_HEADERS:
        return False
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
    elif not "".join(rest).strip():
        name = bold  # the name alone, the words in the next paragraph
    else:
        return None
    if name.lower() in NOT_NAMES or name.lower() in LIST_HEADERS:
        return None
    if _NAME.match(name) or SPEAKER_LINE.match(name) or _CAPS_NAME.fullmatch(name):
        if not bold.endswith(":") and rest and rest[0].lstrip().startswith(":"):
            block.rest = [rest[0].lstrip()[1:].strip(), *rest[1:]]
        return name
    return None
