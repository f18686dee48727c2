"""The `corpus` stage: transcripts become one Corpus, as an ordered list of named steps across them.

1. speakers: speaker ids in every transcript become people's ids (generator/identity.py);
2. topics: curated and automatic topics, and the exchanges each is about (generator/topics.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .diagnostics import Report
from .identity import Entry, resolve
from .model import Corpus, Speaker, Transcript
from .topics import TopicsFile, assign_topics


def build_corpus(
    transcripts: list[Transcript], report: Report, directory: list[Entry] | None = None,
    topics: TopicsFile | None = None,
) -> Corpus:
    """Newest transcript first; speaker ids are people's ids; exchanges carry their topics."""
    ordered = sorted(transcripts, key=lambda t: (t.date or "", t.slug), reverse=True)
    _report_duplicate_slugs(ordered, report)
    corpus = Corpus(transcripts=tuple(ordered), speakers=())
    steps: list[tuple[str, Callable[[Corpus], Corpus]]] = [
        ("speakers", lambda c: _speakers(c, directory or [], report)),
        ("topics", lambda c: assign_topics(c, topics or TopicsFile(), report)),
    ]
    for _name, step in steps:
        corpus = step(corpus)
    return corpus


def _speakers(corpus: Corpus, directory: list[Entry], report: Report) -> Corpus:
    resolved, people = resolve(list(corpus.transcripts), directory, report)
    return replace(corpus, transcripts=tuple(resolved), speakers=tuple(sorted(people, key=_sort_key)))


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
