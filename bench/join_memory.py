"""Where a sharded build's memory goes: the join's resident set step by step, and what the joined corpus holds.

    .venv/bin/python bench/join_memory.py 1000            # bench/corpus.py's synthetic archive of 1,000

Writes the synthetic archive, reads it into the cache (`onrecord read --shard 1/1`, its own process), then, in
this process: RSS after reading every cached transcript as the join does, after joining speakers and topics
(corpus_of), after writing joined.entry (joined.join's three steps); then in fresh processes the load of the whole
corpus and the load render shard 1 of `--shards` does (the words only of the turns its pages show), and each
loaded corpus by part: the objects each part of the model holds and their bytes (sys.getsizeof, each
object once; the resident set is about twice that: the allocator's and the collector's own). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ONRECORD = str(Path(sys.executable).parent / "onrecord")
MB = 2**20


def rss() -> float:
    """This process's resident set now, in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def deep(root: object) -> tuple[int, int]:
    """(bytes, objects) reachable from `root` through containers and the model's dataclasses, each once."""
    seen, stack, total = set(), [root], 0
    while stack:
        found = stack.pop()
        if id(found) in seen:
            continue
        seen.add(id(found))
        total += sys.getsizeof(found)
        if isinstance(found, (str, bytes, int, float, bool, type(None))):
            continue
        if isinstance(found, dict):
            stack.extend(found.keys())
            stack.extend(found.values())
        elif isinstance(found, (list, tuple, set, frozenset)):
            stack.extend(found)
        else:
            if hasattr(found, "__dict__"):
                stack.append(found.__dict__)
            stack.extend(getattr(found, name) for name in getattr(type(found), "__slots__", ())
                         if hasattr(found, name))
    return total, len(seen)


def holds(joined) -> None:
    """The loaded corpus by part, largest parts of the model first."""
    t = joined.transcripts
    parts = {
        "turns' paragraphs (the words)": [u.paragraphs for x in t for u in x.turns],
        "turns (all of them)": [x.turns for x in t],
        "exchanges": [x.exchanges for x in t],
        "transcripts' speakers": [x.speakers for x in t],
        "sources (no bytes, no text)": [x.source for x in t],
        "meta, reading, layout": [(x.meta, x.reading, x.layout, x.stated, x.participants, x.notes) for x in t],
        "transcripts (all of them)": t,
        "topics' mentions": [x.mentions for x in joined.topics],
        "topics (all of them)": joined.topics,
        "people": joined.speakers,
    }
    print(f"  the joined corpus by part ({len(t)} transcripts, {sum(len(x.turns) for x in t)} turns, "
          f"{len(joined.topics)} topics, {sum(len(x.mentions) for x in joined.topics)} mentions):", flush=True)
    for name, part in parts.items():
        size, objects = deep(part)
        print(f"    {name:<32} {size / MB:8.1f} MB {objects:10d} objects", flush=True)


def in_process(content: Path) -> None:
    """The join's steps, as joined.join does them, with the resident set after each."""
    from onrecord import joined
    from onrecord.cache import Cache, folder_for
    from onrecord.diagnostics import Report
    from onrecord.pipeline import _loaded, corpus_of

    report, cache = Report(), Cache(folder_for(True, content, content))
    print(f"  {'join step':<34} {'RSS MB':>8} {'peak MB':>8}", flush=True)
    print(f"  {'started, libraries imported':<34} {rss():8.0f} {peak():8.0f}", flush=True)
    transcripts, directory, topics = _loaded(content, report, cache, kept=joined._without_source_text)
    print(f"  {'every cached transcript read':<34} {rss():8.0f} {peak():8.0f}", flush=True)
    made = corpus_of(transcripts, directory, topics, report)
    del transcripts
    gc.collect()
    print(f"  {'speakers and topics joined':<34} {rss():8.0f} {peak():8.0f}", flush=True)
    joined.write(content, made, report, cache)
    print(f"  {'joined.entry written':<34} {rss():8.0f} {peak():8.0f}", flush=True)


