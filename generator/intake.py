"""`onrecord new`: bring a transcript into content/transcripts/ with front matter a publisher can review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .diagnostics import ERROR, Report
from .pipeline import isolated, load_transcript
from .source import read, slugify

# The keys written first, in this order; anything else the file already had follows.
_ORDER = ("title", "date", "company", "organisation", "ticker", "slug", "format", "audio", "video", "acknowledge")


@dataclass(frozen=True)
class Intake:
    path: Path  # where the transcript now lives
    meta: dict[str, Any]  # the front matter written
    inferred: tuple[str, ...]  # keys that came from the file's text or name, not from its front matter


def add(original: Path, content: Path, overrides: dict[str, Any], report: Report, force: bool = False) -> Intake | None:
    """Copy `original` into content/transcripts/ with inferred front matter; None if it would overwrite."""
    overrides = {k: v for k, v in overrides.items() if v is not None}
    for wrong in schema.new_options(overrides):  # `--date 2024-13-45`: refused before anything is written
        report.error(original, 0, f"{wrong}; nothing was added", "new.option")
    source = read(original, report)
    if schema.lost_values(report, original):  # a value the schema dropped would vanish from the copy
        report.error(original, 1, "the file's front matter has values that cannot be used (above); fix them, "
                     "or give them as options; nothing was added", "new.front_matter")
    if report.at_least(ERROR):
        return None
    transcript = isolated(original, report, lambda: load_transcript(original, report))
    if transcript is None:  # Onrecord failed on it (said, as `pipeline.crash`): nothing is added
        return None
    meta: dict[str, Any] = dict(source.meta)
    found = {
        "title": transcript.title,
        "date": transcript.date,
        "company": transcript.organisation,
        "ticker": transcript.meta.get("ticker"),
    }
    inferred = tuple(k for k, v in found.items() if v and k not in source.meta and k not in overrides)
    meta.update({k: v for k, v in found.items() if v and k not in meta})
    if "organisation" in meta and meta.get("company") == meta["organisation"]:
        meta.pop("organisation")
    meta.update(overrides)
    slug = slugify(str(meta.get("slug") or original.stem)) or "transcript"
    if slug != original.stem:
        meta["slug"] = slug
    target = content / "transcripts" / f"{slug}{original.suffix.lower()}"
    if _taken(target, slug, force, report):
        return None
    ordered = {k: meta[k] for k in _ORDER if k in meta} | {k: v for k, v in meta.items() if k not in _ORDER}
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)
    if problems := schema.written_problems(front):  # what is written reads back as the schema wants, or is not written
        report.error(target, 2, f"the front matter would not read back ({problems[0]}); nothing was added",
                     "new.front_matter")
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    if not source.meta and _is_utf8(source.raw) and not source.raw.startswith(b"---"):
        body_bytes = source.raw.removeprefix(b"\xef\xbb\xbf")  # the body exactly as received
    else:  # re-encoded as UTF-8 (or its old front matter replaced)
        body_bytes = source.text.encode("utf-8")
    if not _write(target, f"---\n{front}---\n".encode("utf-8") + body_bytes, force, report):
        return None
    return Intake(target, ordered, inferred)


def _taken(target: Path, slug: str, force: bool, report: Report) -> bool:
    """Whether adding would replace a transcript: the file itself, a link there, or another file of the same
    page (`call.md` beside `call.txt`, `Call.TXT`). Only the file itself may be replaced, with --force."""
    folder = target.parent
    if target.is_symlink():
        report.error(target, 0, f"{target.name} is a symbolic link; nothing was added", "new.exists")
        return True
    same_page = sorted(p for p in folder.iterdir() if p != target and slugify(p.stem) == slug) if folder.is_dir() else []
    if same_page:
        report.error(same_page[0], 1, f"{same_page[0].name} is published at transcripts/{slug}/ already; give the new "
                     "one another --slug; nothing was added", "new.exists")
        return True
    if target.exists() and not force:
        report.error(target, 1, f"{target.name} exists already; use --force to replace it", "new.exists")
        return True
    return False


def _write(target: Path, data: bytes, force: bool, report: Report) -> bool:
    """Write a new file, never over one that appeared since it was looked for (unless --force replaces it)."""
    try:
        with open(target, "wb" if force else "xb") as file:
            file.write(data)
    except FileExistsError:
        report.error(target, 1, f"{target.name} exists already; use --force to replace it", "new.exists")
        return False
    return True


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
