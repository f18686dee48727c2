"""The search index: the search records written through Pagefind's Python indexing API, nothing else."""

from __future__ import annotations

import asyncio
import base64
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from .search_records import SearchRecord


# A sharded build's records, in each shard's site until the merge indexes them (and removes the file).
RECORDS = "onrecord-search-records.json"


def save_records(records: list[SearchRecord], path: Path) -> None:
    rows = [{"url": r.url, "content": r.content, "meta": r.meta, "filters": r.filters} for r in records]
    path.write_text(json.dumps(rows, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def load_records(path: Path) -> list[SearchRecord]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [SearchRecord(row["url"], row["content"], tuple((k, v) for k, v in row["meta"]),
                         tuple((name, tuple(values)) for name, values in row["filters"])) for row in rows]


def write_index(records: list[SearchRecord], output: Path) -> None:
    """Index the records alone, not the site's HTML: a result is an exchange, and quotes only speech."""
    # Pagefind's client is asyncio, and the build may itself run inside an event loop (an async host, a
    # test driving a browser): in a thread of its own the index gets a loop of its own either way.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, _write(records, output)).result()


async def _write(records: list[SearchRecord], output: Path) -> None:
    service = await _PromptService().launch()
    try:
        index = await service.create_index(IndexConfig(output_path=str(output)))
        await asyncio.gather(*(
            index.add_custom_record(url=record.url, content=record.content, language="en",
                                    meta=record.meta_dict(), filters=record.filter_dict())
            for record in records
        ))
        await index.write_files()
    finally:
        await _finish(service)


_WRITE_WAIT = 60.0  # seconds Pagefind may take to finish its writes and exit once its input is closed


async def _finish(service: PagefindService) -> None:
    """End Pagefind by closing its input, and wait until it exits. It answers WriteFiles while its writes
    still run on threads of its own (tokio files, never flushed), and exits only once they are done; the
    library's close() terminates it, which on a loaded machine cut files short: a 0-byte
    pagefind-entry.json ("Unexpected end of JSON input"), pagefind.js (no search()), wasm.unknown.pagefind."""
    service._poll_task.cancel()  # nothing more to read; at the end of its output it would fail
    service._backend.stdin.close()
    try:
        await asyncio.wait_for(service._backend.wait(), _WRITE_WAIT)
    except TimeoutError:
        service._backend.kill()
        await service._backend.wait()
        raise RuntimeError(f"Pagefind did not finish writing the search index within {_WRITE_WAIT:.0f} s") from None


class _PromptService(PagefindService):
    """Pagefind's service, each answer read as it comes. The library's reader sleeps 0.1 s before each answer:
    ten records a second, 26 s for 16 calls. (Its internals, so pagefind is pinned exactly in pyproject.toml.)"""

    async def _wait_for_responses(self) -> None:
        while True:
            output = await self._backend.stdout.readuntil(b",")
            response = json.loads(base64.b64decode(output[:-1]))
            future = self._responses.get(response.get("message_id")) if response else None
            if future is None or future.done():
                continue
            payload = response["payload"]
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(payload.get("message", "Pagefind reported an error")))
            else:
                future.set_result(payload)
