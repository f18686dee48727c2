"""A sharded build simulated on one machine: K shards one after another, then the merge, next to a single build.

    .venv/bin/python bench/shards.py 100 --shards 4
    .venv/bin/python bench/shards.py 10000 --shards 16 --corpus synthetic --no-single

N copies of the reference transcript (as bench/incremental.py writes them), or the synthetic archive of
bench/corpus.py. As the publish workflow runs it: each shard's reading pass (`onrecord read --shard K/N`,
into one cache folder, as the render jobs get every reading job's entries), the join (`onrecord join`,
once), each shard's build (`onrecord build --shard K/N`, from a fresh runner's cache: every entry and
the joined corpus, no page rendered yet), then the merge; and, unless `--no-single` (an archive too
large for one process), the single build from the same cache and once more cold. Each step runs in its
own process; "cpu s" is user + sys of it and its children (MkDocs, Pagefind), "peak MB" the largest
resident set among them (wait4), then, sampled every 0.2 s, each program's own largest (the onrecord
process, Pagefind's, a process of its own: whose the peak is). Each line is printed as its step ends
(`flush`), so a long run that is stopped still says how far it got. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from incremental import _FRONT_MATTER, REFERENCE, ROOT, add_transcript  # noqa: E402

ONRECORD = str(Path(sys.executable).parent / "onrecord")


def tree_rss(root: int) -> dict[str, float]:
    """The resident set (MB) of `root` and of each process under it, by program name, now (from /proc)."""
    parents, names, found = {}, {}, {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except (OSError, ValueError):
            continue
        name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        parents[int(entry)], names[int(entry)] = int(rest[1]), name
    for pid in parents:
        up = pid
        while up not in (root, 0, 1) and up in parents:
            up = parents[up]
        if up == root:
            try:
                with open(f"/proc/{pid}/statm") as statm:
                    pages = int(statm.read().split()[1])
            except (OSError, ValueError):
                continue
            found[names[pid]] = max(found.get(names[pid], 0.0), pages * os.sysconf("SC_PAGE_SIZE") / 2**20)
    return found


class Sampled(threading.Thread):
    """The largest resident set each program under a process had, sampled every 0.2 s while it runs: whose the
    step's peak is (the onrecord process itself, or Pagefind's, a process of its own)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peaks, self.done = root, {}, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for name, rss in tree_rss(self.root).items():
                self.peaks[name] = max(self.peaks.get(name, 0.0), rss)


