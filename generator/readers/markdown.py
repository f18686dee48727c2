"""Reader for Markdown transcripts, through markdown-it-py: a speaker in bold (`**Name:** text`) or as a heading."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from ..diagnostics import Report
from ..model import Source, Transcript
from . import documents, labels
from .common import FileFacts

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".md", ".markdown")
_BOLD_SPEAKER = re.compile(r"^(?:\*\*|__)[A-Z][^*\n]{0,60}?(?::(?:\*\*|__)|(?:\*\*|__):)", re.MULTILINE)


def sniff(source: Source) -> float:
    found = len(_BOLD_SPEAKER.findall(source.text[:200_000]))
    return 0.8 if found >= 2 else 0.0


def read(source: Source, report: Report) -> Transcript:
    tokens = _tokens(source.text)
    blocks: list[documents.Block] = []
    heading = 0
    for token in tokens:
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "inline":
            line = source.body_line + (token.map[0] if token.map else 0)
            blocks.append(_block(token.children or [], line, heading))
        elif token.type in ("fence", "code_block"):
            line = source.body_line + (token.map[0] if token.map else 0)
            blocks.append(documents.Block(line, token.content.rstrip("\n").split("\n")))
        elif token.type == "html_block":  # `<p><b>MR. JUSTICE FRANKFURTER</b>: …</p>`, as Jekyll sites publish
            line = source.body_line + (token.map[0] if token.map else 0)
            blocks.extend(documents.html_blocks(token.content, line)[0])
    facts = FileFacts()
    source = _unescaped_title(source)
    return labels.read_lines(documents.to_lines(blocks, facts, bool(source.meta.get("title"))), source, report, facts)


# The markers that open lists and quotes, at the start of a line, however many.
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:[-+*]|\d{1,9}[.)]|>)(?=[ \t]|$)[ \t]*)+", re.MULTILINE)


def _tokens(text: str):
    """markdown-it's tokens. At its nesting limit (20: ten lists in lists) it drops the rest of the file in
    silence, so the limit is lifted; a nest deeper than Python's stack is read with its list and quote
    markers set aside, as the paragraphs they hold."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": 1_000_000})
    try:
        return parser.parse(text)
    except RecursionError:
        return parser.parse(_CONTAINERS.sub("", text))


def _unescaped_title(source: Source) -> Source:
    """Jekyll sites write front matter for HTML: `title: "Youngstown Sheet &amp; Tube Co."` means `&`."""
    title = source.meta.get("title")
    if isinstance(title, str) and re.search(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", title, re.IGNORECASE):
        return replace(source, meta={**source.meta, "title": html.unescape(title)})
    return source


def _block(children, line: int, heading: int) -> documents.Block:
    """An inline token's text, one entry per source line, and the bold text that opens it."""
    lines: list[str] = [""]
    bold: str | None = None
    bold_done = False
    in_bold = False
    rest_start: tuple[int, int] | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open" and not bold_done and not "".join(lines).strip():
            in_bold, bold = True, ""
            continue
        if kind == "strong_close" and in_bold:
            in_bold, bold_done = False, True
            rest_start = (len(lines) - 1, len(lines[-1]))
            continue
        if kind in ("softbreak", "hardbreak"):
            lines.append("")
            continue
        text = child.content if kind in ("text", "code_inline") else ""
        if kind == "image":
            text = child.content
        if in_bold:
            bold += text
        lines[-1] += text
        if text and not in_bold and bold is None:
            bold_done = True
    block = documents.Block(line, lines, heading)
    if bold is not None and rest_start is not None:
        row, column = rest_start
        block.bold = bold
        block.rest = [lines[row][column:], *lines[row + 1:]]
    return block
