"""Scale benchmark: build a site of N transcripts, next to a plain MkDocs build of the same transcripts.

    .venv/bin/python bench/scale.py 100 1000 [--corpus synthetic|copies|both] [--keep] [--profile]

For each N it writes N transcripts into a temporary content folder: distinct synthetic calls from
bench/corpus.py (the default), or N copies of `content/transcripts/tesla-2015-q3.txt` (distinct
slugs, titles and dates, same body), or each in turn; and it measures:

- the generator alone, in this process (`onrecord.pipeline.generate`);
- the whole build, `onrecord build` as a subprocess (generator, MkDocs, our theme, Pagefind), from an
  empty cache, then once more from the cache it filled (`cached`);
- a BASELINE in the same invocation: the same transcripts naively converted to Markdown (a `# title`
  and the body as it is) and built by plain `mkdocs build` with the stock `mkdocs` theme, its
  `search` plugin and the default navigation.

Per build: wall time; CPU time; peak memory, as the largest resident set of the build process or
of any child it waited for (Pagefind), from `wait4` in a small launcher, as GNU time reports it, and,
on Linux, as the summed RSS of the build's process tree sampled every 50 ms (Python is still alive
while Pagefind runs); total site bytes; the search index's bytes; and the mean bytes of a transcript
page (`transcripts/*/index.html`), also as a ratio to the smallest N run, to show that per-page size
does not grow with N.

Tables go to stdout (with our largest page of each type), progress to stderr, and each N's figures
to `bench/out/scale-<corpus>-<N>.json`.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

import corpus  # bench/corpus.py, beside this file

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "content" / "transcripts" / "tesla-2015-q3.txt"
HOME = REPO / "content" / "index.md"
OUT = REPO / "bench" / "out"
CACHE = ".onrecord-cache"  # beside the content folder (onrecord.cache.FOLDER)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def venv_bin(name: str) -> str:
    """A console script next to the running interpreter (the venv's), else the repo's venv."""
    for folder in (Path(sys.executable).parent, REPO / ".venv" / "bin"):
        if (folder / name).is_file():
            return str(folder / name)
    raise SystemExit(f"cannot find `{name}` next to {sys.executable} or in {REPO / '.venv/bin'}")


# --- inputs ---------------------------------------------------------------------------------------

def reference() -> tuple[dict, str]:
    text = REFERENCE.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise SystemExit(f"{REFERENCE}: expected YAML front matter")
    return yaml.safe_load(match.group(1) or "") or {}, text[match.end():]


def copies(n: int, meta: dict, body: str):
    """(slug, front matter, body) of each copy: distinct slug, title and date; the same body."""
    width = max(4, len(str(n)))
    start = dt.date(2010, 1, 4)
    for i in range(1, n + 1):
        number = f"{i:0{width}d}"
        copy = dict(meta)
        copy["slug"] = f"call-{number}"
        copy["title"] = f"{meta.get('title', 'Transcript')} copy {number}"
        copy["date"] = start + dt.timedelta(days=(i * 37) % 5000)  # spread over about 14 years
        yield copy["slug"], copy, body


def inputs(kind: str, n: int) -> list[tuple[str, str, str, str]]:
    """(file name, file text, title, plain body for the baseline) of each of the N transcripts."""
    if kind == "synthetic":
        return [(t.filename, t.text, t.title, t.plain) for t in corpus.Archive(n).transcripts()]
    meta, body = reference()
    made = []
    for slug, copy, text in copies(n, meta, body):
        front = yaml.safe_dump(copy, sort_keys=False, allow_unicode=True)
        made.append((f"{slug}.txt", f"---\n{front}---\n{text}", copy["title"], text))
    return made


def write_content(folder: Path, transcripts: list[tuple[str, str, str, str]]) -> None:
    (folder / "transcripts").mkdir(parents=True)
    shutil.copyfile(HOME, folder / "index.md")
    for filename, text, _, _ in transcripts:
        (folder / "transcripts" / filename).write_text(text, encoding="utf-8")


def write_baseline(folder: Path, transcripts: list[tuple[str, str, str, str]]) -> Path:
    """The naive conversion: each transcript a page, `# title` then the body's paragraphs as they are."""
    docs = folder / "docs"
    (docs / "transcripts").mkdir(parents=True)
    (docs / "index.md").write_text("# Transcripts\n\nEarnings call transcripts.\n", encoding="utf-8")
    for filename, _, title, plain in transcripts:
        stem = filename.rsplit(".", 1)[0]
        (docs / "transcripts" / f"{stem}.md").write_text(f"# {title}\n\n{plain}", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "site_name": "Baseline",
        "docs_dir": str(docs),
        "site_dir": str(folder / "site"),
        "theme": {"name": "mkdocs"},
        "plugins": ["search"],
    }, sort_keys=False), encoding="utf-8")
    return config


