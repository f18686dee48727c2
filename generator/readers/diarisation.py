"""Diarisation labels (`SPEAKER_00`, `A`, `0`, `spk_1`) as speakers: named by front matter, else placeholders.

Speech recognition tells voices apart but names nobody. A label becomes `Speaker 00`, a placeholder of
this one transcript (its id carries the slug, like `Operator`), until front matter `participants:` names
it (`{label: SPEAKER_01, name: Dana Whitfield, role: questioner}`) or speakers.yml claims the placeholder
id (`aliases: [call-2024-speaker-01]`). Each label left unnamed is reported once.
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import Source
from .vocabulary import is_placeholder

_PREFIX = re.compile(r"^(?:speaker|spk)[ _-]*", re.IGNORECASE)


class Labels:
    """The names a transcript's front matter gives its diarisation labels, and those it has not named yet."""

    def __init__(self, source: Source, report: Report):
        self.source, self.report = source, report
        self.named = named_labels(source)
        self.unnamed: dict[str, str] = {}  # label -> placeholder, in order of first appearance
        self.seen: set[str] = set()

    def name(self, label: object) -> str | None:
        """The speaker's name for a label as the file gives it (a string or a number); None for no label."""
        if label is None or isinstance(label, (bool, dict, list)):
            return None
        text = " ".join(str(label).split())
        if not text:
            return None
        self.seen.add(text)
        if text in self.named:
            return self.named[text]
        if text not in self.unnamed:
            self.unnamed[text] = placeholder(text, len(self.unnamed) + 1)
        return self.unnamed[text]

    def tell(self, line: int) -> None:
        """One warning per label nobody named, and one per named label the file does not have."""
        for label, shown in self.unnamed.items():
            self.report.warning(
                self.source.path, line, f"diarisation label {label!r} is published as {shown!r}; name it in front "
                f"matter `participants: [{{label: {label}, name: …}}]`", "speaker.unnamed")
        for label in self.named:
            if label not in self.seen:
                self.report.warning(self.source.path, self.source.line_of("participants"),
                                    f"participant label {label!r} is no speaker label of this file", "meta.participants")


def placeholder(label: str, order: int) -> str:
    """`SPEAKER_00` -> `Speaker 00`, `A` -> `Speaker A`, `0` -> `Speaker 0`, `spk_1` -> `Speaker 1`."""
    rest = _PREFIX.sub("", label).strip(" _-")
    shown = f"Speaker {rest}" if rest else f"Speaker {order}"
    return shown if is_placeholder(shown) else f"Speaker {order}"


def named_labels(source: Source) -> dict[str, str]:
    """label -> name, from front matter participants that carry a `label:` (checked by schema.front_matter)."""
    given = source.meta.get("participants")
    if not isinstance(given, list):
        return {}
    found = {}
    for entry in given:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry.get("label") is not None:
            found[" ".join(str(entry["label"]).split())] = entry["name"]
    return found
