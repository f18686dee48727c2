"""The readers, one module per layout behind one contract (`Reader`); `choose` picks one, `parse` runs it.

Adding a layout is one module with `VERSION`, `EXTENSIONS`, `sniff` and `read`, and one line in `READERS`.
A reader's `VERSION` is bumped when what it makes of a file changes for a reason outside its own source
(its source is part of its version already): the per-transcript cache then re-reads the files it read.
`choose` takes front matter `format:` first, then the layout whose sniff is most confident, then the
reader for the file's extension, which publishes what it cannot understand as paragraphs, with a warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..diagnostics import Report
from ..model import Layout, Source, Transcript
from ..source import lines_kept
from . import blocks, captions, common, html, inline, markdown, motleyfool, otter, podcast_json, streetevents, subrip, vtt
from . import timed_text
from . import congressional
from . import asr_json
from . import akoma_ntoso, tei



class Reader(Protocol):
    """What every reader module provides. A reader only turns text into turns; what the file says about
    itself (title, date, firm, participant lists) it leaves in `FileFacts` for `about.describe` to weigh."""

    VERSION: int  # bumped when what it reads changes other than by its source (see `version_of`)
    EXTENSIONS: tuple[str, ...]  # the suffixes it is the default reader for

    def sniff(self, source: Source) -> float:
        """0 (not this layout) to 1 (certainly this layout), from the text alone; never reports."""

    def read(self, source: Source, report: Report) -> Transcript:
        """Every word of the source in turns, notes or directions; what looks wrong reported with its line."""


# Most specific first: on equal scores the earlier reader wins.
READERS: dict[str, Reader] = {
    "webvtt": vtt,
    "srt": subrip,
    "asr-json": asr_json,  # before podcast-json: Whisper's JSON has `segments` too
    "podcast-json": podcast_json,
    "akoma-ntoso": akoma_ntoso,
    "tei": tei,
    "streetevents": streetevents,
    "motleyfool": motleyfool,
    "otter": otter,
    "timed-text": timed_text,
    "congressional-record": congressional,
    "html": html,
    "markdown": markdown,
    "blocks": blocks,
    "inline": inline,
}
ALIASES = {"vtt": "webvtt", "json": "podcast-json", "podcast": "podcast-json", "md": "markdown",
           "motley-fool": "motleyfool", "fool": "motleyfool", "thomson": "streetevents", "court": "inline",
           "hearing": "inline", "interview": "inline", "congressional": "congressional-record", "crec": "congressional-record", "timed": "timed-text", "whisper": "asr-json", "whisperx": "asr-json", "assemblyai": "asr-json",
           "deepgram": "asr-json", "rev": "asr-json", "transcribe": "asr-json", "youtube": "asr-json",
           "akn": "akoma-ntoso", "akomantoso": "akoma-ntoso", "parlamint": "tei", "parla-clarin": "tei", "text": "blocks", "txt": "blocks"}
CONFIDENT = 0.5  # a sniff at least this sure overrides the extension

__all__ = ["READERS", "choose", "parse", "captions"]


def version_of(name: str | None) -> str:
    """What a file read by reader `name` depends on: its VERSION and its module's source. A file no reader
    read (a reader failed, "paragraphs") depends on every reader."""
    if name not in READERS:
        return "+".join(version_of(known) for known in sorted(READERS))
    module = READERS[name]
    return f"{module.VERSION}-{_source_digest(getattr(module, '__file__', None))}"


@lru_cache(maxsize=None)
def _source_digest(where: str | None) -> str:
    return hashlib.sha256(Path(where).read_bytes()).hexdigest()[:16] if where else ""


def choose(source: Source, report: Report) -> tuple[str, Reader, str]:
    """(reader name, reader, why it was chosen)."""
    forced = source.meta.get("format")
    if forced:
        name = ALIASES.get(str(forced).lower(), str(forced).lower())
        if name in READERS:
            return name, READERS[name], "front matter `format:`"
        report.warning(
            source.path, source.line_of("format"),
            f"unknown format {forced!r} (known: {', '.join(sorted(READERS))}); the layout is guessed from the text",
            "meta.format",
        )
    scores = {name: _sniff(name, reader, source, report) for name, reader in READERS.items()}
    name = max(scores, key=lambda n: (scores[n], source.suffix in READERS[n].EXTENSIONS))
    if scores[name] >= CONFIDENT:
        return name, READERS[name], f"recognised by its layout ({scores[name]:.2f} sure)"
    for name, reader in READERS.items():
        if source.suffix in reader.EXTENSIONS:
            return name, reader, f"the default for {source.suffix} files"
    report.warning(
        source.path, 1, f"no reader for {source.suffix or 'extension-less'!r} files and the layout is not recognised; "
        "reading as blocks", "layout.unsupported",
    )
    return "blocks", blocks, "no layout recognised"


def _sniff(name: str, reader: Reader, source: Source, report: Report) -> float:
    try:
        return float(reader.sniff(source))
    except Exception as error:  # a bug in that reader: said, and the file is still read by another
        report.warning(source.path, 1, f"the {name} reader failed to sniff the file ({type(error).__name__}: "
                       f"{error}); this is a bug in Onrecord, please report it", "reader.bug")
        return 0.0


def parse(source: Source, report: Report) -> Transcript:
    with lines_kept(source):
        return _parse(source, report)


def _parse(source: Source, report: Report) -> Transcript:
    name, reader, reason = choose(source, report)
    try:
        transcript = reader.read(source, report)
    except Exception as error:  # never a traceback: the text is still published, as plain paragraphs
        report.warning(source.path, 1, f"the {name} reader failed ({type(error).__name__}: {error}); this is a bug "
                       "in Onrecord, please report it; the file is published as plain paragraphs", "reader.bug")
        name, reason = "paragraphs", f"the {name} reader failed"
        transcript = common.paragraphs_only(source, report)
    return replace(transcript, layout=Layout(name, reason))
