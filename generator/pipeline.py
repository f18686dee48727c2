"""The generator from end to end: a content folder becomes a Corpus, then pages. Reads like the DESIGN."""

from __future__ import annotations

import gc
import os
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable, TypeVar

from .about import describe
from .anchors import previous_version
from .audit import measured
from .cache import Cache
from .corpus import build_corpus
from .diagnostics import Report
from .feeds import Site
from .identity import load_directory
from .model import Corpus, Source, Transcript
from .readers import parse
from .reading import read_all
from .render import render
from .source import read
from .structure import structure
from .topics import TopicsFile, load_topics_file

T = TypeVar("T")

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".markdown", ".vtt", ".srt", ".json", ".html", ".htm", ".xml")


def transcript_paths(content: Path, report: Report | None = None) -> list[Path]:
    """The transcripts of a content folder: every known suffix, and files without one (their text decides).

    Only files that are in the folder itself: a symbolic link or a device could publish anything the
    machine can read (a link to /proc/self/environ put a build's secrets on the site)."""
    folder = content / "transcripts"
    if folder.is_symlink():
        _refuse(folder, report)
        return []
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue
        if not own_file(path, report):
            continue
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES or not path.suffix:
            found.append(path)
        elif report is not None:
            report.warning(path, 0, f"not read: {path.suffix!r} is not a transcript format Onrecord reads "
                           f"({', '.join(TRANSCRIPT_SUFFIXES)}, or no extension)", "content.skipped")
    return found


def own_file(path: Path, report: Report | None = None) -> bool:
    """Whether `path` is a regular file of the content folder itself; a link or a special file is refused."""
    if path.is_symlink():
        _refuse(path, report)
        return False
    if path.exists() and not path.is_file():
        if report is not None:
            report.error(path, 0, "not read: a device, pipe or socket is not a content file", "content.special")
        return False
    return path.is_file()


def _refuse(path: Path, report: Report | None) -> None:
    if report is None:
        return
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    report.error(path, 0, f"not read: a symbolic link{target}; content must be a file inside the content folder, "
                 "so nothing outside it is published", "content.symlink")


def transcript_of(source: Source, report: Report) -> Transcript:
    """parse (clean inside) -> about -> structure: the stages that depend on one file only."""
    return structure(describe(parse(source, report), report), report)


def load_transcript(path: Path, report: Report, raw: bytes | None = None) -> Transcript:
    """read -> parse -> about -> structure, for one file (or `raw`, its bytes as read), and how well it was read."""
    source = read(path, report, raw=raw)
    acknowledged = source.meta.get("acknowledge", [])
    if isinstance(acknowledged, str):
        acknowledged = [acknowledged]
    if not isinstance(acknowledged, list) or not all(isinstance(code, str) for code in acknowledged):
        report.warning(
            path, source.line_of("acknowledge"), "`acknowledge:` must be a list of diagnostic codes", "meta.acknowledge"
        )
        acknowledged = []
    report.acknowledge(path, acknowledged)
    return measured(transcript_of(source, report), report)


def load_previous(path: Path, revision: str) -> Transcript | None:
    """The transcript as `revision` has it in git, when it differs from the file now; else None."""
    raw = previous_version(path, revision)
    if raw is None or raw == path.read_bytes():
        return None
    quiet = Report()  # the old version's problems are history
    return transcript_of(read(path, quiet, raw=raw), quiet)


def load(content: Path, report: Report) -> Corpus:
    return corpus_of(*_loaded(content, report), report)


def _loaded(content: Path, report: Report, cache: Cache | None = None,
            kept: Callable[[Transcript], Transcript] | None = None) -> tuple[list[Transcript], list, TopicsFile]:
    """Each transcript read on its own (one that crashes is reported and left out), and the folder's settings.

    With a cache, a file read before is taken from it, its diagnostics said again in their order. Given `kept`,
    each transcript is read in this process and only `kept(transcript)` held, as soon as it is read (the join
    keeps less of each; reading workers would hand back whole transcripts, and from the cache one process is
    fast enough)."""
    paths = transcript_paths(content, report)
    if not paths:
        report.warning(content / "transcripts", 0, "no transcripts found", "content.empty")
    directory, topics = _settings(content, report)
    one = (lambda p: cache.transcript(p, report, load_transcript)) if cache else (lambda p: load_transcript(p, report))

    def read(path: Path) -> Transcript | None:
        return isolated(path, report, lambda: one(path))

    if kept:
        transcripts = [kept(t) for t in map(read, paths) if t]  # one at a time: each whole one let go at once
    else:
        # On both cores when there are many: the same transcripts and diagnostics, in the same order.
        transcripts = [t for t in read_all(paths, report, cache, read) if t]
    if cache:
        cache.keep_only(paths)
    return transcripts, directory, topics