def timed(command: list[str]) -> tuple[float, float, float, dict[str, float]]:
    """(wall s, cpu s, peak MB, sampled peak MB by program) of one command and the children it waited for."""
    with tempfile.TemporaryFile() as said:  # a file, not a pipe: a full pipe would stop the build
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=said)
        sampled = Sampled(process.pid)
        sampled.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampled.done.set()
        if os.waitstatus_to_exitcode(status) != 0:
            said.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{said.read().decode(errors='replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sampled.peaks


def fresh_runner(work: Path) -> None:
    """The cache as a render job of the workflow has it: every reading job's entries, no page rendered yet."""
    for memo in ("pages", "html"):
        shutil.rmtree(work / ".onrecord-cache" / memo, ignore_errors=True)


def print_largest(site: Path) -> None:
    """The merged site's largest HTML page of each type (scale.py's types), and its sitemap: what grows with N."""
    from scale import largest_pages

    print("  largest page of each type in the merged site:", flush=True)
    for kind, found in sorted(largest_pages(site).items()):
        print(f"    {kind:<16} {found['bytes'] / 1000:8.1f} KB  {found['page']}", flush=True)
    for name in ("sitemap.xml", "feed.xml"):
        if (site / name).is_file():
            print(f"    {name:<16} {(site / name).stat().st_size / 1000:8.1f} KB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--shards", type=int, default=3)
    parser.add_argument("--corpus", choices=("copies", "synthetic"), default="copies")
    parser.add_argument("--no-single", action="store_true", help="skip the single-process builds")
    parser.add_argument("--render-only", type=int, metavar="M",
                        help="render only the first M shards, and no merge (a run that must end in time)")
    options = parser.parse_args()
    text = REFERENCE.read_text(encoding="utf-8")
    body = text[_FRONT_MATTER.match(text).end():]
    work = Path(tempfile.mkdtemp(prefix="onrecord-shards-"))
    count = options.shards
    try:
        content, width = work / "content", max(4, len(str(options.n)))
        (content / "transcripts").mkdir(parents=True)
        shutil.copyfile(ROOT / "content" / "index.md", content / "index.md")
        if options.corpus == "synthetic":
            # In a process of its own: a child's peak RSS (wait4) starts at this process's size when it forks,
            # and 10,000 transcripts made here would add a GB to every step's figure.
            subprocess.run([sys.executable, corpus.__file__, str(options.n), str(content)], check=True,
                           stdout=subprocess.DEVNULL)
        else:
            for number in range(1, options.n + 1):
                add_transcript(content, body, number, width)
        size = sum(p.stat().st_size for p in (content / "transcripts").iterdir())
        print(f"N = {options.n} ({options.corpus}, {size / 1e6:.0f} MB of transcripts), {count} shards", flush=True)
        print(f"  {'build':<24} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}", flush=True)
        rows: list[tuple[str, tuple[float, float, float, dict[str, float]]]] = []

        def step(name: str, command: list[str]) -> None:
            rows.append((name, timed(command)))
            wall, cpu, peak, peaks = rows[-1][1]
            largest = sorted(peaks.items(), key=lambda found: -found[1])
            by_program = ", ".join(f"{program} {mb:.0f}" for program, mb in largest if mb >= 10)
            print(f"  {name:<24} {wall:8.1f} {cpu:8.1f} {peak:8.0f}  (sampled peak MB: {by_program})", flush=True)

        for k in range(1, count + 1):
            step(f"read {k}/{count}", [ONRECORD, "read", str(content), "--shard", f"{k}/{count}"])
        step("join", [ONRECORD, "join", str(content)])
        joined = work / ".onrecord-cache" / "joined.entry"
        print(f"  (the joined corpus: {joined.stat().st_size / 1e6:.0f} MB)", flush=True)
        sites = []
        rendered = min(count, options.render_only or count)
        for k in range(1, rendered + 1):
            sites.append(str(work / f"shard{k}"))
            fresh_runner(work)
            step(f"shard {k}/{count}", [ONRECORD, "build", "--content", str(content), "--site-dir", sites[-1],
                                        "--shard", f"{k}/{count}"])
        if rendered < count:
            print(f"  shards {rendered + 1} to {count} and the merge: not run (--render-only {rendered})", flush=True)
        else:
            step("merge", [ONRECORD, "merge", *sites, "--site-dir", str(work / "merged")])
            print_largest(work / "merged")
        sharded = list(rows)
        print(f"  {'reads+join+shards+merge':<24} {sum(r[1][0] for r in sharded):8.1f} {sum(r[1][1] for r in sharded):8.1f} "
              f"{max(r[1][2] for r in sharded):8.0f} (sum, sum, largest)", flush=True)
        shards = [r[1] for r in sharded if r[0].startswith("shard ")]
        print(f"  {'render shards':<24} {sum(r[0] for r in shards):8.1f} {sum(r[1] for r in shards):8.1f} "
              f"{max(r[2] for r in shards):8.0f} (sum, sum, largest)", flush=True)
        if options.no_single:
            print("  single build: not run (--no-single)")
        else:
            single = [ONRECORD, "build", "--content", str(content), "--site-dir", str(work / "single")]
            (work / ".onrecord-cache" / "joined.entry").unlink()  # a single build joins for itself
            fresh_runner(work)
            step("single (from the cache)", single)
            step("single (cold)", [*single, "--no-cache"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