# --- measuring ------------------------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS of the descendants of `pid` (Linux /proc), every `interval` seconds.

    wait4's peak is the largest single process; while Pagefind runs, the Python build process is
    still alive, so the memory the build needs at once is the sum, which this approximates."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc/self"):
            return
        while not self.done.is_set():
            tree, total = _children(), 0
            pids = list(tree.get(self.pid, ()))  # the launcher itself is not counted
            while pids:
                pid = pids.pop()
                total += _rss(pid)
                pids.extend(tree.get(pid, ()))
            self.peak = max(self.peak, total)
            self.done.wait(self.interval)


# Why a launcher: a child's ru_maxrss also counts the memory of the process it was forked from, up to
# its exec (Python forks with vfork, so that is this process, which has just run the generator on N
# transcripts). A small launcher forks the build from its own small memory and reports wait4's figures.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"maxrss": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(command: list[str], logfile: Path, cwd: Path) -> dict:
    """Run a build: wall time; CPU time and peak RSS from wait4 in a launcher, as GNU time reports them."""
    usage_file = logfile.with_suffix(".usage.json")
    with logfile.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(usage_file), *command],
                                   stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        sampler = TreeSampler(process.pid)
        sampler.start()
        process.wait()
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    if process.returncode != 0:
        tail = logfile.read_text(errors="replace")[-4000:]
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    usage = json.loads(usage_file.read_text())
    # ru_maxrss: kilobytes on Linux, bytes on macOS. It is the largest single process (the build or
    # a child it waited for, such as Pagefind), not the sum of processes running at the same time.
    peak = usage["maxrss"] * (1 if sys.platform == "darwin" else 1024)
    return {"seconds": wall, "cpu_seconds": usage["cpu"], "peak_rss": peak,
            "tree_peak_rss_sampled": sampler.peak or None}


def tree_bytes(folder: Path) -> tuple[int, int]:
    total = files = 0
    for root, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            files += 1
    return total, files


def site_figures(site: Path, search: Path) -> dict:
    total, files = tree_bytes(site)
    pages = sorted(site.glob("transcripts/*/index.html"))
    page_bytes = [p.stat().st_size for p in pages]
    search_bytes = tree_bytes(search)[0] if search.is_dir() else (search.stat().st_size if search.exists() else 0)
    return {
        "site_bytes": total,
        "files": files,
        "transcript_pages": len(pages),
        "bytes_per_page": sum(page_bytes) / len(page_bytes) if page_bytes else 0,
        "search_bytes": search_bytes,
        "largest_page": largest_pages(site),
        "by_kind": bytes_by_kind(site),
    }


def page_type(relative: str) -> str:
    """transcript, speaker, speaker index, topic, topic index or other, from where a page lives."""
    parts = relative.split("/")
    kinds = {"transcripts": "transcript", "speakers": "speaker", "topics": "topic"}
    if parts[0] in kinds and len(parts) > 1:
        if parts[1] in ("index.html", "page"):
            return f"{kinds[parts[0]]} index"
        return kinds[parts[0]] if not (parts[0] == "transcripts" and len(parts) > 3) else "share"
    return "other"


_DOWNLOADS = {"transcript.json": "download json", "transcript.akn.xml": "download akn",
              "transcript.vtt": "download vtt", "transcript.srt": "download srt",
              "transcript.podcast.json": "download podcast"}


def file_kind(relative: str) -> str:
    """What a file of a built site is for, ours or the baseline's: the rows of the site-bytes breakdown."""
    parts, name = relative.split("/"), relative.rsplit("/", 1)[-1]
    if parts[0] == "pagefind":
        return {"fragment": "pagefind fragments", "index": "pagefind index", "filter": "pagefind index"}.get(
            parts[1] if len(parts) > 2 else "", "pagefind index" if name.endswith(".pf_meta") else "pagefind static")
    if parts[0] == "search" and name.endswith(".json"):
        return "lunr index"
    if name.endswith(".html"):
        kind = page_type(relative)
        return "share pages" if kind == "share" else f"pages {kind}"
    if parts[0] == "transcripts" and len(parts) == 3:
        return _DOWNLOADS.get(name, "download source")
    if name == "feed.xml":
        return "feeds"
    if name.endswith(".json") and parts[0] in ("speakers", "topics"):
        return "index filter data"
    if name.endswith((".js", ".css", ".map", ".woff", ".woff2", ".ttf", ".eot", ".svg", ".png", ".ico")):
        return "assets"
    return "other"


