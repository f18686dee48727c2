"""The generator run in a child process of its own, so that what it needed goes when the child exits.

Reading, joining and rendering an archive leaves the build process holding what only the generator used:
the corpus, the topic finder's word tables (wordfreq's and lemminflect's: 60 of the 173 MB still held
after generating N=100) and memory Python does not hand back. MkDocs then renders with all of it still resident, and Pagefind runs beside it. In a
forked child the generator needs no more than it did, and the build keeps only what MkDocs and Pagefind
need: the pages and the search records, sent back by pickle, a batch at a time. Where forking is unsafe
(another thread runs, as under `mkdocs serve`) or unavailable, the generator runs in this process as before.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path
from typing import Callable

from .cache import Cache
from .diagnostics import Report
from .feeds import Site
from .model import Corpus
from .pipeline import generate_with_corpus

_BATCH = 200  # pages a message: the child and this process each hold one batch pickled, not the whole site


def generate_apart(content: Path, report: Report, site: Site, cache: Cache | None,
                   records_of: Callable[[Corpus], list] | None = None, shard=None) -> tuple[dict[str, str | bytes], list]:
    """Every generated file and, with `records_of`, the search records of the corpus; what the generator
    reported is in `report` as if it had run here."""
    def step(send: Callable[[object], None]) -> None:
        corpus, pages = generate_with_corpus(content, report, site, cache, shard)
        send(records_of(corpus) if records_of else [])
        del corpus
        items = list(pages.items())
        for start in range(0, len(items), _BATCH):
            send(items[start : start + _BATCH])
        send(report)

    messages = apart(step)
    records = next(messages)
    pages: dict[str, str | bytes] = {}
    for message in messages:
        if isinstance(message, Report):
            vars(report).update(vars(message))  # the child's copy of the report, with all it was told
        else:
            pages.update(message)
    return pages, records


def apart(step: Callable[[Callable[[object], None]], None]):
    """The messages `step(send)` sends, in order, from a forked child; from this process where forking is unsafe."""
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        said: list[object] = []
        step(said.append)
        yield from said
        return
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(step, send), daemon=False)
    child.start()
    send.close()
    try:
        while True:
            try:
                kind, message = receive.recv()
            except EOFError:
                child.join()
                raise RuntimeError(f"the generator's process ended before it finished (exit code {child.exitcode})") from None
            if kind == "done":
                return
            if kind == "error":
                raise message
            yield message
    finally:
        receive.close()
        child.join()


def _child(step: Callable[[Callable[[object], None]], None], send) -> None:
    try:
        step(lambda message: send.send(("message", message)))
        send.send(("done", None))
    except BaseException as error:  # noqa: BLE001 (raised again in the build process)
        try:
            send.send(("error", error))
        except Exception:  # noqa: BLE001 (an error that does not pickle is sent as its text)
            send.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        send.close()
