"""`onrecord merge` says what stops it as every diagnostic is said, `path:line: level: message [code]`, with a
registered code, and leaves the site it would replace alone."""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

from click.testing import CliRunner

from onrecord import codes, shards
from onrecord.cli import main
from onrecord.search_index import BUNDLES, ENTRY

DIAGNOSTIC = re.compile(r"^(?P<path>[^\s:]+)(?::(?P<line>\d+))?: error: (?P<message>.+) \[(?P<code>[a-z_]+\.[a-z_]+)\]$")


def shard_site(folder: Path, k: int, count: int, page: str = "<html>\n<body>\nSaid.\n</body>\n</html>\n") -> Path:
    """A shard's site as `onrecord build --shard K/N` leaves it, in small: a page and its search bundle."""
    bundle = folder / "pagefind" / f"shard-{k}-of-{count}"
    bundle.mkdir(parents=True)
    (bundle / ENTRY).write_text("{}", encoding="utf-8")
    (bundle / BUNDLES).write_text(json.dumps({"bundles": ["./"]}), encoding="utf-8")
    (folder / "404.html").write_text(page, encoding="utf-8")
    return folder


def merged(tmp_path: Path, monkeypatch, *sites: Path):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["merge", *(str(s.relative_to(tmp_path)) for s in sites), "--site-dir", "merged"])


def errors(stderr: str) -> list[re.Match[str]]:
    """Every line that says `error`, each of which must be a diagnostic with a registered code."""
    said = [line for line in stderr.splitlines() if ": error: " in line or line.startswith("error")]
    found = [DIAGNOSTIC.match(line) for line in said]
    assert None not in found, said
    assert all(m["code"] in codes.CODES for m in found)
    return found


def test_a_merge_missing_a_shard_names_the_bundle_as_a_diagnostic(tmp_path, monkeypatch):
    done = merged(tmp_path, monkeypatch, shard_site(tmp_path / "one", 1, 3), shard_site(tmp_path / "three", 3, 3))
    assert done.exit_code == 1
    assert [(m["path"], m["code"]) for m in errors(done.stderr)] == [("merged/pagefind/shard-2-of-3", "merge.incomplete")]
    assert not (tmp_path / "merged").exists()


def test_a_file_two_shards_hold_differently_is_named_at_the_line_where_they_part(tmp_path, monkeypatch):
    first = shard_site(tmp_path / "one", 1, 2)
    second = shard_site(tmp_path / "two", 2, 2, page="<html>\n<body>\nOther.\n</body>\n</html>\n")
    (tmp_path / "merged").mkdir()
    (tmp_path / "merged" / "kept.html").write_text("the site before", encoding="utf-8")
    done = merged(tmp_path, monkeypatch, first, second)
    assert done.exit_code == 1
    found = errors(done.stderr)
    assert [(m["path"], m["line"], m["code"]) for m in found] == [("two/404.html", "3", "merge.differs")]
    assert "one/404.html" in found[0]["message"] and "Traceback" not in done.output
    assert (tmp_path / "merged" / "kept.html").read_text(encoding="utf-8") == "the site before"


def test_a_disk_that_fails_mid_merge_is_a_diagnostic_of_the_file_not_a_traceback(tmp_path, monkeypatch):
    first, second = shard_site(tmp_path / "one", 1, 2), shard_site(tmp_path / "two", 2, 2)

    def full(source, copy):
        raise OSError(errno.ENOSPC, "No space left on device", str(copy))

    monkeypatch.setattr(shards.shutil, "copy2", full)
    done = merged(tmp_path, monkeypatch, first, second)
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert [(m["path"], m["message"], m["code"]) for m in errors(done.stderr)] == [
        ("merged/404.html", "No space left on device", "merge.io_error")]
    assert not (tmp_path / "merged").exists()


def test_a_merge_that_fails_on_a_bug_says_so_as_a_diagnostic_of_the_site(tmp_path, monkeypatch):
    def failing(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(shards, "merge", failing)
    done = merged(tmp_path, monkeypatch, shard_site(tmp_path / "one", 1, 1))
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert [(m["path"], m["message"], m["code"]) for m in errors(done.stderr)] == [
        ("merged", "RuntimeError: a bug", "merge.crash")]


def test_a_shard_site_that_is_not_there_is_a_diagnostic_of_its_path(tmp_path, monkeypatch):
    done = merged(tmp_path, monkeypatch, shard_site(tmp_path / "one", 1, 2), tmp_path / "two")
    assert done.exit_code == 1 and "Usage:" not in done.output
    assert [(m["path"], m["code"]) for m in errors(done.stderr)] == [
        ("two", "merge.incomplete"), ("merged/pagefind/shard-2-of-2", "merge.incomplete")]
