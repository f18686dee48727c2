"""A one-line `markdown="span"` element of a generated page, as the HTML Python-Markdown would make of it.

Speaker and topic pages are mostly such lines: a list item, a byline, a pager, each a link or two to other
pages and some words (`<li markdown="span">[Priya K. Quiroga](../speakers/priya-k-quiroga.md) · Fendan
<span class="counts">90 mentions</span></li>`). Python-Markdown parses each with its HTML parser, then
runs every inline pattern over it, for output that only swaps the links: half of a topic page's
conversion. A line whose text holds nothing any pattern reads (no backslash, emphasis, code, image,
bracket outside a link, bare `&`, `<` or `>`), whose tags are a few plain inline ones and whose links are
relative `.md` links without a title is written here instead, each link as MkDocs would write it
(turn_html.html_href, as for turns); any other line is left to Python-Markdown as it is.
"""

from __future__ import annotations

import re

from .turn_html import html_href

# The whole line: a block tag whose only Markdown is its content, on one line.
_LINE = re.compile(r'<(p|li|nav)((?:\s+[a-z-]+="[^"<>&]*")*)\s+markdown="span">(.*)</\1>')
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")  # passed through as it is
# What the content may hold: a link to a page, a plain inline tag, an entity, a word.
_PART = re.compile(
    r'\[(?P<text>[^\[\]]*)\]\((?P<href>[A-Za-z0-9._/-]*\.md(?:\?[A-Za-z0-9=-]*)?(?:#[A-Za-z0-9_-]*)?)\)'
    r'|(?P<tag></?(?:span|strong|time|em)(?:\s+[a-z-]+="[^"<>&]*")*>)'
    rf'|(?P<entity>{_ENTITY.pattern})')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
# A character some inline pattern or the serializer would act on, outside the parts above.
_ACTED_ON = re.compile(r"[\\`*_\[\]!<>&{}]|  |https?:|www\.|@")


def span_html(line: str, page: str, directory_urls: bool = True) -> str | None:
    """The HTML of `line` on the page at `page` (its source path), or None if Python-Markdown should read it."""
    whole = _LINE.fullmatch(line)
    if whole is None:
        return None
    out, at, content = [], 0, whole[3]
    for part in _PART.finditer(content):
        if _ACTED_ON.search(content, at, part.start()):
            return None
        out.append(content[at : part.start()])
        if part["href"] is not None:
            if _ACTED_ON.search(_ENTITY.sub("", part["text"])):
                return None
            out.append(f'<a href="{html_href(page, part["href"], directory_urls)}">{part["text"]}</a>')
        else:
            out.append(part[0])
        at = part.end()
    if _ACTED_ON.search(content, at):
        return None
    out.append(content[at:])
    attributes = sorted(_ATTRIBUTE.findall(whole[2]))  # Python-Markdown's serializer writes them in lexical order
    if any(name == value for name, value in attributes):
        return None  # a boolean attribute, which it writes bare
    opening = "".join(f' {name}="{value}"' for name, value in attributes)
    return f"<{whole[1]}{opening}>{''.join(out)}</{whole[1]}>"
