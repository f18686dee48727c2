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


def base_problem(folder: Path, revision: str, explicit: bool = True) -> str | None:
    """Why `revision` cannot be what a correction is compared with, or None when it can.

    An empty revision or one git cannot resolve (`origin/` when the base branch is unset) is refused:
    compared with nothing, every move would pass unseen. Without git, only a revision asked for is refused."""
    if not revision.strip():
        return "an empty revision: name the commit or branch to compare with (HEAD, origin/main)"
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True,
                                text=True).returncode == 0
        found = inside and subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                                          cwd=folder, capture_output=True, text=True).returncode == 0
    except OSError:
        inside = found = False
    if found or not (inside or explicit):
        return None
    if not inside:
        return f"{folder} is not in a git repository, so there is no {revision!r} to compare with"
    return f"git knows no commit {revision!r} (fetch it, or check its name)"


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


def record(path: Path, found: dict[str, str]) -> bool:
    """Append the moves to the front matter as a new edition; False when the file cannot be edited safely.

    The front matter is edited as text and written back in the file's own encoding, so its BOM, line
    endings, comments, key order and body stay byte for byte; only the new lines are added."""
    raw = path.read_bytes()
    bom, codec = file_codec(raw)
    data = raw[len(bom):]
    text = data.decode(codec, errors="replace")
    newline = _newline(text)
    edition = dict(sorted(found.items(), key=lambda kv: (kv[0][0], _number(kv[0]))))
    match = _FRONT_MATTER.match(text)
    front = match.group(2) or "" if match else ""
    if match is None or not re.search(r"^[A-Za-z_][\w-]*[ \t]*:", front, re.MULTILINE):
        # No front matter (or only rules of dashes, which are text): one is put before the body.
        head, meta = "", {}
        edited = f"---{newline}{_NOTE}{newline}anchors:{newline}{_items([edition], '', newline)}---{newline}"
    else:
        head = text[: match.end()]
        try:
            meta = yaml.safe_load(front) or {}
        except yaml.YAMLError:
            return False
        if not isinstance(meta, dict):
            return False
        edited = text[: match.start(2)] + _with_edition(front, meta, edition, newline) + text[match.end(2) : match.end()]
    try:
        old_head, new_head = head.encode(codec), edited.encode(codec)
    except UnicodeEncodeError:
        return False
    if not data.startswith(old_head) or not _adds_only(edited, meta, edition):
        return False  # the text read is not exactly the bytes (undecodable ones were replaced): leave the file
    path.write_bytes(bom + new_head + data[len(old_head):])
    return True


_FRONT_MATTER = re.compile(r"\A---[ \t]*(\r\n|\n|\r)(.*?(?:\r\n|\n|\r))?(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", re.DOTALL)
_NOTE = "# Anchor moves recorded by `onrecord check --record-moves`: old links redirect."
# Byte order marks, as read() honours them, and the codec of what follows each.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def file_codec(raw: bytes) -> tuple[bytes, str]:
    """The file's BOM (or b"") and the codec `read` decodes the rest with."""
    from .source import _detect  # the same guess read() makes, so the file is written as it was read

    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom, codec
    try:
        raw.decode("utf-8")
        return b"", "utf-8"
    except UnicodeDecodeError:
        return b"", _detect(raw) or "utf-8"


def _newline(text: str) -> str:
    first = re.search(r"\r\n|\n|\r", text)
    return first.group(0) if first else "\n"


def _items(editions: list[dict[str, str]], indent: str, newline: str) -> str:
    dumped = yaml.safe_dump(editions, allow_unicode=True, width=100, default_flow_style=None, sort_keys=False)
    return "".join(f"{indent}{line}{newline}" for line in dumped.splitlines())


def _with_edition(front: str, meta: dict, edition: dict[str, str], newline: str) -> str:
    """The front matter's text with the edition added after the editions it lists (or an `anchors:` list)."""
    lines = front.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if re.match(r"anchors[ \t]*:", line)), None)
    if at is None:
        return front + f"{_NOTE}{newline}anchors:{newline}" + _items([edition], "", newline)
    value = re.sub(r"\s+#.*$", "", lines[at].split(":", 1)[1]).strip()
    if value and value != "~" and value != "null":
        # Written in flow style (`anchors: [...]`): that one line becomes a block list, editions kept.
        block = f"anchors:{newline}" + _items([*recorded(meta), edition], "", newline)
        return "".join(lines[:at]) + block + "".join(lines[at + 1 :])
    end = at + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "-", "#") or not lines[end].strip()):
        end += 1
    while end > at + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # comments and blank lines before the next key stay with it
    items = [line for line in lines[at + 1 : end] if line.lstrip().startswith("-")]
    indent = re.match(r"[ \t]*", items[0]).group(0) if items else ""
    return "".join(lines[:end]) + _items([edition], indent, newline) + "".join(lines[end:])


def _adds_only(edited: str, meta: dict, edition: dict[str, str]) -> bool:
    """Whether the edited front matter says what it said, and one edition more."""
    match = _FRONT_MATTER.match(edited)
    try:
        now = yaml.safe_load(match.group(2) or "") if match else None
    except yaml.YAMLError:
        return False
    if not isinstance(now, dict):
        return False
    others = lambda m: {k: v for k, v in m.items() if k != "anchors"}  # noqa: E731
    return others(now) == others(meta) and recorded(now) == [*recorded(meta), edition]


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
    if record_moves and not record(path, found):
        report.warning(path, 1, f"{len(found)} anchors would move ({summarise(found)}), and the front matter cannot "
                       "be edited safely (it is not valid YAML, or holds bytes its encoding cannot); add the moves "
                       "under `anchors:` by hand", "anchor.unrecorded")
    elif record_moves:
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
