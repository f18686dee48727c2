"""Where a whole `onrecord build` holds its memory: resident set at each phase boundary, in both processes.

    .venv/bin/python bench/build_memory.py --n 300          # a synthetic archive (bench/corpus.py), cold
    .venv/bin/python bench/build_memory.py CONTENT SITE     # any content folder, its cache as it is

One build in this process, as `onrecord build` runs it, with a line at each boundary: the generator's forked
child (when generate_with_corpus returns, once its pages are staged, at its end: the records are made as
they are staged), then this process (after on_files, every 500 pages MkDocs populates and builds, before
and after the release, around Pagefind and after each bundle it writes: the records are read a bundle at
a time). Each line gives the process's
resident set and its peak so far (VmRSS, VmHWM), and at the end of population what MkDocs still holds in
memory: the generated files' content, the pages' Markdown and HTML. Pagefind's own peak is scale.py's
(`peak MB`). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_EVERY = 500  # pages between two lines while MkDocs populates and builds


def resident() -> str:
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    mb = lambda key: int(status[key].split()[0]) // 1024  # noqa: E731
    return f"{mb('VmRSS'):>6} MB now {mb('VmHWM'):>6} MB peak"


def say(where: str) -> None:
    print(f"{time.strftime('%H:%M:%S')}  {where:<52}{resident()}", flush=True)


def held(files) -> str:
    """What MkDocs holds in memory for the files and pages, in millions of characters (or bytes)."""
    generated = markdown = html = 0
    for file in files:
        generated += len(getattr(file, "_content", None) or "")
        if file.page is not None:
            markdown += len(file.page.markdown or "")
            html += len(file.page.content or "")
    return f"files' content {generated / 1e6:.0f} M, pages' Markdown {markdown / 1e6:.0f} M, HTML {html / 1e6:.0f} M"


def _wrap(owner, name: str, before=None, after=None) -> None:
    original = getattr(owner, name, None)
    if original is None:  # an older checkout (PYTHONPATH) without this step: its line is not printed
        return

    def wrapped(*args, **kwargs):
        if before:
            before(*args)
        result = original(*args, **kwargs)
        if after:
            after(*args)
        return result

    setattr(owner, name, wrapped)


def _every(label: str):
    count = [0]

    def step(*_):
        count[0] += 1
        if count[0] % _EVERY == 0:
            say(f"{label} {count[0]}")
    return step


def instrument() -> None:
    import mkdocs.commands.build as build
    from mkdocs.structure.files import Files

    import onrecord.apart as apart
    import onrecord.plugin as plugin
    import onrecord.search_index as search_index

    _wrap(apart, "generate_with_corpus", after=lambda *_: say("child: generate_with_corpus returned"))
    _wrap(apart, "_stage_records", before=lambda *_: say("child: pages staged, before the records"))
    _wrap(apart, "_child", after=lambda *_: say("child: at its end"))
    _wrap(plugin.OnrecordPlugin, "on_files", before=lambda *_: say("before on_files"), after=lambda *_: say("after on_files"))
    _wrap(build, "_populate_page", after=_every("pages populated:"))

    def population_done(files, *_):
        say("population done")
        print(f"{'':10}{held(files)}", flush=True)

    _wrap(Files, "copy_static_files", before=population_done)
    _wrap(build, "_build_page", after=_every("pages built:"))
    _wrap(plugin, "release", before=lambda *_: say("post_build: before release"), after=lambda *_: say("after release"))
    _wrap(plugin, "write_site_index", before=lambda *_: say("before Pagefind"), after=lambda *_: say("after Pagefind"))
    bundles = [0]  # the records are read a bundle at a time: a line once each is given to Pagefind

    def bundle_given(*_):
        bundles[0] += 1
        say(f"Pagefind bundle {bundles[0]} written")
    _wrap(search_index, "write_index", after=bundle_given)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", type=Path)
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--n", type=int, help="build a synthetic archive of N transcripts, from an empty cache")
    args = parser.parse_args(argv)
    if not (args.n or (args.content and args.site)):
        parser.error("give CONTENT and SITE, or --n N")
    instrument()
    from onrecord import site

    work = Path(tempfile.mkdtemp(prefix=f"onrecord-memory-{args.n}-")) if args.n else None
    try:
        if work:  # written by another process: making the archive here would add to the figures
            subprocess.run([sys.executable, "-c", "import sys, scale; from pathlib import Path; "
                            "scale.write_content(Path(sys.argv[1]), scale.inputs('synthetic', int(sys.argv[2])))",
                            str(work / "content"), str(args.n)], cwd=HERE, check=True)
        site.build(args.content or work / "content", args.site or work / "site")
        say("the build's end")
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