def bytes_by_kind(site: Path) -> dict[str, list[int]]:
    """[bytes, files] of each kind of file in the site."""
    kinds: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if path.is_file():
            row = kinds.setdefault(file_kind(path.relative_to(site).as_posix()), [0, 0])
            row[0] += path.stat().st_size
            row[1] += 1
    return dict(sorted(kinds.items()))


def largest_pages(site: Path) -> dict[str, dict]:
    """The largest HTML page of each type: a page whose size grows with N shows here."""
    largest: dict[str, dict] = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "assets/", "search/")):
            continue
        kind, size = page_type(relative), path.stat().st_size
        if size > largest.get(kind, {}).get("bytes", -1):
            largest[kind] = {"bytes": size, "page": relative}
    return largest


def _children_cpu() -> float:
    """User and system CPU of the finished child processes this process waited for."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_generator(content: Path) -> dict:
    from onrecord.diagnostics import Report
    from onrecord.pipeline import generate

    report = Report()
    started, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
    pages = generate(content, report)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        # On a busy machine, what the generator itself took: its worker processes' CPU included (reading.py).
        "cpu_seconds": time.process_time() - cpu + _children_cpu() - workers,
        "pages": len(pages),
        "bytes": sum(len(v.encode() if isinstance(v, str) else v) for v in pages.values()),
        "diagnostics": len(report.diagnostics),
    }


def profile_generator(content: Path, n: int, limit: int = 30) -> str:
    from onrecord.diagnostics import Report
    from onrecord.pipeline import generate

    profiler = cProfile.Profile()
    profiler.enable()
    generate(content, Report())
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    text.write(f"# cProfile of generate() on {n} transcripts\n")
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return text.getvalue()


def profile_build(content: Path, site: Path, n: int, kind: str, limit: int = 40) -> None:
    """cProfile of a cold `onrecord build`: the build process and, apart, the generator's forked child (in the
    build process's profile the child is one long read of a pipe), with the CPU by stage (build_stages.py)."""
    prefix = str(site.parent / "build")
    stages = subprocess.run([sys.executable, str(REPO / "bench" / "build_stages.py"), str(content), str(site),
                             "--cold", "--profile", prefix], cwd=REPO, check=True, capture_output=True, text=True)
    text = io.StringIO()
    text.write(f"# `onrecord build` (cold) on {n} {kind} transcripts\n\n{stages.stdout}\n")
    for part, what in (("parent", "the build process"), ("child", "the generator's forked child")):
        stats = pstats.Stats(f"{prefix}.{part}.prof", stream=text).strip_dirs()
        text.write(f"\n# cProfile of {what}\n")
        stats.sort_stats("cumulative").print_stats(limit)
        stats.sort_stats("tottime").print_stats(limit)
    (OUT / f"profile-build-{kind}-{n}.txt").write_text(text.getvalue(), encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)