def read_shard(content: Path, report: Report, cache: Cache, index: int, count: int) -> list[Path]:
    """The first pass of a sharded build: shard `index` of `count`'s transcripts (by file name) read into
    the cache, so that the shards' builds, given every shard's entries, read no file."""
    from .shards import owner

    paths = [path for path in transcript_paths(content, report) if owner(path.name, count) == index]
    for path in paths:
        isolated(path, report, lambda p=path: cache.transcript(p, report, load_transcript))
    return paths


def _settings(content: Path, report: Report) -> tuple[list, TopicsFile]:
    """speakers.yml and topics.yml, each only if it is a file of the folder, and neither able to stop the build."""
    speakers, topics = content / "speakers.yml", content / "topics.yml"
    directory = isolated(speakers, report, lambda: load_directory(speakers, report)) if own_file(speakers, report) else []
    curated = isolated(topics, report, lambda: load_topics_file(topics, report)) if own_file(topics, report) else None
    return directory or [], curated or TopicsFile()


def load_one(path: Path, report: Report) -> Transcript | None:
    """One transcript, and only it is read: with its content folder's speakers.yml and topics.yml when it is in one.
    None, and a `pipeline.crash` error, when Onrecord fails on it."""
    folder = path.resolve().parent
    directory, topics = None, None
    if folder.name == "transcripts":
        directory, topics = _settings(folder.parent, report)
    return isolated(path, report, lambda: build_corpus([load_transcript(path, report)], report, directory, topics).transcripts[0])


def generate(content: Path, report: Report, site: Site = Site(), cache: Cache | None = None) -> dict[str, str | bytes]:
    """Every generated file of the site, by path under the docs folder."""
    return generate_with_corpus(content, report, site, cache)[1]


def generate_with_corpus(content: Path, report: Report, site: Site = Site(), cache: Cache | None = None,
                         shard=None, into: Callable[[], dict] = dict) -> tuple[Corpus, dict[str, str | bytes]]:
    """The Corpus the site shows (the search index is made from it), and every generated file, rendered into
    a mapping `into()` makes; for a `shard`, the groups of pages other shards own are not rendered (shards.ShardMemo)."""
    try:
        return _generate_with_corpus(content, report, site, cache, shard, into)
    finally:
        gc.unfreeze()  # what the build froze is collected as any other objects again (`mkdocs serve` lives on)


def _generate_with_corpus(content: Path, report: Report, site: Site, cache: Cache | None,
                          shard, into: Callable[[], dict]) -> tuple[Corpus, dict[str, str | bytes]]:
    from . import joined

    # The corpus `onrecord join` made from this very content, if the cache holds it; else joined here.
    corpus = joined.load(content, report, cache, shard) if cache else joined.unjoined(
        report, content, shard, "the build uses no cache, so no joined corpus")
    if corpus is None:
        transcripts, directory, topics = _loaded(content, report, cache)
        transcripts = [_without_text(t) for t in transcripts]
        gc.freeze()  # they live to the end of the build: each full collection walked them all again (5% at N=1,000)
        topic_memo = cache.topic_memo(report) if cache else None
        corpus = corpus_of(transcripts, directory, topics, report, topic_memo)
        if topic_memo:
            topic_memo.keep_only_used()
    gc.freeze()  # and so does the corpus, while its pages are rendered
    home = _home_text(content / "index.md", report)
    memo = joined.shard_memo(shard) if shard else cache.page_memo(report) if cache else None
    pages = attempt(report, lambda scratch: render(corpus, home, site, memo, into()))
    if pages is not None:
        if memo:
            memo.keep_only_used()
        return corpus, pages
    # Some transcript breaks a page: find it by rendering each alone, leave it out, build the rest (whose
    # diagnostics were reported already).
    broken = {t.source.path for t in corpus.transcripts if t.source and not _renders_alone(corpus, t, home, site, report)}
    transcripts, directory, topics = _loaded(content, Report(), cache)  # said already
    kept = [t for t in transcripts if t.source is None or t.source.path not in broken]
    corpus = corpus_of(kept, directory, topics, Report())
    pages = isolated(content, report, lambda: render(corpus, home, site, None, into()))
    return (corpus, pages) if pages else (Corpus(transcripts=(), speakers=()), {})


