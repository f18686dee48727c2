"""A turn's paragraphs as HTML: the text escaped, its time marks set in as small <time> labels where they stood,
and, on a page with a recording, each word speech recognition timed a `<span class="word" data-start>` to seek by.

Without a recording the spans would cost bytes and do nothing (render asks), so such a page is written exactly
as any other. A word the text no longer holds whole (cleaning moved it) is left as plain text.
"""

from __future__ import annotations

from markupsafe import Markup

from .escape import html_text
from .model import TimeMark, Turn


def paragraphs_html(turn: Turn, timed: bool = False) -> list[Markup]:
    rendered = []
    for index, text in enumerate(turn.paragraphs):
        marks = sorted((m for m in turn.marks if m.paragraph == index), key=lambda m: m.offset)
        words = sorted((w for w in turn.words if w.paragraph == index), key=lambda w: w.offset) if timed else []
        pieces, position = [], 0
        for word in words:
            end = word.offset + word.length
            if word.offset < position or end > len(text):
                continue  # overlaps the word before, or the text changed under it
            marks = _text_and_marks(pieces, text, position, word.offset, marks, before=end)
            pieces.append(f'<span class="word" data-start="{word.start:g}">{html_text(text[word.offset:end])}</span>')
            position = end
        _text_and_marks(pieces, text, position, len(text), marks, before=len(text) + 1)
        rendered.append(Markup("".join(pieces)))
    return rendered


def _text_and_marks(pieces: list[str], text: str, start: int, end: int, marks: list[TimeMark], before: int) -> list[TimeMark]:
    """The text from start to end with the marks standing there (and those inside the next word, set before
    it); the marks still to come."""
    position = start
    while marks and marks[0].offset < before:
        mark = marks.pop(0)
        at = min(max(mark.offset, position), end)
        pieces.append(html_text(text[position:at]))
        pieces.append(_mark(mark))
        position = at
    pieces.append(html_text(text[position:end]))
    return marks


def _mark(mark: TimeMark) -> str:
    # The space the mark took from the text goes inside the label, so the text itself stays clean.
    label = f" {mark.label}" if mark.offset else f"{mark.label} "
    return f'<time class="mark" datetime="PT{mark.seconds}S" data-seconds="{mark.seconds}">{html_text(label)}</time>'
