"""The readers, one module per layout, each `read(source, report) -> Transcript`; `choose` picks one.

Each reader module has `EXTENSIONS` (the suffixes it is the default for) and `sniff(source)`, a score
from 0 (not this layout) to 1 (certainly this layout). `choose` takes front matter `format:` first,
then the layout whose sniff is most confident, then the reader for the file's extension, which
publishes what it cannot understand as paragraphs, with a warning.
"""

from __future__ import annotations

from types import ModuleType

from ..diagnostics import Report
from ..model import Source, Transcript
from . import blocks, captions, html, inline, markdown, motleyfool, otter, podcast_json, streetevents, subrip, vtt

# Most specific first: on equal scores the earlier reader wins.
READERS: dict[str, ModuleType] = {
    "webvtt": vtt,
    "srt": subrip,
    "podcast-json": podcast_json,
    "streetevents": streetevents,
    "motleyfool": motleyfool,
    "otter": otter,
    "html": html,
    "markdown": markdown,
    "blocks": blocks,
    "inline": inline,
}
ALIASES = {"vtt": "webvtt", "json": "podcast-json", "podcast": "podcast-json", "md": "markdown",
           "motley-fool": "motleyfool", "fool": "motleyfool", "thomson": "streetevents", "court": "inline",
           "hearing": "inline", "interview": "inline", "congressional": "inline", "text": "blocks", "txt": "blocks"}
CONFIDENT = 0.5  # a sniff at least this sure overrides the extension

__all__ = ["READERS", "choose", "parse", "captions"]


def choose(source: Source, report: Report) -> ModuleType:
    forced = source.meta.get("format")
    if forced:
        name = ALIASES.get(str(forced).lower(), str(forced).lower())
        if name in READERS:
            return READERS[name]
        report.warning(
            source.path, source.line_of("format"),
            f"unknown format {forced!r} (known: {', '.join(sorted(READERS))}); the layout is guessed from the text",
            "meta.format",
        )
    scores = {name: _sniff(reader, source) for name, reader in READERS.items()}
    name = max(scores, key=lambda n: (scores[n], source.suffix in READERS[n].EXTENSIONS))
    if scores[name] >= CONFIDENT:
        return READERS[name]
    for reader in READERS.values():
        if source.suffix in reader.EXTENSIONS:
            return reader
    report.warning(
        source.path, 1, f"no reader for {source.suffix!r} files and the layout is not recognised; reading as blocks",
        "layout.unsupported",
    )
    return blocks


def _sniff(reader: ModuleType, source: Source) -> float:
    try:
        return float(reader.sniff(source))
    except Exception:  # a sniff that cannot tell is a no; it must never stop the run
        return 0.0


def parse(source: Source, report: Report) -> Transcript:
    return choose(source, report).read(source, report)
