"""The `read` stage: a file on disk becomes a Source (decoded, newlines normalised, front matter split)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .diagnostics import Report
from .model import Line, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read(path: Path, report: Report) -> Source:
    raw = path.read_bytes()
    text = _decode(raw, path, report)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line = _split_front_matter(text, path, report)
    keys = re.finditer(r"^([A-Za-z_][\w-]*)[ \t]*:", text[: len(text) - len(body)], re.MULTILINE)
    meta_lines = {m.group(1): text[: m.start()].count("\n") + 1 for m in keys} if meta else {}
    return Source(path=path, text=body, meta=meta, body_line=body_line, raw=raw, meta_lines=meta_lines)


def lines(source: Source) -> list[Line]:
    """The body's lines, each numbered as in the file."""
    return [Line(source.body_line + i, text) for i, text in enumerate(source.text.split("\n"))]


def _decode(raw: bytes, path: Path, report: Report) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.warning(path, line, "file is not valid UTF-8; read as Windows-1252", "source.encoding")
        return raw.decode("cp1252", errors="replace")


def _split_front_matter(text: str, path: Path, report: Report) -> tuple[dict, str, int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark else 1
        problem = getattr(error, "problem", None) or "cannot be parsed"
        report.error(path, line, f"front matter is not valid YAML: {problem}", "meta.yaml")
        return {}, body, body_line
    if not isinstance(meta, dict):
        report.error(path, 2, "front matter must be a mapping of keys to values", "meta.yaml")
        return {}, body, body_line
    # YAML turns 2015-11-03 into a date; the model and the export keep ISO strings.
    meta = {str(k): (v.isoformat() if isinstance(v, dt.date) else v) for k, v in meta.items()}
    return meta, body, body_line


def slugify(text: str) -> str:
    """URL-safe id: lower case ASCII letters, digits and single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
