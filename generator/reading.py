"""Reading many transcripts on every core: each file read apart in a worker process, the transcripts and
what was said about them taken back in file order, so the build is the same as one read in turn.

read, parse, about, structure and audit depend on one file only (DESIGN), so the files are independent
work. Below PARALLEL_FROM files, or with one core, or where other threads run (`mkdocs serve`'s server:
forking a threaded process is unsafe), they are read one after another in this process.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from .cache import Cache
from .diagnostics import Diagnostic, Report
from .model import Transcript

PARALLEL_FROM = 24  # transcripts: fewer are read before worker processes would have started


def read_all(paths: list[Path], report: Report, cache: Cache | None,
             one: Callable[[Path], Transcript | None], workers: int | None = None) -> list[Transcript | None]:
    """`one(path)` for each path, in order (None where a file failed), on `workers` processes when it pays."""
    workers = workers if workers is not None else _cores()
    if workers < 2 or len(paths) < PARALLEL_FROM or threading.active_count() > 1 or "fork" not in _methods():
        return [one(path) for path in paths]
    folder = cache.folder if cache else None
    _warm_up()
    chunk = max(1, len(paths) // (workers * 8))  # small enough that both cores finish together
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        results = list(pool.map(_read_apart, paths, [report.root] * len(paths), [folder] * len(paths), chunksize=chunk))
    transcripts = []
    for path, (transcript, said, acknowledged, from_cache) in zip(paths, results):
        # In file order, as a build reading them in turn says them; each worker's report says the build's
        # own trouble (an unwritable cache) afresh, and `take` keeps it once.
        report.take(said)
        report.acknowledge(path, sorted(acknowledged))
        if cache:
            (cache.reused if from_cache else cache.read).append(path)
        transcripts.append(transcript)
    return transcripts


def _read_apart(path: Path, root: Path | None, folder: Path | None
                ) -> tuple[Transcript | None, list[Diagnostic], frozenset[str], bool]:
    """In a worker: one file, read as the build reads it (from the cache when its entry is good)."""
    from .pipeline import isolated, load_transcript  # the worker is forked: pipeline is imported already

    scratch = Report(root=root) if root is not None else Report()
    cache = Cache(folder) if folder else None
    step = (lambda: cache.transcript(path, scratch, load_transcript)) if cache else (lambda: load_transcript(path, scratch))
    transcript = isolated(path, scratch, step)
    return transcript, scratch.diagnostics, scratch.acknowledged(path), bool(cache and cache.reused)


def _warm_up() -> None:
    """Load here, once, what every worker would load on its first file: wordfreq's word list and the short forms
    of names (half a second of CPU in each worker). Forked after, the workers share them; the build's speakers
    and topics steps, in this process, need them anyway."""
    from .readers.vocabulary import is_given_name
    from .topics.words import _zipf

    _zipf("the")
    is_given_name("tim")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()
