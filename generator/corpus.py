"""The `corpus` stage: transcripts become one Corpus, as an ordered list of named steps across them.

1. speakers: speaker ids in every transcript become people's ids (generator/identity.py);
2. topics: curated and automatic topics, and the exchanges each is about (generator/topics/).
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
    topics: TopicsFile | None = None, topic_memo=None,
) -> Corpus:
    """Newest transcript first; speaker ids are people's ids; exchanges carry their topics."""
    ordered = sorted(transcripts, key=lambda t: (t.date or "", t.slug), reverse=True)
    ordered = _distinct_slugs(ordered, report)
    corpus = Corpus(transcripts=tuple(ordered), speakers=())
    steps: list[tuple[str, Callable[[Corpus], Corpus]]] = [
        ("speakers", lambda c: _speakers(c, directory or [], report)),
        ("topics", lambda c: assign_topics(c, topics or TopicsFile(), report, topic_memo)),
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


def _distinct_slugs(transcripts: list[Transcript], report: Report) -> list[Transcript]:
    """A second transcript of a slug (in file name order, which dates cannot change) is reported and numbered:
    it must not replace the first one's page."""
    taken = {t.slug for t in transcripts}
    first: dict[str, Transcript] = {}
    renamed: dict[int, str] = {}
    for transcript in sorted(transcripts, key=lambda t: str(t.source.path) if t.source else t.slug):
        if first.setdefault(transcript.slug, transcript) is transcript:
            continue
        safe = next(f"{transcript.slug}-{n}" for n in range(2, len(transcripts) + 3) if f"{transcript.slug}-{n}" not in taken)
        taken.add(safe)
        renamed[id(transcript)] = safe
        if transcript.source is not None:
            owner = first[transcript.slug].source
            report.error(
                transcript.source.path, 1,
                f"slug {transcript.slug!r} is already used by {owner.path if owner else '?'}; this one is published "
                f"at transcripts/{safe}/ until you set `slug:` in the front matter",
                "meta.slug",
            )
    return [replace(t, slug=renamed[id(t)]) if id(t) in renamed else t for t in transcripts]
