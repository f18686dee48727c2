"""Where the generator stage's CPU goes: each stage of generate() timed on its own, in one process, in turn.

    .venv/bin/python bench/generator_stages.py 100            # synthetic (bench/corpus.py), N = 100
    .venv/bin/python bench/generator_stages.py 100 --profile  # and the top functions of each stage

Prints CPU seconds per stage (read, parse, about, structure, audit per file, summed over the files; then
speakers, topics, render across the corpus) and the transcripts' MB per CPU second of the whole, which is
`gen MB/s` of bench/scale.py without the worker processes (one core, no cache). Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as synthetic  # noqa: E402  (bench/corpus.py)

from onrecord.about import describe  # noqa: E402
from onrecord.audit import measured  # noqa: E402
from onrecord.corpus import _distinct_slugs, _speakers  # noqa: E402
from onrecord.diagnostics import Report  # noqa: E402
from onrecord.model import Corpus  # noqa: E402
from onrecord.pipeline import _home_text, _settings, transcript_paths  # noqa: E402
from onrecord.readers import parse  # noqa: E402
from onrecord.render import render  # noqa: E402
from onrecord.source import read  # noqa: E402
from onrecord.structure import structure  # noqa: E402
from onrecord.topics import TopicsFile, assign_topics  # noqa: E402


class Stages:
    def __init__(self, profile: bool):
        self.cpu: dict[str, float] = {}
        self.profiles: dict[str, cProfile.Profile] = {}
        self.profile = profile

    def run(self, name, step, *args):
        profiler = self.profiles.setdefault(name, cProfile.Profile()) if self.profile else None
        started = time.process_time()
        if profiler:
            profiler.enable()
        result = step(*args)
        if profiler:
            profiler.disable()
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - started
        return result


def measure(content: Path, stages: Stages) -> int:
    report = Report()
    paths = transcript_paths(content, report)
    directory, topics = _settings(content, report)
    transcripts = []
    for path in paths:
        source = stages.run("read", read, path, report)
        parsed = stages.run("parse", parse, source, report)
        about = stages.run("about", describe, parsed, report)
        structured = stages.run("structure", structure, about, report)
        transcripts.append(stages.run("audit", measured, structured, report))
    ordered = sorted(transcripts, key=lambda t: (t.date or "", t.slug), reverse=True)
    corpus = Corpus(transcripts=tuple(_distinct_slugs(ordered, report)), speakers=())
    corpus = stages.run("speakers", _speakers, corpus, directory or [], report)
    corpus = stages.run("topics", assign_topics, corpus, topics or TopicsFile(), report, None)
    pages = stages.run("render", render, corpus, _home_text(content / "index.md", report))
    return sum(len(p) for p in pages.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100)
    parser.add_argument("--content", type=Path, help="an existing content folder instead of a synthetic one")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    stages = Stages(args.profile)
    with tempfile.TemporaryDirectory() as scratch:
        content = args.content or Path(scratch)
        if not args.content:
            synthetic.write(content, args.n)
        size = sum(p.stat().st_size for p in (content / "transcripts").iterdir() if p.is_file())
        written = measure(content, stages)
    total = sum(stages.cpu.values())
    print(f"{'stage':<10}{'CPU s':>9}{'share':>8}")
    for name, cpu in stages.cpu.items():
        print(f"{name:<10}{cpu:>9.3f}{cpu / total:>8.1%}")
    print(f"{'total':<10}{total:>9.3f}   {size / 1e6:.2f} MB of transcripts, {size / 1e6 / total:.2f} MB/s; "
          f"{written / 1e6:.1f} MB written")
    for name, profiler in stages.profiles.items():
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
        print(f"\n## {name}\n" + "\n".join(text.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
