"""The one escaping function: any transcript text becomes Markdown that renders back to that text.
Its HTML form, `html_text`, is for blocks written as HTML, which Python-Markdown passes through as they are.

Python-Markdown passes raw HTML through untouched, so `<`, `>` and `&` become entities. Inline
markup characters are backslash-escaped everywhere; characters that only matter at the start of a
line (lists, headings) are escaped there. `{` is escaped because `attr_list` would eat `{...}`.
The text is one line: the clean stage has already collapsed whitespace.
"""

from __future__ import annotations

import re

# Entities for raw HTML's three characters; a backslash before what Python-Markdown treats as markup
# anywhere in a line. One translation table: this runs on every word of every page.
_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " ", **{c: f"\\{c}" for c in "\\`*_[]{}#"}})
# "- x", "+ x", "1. x", "1) x" at the start of a paragraph would begin a list, "---" a rule.
_LIST_START = re.compile(r"^([-+]|\d+[.)](?=\s|$))")
# "~~~" at the start opens a code fence in CommonMark; `\~` is no escape in Python-Markdown, an entity is.
_TILDE_START = re.compile(r"^~")


def markdown_text(text: str) -> str:
    """Escape `text` (one line) so that Python-Markdown renders exactly `text`."""
    escaped = text.translate(_TABLE)
    escaped = _TILDE_START.sub("&#126;", escaped)
    return _LIST_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


# In text and in a quoted attribute alike: the five characters HTML gives meaning to, and the newline. And
# `[`: inside a `markdown` section md_in_html makes a turn's <p> an element, and toc swaps a `[TOC]` one.
_HTML_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "[": "&#91;",
                             "\n": " "})


def html_text(text: str) -> str:
    """Escape `text` (one line) for a raw HTML block: a browser shows exactly `text`, and Python-Markdown,
    which leaves raw HTML as it is, has nothing to read as markup (no `<`, no `markdown` attribute)."""
    return text.translate(_HTML_TABLE)
