"""Views of the topics for pages and the command line: a speaker's main topics; a starter topics.yml."""

from __future__ import annotations

from typing import Any

import yaml

from ..model import Corpus, Topic

MAIN_TOPICS_OF_SPEAKER = 6


def topics_of_speaker(corpus: Corpus, speaker_id: str, limit: int = MAIN_TOPICS_OF_SPEAKER) -> list[tuple[Topic, int]]:
    """The topics a speaker names most, with how many times, most first."""
    turns = {(t.slug, turn.id) for t in corpus.transcripts for turn in t.turns if turn.speaker == speaker_id}
    counted = [(topic, sum((m.slug, m.turn) in turns for m in topic.mentions)) for topic in corpus.topics]
    counted = [(topic, n) for topic, n in counted if n]
    counted.sort(key=lambda item: (-item[1], item[0].name.lower()))
    return counted[:limit]


def starter_yml(corpus: Corpus) -> str:
    """A topics.yml to start from: the topics found, with their aliases, for a publisher to edit."""
    header = (
        "# Topics for onrecord: edit names, merge or drop entries, add descriptions.\n"
        "# With topics listed here, only these are used (set `automatic: true` to keep finding others).\n"
        "# aliases: phrases compared without case or plurals; patterns: regular expressions.\n"
        "# exclude: terms never to make a topic.\n"
    )
    entries = []
    for topic in corpus.topics:
        entry: dict[str, Any] = {"name": topic.name}
        if topic.aliases:
            entry["aliases"] = list(topic.aliases)
        entry["description"] = topic.description or ""
        entries.append(entry)
    body = yaml.safe_dump({"automatic": False, "exclude": [], "topics": entries}, allow_unicode=True,
                          sort_keys=False, width=100)
    return header + body
