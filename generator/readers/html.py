"""Reader for HTML transcripts (court sites, word processors), through the standard library's HTML parser.

Block elements become paragraphs and `<br>` a line break; a bold name opening a paragraph, a heading
per turn or a `NAME:` label marks the speaker; scripts, styles and the head are no part of the text.
The parsing is in `documents`, which the Markdown reader shares for the HTML inside Markdown files.
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import Source, Transcript
from . import documents, labels
from .common import FileFacts

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = (".html", ".htm")


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


def read(source: Source, report: Report) -> Transcript:
    for tag, offset in documents.unclosed_raw_text(source.text):
        report.warning(source.path, source.body_line + source.text.count("\n", 0, offset),
                       f"`<{tag}>` is never closed: what follows it is read as text", "layout.unclosed")
    blocks, title = documents.html_blocks(source.text, source.body_line)
    facts = FileFacts()
    if title and title[0]:
        facts.infer("title", *title)
    titled = bool(source.meta.get("title"))
    return labels.read_lines(documents.to_lines(blocks, facts, titled), source, report, facts)
