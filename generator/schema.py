"""One schema for every file a publisher writes: front matter, speakers.yml, topics.yml, the plugin's options.

Each key has a type; a value of the wrong type, a date that is no date, or a key that is not known
(with the key it most likely means) is a diagnostic, and the value is dropped before any stage sees
it. YAML is read without its date resolver (dates are checked here, as text) and with bounds on
nesting and on what aliases expand to, so a 270-byte file cannot become gigabytes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, SequenceNode

from . import codes
from .diagnostics import Report

# --- reading YAML ---------------------------------------------------------------------------------

MAX_DEPTH = 64  # nested lists and mappings; the composer recurses, and nothing a publisher writes is deeper
MAX_ALIAS_NODES = 10_000  # nodes that aliases may add to a document beyond those written out


class TooLarge(yaml.MarkedYAMLError):
    """A document nested too deep, or whose aliases expand too far: refused, never built."""


class ContentLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver (a date is text, checked by the schema), bounded in size."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise TooLarge(problem=f"nested more than {MAX_DEPTH} levels deep; refused", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _check_expansion(node)
        return node


def _as_written(loader: ContentLoader, node) -> str:
    return loader.construct_scalar(node)


def _as_list(loader: ContentLoader, node) -> list:
    return [loader.construct_object(key) for key, _ in node.value]


# Values the export's JSON cannot hold, or that fail on a wrong date (`!!timestamp 2024-02-30`), stay text.
ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_written)
ContentLoader.add_constructor("tag:yaml.org,2002:binary", _as_written)
ContentLoader.add_constructor("tag:yaml.org,2002:set", _as_list)


class LineLoader(ContentLoader):
    """Keeps the line of every mapping (`__line__`), so diagnostics about an entry can point at it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _children(node) -> list:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root) -> None:
    """Refuse a graph whose expansion (every alias written out) is far larger than the text, or cyclic."""
    written = sum(1 for _ in _unique_nodes(root))
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes, depth) once expanded
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            parts = [sizes[id(child)] for child in _children(node)]
            sizes[key] = (1 + sum(n for n, _ in parts), 1 + max((d for _, d in parts), default=0))
            open_nodes.discard(key)
            nodes, depth = sizes[key]
            if nodes > written + MAX_ALIAS_NODES or depth > MAX_DEPTH:
                raise TooLarge(problem=f"aliases expand to more than {written + MAX_ALIAS_NODES:,} values or "
                               f"{MAX_DEPTH} levels (a 'billion laughs'); refused", problem_mark=node.start_mark)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise TooLarge(problem="an alias refers to a value that contains it; refused", problem_mark=node.start_mark)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _unique_nodes(root):
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(_children(node))


def load_yaml(text: str, lines: bool = False) -> Any:
    """The data of a YAML text, dates as text; raises yaml.YAMLError (TooLarge included) with a mark."""
    try:
        return yaml.load(text, Loader=LineLoader if lines else ContentLoader)  # noqa: S506 (a SafeLoader)
    except (ValueError, TypeError, RecursionError) as error:  # a constructor's own failure: still a YAML problem
        raise yaml.YAMLError(f"cannot be read ({error})") from None


