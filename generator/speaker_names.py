"""The speaker index's rows for its filter (index_names.py): everyone it lists, so the filter narrows every page."""

from __future__ import annotations

from typing import Callable, Iterable

from . import index_names
from .model import Speaker


def names_files(listed: Iterable[tuple[str, str, Speaker]], href: Callable[[Speaker], str],
                transcripts: Callable[[Speaker], int]) -> dict[str, str]:
    """`speakers/names/`: [name, link, what the index says of them, other words to match] for each (group,
    firm, speaker) in the index's order. Small on purpose: the full record is speakers.json."""
    rows = []
    for group, firm, speaker in listed:
        n = transcripts(speaker)
        detail = " · ".join(part for part in (speaker.title, firm, group, f"{n} transcript{'s' if n != 1 else ''}") if part)
        rows.append([speaker.name, href(speaker), detail, " ".join((firm, speaker.title or "", *speaker.aliases)).strip()])
    return index_names.files("speakers/names", rows)
