"""The `corpus` stage: transcripts become one Corpus, with speakers resolved into people across them."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Report
from .identity import Entry, resolve
from .model import Corpus, Speaker, Transcript


def build_corpus(transcripts: list[Transcript], report: Report, directory: list[Entry] | None = None) -> Corpus:
    """Newest transcript first; speaker ids in every transcript are people's ids."""
    ordered = sorted(transcripts, key=lambda t: (t.date or "", t.slug), reverse=True)
    _report_duplicate_slugs(ordered, report)
    resolved, people = resolve(ordered, directory or [], report)
    return Corpus(transcripts=tuple(resolved), speakers=tuple(sorted(people, key=_sort_key)))


def _sort_key(speaker: Speaker) -> tuple[str, str]:
    parts = speaker.name.split()
    return (parts[-1].lower() if parts else "", speaker.name.lower())


def _report_duplicate_slugs(transcripts: list[Transcript], report: Report) -> None:
    seen: dict[str, Transcript] = {}
    for transcript in transcripts:
        first = seen.setdefault(transcript.slug, transcript)
        if first is not transcript and transcript.source is not None:
            report.error(
                transcript.source.path, 1,
                f"slug {transcript.slug!r} is already used by {first.source.path if first.source else '?'}; "
                "set `slug:` in the front matter",
                "meta.slug",
            )
