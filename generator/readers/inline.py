"""Reader for inline speakers: the name starts the line and the words follow on it (see `labels`)."""

from __future__ import annotations

from ..diagnostics import Report
from ..model import Source, Transcript
from ..source import lines
from .labels import TextLine, label_counts, opening_label, read_lines

VERSION = 1  # of what it makes of a file, for the cache: see readers.version_of
EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content


def sniff(source: Source) -> float:
    texts = [line.text.strip() for line in lines(source)[:3000] if line.text.strip()]
    if not texts:
        return 0.0
    labels = label_counts([TextLine(0, t) for t in texts])
    found = sum(1 for t in texts if opening_label(t, labels))
    if found >= 2 and found * 5 >= len(texts):
        return 0.75 if found * 3 >= len(texts) else 0.55
    return 0.0


def read(source: Source, report: Report) -> Transcript:
    return read_lines([TextLine(line.number, line.text) for line in lines(source)], source, report)
