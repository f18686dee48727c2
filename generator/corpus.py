"""The `corpus` stage: transcripts become one Corpus, with speakers known across all of them."""

from __future__ import annotations

from dataclasses import replace

from .diagnostics import Report
from .model import UNKNOWN, Corpus, Speaker, Transcript


def build_corpus(transcripts: list[Transcript], report: Report) -> Corpus:
    """Newest transcript first; a speaker is one person across transcripts when their ids agree."""
    ordered = sorted(transcripts, key=lambda t: (t.date or "", t.slug), reverse=True)
    _report_duplicate_slugs(ordered, report)
    speakers: dict[str, Speaker] = {}
    for transcript in ordered:  # newest first, so a speaker keeps their latest title and firm
        for speaker in transcript.speakers:
            known = speakers.get(speaker.id)
            if known is None:
                speakers[speaker.id] = speaker
            elif known.role == UNKNOWN and speaker.role != UNKNOWN:
                speakers[speaker.id] = replace(speaker, name=known.name)
    return Corpus(transcripts=tuple(ordered), speakers=tuple(sorted(speakers.values(), key=_sort_key)))


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
