"""Incremental rebuilds: what adding one transcript to a built archive of N costs, next to the full build.

    .venv/bin/python bench/incremental.py 100 300        # generator and whole build
    .venv/bin/python bench/incremental.py 1000 --generator-only
    .venv/bin/python bench/incremental.py 200 --corpus synthetic

For each N it writes N transcripts into a temporary content folder: copies of the reference transcript
(distinct slug, title and date in their front matter, the same body), or with `--corpus synthetic` the
archive of bench/corpus.py (the transcript added is its call N+1, the newest of its organisation). Then it
measures, each in a fresh process as a publisher's build runs:

- generator, `pipeline.generate()` alone: a full build without the cache (`full`), a full build that fills
  an empty cache (`cold`), the same N again from the cache (`again`), and after adding transcript N+1
  (`add one`, which reads one file); `load` is the part spent reading files (read, parse, about,
  structure, audit: what the cache holds), `render` the rendering of pages (what the page memo holds:
  `pages` counts the page groups, a transcript's or a speaker's, rendered again and taken from it), the
  rest is the corpus stage (speakers and topics across the archive) and the pages no memo holds;
- whole build, `onrecord build` (generator, MkDocs, theme, Pagefind): the first build (it fills the
  cache) and the build after adding one transcript.

The shares are `add one` over `full`. Timings are CPU seconds of the measured process and of the reading
workers it forks (user + sys, so less disturbed by whatever else the machine runs), one run each. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/corpus.py, the synthetic archive)

REFERENCE = ROOT / "content" / "transcripts" / "tesla-2015-q3.txt"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)

# Run in a fresh interpreter: no memo of an earlier run in this process flatters the next.
_GENERATE = """
import json, resource, sys, time
from pathlib import Path
from onrecord import pipeline
from onrecord.cache import Cache
from onrecord.diagnostics import Report

content, folder = Path(sys.argv[1]), sys.argv[2]
cache = Cache(Path(folder)) if folder else None
spent = {"load": 0.0, "render": 0.0}
def cpu():
    # This process and the workers it waited for: reading runs on forked workers (reading.py).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
def timed(name, step):
    def run(*args, **kwargs):
        start = cpu()
        try:
            return step(*args, **kwargs)
        finally:
            spent[name] += cpu() - start
    return run
pipeline._loaded = timed("load", pipeline._loaded)
pipeline.render = timed("render", pipeline.render)
start = cpu()
pages = pipeline.generate(content, Report(root=content.parent), cache=cache)
total = cpu() - start
memo = getattr(cache, "pages", None)  # None before the page memo existed
print(json.dumps({"total": total, "load": spent["load"], "render": spent["render"], "pages": len(pages),
                  "read": len(cache.read) if cache else None, "reused": len(cache.reused) if cache else None,
                  "rendered": len(memo.rendered) if memo else None, "memo": len(memo.reused) if memo else None}))
"""


def copy_of(body: str, number: int, width: int) -> str:
    date = dt.date(2010, 1, 4) + dt.timedelta(days=(number * 37) % 5000)
    return (f"---\ntitle: Tesla Motors Q3 2015 Earnings Call copy {number:0{width}d}\ndate: {date.isoformat()}\n"
            f"company: Tesla Motors\nslug: call-{number:0{width}d}\nacknowledge: [speaker.missing]\n---\n{body}")


def add_transcript(content: Path, body: str, number: int, width: int, archive: list | None = None) -> None:
    """Copy `number` of the reference, or call `number` of a synthetic archive."""
    if archive:
        (content / "transcripts" / archive[number - 1].filename).write_text(archive[number - 1].text, encoding="utf-8")
        return
    path = content / "transcripts" / f"call-{number:0{width}d}.txt"
    path.write_text(copy_of(body, number, width), encoding="utf-8")


def generator(content: Path, cache: Path | None) -> dict:
    done = subprocess.run([sys.executable, "-c", _GENERATE, str(content), str(cache) if cache else ""],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"generate failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def whole_build(content: Path, site: Path) -> float:
    """CPU seconds (this child and its children: MkDocs, Pagefind) of one `onrecord build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([str(Path(sys.executable).parent / "onrecord"), "build", "--content", str(content),
                           "--site-dir", str(site)], capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"onrecord build failed:\n{done.stderr[-3000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(n: int, body: str, whole: bool, synthetic: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"onrecord-incremental-{n}-"))
    try:
        content, width = work / "content", max(4, len(str(n + 1)))
        (content / "transcripts").mkdir(parents=True)
        shutil.copyfile(ROOT / "content" / "index.md", content / "index.md")
        # The same seed gives the same first N calls: call N+1 is the one added.
        archive = list(corpus.Archive(n + 1).transcripts()) if synthetic else []
        for number in range(1, n + 1):
            add_transcript(content, body, number, width, archive)
        figures = {"n": n, "full": generator(content, None), "cold": generator(content, work / "cache"),
                   "again": generator(content, work / "cache")}
        if whole:
            figures["build first"] = whole_build(content, work / "site")  # fills .onrecord-cache beside content
        add_transcript(content, body, n + 1, width, archive)
        figures["add one"] = generator(content, work / "cache")
        if whole:
            figures["build add one"] = whole_build(content, work / "site")
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures: dict) -> str:
    full, add = figures["full"], figures["add one"]
    lines = [f"N = {figures['n']} ({figures['corpus']}): generator CPU s (load = read..audit, the part the cache "
             "holds; render = the pages, the part the page memo holds; rest = corpus stage)"]
    for name in ("full", "cold", "again", "add one"):
        run = figures[name]
        rest = run["total"] - run["load"] - run["render"]
        read = "" if run["read"] is None else (f"   files read {run['read']}, cached {run['reused']}; "
                                               f"page groups rendered {run['rendered']}, cached {run['memo']}")
        lines.append(f"  {name:<8} total {run['total']:7.2f}   load {run['load']:7.2f}   render {run['render']:7.2f}"
                     f"   rest {rest:7.2f}{read}")
    lines.append(f"  add one / full: generator {add['total'] / full['total']:.1%}, its load {add['load'] / full['load']:.1%}, "
                 f"its render {add['render'] / full['render']:.1%}")
    if "build first" in figures:
        first, then = figures["build first"], figures["build add one"]
        lines.append(f"  whole build CPU s: first {first:.1f}, add one {then:.1f}: {then / first:.1%}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100])
    parser.add_argument("--generator-only", action="store_true", help="skip the whole `onrecord build`s")
    parser.add_argument("--corpus", choices=("copies", "synthetic"), default="copies")
    options = parser.parse_args()
    text = REFERENCE.read_text(encoding="utf-8")
    body = text[_FRONT_MATTER.match(text).end():]
    for n in options.sizes:
        started = time.perf_counter()
        figures = {"corpus": options.corpus, **measure(n, body, not options.generator_only, options.corpus == "synthetic")}
        print(report(figures), flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s wall for this N)", file=sys.stderr)


if __name__ == "__main__":
    main()
