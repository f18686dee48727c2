"""The topics step alone on N synthetic transcripts (bench/corpus.py): its CPU time as N grows, where it goes,
and what its cache (generator/topic_memo.py) saves when one transcript is added.

    .venv/bin/python bench/topics_speed.py [N ...] [--profile]      # N defaults to 100; e.g. 100 300 1000

For each N, calls 1 to N+1 of the synthetic archive are written and read, and their speakers resolved (not
timed): the archive of N is calls 1 to N, and call N+1 is the one added. Then, in CPU seconds of this
process (less disturbed than wall time by whatever else the machine runs), one run each:

- `cold`: `assign_topics` on the N without a cache (phrases, the join across the archive, assigning); the
  first run of a process, so it pays for the word lists' caches as a build does; `per call` is it over N,
  which stays flat when the step scales linearly;
- `warm`: the same again (those caches warm, as in a long-lived `mkdocs serve`);
- `phrases`: `finding.transcript_phrases` of each of the N, warm (the part of finding that is per transcript);
- `fill`, `again`, `add one`: `assign_topics` with the topic memo in an empty folder, again from it, and
  on the N+1 (which finds one transcript's phrases); `add/cold` is the share of a cold step that adding
  one transcript costs.

With --profile, the cold run of the largest N under cProfile: the top functions by own time. A benchmark,
not a test: it asserts nothing.
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
from onrecord.topic_memo import TopicMemo  # noqa: E402
from onrecord.topics import TopicsFile, assign_topics  # noqa: E402
from onrecord.topics.finding import transcript_phrases  # noqa: E402


def archives(n: int):
    """The corpus of calls 1..N and that of calls 1..N+1, speakers resolved, topics not yet assigned."""
    with tempfile.TemporaryDirectory() as folder:
        added = synthetic.write(Path(folder), n + 1)[-1].filename
        report = Report(root=Path(folder))
        paths = sorted((Path(folder) / "transcripts").iterdir())
        read = {path.name: load_transcript(path, report) for path in paths}
    none = TopicsFile(automatic=False)
    every = [t for t in read.values() if t]
    return (build_corpus([t for name, t in read.items() if t and name != added], Report(), topics=none),
            build_corpus(every, Report(), topics=none))


def cpu(step) -> tuple[float, object]:
    started = time.process_time()
    result = step()
    return time.process_time() - started, result


def measure(n: int, profile: bool) -> dict[str, float]:
    base, plus_one = archives(n)
    figures: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    figures["cold"], corpus = cpu(lambda: assign_topics(base, TopicsFile(), Report()))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    figures["topics"] = len(corpus.topics)
    figures["warm"], _ = cpu(lambda: assign_topics(base, TopicsFile(), Report()))
    figures["phrases"], _ = cpu(lambda: [transcript_phrases(t) for t in base.transcripts])
    with tempfile.TemporaryDirectory() as folder:
        for name, corpus_of in (("fill", base), ("again", base), ("add one", plus_one)):
            memo = TopicMemo(Path(folder), Report())
            figures[name], _ = cpu(lambda c=corpus_of, m=memo: assign_topics(c, TopicsFile(), Report(), m))
            figures[f"{name} found"] = len(memo.computed)
    return figures


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [100]
    print(f"{'N':>6} {'phrases':>8} {'cold':>8} {'per call':>9} {'warm':>8} {'fill':>8} {'again':>8} {'add one':>8}"
          f" {'add/cold':>9} {'topics':>7}")
    for n in sizes:
        f = measure(n, "--profile" in sys.argv and n == max(sizes))
        print(f"{n:>6} {f['phrases']:>8.2f} {f['cold']:>8.2f} {1000 * f['cold'] / n:>6.1f} ms {f['warm']:>8.2f}"
              f" {f['fill']:>8.2f} {f['again']:>8.2f} {f['add one']:>8.2f} {f['add one'] / f['cold']:>9.1%}"
              f" {f['topics']:>7.0f}   (phrases found: fill {f['fill found']:.0f}, again {f['again found']:.0f},"
              f" add one {f['add one found']:.0f})", flush=True)


if __name__ == "__main__":
    main()
