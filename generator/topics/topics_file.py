"""content/topics.yml: curated topics (name, id, aliases, patterns, description, former ids), terms to exclude,
and whether topics are also found in the text; every problem reported with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import schema
from ..diagnostics import Report
from ..pages import RESERVED_IDS
from .patterns import compile_pattern
from .patterns import error as pattern_error
from ..source import read_text, slugify


@dataclass(frozen=True)
class CuratedTopic:
    """An entry of content/topics.yml."""

    name: str
    id: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    description: str | None = None
    line: int = 0
    former_ids: tuple[str, ...] = ()  # `formerly:`: ids it had before a rename, whose pages point here


@dataclass(frozen=True)
class TopicsFile:
    """What content/topics.yml says; empty when there is no such file."""

    topics: tuple[CuratedTopic, ...] = ()
    exclude: tuple[str, ...] = ()
    automatic: bool | None = None  # None: automatic topics only when no topics are listed
    path: Path | None = None

    @property
    def finds_topics(self) -> bool:
        return self.automatic if self.automatic is not None else not self.topics



_TOPIC_KEYS = {*schema.TOPIC, "__line__"}
_FILE_KEYS = {*schema.TOPICS_FILE, "__line__"}


def load_topics_file(path: Path, report: Report) -> TopicsFile:
    """content/topics.yml, every problem reported with its line; what is usable is kept."""
    if not path.is_file():
        return TopicsFile()
    text = read_text(path, report)  # not UTF-8: decoded as a transcript would be, with a warning
    if text is None:
        return TopicsFile(path=path)
    try:
        data = schema.load_yaml(text, lines=True)
    except yaml.YAMLError as error:
        line, problem = schema.yaml_problem(error)
        report.error(path, line, f"not valid YAML: {problem}", "topics.yaml")
        return TopicsFile(path=path)
    if data is None:
        return TopicsFile(path=path)
    if isinstance(data, list):
        data = {"topics": data, "__line__": 1}
    if not isinstance(data, dict):
        report.error(path, 1, "expected `topics:` (a list) and optionally `exclude:` and `automatic:`", "topics.yaml")
        return TopicsFile(path=path)
    for key in sorted(set(data) - _FILE_KEYS, key=str):
        report.warning(path, 1, f"unknown key {key!r} ({_hint(key, schema.TOPICS_FILE)}); it is ignored", "topics.key")
    automatic = data.get("automatic")
    if automatic is not None and not isinstance(automatic, bool):
        report.warning(path, 1, "`automatic:` must be true or false; it is ignored", "topics.automatic")
        automatic = None
    exclude = data.get("exclude") or []
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(term, str) for term in exclude):
        report.warning(path, 1, "`exclude:` must be a list of terms; it is ignored", "topics.exclude")
        exclude = []
    entries = data.get("topics") or []
    if not isinstance(entries, list):
        report.error(path, 1, "`topics:` must be a list of topics", "topics.yaml")
        entries = []
    curated: list[CuratedTopic] = []
    seen: dict[str, int] = {}
    for item in entries:
        topic = _curated_topic(item, path, report)
        if topic is None:
            continue
        if topic.id in seen:
            report.warning(path, topic.line, f"topic id {topic.id!r} is already used on line {seen[topic.id]}; "
                           "this entry is ignored", "topics.duplicate")
            continue
        seen[topic.id] = topic.line
        curated.append(topic)
    return TopicsFile(tuple(curated), tuple(exclude), automatic, path)


def _curated_topic(item: Any, path: Path, report: Report) -> CuratedTopic | None:
    line = item.get("__line__", 1) if isinstance(item, dict) else 1
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        report.warning(path, line, "each topic needs a `name:`; this entry is ignored", "topics.entry")
        return None
    for key in sorted(set(item) - _TOPIC_KEYS, key=str):
        report.warning(path, line, f"unknown key {key!r} in topic {item['name']!r} ({_hint(key, schema.TOPIC)}); "
                       "it is ignored", "topics.key")
    name = item["name"].strip()
    topic_id = item.get("id")
    if topic_id is not None and (not isinstance(topic_id, str) or slugify(topic_id) != topic_id):
        report.warning(path, line, f"id {topic_id!r} must be lower case letters, digits and hyphens; "
                       "the name's is used", "topics.id")
        topic_id = None
    topic_id = topic_id or slugify(name)
    if not topic_id:
        report.warning(path, line, f"topic {name!r} gives no usable id; set `id:`", "topics.id")
        return None
    if topic_id in RESERVED_IDS:  # topics/index.md is the list of topics, topics/page/2.md its next page
        report.warning(path, line, f"topics/{topic_id}/ belongs to the topics list; topic {name!r} is at "
                       f"topics/{topic_id}-2/: set another `id:`", "topics.id")
        topic_id = f"{topic_id}-2"
    aliases = _strings(item, "aliases", name, path, line, report, "topics.aliases")
    patterns = []
    for pattern in _strings(item, "patterns", name, path, line, report, "topics.patterns"):
        try:
            patterns.append(compile_pattern(pattern))  # `regex`, on a time budget: see patterns.py
        except pattern_error as error:
            report.warning(path, line, f"pattern {pattern!r} of topic {name!r} is not a regular expression "
                           f"({error}); it is ignored", "topics.pattern")
    description = item.get("description")
    if description is not None and not isinstance(description, str):
        report.warning(path, line, f"the description of topic {name!r} must be text; it is ignored", "topics.description")
        description = None
    formerly = tuple(dict.fromkeys(slugify(old) for old in _strings(item, "formerly", name, path, line, report,
                                                                 "topics.formerly") if slugify(old) != topic_id))
    return CuratedTopic(name, topic_id, aliases, tuple(patterns), description.strip() if description else None, line,
                        tuple(old for old in formerly if old))


def _hint(key: Any, keys: dict) -> str:
    near = schema.did_you_mean(str(key), keys)
    return f"did you mean {near!r}?" if near else f"expected {', '.join(keys)}"


def _strings(item: dict, key: str, name: str, path: Path, line: int, report: Report, code: str) -> tuple[str, ...]:
    value = item.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.warning(path, line, f"`{key}:` of topic {name!r} must be a list of text; it is ignored", code)
        return ()
    return tuple(v.strip() for v in value)

