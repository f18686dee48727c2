"""Links that last: when a correction shifts turns or exchanges, old anchors still land on the same words.

Anchors come only from order, so inserting or deleting a turn renumbers what follows. `onrecord
check` compares a transcript with its previous version in git, aligns the turns by what they say,
and reports the anchors that would move; `--record-moves` writes the moves into the front matter
as one more edition:

    anchors:
      - {t42: t43, t43: t44, q3: q4}

The page then knows its edition (moves recorded + 1). A link without `?v=` is as old as the first
edition, so the page follows every recorded move; our own links, and the address bar once the page
has loaded, carry `?v=<edition>`, so new links are never moved.
"""

from __future__ import annotations

import re
import subprocess
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Report
from .model import Transcript, Turn

_WORD = re.compile(r"\w+")


def edition(transcript: Transcript) -> int:
    return len(recorded(transcript.meta)) + 1


_ANCHOR = re.compile(r"^[a-z][a-z0-9-]*$")


def recorded(meta: dict[str, Any]) -> list[dict[str, str]]:
    """The editions' moves from front matter; anything that is not anchor -> anchor is dropped."""
    editions = meta.get("anchors") or []
    if not isinstance(editions, list):
        return []
    return [
        {k: v for k, v in moves.items() if isinstance(k, str) and isinstance(v, str) and _ANCHOR.match(k) and _ANCHOR.match(v)}
        for moves in editions
        if isinstance(moves, dict)
    ]


def _fingerprint(turn: Turn) -> str:
    words = _WORD.findall(" ".join(turn.paragraphs).lower())
    return f"{turn.label or turn.speaker or ''}|{' '.join(words[:30])}"


def moves(old: Transcript, new: Transcript) -> dict[str, str]:
    """Old anchor -> new anchor, for every turn and exchange whose anchor a correction changed."""
    matcher = SequenceMatcher(None, [_fingerprint(t) for t in old.turns], [_fingerprint(t) for t in new.turns],
                              autojunk=False)
    turn_map: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i2 - i1):
            if tag in ("equal", "replace") and j1 + k < j2:
                turn_map[old.turns[i1 + k].id] = new.turns[j1 + k].id  # the same turn, or its corrected text
            elif new.turns:
                # A deleted turn's link lands where its words stood: on the turn that follows now.
                turn_map[old.turns[i1 + k].id] = new.turns[min(j2, len(new.turns) - 1)].id
    new_turns = {t.id: t for t in new.turns}
    exchange_map = {}
    for exchange in old.exchanges:
        landed = new_turns.get(turn_map.get(exchange.turns[0], "")) if exchange.turns else None
        if landed is not None and landed.exchange:
            exchange_map[exchange.id] = landed.exchange
    both = {**turn_map, **exchange_map}
    return {old_id: new_id for old_id, new_id in both.items() if old_id != new_id}


def changed_since(folder: Path, revision: str) -> set[Path] | None:
    """Files under `folder` that differ from `revision` (committed or not); None when git cannot say.

    One `git diff` for the whole folder, so a site of a thousand transcripts asks git about the few
    that changed, not about each of them."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                             text=True, check=True).stdout.strip()
        names = subprocess.run(["git", "diff", "--name-only", revision, "--", str(folder.resolve())], cwd=top,
                               capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return None
    return {(Path(top) / name).resolve() for name in names if name}


def previous_version(path: Path, revision: str) -> bytes | None:
    """The file as `revision` has it in git, or None (no git, not tracked, or new in this change)."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path.parent, capture_output=True,
                             text=True, check=True).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=top, capture_output=True, check=True)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None
    return shown.stdout


def summarise(found: dict[str, str]) -> str:
    def order(anchor: str) -> tuple[str, int]:
        return anchor[0], int(anchor[1:]) if anchor[1:].isdigit() else 0

    keys = sorted(found, key=order)
    shown = [f"{k}→{found[k]}" for k in keys]
    return ", ".join(shown) if len(shown) <= 6 else f"{', '.join(shown[:3])} … {', '.join(shown[-2:])}"


def record(path: Path, found: dict[str, str]) -> None:
    """Append the moves to the front matter as a new edition; comments, other keys and the body stay as they are."""
    raw = path.read_bytes()
    match = re.match(rb"\A---[ \t]*\r?\n(.*?\r?\n)?(---|\.\.\.)[ \t]*(?:\r?\n|\Z)", raw, re.DOTALL)
    edition_yaml = yaml.safe_dump(
        [dict(sorted(found.items(), key=lambda kv: (kv[0][0], _number(kv[0]))))],
        allow_unicode=True, width=100, default_flow_style=None, sort_keys=False,
    ).encode("utf-8")
    if match is None:
        path.write_bytes(b"---\nanchors:\n" + edition_yaml + b"---\n" + raw)
        return
    front = match.group(1) or b""
    meta = yaml.safe_load(front) or {}
    if "anchors" in meta and list(meta)[-1] != "anchors":
        # The list must end the front matter to be appended to; move it there.
        meta["anchors"] = recorded(meta)
        meta = {k: v for k, v in meta.items() if k != "anchors"} | {"anchors": meta["anchors"]}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None).encode()
    elif "anchors" not in meta:
        front += b"# Anchor moves recorded by `onrecord check --record-moves`: old links redirect.\nanchors:\n"
    path.write_bytes(b"---\n" + front + edition_yaml + match.group(2) + b"\n" + raw[match.end():])


def _number(anchor: str) -> int:
    return int(anchor[1:]) if anchor[1:].isdigit() else 0


def check_moves(current: Transcript, old: Transcript | None, report: Report, record_moves: bool) -> dict[str, str]:
    """Report (or record) the anchors a change would move; what was recorded already is not reported."""
    if old is None or current.source is None:
        return {}
    found = moves(old, current)
    if not found or (recorded(current.meta) and recorded(current.meta)[-1] == found):
        return {}
    path = current.source.path
    first = min((t for t in current.turns if t.id in found.values()), key=lambda t: t.line, default=None)
    line = first.line if first else 1
    if record_moves:
        record(path, found)
        report.info(path, line, f"recorded {len(found)} anchor moves as edition {edition(current) + 1}: "
                    f"{summarise(found)}", "anchor.recorded")
    else:
        report.warning(
            path, line,
            f"{len(found)} anchors would move ({summarise(found)}), so old links would land on other words; "
            "record the moves with `onrecord check --record-moves`",
            "anchor.moved",
        )
    return found
