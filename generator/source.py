"""The `read` stage: a file on disk becomes a Source (decoded, newlines normalised, front matter split)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

from . import schema
from .diagnostics import Report
from .model import Line, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read(path: Path, report: Report, raw: bytes | None = None) -> Source:
    """The file at `path`; or, given `raw`, those bytes as if they were it (an earlier version, say)."""
    raw = path.read_bytes() if raw is None else raw
    text = _decode(raw, path, report)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = repair_mojibake(text, path, report)
    meta, body, body_line = _split_front_matter(text, path, report)
    keys = re.finditer(r"^([A-Za-z_][\w-]*)[ \t]*:", text[: len(text) - len(body)], re.MULTILINE)
    meta_lines = {m.group(1): text[: m.start()].count("\n") + 1 for m in keys} if meta else {}
    meta = schema.front_matter(meta, meta_lines, path, report)
    return Source(path=path, text=body, meta=meta, body_line=body_line, raw=raw, meta_lines=meta_lines)


def read_text(path: Path, report: Report) -> str | None:
    """A content file of our own (speakers.yml, topics.yml) as text, decoded as transcripts are; None if unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        report.error(path, 0, f"cannot be read: {error.strerror or error}", "source.unreadable")
        return None
    return _decode(raw, path, report).replace("\r\n", "\n").replace("\r", "\n")


def lines(source: Source) -> list[Line]:
    """The body's lines, each numbered as in the file (made once while `lines_kept`, a fresh list each call)."""
    kept = source.__dict__.get("_lines", False)
    if kept is False:
        return _lines(source)
    if kept is None:
        kept = source.__dict__["_lines"] = _lines(source)
    return list(kept)


def _lines(source: Source) -> list[Line]:
    return [Line(source.body_line + i, text) for i, text in enumerate(source.text.split("\n"))]


@contextmanager
def lines_kept(source: Source) -> Iterator[None]:
    """While one file is parsed, its lines are made once: every reader's sniff and the reader chosen ask for
    them (eight times a file). Dropped afterwards, so no transcript carries them (nor a pickle of it)."""
    source.__dict__.setdefault("_lines", None)  # a derived view: the frozen fields are unchanged
    try:
        yield
    finally:
        source.__dict__.pop("_lines", None)


def _decode(raw: bytes, path: Path, report: Report) -> str:
    """Bytes to text: a BOM decides; else UTF-8; else the encoding charset-normalizer finds most likely."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as error:
                line = raw[: error.start].count(b"\n") + 1
                report.warning(path, line, f"file starts like {codec} but is not; undecodable bytes replaced", "source.encoding")
                return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = raw[: error.start].count(b"\n") + 1
    codec = _detect(raw)
    if codec is None:
        report.warning(
            path, first_bad, "file is not valid UTF-8 and its encoding cannot be told; undecodable bytes replaced",
            "source.encoding",
        )
        return raw.decode("utf-8", errors="replace")
    # A warning, not info: the encoding is a guess, and a publisher should check it (or acknowledge it).
    report.warning(
        path, first_bad, f"file is not valid UTF-8; read as {_CODEC_NAMES.get(codec, codec)}", "source.encoding"
    )
    return raw.decode(codec, errors="replace")


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CODEC_NAMES = {"cp1252": "Windows-1252", "utf_16": "UTF-16", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE"}
# Windows-1252 is what Western word processors and transcript vendors write, and short texts are
# often mistaken for one of its cousins (cp1257, mac_iceland…): it wins whenever it decodes the bytes,
# unless the guess is a codec of another script or a multi-byte one.
_OTHER_SCRIPTS = re.compile(
    r"^(?:utf|cp125[1356]|cp866|cp855|koi8|mac_(?:cyrillic|greek|arabic)|iso8859_[5678]|cp87[45]|tis|"
    r"shift_jis|cp932|euc|gb|big5|hz|iso2022|cp949|johab|cp950|ptcp154|kz1048|cp1258)"
)


def _detect(raw: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    guess = best.encoding if best is not None else None
    if guess is None or not _OTHER_SCRIPTS.match(guess):
        try:
            raw.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return guess


# Only the repair of text decoded with the wrong codec: quotes, ligatures, widths and
# normalisation are left exactly as written, because nothing spoken may change.
def _mojibake_config():
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None, explain=False,
    )


# Mojibake of UTF-8 read as Windows-1252 or Latin-1: `Ã©`, `Â£`, `â€™`. Only a sequence touching a
# letter of a word (`CrÃ©dit`, `Itâ€™s`, `â€œquoted`) counts, so that text which merely contains
# such characters, as a word of its own, is never rewritten.
_MOJIBAKE_PAIR = (
    "(?:[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u00e0-\u00ef][\u0080-\u00bf\u20ac\u201a-\u201e\u2020-\u2022\u2026\u2030\u0152\u0153\u0160\u0161"
    "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u2039\u203a\u2122].)"
)
_MOJIBAKE_HINT = re.compile(f"[A-Za-z]{_MOJIBAKE_PAIR}|{_MOJIBAKE_PAIR}[A-Za-z]")
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00ef]")


def repair_mojibake(text: str, path: Path, report: Report) -> str:
    """`Itâ€™s` -> `It’s`, line by line (so line numbers hold), with one info diagnostic naming the lines."""
    # Every hint holds a character from Â to ï: told without the hint's pattern, tried at every letter.
    if text.isascii() or not _MOJIBAKE_LEAD.search(text) or not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    config = _mojibake_config()
    fixed_lines, changed = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        fixed = ftfy.fix_text(line, config) if _MOJIBAKE_HINT.search(line) else line
        if fixed != line:
            changed.append(number)
        fixed_lines.append(fixed)
    if changed:
        more = f" (and {len(changed) - 1} more lines)" if len(changed) > 1 else ""
        report.info(
            path, changed[0], f"text was mis-decoded before it reached us (mojibake such as 'â€™'); repaired{more}",
            "source.mojibake",
        )
    return "\n".join(fixed_lines)


def _split_front_matter(text: str, path: Path, report: Report) -> tuple[dict, str, int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    if not re.search(r"^[A-Za-z_][\w-]*[ \t]*:", match.group(1) or "", re.MULTILINE) and match.group(1):
        # No `key:` line: two rules of dashes in the text, not front matter. Nothing is dropped.
        report.info(path, 1, "the `---` lines at the top hold no `key: value`; read as text", "meta.not_front_matter")
        return {}, text, 1
    try:
        meta = schema.load_yaml(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        line, problem = schema.yaml_problem(error, first_line=2)
        report.error(path, line, f"front matter is not valid YAML: {problem}", "meta.yaml")
        return {}, body, body_line
    if not isinstance(meta, dict):
        report.error(path, 2, "front matter must be a mapping of keys to values", "meta.yaml")
        return {}, body, body_line
    # Dates stay text (the loader has no date resolver): the schema checks them as calendar dates.
    return {str(k): v for k, v in meta.items()}, body, body_line


def slugify(text: str) -> str:
    """URL-safe id: lower case ASCII letters, digits and single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