def _without_text(transcript: Transcript) -> Transcript:
    """The transcript without its source's decoded text, read and audited already: a copy of every word held
    through the topics and the rendering, the generator's peak (57 MB at N=1,000). The raw bytes stay, for the
    download and the page memo's digest, which they determine the text for."""
    source = transcript.source
    return replace(transcript, source=replace(source, text="")) if source else transcript


def _home_text(home: Path, report: Report) -> str:
    if not own_file(home, report):
        return ""
    raw = home.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.warning(home, raw[: error.start].count(b"\n") + 1, "not valid UTF-8; undecodable bytes replaced",
                       "source.encoding")
        return raw.decode("utf-8", errors="replace")


# --- one file's failure is that file's diagnostic ------------------------------------------------


def isolated(path: Path, report: Report, step: Callable[[], T]) -> T | None:
    """What `step` gives, or None and a `pipeline.crash` error naming `path` when it raises.

    A bug met in one file must not hide every other file's diagnostics, nor stop their pages."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 (any bug at all, reported where it happened)
        crashed(path, error, report)
        return None


def crashed(path: Path, error: BaseException, report: Report) -> None:
    message = str(error)
    message = message if len(message) <= 200 else message[:200] + "…"
    report.error(path, 0, f"Onrecord failed on this file and left it out of the site: {type(error).__name__}: "
                 f"{message} ({_where(error)}); this is a bug in Onrecord, please report it", "pipeline.crash")


def _where(error: BaseException) -> str:
    """The innermost line of Onrecord's own code that the error passed through."""
    package = Path(__file__).resolve().parent
    frames = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve().is_relative_to(package)]
    frame = (frames or traceback.extract_tb(error.__traceback__) or [None])[-1]
    if frame is None:
        return "no traceback"
    name = Path(frame.filename).resolve()
    shown = name.relative_to(package.parent).as_posix() if name.is_relative_to(package.parent) else name.name
    return f"at {shown}:{frame.lineno}"


def attempt(report: Report, step: Callable[[Report], T]) -> T | None:
    """`step`, reporting into a scratch copy of `report` kept only if it succeeds (so a retry says nothing twice)."""
    scratch = replace(report, diagnostics=[])
    try:
        result = step(scratch)
    except Exception:  # noqa: BLE001 (the caller finds which file is to blame)
        return None
    report.take(scratch.diagnostics)
    return result


def corpus_of(transcripts: list[Transcript], directory: list | None, topics: TopicsFile | None, report: Report,
              topic_memo=None) -> Corpus:
    """build_corpus; when a transcript breaks it, that transcript is reported and left out."""
    whole = attempt(report, lambda scratch: build_corpus(transcripts, scratch, directory, topics, topic_memo))
    if whole is not None:
        return whole
    kept = []
    for transcript in transcripts:
        try:
            build_corpus([transcript], Report(), directory, topics)
            kept.append(transcript)
        except Exception as error:  # noqa: BLE001
            crashed(transcript.source.path if transcript.source else Path(transcript.slug), error, report)
    rest = attempt(report, lambda scratch: build_corpus(kept, scratch, directory, topics))
    if rest is not None:
        return rest
    # Only some transcripts together break it: no file to blame, so the folder is.
    folder = kept[0].source.path.parent if kept and kept[0].source else Path(".")
    isolated(folder, report, lambda: build_corpus(kept, Report(), directory, topics))
    return Corpus(transcripts=(), speakers=())


def _renders_alone(corpus: Corpus, transcript: Transcript, home: str, site: Site, report: Report) -> bool:
    ids = {s.id for s in transcript.speakers}
    alone = Corpus(transcripts=(transcript,), speakers=tuple(s for s in corpus.speakers if s.id in ids))
    try:
        render(alone, home, site)
    except Exception as error:  # noqa: BLE001
        crashed(transcript.source.path if transcript.source else Path(transcript.slug), error, report)
        return False
    return True
