"""A sharded build simulated on one machine: K shards one after another, then the merge, next to a single build.

    .venv/bin/python bench/shards.py 100 --shards 4

N copies of the reference transcript (as bench/incremental.py writes them). Each build is `onrecord build`
in its own process; "cpu s" is user + sys of it and its children (MkDocs, Pagefind), "peak MB" the largest
resident set among them (wait4). The shards read the per-transcript cache the single build filled, as a
CI job would after the reading pass. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from incremental import _FRONT_MATTER, REFERENCE, ROOT, add_transcript  # noqa: E402

ONRECORD = str(Path(sys.executable).parent / "onrecord")


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MB) of one command and the children it waited for."""
    with tempfile.TemporaryFile() as said:  # a file, not a pipe: a full pipe would stop the build
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=said)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            said.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{said.read().decode(errors='replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--shards", type=int, default=3)
    options = parser.parse_args()
    text = REFERENCE.read_text(encoding="utf-8")
    body = text[_FRONT_MATTER.match(text).end():]
    work = Path(tempfile.mkdtemp(prefix="onrecord-shards-"))
    try:
        content, width = work / "content", max(4, len(str(options.n)))
        (content / "transcripts").mkdir(parents=True)
        shutil.copyfile(ROOT / "content" / "index.md", content / "index.md")
        for number in range(1, options.n + 1):
            add_transcript(content, body, number, width)
        rows = [("single (fills cache)", timed([ONRECORD, "build", "--content", str(content), "--site-dir",
                                                 str(work / "single")]))]
        rows.append(("single (from cache)", timed([ONRECORD, "build", "--content", str(content), "--site-dir",
                                                  str(work / "single")])))
        sites = []
        for k in range(1, options.shards + 1):
            sites.append(str(work / f"shard{k}"))
            rows.append((f"shard {k}/{options.shards}", timed([ONRECORD, "build", "--content", str(content),
                                                              "--site-dir", sites[-1], "--shard", f"{k}/{options.shards}"])))
        rows.append(("merge", timed([ONRECORD, "merge", *sites, "--site-dir", str(work / "merged")])))
        print(f"N = {options.n}, {options.shards} shards")
        print(f"  {'build':<22} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
        for name, (wall, cpu, peak) in rows:
            print(f"  {name:<22} {wall:8.1f} {cpu:8.1f} {peak:8.0f}")
        sharded = rows[2:]
        print(f"  {'shards + merge, sum':<22} {sum(r[1][0] for r in sharded):8.1f} {sum(r[1][1] for r in sharded):8.1f} "
              f"{max(r[1][2] for r in sharded):8.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
