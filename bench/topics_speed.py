"""The topics step alone on N synthetic transcripts (bench/corpus.py): its CPU time, and where it goes.

    .venv/bin/python bench/topics_speed.py [N] [--profile]

Transcripts are written and read first (not timed); then `assign_topics` runs on the whole corpus,
twice (the second run shows the lru caches warm, as in a long-lived `onrecord serve`). With --profile,
the top functions by cumulative time. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus as synthetic  # noqa: E402
from onrecord.corpus import build_corpus  # noqa: E402
from onrecord.diagnostics import Report  # noqa: E402
from onrecord.pipeline import load_transcript  # noqa: E402
from onrecord.topics import TopicsFile, assign_topics  # noqa: E402


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "50"))
    with tempfile.TemporaryDirectory() as folder:
        synthetic.write(Path(folder), n)
        report = Report(root=Path(folder))
        paths = sorted((Path(folder) / "transcripts").iterdir())
        base = build_corpus([load_transcript(p, report) for p in paths], report, topics=TopicsFile(automatic=False))
    for run in ("cold", "warm"):
        profile = cProfile.Profile() if "--profile" in sys.argv and run == "cold" else None
        started = time.process_time()
        if profile:
            profile.enable()
        corpus = assign_topics(base, TopicsFile(), Report())
        if profile:
            profile.disable()
        print(f"{run}: assign_topics on {n} transcripts: {time.process_time() - started:.2f} s CPU, "
              f"{len(corpus.topics)} topics")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()
