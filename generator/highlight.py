"""A Pygments lexer for transcript sources, used to show the lines a diagnostic points at."""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer, bygroups
from pygments.token import Comment, Generic, Name, Number, Punctuation, String, Text

from .readers.vocabulary import MODERATOR_LINE, QA_MARKER, REMARKS_MARKER, SPEAKER_LINE


def _whole_line(pattern: re.Pattern[str]) -> str:
    """The reader's own pattern for a whole line, keeping its case-insensitivity."""
    body = pattern.pattern.removeprefix("^").removesuffix("$")
    if pattern.flags & re.IGNORECASE:
        body = f"(?i:{body})"
    return body + r"[ \t]*$"


class TranscriptLexer(RegexLexer):
    name = "Transcript"
    aliases = ["transcript", "onrecord"]
    filenames = []  # plain .txt is not ours to claim
    flags = re.MULTILINE

    tokens = {
        "root": [
            (r"\A---\n(?:.*\n)*?---\n", Comment.Preproc),  # front matter
            (r"^" + _whole_line(QA_MARKER), Generic.Heading),
            (r"^" + _whole_line(REMARKS_MARKER), Generic.Heading),
            (r"^" + _whole_line(MODERATOR_LINE), Name.Tag),
            (r"^(?=" + _whole_line(SPEAKER_LINE) + ")", Text, "speaker"),
            (r"\(\d{1,2}(?::\d{2}){1,2}\)", Number),  # time marks
            (r"\\[$%&#_*]", String.Escape),
            (r"</?[a-zA-Z][^<>\n]*>", Comment),  # stray markup
            (r"[^\n(\\<]+", Text),
            (r"[(\\<]", Text),
            (r"\n", Text),
        ],
        "speaker": [
            (r"(.+?)( +[-–—] +)(.*)(\n|\Z)", bygroups(Name.Tag, Punctuation, Name.Attribute, Text), "#pop"),
        ],
    }


def excerpt(lines: list[str], line: int, color: bool) -> str:
    """The source line a diagnostic names, highlighted for a terminal when `color` is set."""
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    shown = text if len(text) <= 160 else text[:157] + "..."
    if color:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter

        shown = highlight(shown + "\n", TranscriptLexer(), TerminalFormatter()).rstrip("\n")
    return f"  {line:>5} | {shown}"
