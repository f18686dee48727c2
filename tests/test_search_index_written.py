"""The build waits until Pagefind's index is on disk whole: Pagefind answers WriteFiles before its writes
land, and a loaded machine once published a 0-byte pagefind-entry.json, so search could not load."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json

import pytest

from onrecord import search_index


def _index(folder, entry: str, meta: bytes = b"meta") -> None:
    folder.mkdir(exist_ok=True)
    (folder / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    (folder / "pagefind.en_abc.pf_meta").write_bytes(meta)


def _run(coroutine):
    # In a thread of its own, as the build runs it: a browser test before this one in the same worker leaves
    # Playwright's event loop running in the main thread, where asyncio.run refuses to start.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_an_empty_entry_file_is_waited_for_then_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "_WRITE_WAIT", 0.2)
    _index(tmp_path, "")
    with pytest.raises(RuntimeError, match="did not finish writing"):
        _run(search_index._written(tmp_path))


def test_an_entry_whose_metadata_is_still_empty_is_not_whole(tmp_path):
    _index(tmp_path, json.dumps({"version": "1", "languages": {"en": {"hash": "en_abc", "page_count": 1}}}), b"")
    assert not search_index._whole(tmp_path)


def test_the_index_is_whole_once_the_entry_and_its_metadata_are_written(tmp_path):
    _index(tmp_path, json.dumps({"version": "1", "languages": {"en": {"hash": "en_abc", "page_count": 1}}}))
    _run(search_index._written(tmp_path))  # returns at once
    assert search_index._whole(tmp_path)
