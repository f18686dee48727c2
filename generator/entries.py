"""The one file format of the cache folder's entries (a magic line, a JSON header line, then the payload),
and the one way an entry is written and read back.

Every memo of the cache folder (cache.py, page_memo.py, topic_memo.py, html_memo.py) writes its entries
with `write` and reads them with `read`: an entry is written whole or not at all, and read back only when
its header says it was made for what is asked and its payload is the one its checksum was taken of.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
from pathlib import Path
from typing import Any, Callable


def joined(magic: bytes, header: dict, payload: bytes) -> bytes:
    return magic + json.dumps(header, sort_keys=True).encode() + b"\n" + payload


def split(data: bytes, magic: bytes, what: str) -> tuple[dict, bytes]:
    """(header, payload) of an entry, or ValueError saying what is wrong with it; `what` names the kind."""
    if not data.startswith(magic):
        raise ValueError(f"it is not {what}")
    line, newline, payload = data[len(magic):].partition(b"\n")
    if not newline:
        raise ValueError("its header is cut short")
    header = json.loads(line)
    if not isinstance(header, dict):
        raise ValueError("its header is not a mapping")
    return header, payload


def write(where: Path, magic: bytes, header: dict, payload: bytes) -> None:
    """Put an entry at `where`, its header given the payload's length and checksum, whole or not at all: a
    reader sees the old entry or the new one, never half of one. OSError when it cannot be written (no part
    of it is left behind); TypeError or ValueError, before any file is touched, for a header JSON cannot hold."""
    data = joined(magic, {**header, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}, payload)
    partial = where.with_name(f".{where.name}.{os.getpid()}.partial")  # one per process: builds may share a folder
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, where)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def read(where: Path, magic: bytes, what: str, holds: Callable[[dict], bool]) -> tuple[dict, bytes] | None:
    """(header, payload) of the entry at `where`; None when there is none, or when `holds(header)` says it
    was made from something else (stale, not wrong); ValueError when it is damaged: not `what`, or truncated
    or altered (its payload is not the one its header's checksum was taken of). Staleness is asked first,
    so an entry made from other inputs is never said to be damaged."""
    try:
        data = where.read_bytes()
    except OSError:
        return None
    header, payload = split(data, magic, what)
    if not holds(header):
        return None
    if header.get("length") != len(payload) or header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise ValueError("its checksum does not match: truncated or altered")
    return header, payload


def plain(payload: bytes) -> Any:
    """The plain values (str, bytes, numbers, lists, tuples, dicts, sets) a payload pickles; UnpicklingError
    for one that names any class or function, before anything is made of it."""
    return _PlainUnpickler(io.BytesIO(payload)).load()


def remove_unwanted(folder: Path, suffixes: tuple[str, ...], wanted: set[str]) -> None:
    """Remove a memo's entries (names ending in one of `suffixes`) that are not `wanted`: what a build no longer
    has. A folder that cannot be listed, or an entry that cannot be removed, is left as it is."""
    try:
        found = list(folder.iterdir())
    except OSError:
        return
    for entry in found:
        if entry.suffix in suffixes and entry.name not in wanted:
            with contextlib.suppress(OSError):
                entry.unlink(missing_ok=True)


def say_unwritable(report, folder: Path, what: str, error: OSError) -> None:
    """Say that `what` (a part of the cache) cannot be written; the build goes on without it. The report
    says it once a build, whichever part says it first (diagnostics.ONCE_A_BUILD)."""
    if report is None:
        return
    report.warning(folder, 0, f"{what} cannot be written ({error.strerror or error}); the build goes on without it",
                "cache.unwritable")


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"it names {module}.{name}; an entry holds only plain values")
