"""Transcript pages rendered on both cores: each transcript's files made apart in a forked worker, taken back in
transcript order with what the page memo did and said, so the pages are those of one process rendering in turn.

Given the corpus and the topic views (built before the workers fork, and only read by them), a transcript's
pages depend on nothing another transcript's rendering does. Below PARALLEL_FROM transcripts, with one core, or
where other threads run (`mkdocs serve`: forking a threaded process is unsafe), they are rendered in this process.
"""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Callable, Sequence

from .page_memo import Files, PageMemo
from .reading import _cores, _methods

PARALLEL_FROM = 48  # transcripts: fewer take less than the workers take to start and send their pages back

# What the forked workers render: set just before they fork, so each has it without pickling the corpus.
_TASK: tuple[Sequence[Any], Callable[[Any], Files], PageMemo] | None = None


def render_each(items: Sequence[Any], render_one: Callable[[Any], Files], memo: PageMemo,
                workers: int | None = None) -> list[Files]:
    """`render_one(item)` for each item, in order, on `workers` processes when it pays."""
    global _TASK
    workers = workers if workers is not None else _cores()
    if workers < 2 or len(items) < PARALLEL_FROM or threading.active_count() > 1 or "fork" not in _methods():
        return [render_one(item) for item in items]
    _TASK = (items, render_one, memo)
    try:
        chunk = max(1, len(items) // (workers * 8))  # small enough that both cores finish together
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            results = list(pool.map(_render_apart, range(len(items)), chunksize=chunk))
    finally:
        _TASK = None
    made = []
    for files, rendered, reused, said in results:
        memo.rendered.extend(rendered)  # in transcript order, as one process rendering in turn lists them
        memo.reused.extend(reused)
        if memo.report is not None:
            memo.report.diagnostics.extend(said)
        made.append(files)
    return made


def _render_apart(index: int) -> tuple[Files, list, list, list]:
    """In a worker: one item's files, and what the memo rendered, reused and said for it."""
    items, render_one, memo = _TASK
    rendered, reused = len(memo.rendered), len(memo.reused)
    said = len(memo.report.diagnostics) if memo.report is not None else 0
    files = render_one(items[index])
    return (files, memo.rendered[rendered:], memo.reused[reused:],
            memo.report.diagnostics[said:] if memo.report is not None else [])
