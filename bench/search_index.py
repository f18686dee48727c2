"""The search index a site's transcripts make: records, bytes per transcript, and what the first search fetches.

    .venv/bin/python bench/search_index.py [TRANSCRIPT ...]

Indexes content/ plus the files named (for instance the real calls under ../shared/corpus/real/) through the
same code the build runs (generate, search_records, write_index), in a temporary folder, and prints the index's
parts. Figures only: nothing is asserted. The bytes a query fetches are measured by the browser test
tests/browser/test_search_exchanges.py::test_the_first_search_transfers_at_most_250_kb (printed with -s).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord.diagnostics import Report  # noqa: E402
from onrecord.pipeline import generate_with_corpus  # noqa: E402
from onrecord.search_index import write_index  # noqa: E402
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


if __name__ == "__main__":
    main(sys.argv[1:])
