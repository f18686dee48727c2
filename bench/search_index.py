"""The search index a site's transcripts make: records, bytes per transcript, what the first search fetches,
and Pagefind's peak memory against the speech one bundle holds.

    .venv/bin/python bench/search_index.py [TRANSCRIPT ...]
    .venv/bin/python bench/search_index.py --memory N [MB ...] [--records FILE]

The first indexes content/ plus the files named (for instance the real calls under ../shared/corpus/real/)
through the same code the build runs (generate, search_records, write_index), in a temporary folder, and prints
the index's parts. The bytes a query fetches are measured by the browser test
tests/browser/test_search_exchanges.py::test_the_first_search_transfers_at_most_250_kb (printed with -s), and
per bundle count by tests/browser/test_search_bundles.py (with -s).

--memory makes N synthetic calls (bench/corpus.py), their records (kept in FILE with --records, for the next
run), and for each MB (default 1 4 16 40) indexes the first whole transcripts holding that many MB of speech
as one bundle: Pagefind's peak RSS (VmHWM of its process), its RSS once every record is sent (before it writes
the files), the seconds, the bundle's bytes; the same records without the meta and filters we add (what they
cost); then every record as the build writes them (bundles of search_index.BUNDLE_SPEECH), the largest peak.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pagefind.index import PagefindIndex  # noqa: E402

from onrecord import search_index  # noqa: E402
from onrecord.diagnostics import Report  # noqa: E402
from onrecord.pipeline import generate_with_corpus  # noqa: E402
from onrecord.search_index import write_index, write_site_index  # noqa: E402
from onrecord.search_records import search_records  # noqa: E402


def main(extra: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(ROOT / "content", content)
        for name in extra:
            shutil.copy(name, content / "transcripts")
        corpus, _ = generate_with_corpus(content, Report())
        records = search_records(corpus)
        started = time.perf_counter()
        write_index(records, Path(scratch) / "pagefind")
        seconds = time.perf_counter() - started
        parts = Counter()
        for path in (Path(scratch) / "pagefind").rglob("*"):
            if path.is_file() and path.suffix in {".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"}:
                parts[path.suffix[4:]] += path.stat().st_size
    n = len(corpus.transcripts)
    kinds = Counter(r.filter_dict()["kind"][0] for r in records)
    total = sum(parts.values())
    print(f"transcripts {n}  records {len(records)} ({kinds['exchange']} exchanges, {kinds['passage']} passages)"
          f"  indexed in {seconds:.2f} s")
    print("  ".join(f"{part} {size / 1000:.1f} KB" for part, size in sorted(parts.items())))
    print(f"index {total / 1000:.1f} KB, {total / max(n, 1) / 1000:.1f} KB per transcript")


class Watch:
    """Pagefind's peak RSS per process (VmHWM, read just before the build closes it) and its RSS once every
    record is sent, through the same service and index classes the build uses."""

    def __init__(self) -> None:
        self.peaks: list[int] = []
        self.sent: list[int] = []
        close, write_files = search_index._PromptService.close, PagefindIndex.write_files
        watch = self

        async def closing(service):
            watch.peaks.append(_status(service._backend.pid, "VmHWM"))
            return await close(service)

        async def writing(index, *args, **kwargs):
            watch.sent.append(_status(index._service._backend.pid, "VmRSS"))
            return await write_files(index, *args, **kwargs)

        search_index._PromptService.close = closing
        PagefindIndex.write_files = writing


def _status(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field + ":"))
    except (OSError, StopIteration):
        return 0


def speech(records) -> int:
    return sum(len(r.content.encode("utf-8")) for r in records)


def synthetic_records(n: int, kept: Path | None) -> list:
    if kept and kept.is_file():
        return pickle.loads(kept.read_bytes())
    import corpus as synthetic  # bench/corpus.py

    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        synthetic.write(content, n)
        shutil.copy(ROOT / "content" / "index.md", content)
        records = search_records(generate_with_corpus(content, Report())[0])
    if kept:
        kept.write_bytes(pickle.dumps(records))
    return records


def memory(n: int, sizes: list[float], kept: Path | None) -> None:
    records = synthetic_records(n, kept)
    print(f"{n} synthetic calls: {len(records)} records, {speech(records) / 1e6:.1f} MB of speech")
    watch = Watch()
    bare = [dataclasses.replace(r, meta=r.meta[:1], filters=()) for r in records]
    for mb in sizes:
        first = search_index.split(records, int(mb * 1e6))[0]
        for label, sent in (("as sent", first), ("title only", bare[: len(first)])):
            with tempfile.TemporaryDirectory() as scratch:
                started = time.perf_counter()
                write_index(sent, Path(scratch) / "pagefind")
                seconds = time.perf_counter() - started
                size = sum(p.stat().st_size for p in Path(scratch).rglob("*") if p.is_file())
            print(f"{speech(sent) / 1e6:5.1f} MB speech ({len(sent):5} records, {label:10}): Pagefind peak "
                  f"{watch.peaks[-1] / 1e6:6.0f} MB ({watch.peaks[-1] / speech(sent):4.1f} B per byte), "
                  f"{watch.sent[-1] / 1e6:5.0f} MB once sent, {seconds:5.1f} s, bundle {size / 1e6:5.1f} MB", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        watch.peaks.clear()
        started = time.perf_counter()
        write_site_index(records, Path(scratch))
        seconds = time.perf_counter() - started
    print(f"as built: {len(watch.peaks)} bundles of at most {search_index.BUNDLE_SPEECH / 1e6:.0f} MB of speech, "
          f"largest Pagefind peak {max(watch.peaks) / 1e6:.0f} MB, {seconds:.1f} s in all")


if __name__ == "__main__":
    if "--memory" in sys.argv[1:]:
        parser = argparse.ArgumentParser(description="Pagefind's peak memory against the speech of one bundle")
        parser.add_argument("--memory", type=int, metavar="N", required=True, help="synthetic calls")
        parser.add_argument("mb", nargs="*", type=float, default=[1, 4, 16, 40])
        parser.add_argument("--records", type=Path, help="keep the records in this file, or read them from it")
        arguments = parser.parse_args()
        memory(arguments.memory, arguments.mb, arguments.records)
    else:
        main(sys.argv[1:])
