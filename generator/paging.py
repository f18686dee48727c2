"""Pages that stay small as the archive grows: a long list split into numbered pages, and the links between them.

Page 1 keeps the address it always had (`speakers/ada-lee.md` is /speakers/ada-lee/); page k lives under
it, `speakers/ada-lee/page/k.md` (/speakers/ada-lee/page/k/). Python splits; the templates lay out
`pager`, which names only a few pages around the current one, so it does not grow with N either.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Callable, Sequence, TypeVar

from .pages import Markdown, link

T = TypeVar("T")

PAGER_NEIGHBOURS = 3  # pages named either side of the current one


def split(items: Sequence[T], budget: int, weight: Callable[[T], int] = lambda item: 1,
          most: int | None = None) -> list[list[T]]:
    """Items in order, in pages of at most `budget` weight and `most` items; an item heavier than the
    budget has a page of its own. Never empty: no items is one empty page."""
    pages: list[list[T]] = [[]]
    load = 0
    for item in items:
        heavy = weight(item)
        if pages[-1] and (load + heavy > budget or (most is not None and len(pages[-1]) >= most)):
            pages.append([])
            load = 0
        pages[-1].append(item)
        load += heavy
    return pages


def page_path(first: str, number: int) -> str:
    """`speakers/ada-lee.md`, 3 -> `speakers/ada-lee/page/3.md`; `speakers/index.md`, 3 -> `speakers/page/3.md`."""
    if number == 1:
        return first
    stem = first[: -len(".md")]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return posixpath.join(folder, "page", f"{number}.md")


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    links: tuple[dict[str, Any], ...]  # {number, href, current}, with {gap: True} where pages are left out
    previous: Markdown | None
    next: Markdown | None


def pager(first: str, number: int, count: int) -> Pager:
    """The links of page `number` of `count` to the first, the last and its neighbours."""
    here = page_path(first, number)
    shown = sorted({1, count, *range(max(1, number - PAGER_NEIGHBOURS), min(count, number + PAGER_NEIGHBOURS) + 1)})
    links: list[dict[str, Any]] = []
    for n in shown:
        if links and n - links[-1]["number"] > 1:
            links.append({"gap": True, "number": n - 1})
        links.append({"number": n, "href": link(here, page_path(first, n)), "current": n == number, "gap": False})
    return Pager(
        number, count, tuple(links),
        link(here, page_path(first, number - 1)) if number > 1 else None,
        link(here, page_path(first, number + 1)) if number < count else None,
    )
