"""The readers, one module per layout, each `read(source, report) -> Transcript`; `choose` picks one."""

from __future__ import annotations

from types import ModuleType

from ..diagnostics import Report
from ..model import Source, Transcript
from . import blocks

READERS: dict[str, ModuleType] = {"blocks": blocks}


def choose(source: Source, report: Report) -> ModuleType:
    """By front matter `format:` first, then by extension; anything else is read as blocks, with a warning."""
    forced = source.meta.get("format")
    if forced:
        if forced in READERS:
            return READERS[forced]
        report.warning(
            source.path, source.line_of("format"),
            f"unknown format {forced!r} (known: {', '.join(sorted(READERS))}); reading as blocks",
            "meta.format",
        )
        return blocks
    for reader in READERS.values():
        if source.suffix in reader.EXTENSIONS:
            return reader
    report.warning(
        source.path, 1, f"no reader for {source.suffix!r} files yet; reading as blocks", "layout.unsupported"
    )
    return blocks


def parse(source: Source, report: Report) -> Transcript:
    return choose(source, report).read(source, report)
