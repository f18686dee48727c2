"""The speaker index's names.json: one short row per person it lists, so its filter narrows every page at once."""

from __future__ import annotations

import json
from typing import Callable, Iterable

from .model import Speaker


def names_json(listed: Iterable[tuple[str, str, Speaker]], href: Callable[[Speaker], str],
               transcripts: Callable[[Speaker], int]) -> str:
    """[name, link from /speakers/, what the index says of them, other words to match] for each (group, firm,
    speaker) in the index's order. Small on purpose: the full record is speakers.json."""
    rows = []
    for group, firm, speaker in listed:
        n = transcripts(speaker)
        detail = " · ".join(part for part in (speaker.title, firm, group, f"{n} transcript{'s' if n != 1 else ''}") if part)
        rows.append([speaker.name, href(speaker), detail, " ".join((firm, speaker.title or "", *speaker.aliases)).strip()])
    return json.dumps({"schema": "onrecord.speaker-names/1", "fields": ["name", "href", "detail", "also"],
                       "items": rows}, ensure_ascii=False, separators=(",", ":")) + "\n"
