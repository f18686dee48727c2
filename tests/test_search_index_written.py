"""The build's search index is on disk whole: Pagefind answers WriteFiles while its writes still run, and a
build that ended it at once published a 0-byte pagefind-entry.json, pagefind.js or wasm on a loaded machine."""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path

from pagefind.index import PagefindIndex

from onrecord import search_index
from onrecord.search_records import SearchRecord

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


def test_pagefind_is_ended_by_closing_its_input_not_terminated(tmp_path, monkeypatch):
    # Terminated, it stops the writes still running after it answered WriteFiles (0-byte files under load).
    def never(self):
        raise AssertionError("Pagefind was ended before it could finish its writes")

    monkeypatch.setattr(asyncio.subprocess.Process, "terminate", never)
    monkeypatch.setattr(asyncio.subprocess.Process, "kill", never)
    search_index.write_index(RECORDS, tmp_path / "pagefind")
    assert (tmp_path / "pagefind" / "pagefind.js").stat().st_size > 10_000
