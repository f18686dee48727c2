"""Page memoisation: the files a page (or a group of pages) renders to, kept between builds and reused while
exactly what they are made of is unchanged.

An entry is named by what it renders ("transcript", slug) and keyed by a digest of its inputs as the caller
names them (a transcript's digest, the site, the date it shows...), plus the code and templates that render
it. What a page asks the topic views (a topic's name and link, the earlier exchanges on the same topics elsewhere,
a speaker's main topics) depends on the whole archive, so it is not guessed into the key: the page asks
through `_Noted`, which writes each question and a digest of its answer into the entry, and the entry is
reused only when today's views answer every question the same. So adding a transcript renders again its
own pages, and only those other pages whose answers it changes.

An entry is a header line of JSON (format, key, questions, checksum and length of the payload) and a pickle
of plain strings and bytes, read back by an unpickler that makes no object at all. An entry that is
truncated or altered is said at info level (`cache.corrupt`) and rendered again, never trusted. `rendered`
and `reused` list what one build did, by name: the tests read them, never the clock.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from . import __version__, entries
from .diagnostics import Report
from .model import Transcript

FORMAT = 1  # bump when an entry's layout changes
MAGIC = b"onrecord-pages\n"
FOLDER = "pages"  # inside the cache folder

Files = dict[str, "str | bytes"]


class PageMemo:
    """The page entries of one folder (None: nothing kept, every page rendered), and what a build did with them."""

    def __init__(self, folder: Path | None, report: Report | None = None) -> None:
        self.folder = folder
        self.report = report
        self.rendered: list[tuple[str, ...]] = []
        self.reused: list[tuple[str, ...]] = []
        self._digests: dict[int, tuple[Transcript, str]] = {}

    def files(self, name: tuple[str, ...], inputs: tuple, make: Callable[[Any], Files], views: Any = None) -> Files:
        """What `make(views)` renders, from the entry `name` when its inputs and its questions to `views` are
        as they were; else rendered and kept."""
        if self.folder is None:
            return make(views)
        key = _digest((FORMAT, _fingerprint(), name, inputs))
        kept = self._load(name, key)
        if kept is not None and _same_answers(kept[0], views):
            self.reused.append(name)
            return kept[1]
        noted = _Noted(views) if views is not None else None
        made = {path: _plain(body) for path, body in make(noted).items()}
        self._store(name, key, noted.questions if noted else [], made)
        self.rendered.append(name)
        return made

    def digest_of(self, transcript: Transcript) -> str:
        """A digest of everything a transcript holds, its source and reading included; once per object a build.
        Without a folder nothing is kept, so nothing is digested (a repr of every word of the archive)."""
        if self.folder is None:
            return ""
        known = self._digests.get(id(transcript))
        if known is None or known[0] is not transcript:
            source = transcript.source
            # repr, not pickle: a transcript read from the cache and one read afresh share objects differently.
            held = (transcript, source and replace(source, raw=hashlib.sha256(source.raw).hexdigest()), transcript.reading)
            known = (transcript, _digest(held))
            self._digests[id(transcript)] = known
        return known[1]

    def keep_only_used(self) -> None:
        """Remove the entries this build neither reused nor rendered (a transcript or a speaker that is gone)."""
        if self.folder is None:
            return
        entries.remove_unwanted(self.folder, (".page",), {_file_name(name) for name in (*self.rendered, *self.reused)})

    def _load(self, name: tuple[str, ...], key: str) -> tuple[list, Files] | None:
        where = self.folder / _file_name(name)
        try:
            found = entries.read(where, MAGIC, "a page cache entry",
                                 lambda header: header.get("format") == FORMAT and header.get("key") == key)
            if found is None:
                return None  # none, or made from other inputs: stale, not wrong
            header, payload = found
            if not isinstance(header.get("questions"), list):
                raise ValueError("its header is not what an entry has")
            files = entries.plain(payload)
            if not isinstance(files, dict) or not all(isinstance(p, str) and isinstance(b, (str, bytes))
                                                      for p, b in files.items()):
                raise ValueError("it holds something other than files")
            return header["questions"], files
        except Exception as error:  # noqa: BLE001 (whatever is wrong with it, the page is rendered again)
            if self.report is not None:
                self.report.info(where, 0, f"page cache entry for {'/'.join(name)} is unreadable ({error}); "
                                 "its pages are rendered again", "cache.corrupt")
            return None

    def _store(self, name: tuple[str, ...], key: str, questions: list, files: Files) -> None:
        header = {"format": FORMAT, "name": list(name), "key": key, "questions": questions}
        try:
            entries.write(self.folder / _file_name(name), MAGIC, header, pickle.dumps(files, protocol=5))
        except OSError as error:
            entries.say_unwritable(self.report, self.folder, "the page cache", error)  # said once a build


class _Noted:
    """The topic views as a page asks them, each question and a digest of its answer noted for the entry."""

    def __init__(self, views: Any) -> None:
        self._views = views
        self.questions: list[list] = []

    def links(self, here: str, topic_ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return self._asked(["links", here, list(topic_ids)])

    def earlier(self, here: str, transcript: Transcript, exchange) -> list[dict[str, Any]]:
        return self._asked(["earlier", here, transcript.slug, exchange.id])

    def of_speaker(self, here: str, speaker_id: str) -> list[dict[str, Any]]:
        return self._asked(["of_speaker", here, speaker_id])

    def __getattr__(self, name: str) -> Any:
        # A view this class does not note: the page is right, but its entry can never be checked, so never reused.
        self.questions.append([["unnoted", name], ""])
        return getattr(self._views, name)

    def _asked(self, question: list) -> Any:
        answer = _answer(self._views, question)
        self.questions.append([question, _digest(answer)])
        return answer


def _answer(views: Any, question: list) -> Any:
    """What `views` answers to a noted question today."""
    kind, here, *rest = question
    if kind == "links":
        return views.links(here, tuple(rest[0]))
    if kind == "earlier":
        slug, exchange_id = rest
        transcript = views.transcripts[slug]
        return views.earlier(here, transcript, next(e for e in transcript.exchanges if e.id == exchange_id))
    if kind == "of_speaker":
        return views.of_speaker(here, rest[0])
    raise ValueError(f"no such question: {kind}")


def _same_answers(questions: list, views: Any) -> bool:
    if questions and views is None:
        return False
    try:
        return all(_digest(_answer(views, question)) == answered for question, answered in questions)
    except Exception:  # noqa: BLE001 (a question today's views cannot answer: the page has changed)
        return False


def _digest(value: Any) -> str:
    # Every model class is a dataclass whose repr shows its fields: the same repr, the same value.
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _plain(body: Any) -> str | bytes:
    """A page as a plain str or bytes (a Markdown or Markup string is a str subclass), the same cold or cached."""
    if type(body) in (str, bytes):
        return body
    return bytes(body) if isinstance(body, (bytes, bytearray)) else str(body)


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The code, the templates and the libraries that turn inputs into Markdown: any change renders every page again."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for library in ("jinja2", "markupsafe", "pyyaml"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)}".encode())
    for source in sorted(package.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts and source.suffix in (".py", ".j2", ".yml"):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _file_name(name: tuple[str, ...]) -> str:
    return f"{name[0]}-{hashlib.sha256('/'.join(name).encode()).hexdigest()[:32]}.page"
