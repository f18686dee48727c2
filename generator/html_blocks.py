"""The raw HTML blocks of a generated page, kept out of Python-Markdown's way and set back into its HTML.

Python-Markdown runs its HTML parser over every raw HTML block of a page (and md_in_html over every
`<section markdown>`) only to pass the HTML through as it was: on a transcript page that was most of
MkDocs' time. Before the conversion `hide` swaps each block we wrote for a short comment, and each
`markdown` wrapper's opening and closing lines too (the Markdown between them is converted as
Markdown, headings and ids included); after it `restore` swaps the comments back. The page the
reader gets is the same; the `.md` file is not changed by any of this.

A page is hidden whole or not at all: a block whose end cannot be found, or a closing line that
matches no wrapper, leaves the page to Python-Markdown as it is.
"""

from __future__ import annotations

import html
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

from .span_html import span_html

# A wrapper whose content is Markdown, alone on its line: `<section class="exchange" markdown>`.
_WRAPPER = re.compile(r'<(div|section|aside|ul|ol)((?:\s+[a-z-]+="[^"<>]*")*)\s+markdown(?:="(?:1|block)")?>')
_CLOSING = re.compile(r"</(div|section|aside|ul|ol)>")
# Any other tag that opens a block: one the page closes on the same line is Python-Markdown's to read
# (`<p class="topics" markdown="span">…</p>`), one it does not makes the page not one of ours.
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
# A raw block we write (a turn, a list, a chart): its opening tag has no `markdown` attribute.
_RAW = re.compile(r"<(div|ul|ol|figure|p|script|aside|section)(?=[\s>])([^>]*)>")
_ID = re.compile(r'<[a-z][^<>]*?\sid="([^"]*)"')
_SPAN = "s"  # marks the placeholder of a span element (span_html), which restore takes its newline with
# (A lookahead, not `[\s>]` over the line and a space added: that copied every line of every turn to scan it.)
_TAGS = {name: re.compile(rf"<(/?){name}(?=[\s>]|$)") for name in ("div", "ul", "ol", "figure", "p", "script", "aside", "section")}


def hide(markdown: str, page: str | None = None, directory_urls: bool = True) -> tuple[str, list[str]]:
    """The page with each raw HTML block a placeholder comment, and the blocks in order; (the page, [])
    if it does not read as the generator writes pages. Given the page's source path, its one-line
    `markdown="span"` elements are hidden too, as the HTML Python-Markdown would make of them (span_html)."""
    lines = markdown.split("\n")
    page_out = _Hidden(_token(markdown))
    open_wrappers: list[str] = []
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        # Python-Markdown takes a block-level tag at the start of any line as the start of raw HTML.
        end, html = _block(lines, i, open_wrappers) if line.startswith("<") else (None, None)
        span = span_html(line, page, directory_urls) if end is None and page and line.startswith("<") else None
        if span:
            page_out.add(span, _SPAN)
            i += 1
            continue
        if end is None:
            if _CLOSING.fullmatch(line) or not _left_whole(line):
                return markdown, []  # a wrapper closed that was never opened, a block never closed: not ours
            page_out.text(line)
            i += 1
            continue
        page_out.add(html)
        i = end + 1
    if open_wrappers:
        return markdown, []
    return page_out.result()


def restore(converted: str, hidden: list[str]) -> str:
    """The converted page with the placeholders of `hide` replaced by their HTML."""
    if not hidden:
        return converted
    token, blocks = hidden[0], hidden[1:]
    # A span element's placeholder came out as raw HTML does, with a line more after it than an element gets.
    return re.sub(rf"<!--{re.escape(token)}:(\d+)(?:-->|{_SPAN}-->\n?)", lambda m: blocks[int(m[1])], converted)


class _Hidden:
    """The page being hidden: its lines, and its blocks, each the parts one placeholder stands for.

    A block (or span element) goes into the placeholder before it if nothing but blank lines stand between
    them. Python-Markdown reads each placeholder as a paragraph through every inline pattern (a topic page
    had forty); joined, the HTML keeps the lines it would have had apart: an element (a span line) is
    followed by one newline, raw HTML by two, and raw HTML one after another by one, as before."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.lines: list[str] = []
        self.blocks: list[list[str]] = []
        self.joinable: str | None = None  # the kind of the placeholder the page ends with, but for blank lines

    def text(self, line: str) -> None:
        self.lines.append(line)
        if line:
            self.joinable = None

    def add(self, html: str, kind: str = "") -> None:
        lines = self.lines
        while lines and not lines[-1]:
            lines.pop()
        if self.joinable is not None:
            self.blocks[-1] += ["\n\n" if self.joinable != _SPAN and kind == _SPAN else "\n", html]
            # What follows the placeholder is what follows its last part.
            lines[-1] = _placeholder(self.token, len(self.blocks) - 1, kind)
        else:  # a block of its own, as Python-Markdown makes it
            lines += ["", _placeholder(self.token, len(self.blocks), kind)]
            self.blocks.append([html])
        lines.append("")
        self.joinable = kind

    def result(self) -> tuple[str, list[str]]:
        blocks = ["".join(parts) for parts in self.blocks]
        return "\n".join(self.lines), [self.token, *blocks] if blocks else []


def anchor_ids(hidden: list[str]) -> set[str]:
    """The ids in the hidden blocks: MkDocs looks for them in the raw HTML it sees, to validate `#t42` links."""
    return {html.unescape(found) for block in hidden[1:] for found in _ID.findall(block)}


def _block(lines: list[str], start: int, open_wrappers: list[str]) -> tuple[int | None, str | None]:
    """Where the block starting at `start` ends and its HTML, or (None, None) if it is not one of ours."""
    line = lines[start]
    if wrapper := _WRAPPER.fullmatch(line):
        open_wrappers.append(wrapper[1])
        return start, f"<{wrapper[1]}{wrapper[2]}>"
    if (closing := _CLOSING.fullmatch(line)) and open_wrappers and open_wrappers[-1] == closing[1]:
        open_wrappers.pop()
        return start, line
    raw = _RAW.match(line)
    if not raw or "markdown" in raw[2]:
        return None, None
    tag, depth = _TAGS[raw[1]], 0
    for end in range(start, len(lines)):
        for found in tag.finditer(lines[end]):
            depth += -1 if found[1] else 1
        if depth <= 0:
            closing_tag = f"</{raw[1]}>"
            if not lines[end].endswith(closing_tag):
                return None, None
            return end, "\n".join(lines[start : end + 1])
    return None, None


def _left_whole(line: str) -> bool:
    """Whether a line Python-Markdown may read as raw HTML ends where its block does."""
    opening = _OPENING.match(line)
    return not opening or opening[1] not in _BLOCK_LEVEL or line.endswith(f"</{opening[1]}>")


def _token(markdown: str) -> str:
    """A name for the placeholders that the page's own text does not hold."""
    token = "onrecord-html"
    while token in markdown:
        token += "-"
    return token


def _placeholder(token: str, index: int, kind: str = "") -> str:
    return f"<!--{token}:{index}{kind}-->"