def yaml_problem(error: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """(line, what is wrong) of a YAML error, the line counted from `first_line`."""
    mark = getattr(error, "problem_mark", None)
    line = first_line + mark.line if mark else first_line
    return line, getattr(error, "problem", None) or str(error) or "cannot be parsed"


# --- the types of values --------------------------------------------------------------------------


class Wrong(ValueError):
    """A value that does not fit its key; the message says what it should be."""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


def text(value: Any) -> str:
    """Text; a number is taken as written (`ticker: 7203`)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise Wrong(f"must be text, not {_kind(value)}")


def texts(value: Any) -> list[str]:
    """A list of text; one text alone is a list of one."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise Wrong(f"must be a list of text, not {_kind(value)}")
    return [text(item) for item in value]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date(value: Any) -> str:
    """A real calendar date, YYYY-MM-DD (2024-02-30 is none)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise Wrong(f"{value!r} is not YYYY-MM-DD" if isinstance(value, str) else f"{_kind(value)} is not YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise Wrong(f"{value!r} is not a real date ({error})") from None
    return value.strip()


def url(value: Any) -> str:
    """A web address (http, https) or a path on the site; no `javascript:` or `data:`."""
    address = text(value).strip()
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", address)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise Wrong(f"must be an http(s) address or a path, not a {scheme.group(1)}: URL")
    return address


def mapping_or_list(value: Any) -> Any:
    if not isinstance(value, (list, dict)):
        raise Wrong(f"must be a list, not {_kind(value)}")
    return value


def moves(value: Any) -> list:
    if not isinstance(value, list) or not all(isinstance(edition, dict) for edition in value):
        raise Wrong("must be a list of anchor moves ({t42: t43}); it is written by `onrecord check --record-moves`")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Wrong(f"must be true or false, not {_kind(value)}")
    return value


@dataclass(frozen=True)
class Key:
    name: str
    check: Callable[[Any], Any]
    meaning: str


def _keys(*keys: Key) -> dict[str, Key]:
    return {key.name: key for key in keys}


FRONT_MATTER = _keys(
    Key("title", text, "the transcript's title"),
    Key("date", date, "YYYY-MM-DD: orders the site, dates the feeds and the sitemap"),
    Key("company", text, "the organisation that answers: executives get it as theirs"),
    Key("organisation", text, "the same as company"),
    Key("ticker", text, "the company's ticker"),
    Key("slug", text, "URL /transcripts/<slug>/; default: the file name"),
    Key("format", text, "force a reader"),
    Key("genre", text, "earnings-call, court, hearing, floor-debate, interview, podcast"),
    Key("audio", url, "a recording: adds a player; time labels seek it"),
    Key("video", url, "as audio"),
    Key("participants", mapping_or_list, "roles, titles and firms of the people"),
    Key("acknowledge", texts, "diagnostic codes (or families, `clean.*`) known for this file, reported as info"),
    Key("anchors", moves, "anchor moves, written by `onrecord check --record-moves`"),
    Key("chamber", text, "the Congressional Record's chamber"),
    Key("record", text, "the Congressional Record's volume and issue"),
    Key("pages", text, "the Congressional Record's pages"),
)
PARTICIPANT = _keys(
    Key("name", text, "as the transcript labels them"),
    Key("role", text, "company, questioner, moderator or unknown"),
    Key("organisation", text, "their firm"),
    Key("title", text, "their title"),
    Key("label", text, "the diarisation label speech recognition gave them (SPEAKER_01, A, 0, spk_1)"),
)
# What other site generators (Jekyll, Hugo, MkDocs) put in front matter: kept in meta, said nothing of.
FOREIGN_KEYS = frozenset({
    "layout", "permalink", "tags", "categories", "author", "authors", "description", "draft", "weight", "summary",
    "excerpt", "published", "lang", "language", "keywords", "subtitle", "image", "type", "template", "hide",
    "search", "status", "redirect_from", "toc", "comments", "sidebar", "nav_order", "parent", "aliases",
})

SPEAKER = _keys(
    Key("id", text, "the page is /speakers/<id>/; default: from the name"),
    Key("name", text, "the person's name"),
    Key("aliases", texts, "labels, or placeholder ids, that are this person"),
    Key("role", text, "company, questioner, moderator or unknown"),
    Key("organisation", text, "their firm"),
    Key("title", text, "their title"),
    Key("bio", text, "a line about them"),
    Key("titles", mapping_or_list, "titles over time: a list of {from, title, organisation}"),
)
SPEAKER_TITLE = _keys(
    Key("from", date, "YYYY-MM-DD from which the title holds"),
    Key("date", date, "the same as from"),
    Key("title", text, "their title then"),
    Key("organisation", text, "their firm then"),
)
TOPICS_FILE = _keys(
    Key("topics", mapping_or_list, "curated topics"),
    Key("exclude", texts, "terms that are never topics"),
    Key("automatic", flag, "whether topics are also found in the text"),
)
TOPIC = _keys(
    Key("name", text, "the topic's name"),
    Key("id", text, "the page is /topics/<id>/"),
    Key("aliases", texts, "other names, compared without case, plurals or hyphens"),
    Key("patterns", texts, "regular expressions, case-insensitive"),
    Key("description", text, "a line about the topic"),
    Key("formerly", texts, "ids (or names) the topic had before a rename or a split: their pages point here"),
)
PLUGIN = _keys(
    Key("content", text, "the content folder (default: docs_dir)"),
    Key("search", flag, "run Pagefind after the build (default: only under theme: onrecord)"),
    Key("home", flag, "write the home and search pages (default: only under theme: onrecord)"),
    Key("folder", text, "the site's folder the generated pages go in (default: its root)"),
    Key("cache", lambda value: value if isinstance(value, str) else flag(value),
        "the per-transcript cache: true (beside the content folder), a folder, or false"),
    Key("shard_above", lambda value: value, "more transcripts than this: the publish workflow builds in shards (0: never)"),
    Key("shards", lambda value: value, "how many shards the publish workflow builds then (2 or more)"),
)


def plugin_warning(key: str, message: str) -> str:
    """MkDocs' warning about an option of the `onrecord` plugin, with the option it likely means."""
    near = did_you_mean(key, PLUGIN) if key not in PLUGIN else None
    return f"{message} (did you mean '{near}'? the options are {', '.join(PLUGIN)})" if near else message


def did_you_mean(key: str, known: dict[str, Key] | list[str]) -> str | None:
    """The known key a mistyped one most likely means (`titel` -> `title`, `organization` -> `organisation`)."""
    names = list(known)
    close = difflib.get_close_matches(str(key).lower().replace("-", "_"), names, n=1, cutoff=0.75)
    return close[0] if close else None


# --- checking a mapping against its keys ----------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    key: str
    message: str
    code: str


@dataclass(frozen=True)
class Codes:
    """The codes a file's problems are reported with."""

    key: str  # an unknown key (a likely typo, with its "did you mean")
    type: str  # a value of the wrong type
    date: str  # a date that is no date
    unused: str | None = None  # an unknown key that is kept (front matter only)


FRONT_MATTER_CODES = Codes(key="meta.key", type="meta.type", date="meta.date", unused="meta.unused")
SPEAKERS_CODES = Codes(key="speakers.key", type="speakers.type", date="speakers.type")


def check_mapping(
    data: dict, keys: dict[str, Key], codes_: Codes, foreign: frozenset[str] | None = None, where: str = ""
) -> tuple[dict, list[Problem]]:
    """The values that fit their keys, and a Problem for each that does not and for each unknown key.

    With `foreign` (front matter), unknown keys are kept and only a likely typo is a warning; without
    it (speakers.yml, a file of our own), every unknown key is one, and is dropped.
    """
    kept: dict = {}
    problems: list[Problem] = []
    for key, value in data.items():
        if key == "__line__":
            kept[key] = value
        elif key in keys:
            if value is None:
                continue  # `title:` with nothing: not given
            try:
                kept[key] = keys[key].check(value)
            except Wrong as wrong:
                is_date = keys[key].check is date
                said = f"{key}{where} {wrong}" if is_date else f"`{key}:`{where} {wrong}"
                problems.append(Problem(str(key), f"{said}; it is ignored", codes_.date if is_date else codes_.type))
        else:
            problem = _unknown(str(key), keys, codes_, foreign, where)
            if problem is not None:
                problems.append(problem)
            if foreign is not None:
                kept[key] = value
    return kept, problems


def _unknown(key: str, keys: dict[str, Key], codes_: Codes, foreign: frozenset[str] | None, where: str) -> Problem | None:
    near = did_you_mean(key, keys)
    if foreign is None:
        hint = f"; did you mean `{near}:`?" if near else f" (known: {', '.join(keys)})."
        return Problem(key, f"unknown key `{key}:`{where}{hint} It is ignored", codes_.key)
    if near:
        return Problem(key, f"`{key}:`{where} is not a key Onrecord reads; did you mean `{near}:`? "
                       "It is kept as written and not used", codes_.key)
    if key in foreign or codes_.unused is None:
        return None
    return Problem(key, f"`{key}:`{where} is not a key Onrecord reads; it is kept in the export's meta and not used",
                   codes_.unused)


def front_matter(meta: dict, lines: dict[str, int], path: Path, report: Report) -> dict:
    """The front matter with each value checked: what does not fit is reported at its line and dropped."""
    kept, problems = check_mapping(meta, FRONT_MATTER, FRONT_MATTER_CODES, FOREIGN_KEYS)
    for problem in problems:
        _tell(report, path, lines.get(problem.key, 1), problem)
    line = lines.get("participants", 1)
    if isinstance(kept.get("participants"), list):
        kept["participants"] = [_participant(p, path, line, report) for p in kept["participants"]]
    for pattern in kept.get("acknowledge", ()):
        if not codes.known(pattern):
            near = codes.suggestion(pattern)
            hint = f"; did you mean {near!r}?" if near else " (`onrecord check --codes` lists them)"
            report.warning(path, lines.get("acknowledge", 1), f"`acknowledge:` names {pattern!r}, which is no "
                           f"diagnostic code{hint}", "meta.acknowledge")
    return kept


def _participant(entry: Any, path: Path, line: int, report: Report) -> Any:
    if not isinstance(entry, dict):
        return entry  # about.py says each participant needs a name
    name = entry.get("name")
    where = f" of participant {name!r}" if isinstance(name, str) else " of a participant"
    kept, problems = check_mapping(entry, PARTICIPANT, FRONT_MATTER_CODES, frozenset(), where)
    for problem in problems:
        _tell(report, path, line, problem)
    return kept


def _tell(report: Report, path: Path, line: int, problem: Problem) -> None:
    level = codes.CODES[problem.code].level
    report.add(level, path, line, problem.message, problem.code)


def checked_entry(item: dict, keys: dict[str, Key], codes_: Codes, path: Path, report: Report, where: str = "") -> dict:
    """An entry of speakers.yml with each value checked; unknown keys reported and dropped."""
    kept, problems = check_mapping(item, keys, codes_, where=where)
    line = item.get("__line__", 1)
    for problem in problems:
        _tell(report, path, line, problem)
    return kept


def new_options(options: dict[str, Any]) -> list[str]:
    """What is wrong with the values given to `onrecord new` (`--date 2024-13-45`), one message each."""
    wrong = []
    for key, value in options.items():
        if key in FRONT_MATTER and value is not None:
            try:
                FRONT_MATTER[key].check(value)
            except Wrong as error:
                wrong.append(f"--{key}: {error}")
    return wrong


# Codes of values the front matter had and the schema dropped (not of keys kept as written).
_DROPPED = ("meta.yaml", "meta.type", "meta.date")


def lost_values(report: Report, path: Path) -> list:
    """The diagnostics, of one file, of front matter values that were dropped when it was read."""
    shown = report.show(path)
    return [d for d in report.diagnostics if d.path == shown and d.code in _DROPPED]


def written_problems(front: str) -> list[str]:
    """What is wrong with front matter as `onrecord new` would write it (nothing, unless it has a bug)."""
    try:
        meta = load_yaml(front)
    except yaml.YAMLError as error:
        return [yaml_problem(error)[1]]
    if not isinstance(meta, dict):
        return ["not a mapping"]
    _, problems = check_mapping(meta, FRONT_MATTER, FRONT_MATTER_CODES, FOREIGN_KEYS)
    return [p.message for p in problems if p.code in _DROPPED]
