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


# Records sent to Pagefind at a time. All at once, Pagefind read one growing buffer of thousands of messages,
# which cost it half again the CPU (and this process the bytes of every message at once); a batch keeps
# its input short, and a round trip per hundred records costs nothing.
BATCH = 100


async def _write(records: list[SearchRecord], output: Path) -> None:
    service = await _PromptService().launch()
    try:
        index = await service.create_index(IndexConfig(output_path=str(output)))
        for start in range(0, len(records), BATCH):
            await asyncio.gather(*(
                index.add_custom_record(url=record.url, content=record.content, language="en",
                                        meta=record.meta_dict(), filters=record.filter_dict())
                for record in records[start : start + BATCH]
            ))
        await index.write_files()
        await _written(output)
    finally:
        await service.close()


_WRITE_WAIT = 60.0  # seconds Pagefind may take to finish writing once it has said the files are written


async def _written(output: Path) -> None:
    """Wait until Pagefind's index is whole on disk. Its files are tokio files written without a flush: it
    answers WriteFiles once every file is created, while the one write of each may still run, and close()
    ends it at once. On a loaded machine that published a 0-byte pagefind-entry.json ("Unexpected end of
    JSON input"), pagefind.js (no search()) and wasm.unknown.pagefind."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _WRITE_WAIT
    while not _whole(output):
        if loop.time() > deadline:
            raise RuntimeError(f"Pagefind did not finish writing the index in {output} within {_WRITE_WAIT:.0f} s")
        await asyncio.sleep(0.05)


def _whole(output: Path) -> bool:
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        metas = [output / f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    # Each file is one write (all under tokio's 2 MiB buffer): empty until it lands, then whole.
    return all(meta.is_file() for meta in metas) and not any(
        path.is_file() and path.stat().st_size == 0 for path in output.rglob("*"))


class _PromptService(PagefindService):
    """Pagefind's service, each answer read as it comes. The library's reader sleeps 0.1 s before each answer:
    ten records a second, 26 s for 16 calls. Its `send` also formats every request, content and all, into two
    debug messages that are never shown: twice the CPU of encoding the requests (0.1 s for N=100's 4,902). (Its internals, so pagefind
    is pinned exactly in pyproject.toml.)"""

    async def send(self, payload):
        self._message_id += 1
        future = self._loop.create_future()
        self._responses[self._message_id] = future
        request = {"message_id": self._message_id, "payload": payload}
        self._backend.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        await self._backend.stdin.drain()  # the service answers once it has read the comma
        return await future

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
