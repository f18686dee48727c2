"""The `clean` step, run inside each reader: undo the artefacts that transcript files carry.

Each function takes text and returns cleaned text; none of them drops a spoken word.
"""

from __future__ import annotations

import re

from .model import TimeMark

# `\$` and friends: Markdown escapes left in a plain-text file by the tool that exported it.
_SOURCE_ESCAPE = re.compile(r"\\([$%&#_*])")
# Inline formatting tags that some exporters leave in speaker lines, e.g. `<u>USA</u>`.
_MARKUP = re.compile(r"</?(?:u|b|i|em|strong|span|font|sup|sub)\b[^<>]*>", re.IGNORECASE)
# `(4:28)`, `(14:41)`, `(1:02:03)`: the transcriber's time stamps for a passage they could not hear.
_STAMP = r"\((\d{1,2}(?::\d{2}){1,2})\)"
# A mark takes the space before it with it, or the space after it at a paragraph's start.
# (Tried only where a run of spaces starts: tried inside one, a long run is scanned again from each space.)
_TIME_MARK = re.compile(rf"^{_STAMP}[ \t]*|(?:(?<![ \t])[ \t]*)?{_STAMP}")
# A paragraph ending like this closes its sentence; anything else may have been cut by a page break.
_CLOSED = re.compile(r"""[.?!…:;"”’')\]]$""")
_CONTINUES = re.compile(r"[a-z0-9]")


def sub_tags(pattern: re.Pattern[str], replacement, text: str) -> str:
    """`pattern.sub`, for a pattern whose every match ends with `>`: only up to the text's last `>`. Past it
    nothing can match, and there each `<` would be tried to the end of the text (quadratic on `<a <a <a …`)."""
    last = text.rfind(">") + 1
    return pattern.sub(replacement, text[:last]) + text[last:] if last else text


def unescape_source(text: str) -> str:
    return _SOURCE_ESCAPE.sub(r"\1", text)


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text)


# Control characters are no part of speech, and Python-Markdown uses some as placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_space(text: str) -> str:
    """One line, single spaces, no control characters: the form every clean paragraph has."""
    if not text.isprintable():  # a control character, or whitespace other than the space (the usual line has neither)
        text = _CONTROL.sub("", text)
        if _OTHER_SPACE.search(text):
            return " ".join(text.split())
    # Most lines are in that form already: told by a few searches in C, not split into words and joined.
    return text if "  " not in text and text[:1] != " " and text[-1:] != " " else " ".join(text.split())


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace str.split splits at, other than the space


def continues(previous: str, following: str) -> bool:
    """True when `following` carries on the sentence that a page break cut out of `previous`."""
    return not _CLOSED.search(previous.rstrip()) and bool(_CONTINUES.match(following))


def seconds(label: str) -> float:
    """A clock label as seconds: `4:28`, `1:02:03`, `00:00:01.500` (the time marks in text, timed-text lines)."""
    total = 0.0
    for part in label.split(":"):
        total = total * 60 + float(part)
    return total


def take_time_marks(text: str, paragraph: int) -> tuple[str, list[TimeMark]]:
    """Remove time stamps from a paragraph, returning the clean text and where each mark stood."""
    if "(" not in text:  # every stamp opens with one; most paragraphs have none, and the pattern is slow to fail
        return text, []
    marks: list[TimeMark] = []
    kept: list[str] = []
    position = 0
    for match in _TIME_MARK.finditer(text):
        kept.append(text[position : match.start()])
        label = match.group(1) or match.group(2)
        marks.append(TimeMark(paragraph, sum(map(len, kept)), int(seconds(label)), label))
        position = match.end()
    kept.append(text[position:])
    return "".join(kept), marks


# A line that closes a sentence: `.`, `?`, `!` or `…`, perhaps inside quotes or brackets, or a whole
# bracketed aside after one, such as `(Operator Instructions)`.
_SENTENCE_END = re.compile(r"""(?:[.?!…]["”’'»)\]]*|(?:^|[.?!…]["”’']*\s+)\([^()]*\))$""")
# Words whose full stop seldom ends a sentence: titles, firms' suffixes, initials.
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|Cos|Bros|No|Nos|vs|approx|e\.g|i\.e|U\.S|U\.K|"
    r"[A-Z](?:\.[A-Z])*)\.$"
)


def ends_paragraph(line: str, following: str) -> bool:
    """True when a hard-wrapped `line` ends its paragraph: it closes a sentence and `following` opens one.

    Text extracted from a PDF ends a paragraph with a single newline; a wrap inside a sentence is not
    an end, and neither is one after `Inc.` or an initial, nor one before a lower-case word."""
    line, following = line.rstrip(), following.lstrip()
    if not following or not _SENTENCE_END.search(line) or _ABBREVIATION.search(line):
        return False
    opening = following.lstrip("\"“‘'([")
    return bool(opening) and not opening[0].islower() and not following.startswith(("--", "—", "–", "..."))