def needed(joined, count: int) -> None:
    """Of what shard 1 of `count` loads, the share its own pages read at least: the turns of its transcripts,
    those its people speak, those of the exchanges and remarks its topics list; the mentions of its topics
    and those its people speak (their pages count them). The rest only the archive-wide pages read (the
    speaker index counts every turn's words, topics.json every topic's mentions) or none."""
    from onrecord.pages import speaker_page, topic_page, transcript_page
    from onrecord.shards import Shard

    shard = Shard(1, count)
    speakers = {(t.slug, u.id): u.speaker for t in joined.transcripts for u in t.turns}
    exchange_turns = {(t.slug, e.id): e.turns for t in joined.transcripts for e in t.exchanges}
    turns = {(t.slug, u.id) for t in joined.transcripts if shard.owns(transcript_page(t.slug)) for u in t.turns}
    turns |= {place for place, speaker in speakers.items() if speaker and shard.owns(speaker_page(speaker))}
    for topic in joined.topics:
        if shard.owns(topic_page(topic.id)):
            turns |= {(slug, turn) for slug, e in topic.exchanges for turn in exchange_turns.get((slug, e), ())}
            turns |= set(topic.remarks)
    mentions = sum(1 for topic in joined.topics for m in topic.mentions if shard.owns(topic_page(topic.id))
                   or ((speaker := speakers.get((m.slug, m.turn))) and shard.owns(speaker_page(speaker))))
    every = sum(len(topic.mentions) for topic in joined.topics)
    print(f"  shard 1/{count}'s own pages read at least {len(turns) / len(speakers):.0%} of the turns it loads "
          f"and {mentions / every:.0%} of the mentions", flush=True)


def loaded(content: Path, count: int) -> None:
    """What render shard 1 of `count` holds once it has loaded the joined corpus (0: the whole corpus, as a
    single build from the join would)."""
    from onrecord import joined
    from onrecord.cache import Cache, folder_for
    from onrecord.diagnostics import Report
    from onrecord.shards import Shard

    before = rss()
    shard = Shard(1, count) if count else None
    corpus = joined.load(content, Report(), Cache(folder_for(True, content, content)), shard)
    gc.collect()
    print(f"  shard {shard or 'none'}'s load of joined.entry: {before:.0f} -> {rss():.0f} MB RSS (peak {peak():.0f})",
          flush=True)
    holds(corpus)
    if not count:
        for count in (4, 16):
            needed(corpus, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--step", choices=("join", "load"), help=argparse.SUPPRESS)  # the child processes
    parser.add_argument("--content", type=Path, help="a content folder read into its cache already: only the join and the load")
    parser.add_argument("--shards", type=int, default=16, help="the load of shard 1 of this many (default 16), "
                        "after the whole corpus's")
    options = parser.parse_args()
    if options.step:
        in_process(options.content) if options.step == "join" else loaded(options.content, options.shards)
        return
    if options.content:
        steps(options, options.content)
        return
    work = Path(tempfile.mkdtemp(prefix="onrecord-join-memory-"))
    try:
        content = work / "content"
        subprocess.run([sys.executable, corpus.__file__, str(options.n), str(content)], check=True,
                       stdout=subprocess.DEVNULL)
        size = sum(p.stat().st_size for p in (content / "transcripts").iterdir())
        print(f"N = {options.n} (synthetic, {size / 1e6:.0f} MB of transcripts)", flush=True)
        subprocess.run([ONRECORD, "read", str(content), "--shard", "1/1"], check=True, stderr=subprocess.DEVNULL)
        steps(options, content)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def steps(options, content: Path) -> None:
    """The join, then the loads (the whole corpus, then shard 1's), each in a fresh process."""
    entry = content.parent / ".onrecord-cache" / "joined.entry"
    for step, shards in (("join", 0), ("load", 0), ("load", options.shards)):
        subprocess.run([sys.executable, __file__, str(options.n), "--step", step, "--content", str(content),
                        "--shards", str(shards)], check=True)
        if step == "join" and entry.is_file():
            print(f"  (joined.entry: {entry.stat().st_size / 1e6:.0f} MB)", flush=True)


if __name__ == "__main__":
    main()
