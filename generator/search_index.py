"""The search index: the search records written through Pagefind's Python indexing API, nothing else."""

from __future__ import annotations

import asyncio
import base64
import json
import zlib
from concurrent.futures import ThreadPoolExecutor
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from .search_records import SearchRecord


# The search page's list of bundles, in the site's pagefind/ folder: a single build's parts ("./", "part-2/", …),
# each shard's for a merged site's (the page merges them in the browser, Pagefind's multisite search).
BUNDLES = "bundles.json"


def bundle_folder(site: Path, shard=None) -> Path:
    """Where a build's Pagefind bundle goes: the site's pagefind/, or a folder of its own in it for a shard."""
    return site / "pagefind" / (f"shard-{shard.index}-of-{shard.count}" if shard else "")


def write_bundle_list(folder: Path, bundles: list[str]) -> None:
    (folder / BUNDLES).write_text(json.dumps({"bundles": bundles}), encoding="utf-8")


def write_site_index(records: Iterable[SearchRecord], site: Path, shard=None, speech: int | None = None) -> None:
    """A build's records as bundles of at most `speech` bytes of speech each, written one after another, and
    listed in order in the build's folder (a single build's is the site's list; a merge lists the shards').
    The records may be a stream (`apart.read_records`): only the bundle Pagefind is given is held."""
    folder = bundle_folder(site, shard)
    count = 0
    for part in bundles(records, speech or BUNDLE_SPEECH):  # one Pagefind at a time: its peak is the build's
        write_index(part, folder / part_name(count))
        count += 1
        del part  # dropped before the next bundle is read
    write_bundle_list(folder, [part_name(k) for k in range(count)])


# Bytes of speech one Pagefind process indexes. Its peak RSS is 60-70 bytes per byte of speech, meta and
# filters 8% of it, three quarters of it while it writes the files (bench/search_index.py --memory): 4 MB
# peak at 282 MB, 16 MB at 949 MB. The reader pays about 10 requests more per bundle on a first search and
# hardly more bytes (bench/search_reader.py, 311 calls: 19 requests in 1 bundle, 59-69 in 5; first result
# 2.7 s -> 1.5 s for a common word, 0.79 -> 0.89 s for a rare one); N = 1,000 synthetic calls make 13.
BUNDLE_SPEECH = 4_000_000


def split(records: Iterable[SearchRecord], speech: int) -> list[list[SearchRecord]]:
    """The records in order, cut between transcripts into parts of at most `speech` bytes of content; a
    transcript longer than that is a part of its own (its records stay together: its results rank as one)."""
    return list(bundles(records, speech))


def bundles(records: Iterable[SearchRecord], speech: int) -> Iterator[list[SearchRecord]]:
    """`split`'s parts one at a time, each made only when asked for: a stream of records is never held whole.
    A site without a transcript still has its (empty) part."""
    part: list[SearchRecord] = []
    size = 0
    for _, same_page in groupby(records, key=lambda record: record.url.split("#")[0]):
        transcript = list(same_page)
        length = sum(len(record.content.encode("utf-8")) for record in transcript)
        if part and size + length > speech:
            yield part
            part, size = [], 0
        part += transcript
        size += length
    yield part


def part_name(k: int) -> str:
    """A part's folder in its build's bundle folder: the first is the folder itself."""
    return "./" if k == 0 else f"part-{k + 1}/"


def nested_bundles(folder: Path, name: str) -> list[str]:
    """The bundles a build wrote in `folder` (its bundles.json), as listed from the folder above it (as `name`)."""
    try:
        parts = json.loads((folder / BUNDLES).read_text(encoding="utf-8"))["bundles"]
    except (OSError, ValueError, KeyError, TypeError):
        parts = ["./"]  # a bundle from before bundles were parts
    return [f"{name}/" if part == "./" else f"{name}/{part}" for part in parts]


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
        bundle = await _bundle_files(service)
        index = await service.create_index(IndexConfig(output_path=str(output)))
        for start in range(0, len(records), BATCH):
            await asyncio.gather(*(
                index.add_custom_record(url=record.url, content=record.content, language="en",
                                        meta=record.meta_dict(), filters=record.filter_dict())
                for record in records[start : start + BATCH]
            ))
        await index.write_files()
        await _written(output, bundle)
    finally:
        await service.close()