def measure(n: int, kind: str, keep: bool, profile: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"onrecord-scale-{kind}-{n}-"))
    log(f"N={n} {kind}: writing inputs in {work}")
    try:
        ours_dir, base_dir = work / "onrecord", work / "baseline"
        content = ours_dir / "content"
        transcripts = inputs(kind, n)
        write_content(content, transcripts)
        config = write_baseline(base_dir, transcripts)

        log(f"N={n} {kind}: generator (in process)")
        generator = time_generator(content)
        generator["input_bytes"] = sum(len(text.encode()) for _, text, _, _ in transcripts)
        generator["input_mb_per_second"] = generator["input_bytes"] / MB / generator["seconds"]
        generator["input_mb_per_cpu_second"] = generator["input_bytes"] / MB / generator["cpu_seconds"]
        if profile:
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / f"profile-{kind}-{n}.txt").write_text(profile_generator(content, n), encoding="utf-8")
            log(f"N={n} {kind}: profiling the whole build into {OUT}")
            profile_build(content, ours_dir / "site", n, kind)

        log(f"N={n} {kind}: onrecord build")
        build = [venv_bin("onrecord"), "build", "--content", str(content), "--site-dir", str(ours_dir / "site")]
        shutil.rmtree(ours_dir / CACHE, ignore_errors=True)  # cold: the profiled build above fills the cache
        ours = run(build, ours_dir / "build.log", cwd=REPO)
        ours.update(site_figures(ours_dir / "site", ours_dir / "site" / "pagefind"))
        log(f"N={n} {kind}: onrecord build again, from its cache")
        cached = run(build, ours_dir / "build-cached.log", cwd=REPO)

        log(f"N={n} {kind}: baseline mkdocs build")
        baseline = run([venv_bin("mkdocs"), "build", "--quiet", "--config-file", str(config)],
                       base_dir / "build.log", cwd=base_dir)
        baseline.update(site_figures(base_dir / "site", base_dir / "site" / "search" / "search_index.json"))
        return {"n": n, "corpus": kind, "generator": generator, "onrecord": ours, "cached": cached, "baseline": baseline,
                "work_dir": str(work) if keep else None}
    finally:
        if keep:
            log(f"N={n} {kind}: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


# --- reporting ------------------------------------------------------------------------------------

def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def add_ratios(result: dict, smallest: dict) -> None:
    for side in ("onrecord", "baseline"):
        result[side]["bytes_per_page_vs_smallest_n"] = ratio(
            result[side]["bytes_per_page"], smallest[side]["bytes_per_page"])
    result["ours_over_baseline"] = {
        key: ratio(result["onrecord"][key], result["baseline"][key])
        for key in ("seconds", "cpu_seconds", "peak_rss", "tree_peak_rss_sampled", "site_bytes", "bytes_per_page", "search_bytes")
    }


MB = 1_000_000


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(results: list[dict]) -> str:
    head = (f"{'N':>6} {'corpus':<10} {'build':<9}{'gen s':>8}{'gen cpu':>8}{'gen MB/s':>9}{'build s':>9}{'cpu s':>8}{'peak MB':>9}"
            f"{'tree MB':>9}{'site MB':>10}{'files':>8}{'page KB':>9}{'page/N0':>9}{'search MB':>11}")
    lines = [head, "-" * len(head)]
    for r in results:
        g, o, b, q = r["generator"], r["onrecord"], r["baseline"], r["ours_over_baseline"]
        rows = (("onrecord", o, g["seconds"], g.get("cpu_seconds"), g.get("input_mb_per_cpu_second")),
                ("mkdocs", b, None, None, None))
        for label, row, gen, gen_cpu, rate in rows:
            lines.append(
                f"{r['n']:>6} {r['corpus']:<10} {label:<9}{fmt(gen, '.2f'):>8}{fmt(gen_cpu, '.2f'):>8}{fmt(rate, '.2f'):>9}"
                f"{row['seconds']:>9.2f}"
                f"{row['cpu_seconds']:>8.2f}{row['peak_rss'] / MB:>9.1f}"
                f"{fmt(row['tree_peak_rss_sampled'] and row['tree_peak_rss_sampled'] / MB, '.1f'):>9}"
                f"{row['site_bytes'] / MB:>10.2f}{row['files']:>8}"
                f"{row['bytes_per_page'] / 1000:>9.1f}{fmt(row['bytes_per_page_vs_smallest_n'], '.3f'):>9}"
                f"{row['search_bytes'] / MB:>11.2f}")
        if c := r.get("cached"):
            lines.append(f"{r['n']:>6} {r['corpus']:<10} {'cached':<9}{'':>8}{'':>8}{'':>9}{c['seconds']:>9.2f}"
                         f"{c['cpu_seconds']:>8.2f}{c['peak_rss'] / MB:>9.1f}"
                         f"{fmt(c['tree_peak_rss_sampled'] and c['tree_peak_rss_sampled'] / MB, '.1f'):>9}")
        lines.append(
            f"{r['n']:>6} {r['corpus']:<10} {'ours/base':<9}{'':>8}{'':>8}{'':>9}{fmt(q['seconds'], '.2f'):>9}"
            f"{fmt(q['cpu_seconds'], '.2f'):>8}{fmt(q['peak_rss'], '.2f'):>9}{fmt(q['tree_peak_rss_sampled'], '.2f'):>9}"
            f"{fmt(q['site_bytes'], '.2f'):>10}{'':>8}"
            f"{fmt(q['bytes_per_page'], '.2f'):>9}{'':>9}{fmt(q['search_bytes'], '.3f'):>11}")
    lines.append("")
    lines.append("gen s / gen cpu: generate() in process (wall / CPU); gen MB/s: transcript bytes per CPU second of it;")
    lines.append("build s / cpu s: the whole build as a subprocess (wall / user+sys), onrecord's from an empty cache;")
    lines.append("cached: the same build again, from the cache the first one filled (ours/base is of the cold build);")
    lines.append("peak MB: max RSS of the build process or a child it waited for (Pagefind), MB = 10^6 bytes;")
    lines.append("tree MB: summed RSS of the build's process tree, sampled every 50 ms (Linux only);")
    lines.append("page KB: mean transcripts/*/index.html; page/N0: that over the smallest N of the same corpus;")
    lines.append("search MB: pagefind/ (ours) or search_index.json (mkdocs).")
    lines.append("")
    lines.append(largest_table(results))
    lines.append("")
    lines.append(kinds_table(results))
    return "\n".join(lines)


def kinds_table(results: list[dict]) -> str:
    """Site bytes by kind of file, ours next to the baseline's, as MB and as a share of the baseline's whole site."""
    lines = ["site bytes by kind, MB (files); share: of the baseline site's bytes:"]
    for r in results:
        ours, base = r["onrecord"]["by_kind"], r["baseline"]["by_kind"]
        whole = r["baseline"]["site_bytes"] or 1
        head = f"{'N=' + str(r['n']) + ' ' + r['corpus']:<24}{'onrecord MB':>12}{'files':>8}{'share':>7}{'mkdocs MB':>11}{'files':>7}"
        lines += [head, "-" * len(head)]
        for kind in sorted(set(ours) | set(base), key=lambda k: -max(ours.get(k, [0])[0], base.get(k, [0])[0])):
            o, b = ours.get(kind, [0, 0]), base.get(kind, [0, 0])
            lines.append(f"{kind:<24}{o[0] / MB:>12.2f}{o[1]:>8}{o[0] / whole:>7.2f}{b[0] / MB:>11.2f}{b[1]:>7}")
        lines.append(f"{'whole site':<24}{r['onrecord']['site_bytes'] / MB:>12.2f}{r['onrecord']['files']:>8}"
                     f"{r['onrecord']['site_bytes'] / whole:>7.2f}{whole / MB:>11.2f}{r['baseline']['files']:>7}")
        lines.append("")
    return "\n".join(lines)


def largest_table(results: list[dict]) -> str:
    """Our largest HTML page of each type, in KB: none should grow with N."""
    kinds = sorted({k for r in results for k in r["onrecord"]["largest_page"]})
    head = f"{'N':>6} {'corpus':<10} " + "".join(f"{k:>16}" for k in kinds)
    lines = ["largest onrecord page of each type, KB of HTML:", head, "-" * len(head)]
    for r in results:
        largest = r["onrecord"]["largest_page"]
        lines.append(f"{r['n']:>6} {r['corpus']:<10} "
                     + "".join(f"{fmt(largest.get(k, {}).get('bytes', 0) / 1000, '.1f'):>16}" for k in kinds))
    return "\n".join(lines)


def commit() -> str | None:
    """The commit measured, marked `-dirty` if the working tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "theme", "mkdocs.yml"],
                               cwd=REPO, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="+", type=int, help="numbers of transcripts, e.g. 10 100 1000")
    parser.add_argument("--corpus", choices=("synthetic", "copies", "both"), default="synthetic",
                        help="distinct synthetic transcripts (bench/corpus.py), copies of the reference, or both")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile generate() and the whole build into bench/out/profile-*.txt")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.n):
        parser.error("N must be at least 1")

    OUT.mkdir(parents=True, exist_ok=True)
    import onrecord

    environment = {"python": platform.python_version(), "platform": platform.platform(),
                   "cpus": os.cpu_count(), "load_average": os.getloadavg(),
                   "reference": str(REFERENCE.relative_to(REPO)),
                   "generator": str(Path(onrecord.__file__).parent), "commit": commit()}
    kinds = ("synthetic", "copies") if args.corpus == "both" else (args.corpus,)
    results: list[dict] = []
    for kind in kinds:
        smallest = None
        for n in sorted(set(args.n)):
            result = measure(n, kind, args.keep, args.profile)
            smallest = smallest or result
            add_ratios(result, smallest)
            result["smallest_n"] = smallest["n"]
            result["environment"] = environment
            results.append(result)
            (OUT / f"scale-{kind}-{n}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            log(f"N={n} {kind}: done, figures in {OUT / f'scale-{kind}-{n}.json'}")
    print(table(results))


if __name__ == "__main__":
    main()
