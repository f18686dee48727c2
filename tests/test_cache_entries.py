"""The one way a cache entry is written and read back (entries.py), which every memo of the cache folder
uses: whole or not at all, never trusted when stale or damaged, and an unwritable folder said once."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from onrecord import entries, page_memo, topic_memo
from onrecord.cache import Cache
from onrecord.diagnostics import Report

from .test_cache import built, content_of

MAGIC = b"onrecord-test\n"
HEADER = {"format": 1, "key": "k"}


def _fresh(header: dict) -> bool:
    return header.get("format") == 1 and header.get("key") == "k"


def test_an_entry_written_is_read_back_with_its_header_and_payload(tmp_path):
    where = tmp_path / "deep" / "folder" / "one.entry"  # the folder is made as it is needed
    entries.write(where, MAGIC, HEADER, b"payload \x00\xff")
    header, payload = entries.read(where, MAGIC, "a test entry", _fresh)
    assert payload == b"payload \x00\xff"
    assert header["format"] == 1 and header["key"] == "k" and header["length"] == len(payload)
    assert [p.name for p in where.parent.iterdir()] == ["one.entry"]  # no partial file left


def test_a_missing_entry_is_none_and_not_an_error(tmp_path):
    assert entries.read(tmp_path / "none.entry", MAGIC, "a test entry", _fresh) is None


@pytest.mark.parametrize("how", ["truncated", "a flipped byte", "another magic", "a header cut short", "empty"])
def test_a_damaged_entry_is_a_value_error_saying_what_is_wrong(tmp_path, how):
    where = tmp_path / "one.entry"
    entries.write(where, MAGIC, HEADER, b"x" * 100)
    data = where.read_bytes()
    where.write_bytes({"truncated": data[:-30], "a flipped byte": data[:-5] + b"y" + data[-4:],
                       "another magic": b"onrecord-other\n" + data[len(MAGIC):],
                       "a header cut short": data[:len(MAGIC) + 10], "empty": b""}[how])
    with pytest.raises(ValueError) as raised:
        entries.read(where, MAGIC, "a test entry", _fresh)
    assert ("checksum" in str(raised.value)) == (how in ("truncated", "a flipped byte"))


def test_a_stale_entry_is_none_even_when_damaged_for_staleness_is_asked_first(tmp_path):
    where = tmp_path / "one.entry"
    entries.write(where, MAGIC, {"format": 0, "key": "k"}, b"x" * 100)
    assert entries.read(where, MAGIC, "a test entry", _fresh) is None
    where.write_bytes(where.read_bytes()[:-30])
    assert entries.read(where, MAGIC, "a test entry", _fresh) is None  # made from something else: not said


def test_a_failed_write_leaves_the_old_entry_and_no_partial_file(tmp_path, monkeypatch):
    where = tmp_path / "one.entry"
    entries.write(where, MAGIC, HEADER, b"old")

    def refused(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(OSError):
        entries.write(where, MAGIC, HEADER, b"new")
    assert entries.read(where, MAGIC, "a test entry", _fresh)[1] == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["one.entry"]


def test_a_header_json_cannot_hold_is_refused_before_any_file_is_touched(tmp_path):
    with pytest.raises(TypeError):
        entries.write(tmp_path / "one.entry", MAGIC, {"key": object()}, b"")
    assert list(tmp_path.iterdir()) == []


def test_a_plain_payload_makes_plain_values_and_refuses_any_class(tmp_path):
    values = {"a": [1, 2.5, None], "b": (b"x", "y"), "c": {frozenset({1})}}
    assert entries.plain(pickle.dumps(values, protocol=5)) == values
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    with pytest.raises(pickle.UnpicklingError):
        entries.plain(pickle.dumps(Payload()))
    assert not marker.exists()


def test_unwritable_is_said_once_a_report_whichever_part_of_the_cache_says_it_first(tmp_path):
    report = Report()
    for what in ("the cache", "the page cache", "the topic cache"):
        entries.say_unwritable(report, tmp_path, what, PermissionError(13, "Permission denied"))
    said = [str(d) for d in report.diagnostics]
    assert len(said) == 1 and "the cache cannot be written (Permission denied)" in said[0]
    assert said[0].endswith("[cache.unwritable]") and ": warning: " in said[0]
    entries.say_unwritable(None, tmp_path, "the html cache", OSError("no"))  # a memo without a report says nothing


@pytest.mark.parametrize("part", [page_memo.FOLDER, topic_memo.FOLDER])
def test_a_memo_whose_folder_cannot_be_written_is_said_once_and_the_build_goes_on(tmp_path, part):
    content = content_of(tmp_path)
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / part).write_text("not a folder")  # every entry of that memo fails; the transcripts' entries do not
    pages, said = built(content, Cache(folder))
    assert pages == built(content, None)[0]
    notes = [line for line in said if line.endswith("[cache.unwritable]")]
    assert len(notes) == 1 and {"pages": "the page cache", "topics": "the topic cache"}[part] in notes[0]
    assert list(folder.glob("*.entry"))  # the rest of the cache was kept


def test_converted_pages_that_cannot_be_kept_are_one_warning_and_leave_the_site_a_cold_build_writes(tmp_path):
    from onrecord import html_memo

    from .test_incremental_html import build, written

    content = content_of(tmp_path)
    folder = content.parent / ".onrecord-cache"
    folder.mkdir()
    (folder / html_memo.FOLDER).write_text("not a folder")  # every converted page fails to be kept
    done = build(content, tmp_path / "blocked")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if line.endswith("[cache.unwritable]")]
    assert len(said) == 1 and ".onrecord-cache/html: warning: the converted pages' cache cannot be written" in said[0]
    assert (folder / html_memo.FOLDER).read_text() == "not a folder" and list(folder.glob("*.entry"))
    assert build(content, tmp_path / "cold", "--no-cache").returncode == 0
    assert written(tmp_path / "blocked") == written(tmp_path / "cold")


def test_entries_a_build_no_longer_has_are_removed_and_nothing_else(tmp_path):
    for name in ("kept.page", "gone.page", "gone.html-entry", "notes.txt", "kept.phrases", "gone.assigned"):
        (tmp_path / name).write_text("x")
    entries.remove_unwanted(tmp_path, (".page", ".phrases", ".assigned"), {"kept.page", "kept.phrases"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone.html-entry", "kept.page", "kept.phrases", "notes.txt"]
    entries.remove_unwanted(tmp_path / "absent", (".page",), set())  # a folder never made: nothing to remove
