"""The per-transcript cache: what read, parse, about, structure and audit made of one file, kept between builds.

An entry is trusted only when everything those stages depend on is what it was: the file's bytes and
name (front matter is in the bytes; the name can give the slug and the format), the code of every stage
but the readers, and the version of the reader that read it (`readers.version_of`: its `VERSION` and its
source), so that changing one reader re-reads only the files it read, and the files its sniff now
claims: when another reader has changed, the file's reader is chosen again (cheap) before trusting it.
speakers.yml and topics.yml act in the corpus stage, after the cache, and do not touch it. The
diagnostics the stages reported are kept with the entry and replayed in their order, so a cached build
says exactly what a cold one says.

An entry is a header line of JSON (format, key, readers' versions, checksum and length of the payload) and a pickle
of the result. Pickle keeps the frozen dataclasses exactly; it is read back by an unpickler that makes
nothing but the model's classes and plain values, and only after the checksum matched. An entry that is
truncated, altered or unreadable is said at info level (`cache.corrupt`) and rebuilt, never trusted.
The pages rendered from the corpus are kept in the folder's `pages/`, by page_memo.py's rules.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import __version__, entries, readers
from .diagnostics import Diagnostic, Report
from .model import Transcript
from .page_memo import FOLDER as PAGES, PageMemo
from .source import read

FORMAT = 1  # bump when an entry's layout or what it holds changes
MAGIC = b"onrecord-cache\n"
FOLDER = ".onrecord-cache"  # beside the content folder unless the plugin's `cache:` says where
_THIS_FILE = ""  # a diagnostic's path meaning "the transcript itself", wherever the build runs from


@dataclass(frozen=True)
class Entry:
    """One file's result and what the stages said about it, in order."""

    transcript: Transcript
    diagnostics: tuple[Diagnostic, ...]
    acknowledged: tuple[str, ...]


def folder_for(setting: bool | str | None, content: Path, base: Path) -> Path | None:
    """Where the cache lives: `true` beside the content folder, a path (relative to `base`), or off."""
    if setting is False or setting is None:
        return None
    if setting is True:
        return content.resolve().parent / FOLDER
    return base / setting


class Cache:
    """The entries of one cache folder, and what a build took from it (`reused`) or read afresh (`read`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.read: list[Path] = []
        self.reused: list[Path] = []
        self.pages: PageMemo | None = None  # the rendered pages kept beside the entries, once a build asks for them
        self.topics = None  # the topic phrases of each transcript (topic_memo.py), once a build asks for them

    def page_memo(self, report: Report) -> PageMemo:
        """The memo of rendered pages in this folder, reporting into `report` an entry it cannot trust."""
        self.pages = PageMemo(self.folder / PAGES, report)
        return self.pages

    def topic_memo(self, report: Report):
        """The memo of each transcript's topic phrases in this folder, reporting into `report` an entry it cannot trust."""
        from .topic_memo import FOLDER as TOPICS, TopicMemo  # imported with the topics step, not at start-up

        self.topics = TopicMemo(self.folder / TOPICS, report)
        return self.topics

    def transcript(self, path: Path, report: Report, load: Callable[[Path, Report, bytes], Transcript]) -> Transcript:
        """`load(path, report, raw)`'s transcript, from the cache when the entry is good, reporting what it reported."""
        raw = path.read_bytes()
        key = entry_key(path.name, raw)
        entry, others_changed = self._entry(path, key, report)
        if entry is not None and others_changed:
            # Another reader changed, and its sniff may now claim this file: the entry holds if it does not.
            entry = entry if _chosen(path, raw) == _reader_of(entry) else None
            if entry is not None:
                self._store(path, key, entry, report)  # with today's versions, so the next build trusts it at once
        if entry is None:
            entry = self._fresh(path, raw, report, load)
            self._store(path, key, entry, report)
            self.read.append(path)
        else:
            self.reused.append(path)
        _replay(entry, path, report)
        return _with_source(entry.transcript, path=path, raw=raw)

    def keep_only(self, paths: list[Path]) -> None:
        """Remove the entries of transcripts that are gone, so the folder holds one entry per transcript."""
        entries.remove_unwanted(self.folder, (".entry",), {_entry_name(path) for path in paths})

    def _fresh(self, path: Path, raw: bytes, report: Report, load) -> Entry:
        scratch = Report(root=report.root)
        try:
            transcript = load(path, scratch, raw)
        except BaseException:
            report.take(scratch.diagnostics)  # what was said before the crash is still said
            raise
        shown = scratch.show(path)
        said = tuple(replace(d, path=_THIS_FILE) if d.path == shown else d for d in scratch.diagnostics)
        return Entry(transcript, said, tuple(sorted(scratch.acknowledged(path))))

    def _entry(self, path: Path, key: str, report: Report) -> tuple[Entry | None, bool]:
        """The good entry for this key (None when there is none or it is stale; a corrupt one is said), and
        whether any other reader has changed since it was written."""
        where = self.folder / _entry_name(path)

        def holds(header: dict) -> bool:  # else an older format, another version of the file, or a changed reader
            return (header.get("format") == FORMAT and header.get("key") == key
                    and header.get("reader_version") == readers.version_of(header.get("reader")))

        try:
            found = entries.read(where, MAGIC, "a cache entry", holds)
            if found is None:
                return None, False  # none, or stale: not wrong
            header, payload = found
            entry = _ModelUnpickler(io.BytesIO(payload)).load()
            if not isinstance(entry, Entry) or not isinstance(entry.transcript, Transcript):
                raise ValueError("it holds something other than a transcript")
        except Exception as error:  # noqa: BLE001 (whatever is wrong with it, it is rebuilt)
            report.info(where, 0, f"cache entry for {path.name} is unreadable ({error}); the file is read again",
                        "cache.corrupt")
            return None, False
        return entry, header.get("readers") != _reader_versions()

    def _store(self, path: Path, key: str, entry: Entry, report: Report) -> None:
        kept = replace(entry, transcript=_with_source(entry.transcript, raw=b""))  # the file holds the bytes
        payload = pickle.dumps(kept, protocol=5)
        reader = _reader_of(entry)
        header = {"format": FORMAT, "key": key, "reader": reader, "reader_version": readers.version_of(reader),
                  "readers": _reader_versions()}
        try:
            entries.write(self.folder / _entry_name(path), MAGIC, header, payload)
        except OSError as error:
            entries.say_unwritable(report, self.folder, "the cache", error)  # said once a build


