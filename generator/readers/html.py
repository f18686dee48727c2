"""Reader for HTML transcripts (court sites, word processors), through the standard library's HTML parser.

Block elements become paragraphs and `<br>` a line break; a bold name opening a paragraph, a heading
per turn or a `NAME:` label marks the speaker; scripts, styles and the head are no part of the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .. import clean
from ..diagnostics import Report
from ..model import Source, Transcript
from . import documents, labels
from .common import FileFacts

EXTENSIONS = (".html", ".htm")
_BLOCKS = {"p", "div", "li", "dt", "dd", "blockquote", "pre", "tr", "td", "th", "section", "article", "center",
           "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "body", "main", "header", "footer", "aside"}
_SKIP = {"script", "style", "head", "template", "noscript", "svg"}
_BOLD = {"b", "strong"}


def sniff(source: Source) -> float:
    start = source.text.lstrip()[:500].lower()
    if start.startswith(("<!doctype html", "<html")) or ("<html" in start and source.suffix in EXTENSIONS):
        return 0.95
    if source.suffix not in EXTENSIONS:
        # A plain-text transcript may quote markup; only a whole document makes it HTML, or its
        # tags would be read as layout and the words in them lost.
        return 0.0
    tags = len(re.findall(r"</?(?:p|div|br|b|strong|span|h[1-6])\b[^>]*>", source.text[:100_000], re.IGNORECASE))
    return 0.6 if tags >= 4 else 0.0


class _Document(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.blocks: list[documents.Block] = []
        self.title: tuple[str, int] | None = None
        self._skip = 0
        self._title: list[str] | None = None
        self._lines: list[str] = [""]
        self._line = first_line
        self._heading = 0
        self._bold_depth = 0
        self._bold: str | None = None  # bold text opening the current block
        self._bold_open = False
        self._rest: tuple[int, int] | None = None

    def _here(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def flush(self) -> None:
        if any(line.strip() for line in self._lines):
            block = documents.Block(self._line, [clean.normalise_space(line) for line in self._lines], self._heading)
            if self._bold is not None and self._rest is not None and self._bold.strip():
                row, column = self._rest
                block.bold = self._bold
                block.rest = [clean.normalise_space(self._lines[row][column:]),
                              *(clean.normalise_space(line) for line in self._lines[row + 1:])]
            self.blocks.append(block)
        self._lines, self._line, self._bold, self._bold_open, self._rest = [""], self._here(), None, False, None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "title":
            self._title = []
            return
        if self._skip:
            return
        if tag in _BLOCKS:
            self.flush()
            self._heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
        elif tag == "br":
            self._lines.append("")
        elif tag in _BOLD or (tag == "span" and "bold" in (dict(attrs).get("style") or "").replace(" ", "")):
            self._bold_depth += 1
            if self._bold is None and not "".join(self._lines).strip():
                self._bold, self._bold_open = "", True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
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
            self._heading = 0
        elif tag in _BOLD or tag == "span" and self._bold_depth:
            self._bold_depth = max(0, self._bold_depth - 1)
            if self._bold_open and self._bold_depth == 0:
                self._bold_open = False
                self._rest = (len(self._lines) - 1, len(self._lines[-1]))

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self._skip:
            self._lines.append("")

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
            return
        if self._skip:
            return
        if not "".join(self._lines).strip():
            self._line = self._here()
        pieces = data.split("\n") if self._pre() else [data.replace("\n", " ")]
        for index, piece in enumerate(pieces):
            if index:
                self._lines.append("")
            self._lines[-1] += piece
            if self._bold_open:
                self._bold += piece

    def _pre(self) -> bool:
        return False


def read(source: Source, report: Report) -> Transcript:
    document = _Document(source.body_line)
    document.feed(source.text)
    document.close()
    document.flush()
    facts = FileFacts()
    if document.title and document.title[0]:
        facts.infer("title", *document.title)
    return labels.read_lines(documents.to_lines(document.blocks, facts), source, report, facts)
