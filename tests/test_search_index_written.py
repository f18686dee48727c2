"""The build waits until Pagefind's index is on disk whole, each file by what it is (a gzip stream to its
trailer, a bundle file at the size Pagefind makes it): Pagefind answers WriteFiles before its writes land,
and a loaded machine published a 0-byte pagefind-entry.json (search could not load), pagefind.js
(no search()) and wasm.unknown.pagefind."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import json
from pathlib import Path

import pytest
from pagefind.index import PagefindIndex

from onrecord import search_index
from onrecord.search_records import SearchRecord


def _index(folder, entry: str, meta: bytes = gzip.compress(b"pagefind_dcd meta")) -> None:
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


def test_an_index_with_any_file_still_empty_is_not_whole(tmp_path):
    _index(tmp_path, json.dumps({"version": "1", "languages": {"en": {"hash": "en_abc", "page_count": 1}}}))
    (tmp_path / "pagefind.js").write_bytes(b"")  # created, its one write not landed yet
    assert not search_index._whole(tmp_path)
    (tmp_path / "pagefind.js").write_bytes(b"export {}")
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_1.pf_fragment").write_bytes(b"")
    assert not search_index._whole(tmp_path)


def test_a_gzipped_file_cut_short_is_not_whole_however_large(tmp_path):
    # Past tokio's 2 MiB buffer a file lands in pieces: not empty, yet not whole.
    _index(tmp_path, json.dumps({"version": "1", "languages": {"en": {"hash": "en_abc", "page_count": 1}}}))
    packed = gzip.compress(b"pagefind_dcd" + bytes(range(256)) * 40_000, compresslevel=0)
    (tmp_path / "filter").mkdir()
    (tmp_path / "filter" / "en_1.pf_filter").write_bytes(packed[: 2 << 20])
    assert len(packed) > 2 << 20 and not search_index._whole(tmp_path)
    (tmp_path / "filter" / "en_1.pf_filter").write_bytes(packed)
    assert search_index._whole(tmp_path)


def test_a_bundle_file_not_yet_the_size_pagefind_makes_it_is_not_whole(tmp_path):
    _index(tmp_path, json.dumps({"version": "1", "languages": {"en": {"hash": "en_abc", "page_count": 1}}}))
    (tmp_path / "pagefind.js").write_bytes(b"export")
    assert not search_index._whole(tmp_path, {"pagefind.js": len(b"export {}")})
    (tmp_path / "pagefind.js").write_bytes(b"export {}")
    assert search_index._whole(tmp_path, {"pagefind.js": len(b"export {}")})


RECORDS = [
    SearchRecord(f"/transcripts/call-{i}/#q{i}", f"The gross margin of call {i} and the plant in {1990 + i}.",
                 (("title", f"Q{i} · Call {i}"),), (("speaker", (f"Speaker {i}",)), ("year", (str(1990 + i),))))
    for i in range(40)
]


def test_every_file_pagefind_makes_of_the_records_is_on_disk_byte_for_byte(tmp_path, monkeypatch):
    made = {}
    write_files = PagefindIndex.write_files

    async def writing_and_keeping(index, *args, **kwargs):  # what this index holds, as Pagefind hands it over
        await write_files(index, *args, **kwargs)
        made.update((Path(f["path"]).as_posix(), f["content"]) for f in await index.get_files())

    monkeypatch.setattr(PagefindIndex, "write_files", writing_and_keeping)
    output = tmp_path / "pagefind"
    search_index.write_index(RECORDS, output)
    written = {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert {"pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind"} <= set(written)
    made = {path.removeprefix("pagefind/"): content for path, content in made.items()}
    # The bundle's files are the same each time; the index's (hashed, gzipped) are built anew when handed over.
    bundle = [path for path in made if "/" not in path and not path.endswith((".pf_meta", "-entry.json"))]
    assert len(bundle) >= 8 and [path for path in bundle if written.get(path) != made[path]] == []
    entry = json.loads(written["pagefind-entry.json"])
    assert f"pagefind.{entry['languages']['en']['hash']}.pf_meta" in written
    compressed = [path for path in written if path.rsplit(".", 1)[1] in ("pf_meta", "pf_fragment", "pf_index", "pf_filter")]
    assert {path.split("/")[0] for path in compressed} >= {"fragment", "index", "filter"}
    assert [path for path in compressed if not gzip.decompress(written[path]).startswith(b"pagefind_dcd")] == []


def test_a_pagefind_that_dies_fails_the_index_instead_of_hanging_the_build():
    async def killed_while_indexing():
        service = await search_index._PromptService().launch()
        try:
            index = await service.create_index()
            service._backend.kill()  # as the kernel kills a process out of memory
            await service._backend.wait()
            with pytest.raises(RuntimeError, match="process ended"):
                await asyncio.wait_for(index.add_custom_record(url="/a/", content="words", language="en"), 30)
            with pytest.raises(RuntimeError, match="process ended"):
                await asyncio.wait_for(index.add_custom_record(url="/b/", content="more", language="en"), 30)
        finally:
            service._backend.stdin.close()

    _run(killed_while_indexing())