async def _bundle_files(service) -> dict[str, int]:
    """The sizes of the files every bundle has (pagefind.js, its worker and UI, the wasm without a language),
    as this Pagefind makes them: those of an empty index, handed over in memory (a few hundred KB), made once
    per Pagefind binary in a process, not per bundle."""
    key = _binary(service)
    if key not in _SHIPPED:
        empty = await service.create_index(IndexConfig())
        try:
            _SHIPPED[key] = {Path(f["path"]).name: len(f["content"]) for f in await empty.get_files()
                             if Path(f["path"]).name != ENTRY}
        finally:
            await empty.delete_index()
    return _SHIPPED[key]


_SHIPPED: dict[tuple, dict[str, int]] = {}  # the binary (path, size, time) -> its bundle files' sizes


def _binary(service) -> tuple:
    try:
        found = Path(service._bin).stat()
    except OSError:
        return (str(service._bin),)
    return (str(service._bin), found.st_size, found.st_mtime_ns)


_WRITE_WAIT = 60.0  # seconds Pagefind may take to finish writing once it has said the files are written
ENTRY = "pagefind-entry.json"
# Pagefind gzips these (the index, the fragments, the filters, each language's wasm): whole once the gzip
# stream ends with its trailer.
_GZIPPED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter", ".pagefind")


async def _written(output: Path, bundle: dict[str, int] | None = None) -> None:
    """Wait until Pagefind's index is whole on disk. Its files are tokio files written without a flush: it
    answers WriteFiles once every file is created, while the writes of each may still run (2 MiB at a time,
    tokio's buffer), and close() ends it at once. On a loaded machine that published a 0-byte
    pagefind-entry.json ("Unexpected end of JSON input"), pagefind.js (no search()) and wasm.unknown.pagefind."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _WRITE_WAIT
    whole: set[Path] = set()
    while not _whole(output, bundle, whole):
        if loop.time() > deadline:
            raise RuntimeError(f"Pagefind did not finish writing the index in {output} within {_WRITE_WAIT:.0f} s")
        await asyncio.sleep(0.05)


def _whole(output: Path, bundle: dict[str, int] | None = None, known: set[Path] | None = None) -> bool:
    """Every file of the index complete by what it is, not by its size alone (a file over 2 MiB lands in
    pieces): the entry parses and names its languages' metadata, a gzipped file's stream is complete, a
    file of the bundle has the size Pagefind makes it, any other is not empty. `known` keeps the files found
    whole, so each is read once."""
    known = set() if known is None else known
    try:
        entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
        metas = [output / f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    if not all(meta.is_file() for meta in metas):
        return False
    for path in output.rglob("*"):
        if path in known or not path.is_file() or path.name in (ENTRY, BUNDLES):
            continue
        if path.relative_to(output).parts[0].startswith("part-"):
            continue  # another part's, checked as it was written
        if not _file_whole(path, (bundle or {}).get(path.name) if path.parent == output else None):
            return False
        known.add(path)
    return True


def _file_whole(path: Path, size: int | None) -> bool:
    try:
        if path.name.endswith(_GZIPPED):
            stream = zlib.decompressobj(wbits=31)  # a gzip member, checked to its trailer
            with open(path, "rb") as packed:
                while chunk := packed.read(1 << 20):
                    stream.decompress(chunk)  # the text itself is not kept
            return stream.eof
        return path.stat().st_size == size if size is not None else path.stat().st_size > 0
    except (OSError, zlib.error):
        return False


class _PromptService(PagefindService):
    """Pagefind's service, each answer read as it comes. The library's reader sleeps 0.1 s before each answer:
    ten records a second, 26 s for 16 calls. Its `send` also formats every request, content and all, into two
    debug messages that are never shown: twice the CPU of encoding the requests (0.1 s for N=100's 4,902). (Its internals, so pagefind
    is pinned exactly in pyproject.toml.)"""

    async def send(self, payload):
        if self._poll_task.done():
            raise RuntimeError(_ENDED)
        self._message_id += 1
        future = self._loop.create_future()
        self._responses[self._message_id] = future
        request = {"message_id": self._message_id, "payload": payload}
        self._backend.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        try:
            await self._backend.stdin.drain()  # the service answers once it has read the comma
        except ConnectionError as ended:
            raise RuntimeError(_ENDED) from ended
        return await future

    async def _wait_for_responses(self) -> None:
        try:
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
        except (asyncio.IncompleteReadError, ConnectionError):
            # Pagefind's process ended (killed for its memory, crashed): what waits on it fails, never hangs.
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(_ENDED))


_ENDED = "Pagefind's process ended before it answered"