def entry_key(name: str, raw: bytes) -> str:
    """What an entry is valid for, but the reader's version (known only once a reader has read the file)."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, _stages_fingerprint(), name):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _stages_fingerprint() -> str:
    """A digest of the package's code but the readers' own modules, which `readers.version_of` stands for:
    a stage changed without a release must not be answered from the cache."""
    package = Path(__file__).resolve().parent
    own = {Path(module.__file__).resolve() for module in readers.READERS.values() if getattr(module, "__file__", None)}
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        if source.resolve() not in own:
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _reader_of(entry: Entry) -> str | None:
    return entry.transcript.layout.reader if entry.transcript.layout else None


def _reader_versions() -> dict[str, str]:
    return {name: readers.version_of(name) for name in readers.READERS}


def _chosen(path: Path, raw: bytes) -> str:
    """The reader `readers.choose` takes for the file now (its text read again, nothing reported)."""
    quiet = Report()
    return readers.choose(read(path, quiet, raw=raw), quiet)[0]


def _entry_name(path: Path) -> str:
    return f"{path.name}.entry"


def _with_source(transcript: Transcript, **changes) -> Transcript:
    return replace(transcript, source=replace(transcript.source, **changes)) if transcript.source else transcript


def _replay(entry: Entry, path: Path, report: Report) -> None:
    shown = report.show(path)
    report.take([replace(d, path=shown) if d.path == _THIS_FILE else d for d in entry.diagnostics])
    report.acknowledge(path, entry.acknowledged)


# What an entry may be made of: the model, a diagnostic, and the plain values front matter can hold.
_ALLOWED = {
    "onrecord.model": None,  # any class of the model
    "onrecord.cache": {"Entry"},
    "onrecord.diagnostics": {"Diagnostic"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath", "PureWindowsPath"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "builtins": {"set", "frozenset", "complex", "bytearray"},
}


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module not in _ALLOWED or (_ALLOWED[module] is not None and name not in _ALLOWED[module]):
            raise pickle.UnpicklingError(f"it names {module}.{name}, which no entry holds")
        found = super().find_class(module, name)
        if module == "onrecord.model" and not isinstance(found, type):
            raise pickle.UnpicklingError(f"it names {module}.{name}, which is not a class of the model")
        return found
