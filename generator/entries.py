"""The one file format of the cache folder's entries: a magic line, a JSON header line, then the payload."""

from __future__ import annotations

import json


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
