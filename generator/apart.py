"""The generator run in a child process of its own, so that what it needed goes when the child exits.

Reading, joining and rendering an archive leaves the build process holding what only the generator used:
the corpus, the topic finder's word tables (wordfreq's and lemminflect's: 60 of the 173 MB still held
after generating N=100) and memory Python does not hand back. MkDocs then renders with all of it still resident, and Pagefind runs beside it. In a
forked child the generator needs no more than it did, and the build keeps only what MkDocs and Pagefind
need: the pages and the search records, sent back by pickle, a batch at a time. Where forking is unsafe
(another thread runs, as under `mkdocs serve`) or unavailable, the generator runs in this process as before.

Given a staging folder, the child writes each file's body there as render makes it, and the records once the
pages are sent, and sends only their names: neither process holds every page at once (the child's peak at
N=300 went from 536 to 334 MB), and the build holds no page's Markdown and no download until MkDocs reads or
copies it, nor any search record until Pagefind's turn (its peak through MkDocs' phase from 360 to 157 MB).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .cache import Cache
from .diagnostics import Report
from .feeds import Site
from .model import Corpus
from .pipeline import generate_with_corpus

_BATCH = 200  # pages a message: the child and this process each hold one batch pickled, not the whole site
_RECORDS = 500  # search records a pickle in the staged stream: the build reads one at a time (a bundle is thousands)


def generate_apart(content: Path, report: Report, site: Site, cache: Cache | None,
                   records_of: Callable[[Corpus], Iterable] | None = None, shard=None,
                   staging: Path | None = None) -> tuple[dict[str, str | bytes | Path], list | Path]:
    """Every generated file and, with `records_of`, the search records of the corpus; what the generator
    reported is in `report` as if it had run here. With `staging`, a file's body is the Path of a file there
    holding its bytes (`_staged` says which stay in memory), and the records are the Path `read_records` reads."""
    def step(send: Callable[[object], None]) -> None:
        into = (lambda: StagedPages(staging)) if staging else dict  # staged as rendered: never all in memory at once
        corpus, pages = generate_with_corpus(content, report, site, cache, shard, into)
        _send_pages(pages, send, staging)  # first, and given up as they go: they need not live beside the records
        del pages
        records = records_of(corpus) if records_of else []  # an iterator: staged as made, never all held
        send(("records", _stage_records(records, staging) if staging else list(records)))
        del records, corpus
        send(("report", report))

    pages: dict[str, str | bytes | Path] = {}
    records: list | Path = []
    for kind, message in apart(step):
        if kind == "pages":
            pages.update(message)
        elif kind == "records":
            records = message
        else:
            vars(report).update(vars(message))  # the child's copy of the report, with all it was told
    return pages, records


class StagedPages(dict):
    """Pages as they are rendered, each body written to `folder` at once and held as that Path (`_staged`)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def __setitem__(self, path: str, body) -> None:
        super().__setitem__(path, _staged(body, self.folder / _name(path)))

    def update(self, files=(), /, **more) -> None:
        for path, body in dict(files, **more).items():
            self[path] = body


def _name(path: str) -> str:
    """A staged file's name: one per page, so a page rendered again (a retry) replaces its own file only."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _send_pages(pages: dict, send: Callable[[object], None], staging: Path | None) -> None:
    """The pages a batch at a time, in order, each body dropped from `pages` once it is staged or sent."""
    paths = list(pages)
    for start in range(0, len(paths), _BATCH):
        batch = [(path, pages.pop(path)) for path in paths[start : start + _BATCH]]
        if staging:  # StagedPages wrote them already, but what a caller's generator gave as a plain dict
            batch = [(path, _staged(body, staging / _name(path))) for path, body in batch]
        send(("pages", batch))


def read_records(records: list | Path) -> Iterator:
    """The search records `generate_apart` returned, in order; staged ones read a chunk at a time, so that a
    caller taking them bundle by bundle (`search_index.write_site_index`) never holds them all."""
    if not isinstance(records, Path):
        yield from records
        return
    with records.open("rb") as file:
        while True:
            try:
                chunk = pickle.load(file)
            except EOFError:  # the end of the stream: the file is ours, written whole before the child said so
                return
            yield from chunk


def _stage_records(records: Iterable, where: Path) -> Path:
    """The records as a stream of pickled chunks of `_RECORDS` each, one after another in one file, each
    chunk written as soon as it is made."""
    where = where / "records.pickle"
    records = iter(records)
    with where.open("wb") as file:
        while chunk := list(islice(records, _RECORDS)):
            pickle.dump(chunk, file, protocol=pickle.HIGHEST_PROTOCOL)
    return where


def _staged(body, where: Path):
    """`body` written to `where`, and that Path; the body itself where MkDocs would not read the same back.

    MkDocs reads a staged page as text (universal newlines, a leading BOM dropped), so a page with a carriage
    return or a BOM stays in memory, as does a shard's Elsewhere (a marker, not a body) and text that UTF-8
    cannot hold (MkDocs says so when it writes it, as before)."""
    if type(body) is bytes:
        data = body
    elif type(body) is str and "\r" not in body and not body.startswith("\ufeff"):
        try:
            data = body.encode("utf-8")
        except UnicodeEncodeError:
            return body
    else:
        return body
    where.write_bytes(data)
    return where


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
