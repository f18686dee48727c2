"""Where a whole `onrecord build` spends its CPU: each stage's seconds, this process's and its children's.

    .venv/bin/python bench/build_stages.py CONTENT SITE [--cold] [--profile PREFIX]
    .venv/bin/python bench/build_stages.py --n 100 [--profile PREFIX]   # a synthetic archive, cold then cached

cProfile's figures mislead here: the generator runs in a forked child (generator/apart.py), so a profile
of the build process shows it as one long `read` of a pipe, and under load the profiler's own overhead
(a syscall per call with a CPU timer) outweighs what it measures. This wraps the stages in CPU timers
instead (a few thousand calls, no per-function overhead): this process's user+sys time in each, and the
CPU of the children it waited for during it (the generator's child and its reading workers, Pagefind).
With `--profile` it also writes cProfile files of the build process (PREFIX.parent.prof) and of the
generator's child (PREFIX.child.prof). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHOLE = "MkDocs' build() whole (the stages above run inside it)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Stages:
    """CPU seconds by stage: this process's, and its waited-for children's, while the stage ran."""

    def __init__(self) -> None:
        self.own: collections.Counter = collections.Counter()
        self.children: collections.Counter = collections.Counter()
        self.calls: collections.Counter = collections.Counter()

    def wrap(self, owner, name: str, stage: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            cpu, children = time.process_time(), _children_cpu()
            try:
                return original(*args, **kwargs)
            finally:
                self.own[stage] += time.process_time() - cpu
                self.children[stage] += _children_cpu() - children
                self.calls[stage] += 1

        setattr(owner, name, timed)


def _instrument(stages: Stages, child_profile: str | None, child_figures: str) -> None:
    import mkdocs.commands.build as build
    import mkdocs.structure.files as files
    import mkdocs.structure.pages as pages

    import onrecord.apart as apart
    import onrecord.html_blocks as html_blocks
    import onrecord.html_memo as html_memo
    import onrecord.plugin as plugin

    generate, child = apart.generate_with_corpus, apart._child

    def generate_timed(*args, **kwargs):
        cpu, children = time.process_time(), _children_cpu()
        result = generate(*args, **kwargs)
        figures = {"generate own": time.process_time() - cpu, "generate workers": _children_cpu() - children}
        Path(child_figures).write_text(json.dumps(figures))
        return result

    def child_timed(step, send):  # in the forked child: its whole CPU, and its profile if asked
        profiler = cProfile.Profile() if child_profile else None
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        try:
            child(step, send)
        finally:
            if profiler:
                profiler.disable()
                profiler.dump_stats(child_profile)
            figures = json.loads(Path(child_figures).read_text() or "{}")
            figures["child own"] = time.process_time() - cpu
            Path(child_figures).write_text(json.dumps(figures))

    apart.generate_with_corpus, apart._child = generate_timed, child_timed
    stages.wrap(plugin, "generate_apart", "generator (apart: child and its workers; here: unpickling)")
    stages.wrap(pages.Page, "read_source", "page.read_source")
    stages.wrap(html_blocks, "hide", "on_page_markdown: html_blocks.hide")
    stages.wrap(pages.Page, "render", "page.render: Python-Markdown converting")
    stages.wrap(html_memo.HtmlMemo, "_store", "HTML memo: writing converted pages")
    stages.wrap(html_memo.HtmlMemo, "_reuse", "HTML memo: reading converted pages")
    stages.wrap(html_blocks, "restore", "on_page_content: html_blocks.restore")
    stages.wrap(build, "_build_page", "theme (main.html) and writing each page")
    stages.wrap(files.Files, "copy_static_files", "copying static files (downloads, assets)")
    stages.wrap(plugin, "sort_sitemap", "post_build: sitemap sorted")
    stages.wrap(html_memo.HtmlMemo, "keep_only_used", "post_build: HTML memo pruned")
    stages.wrap(plugin, "release", "post_build: release")
    stages.wrap(plugin, "write_site_index", "post_build: Pagefind")
    stages.wrap(build, "build", WHOLE)


def measure(content: Path, site: Path, profile: str | None = None) -> dict:
    """Build `content` into `site` in this process, instrumented; the figures by stage."""
    stages = Stages()
    child_figures = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    _instrument(stages, profile and profile + ".child.prof", child_figures)
    start = time.process_time()
    from onrecord import site as onrecord_site

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    onrecord_site.build(content, site)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile + ".parent.prof")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    child = json.loads(Path(child_figures).read_text() or "{}")
    Path(child_figures).unlink()
    return {"own": dict(stages.own), "children": dict(stages.children), "calls": dict(stages.calls),
            "child": child, "build own": time.process_time() - start,
            "process own": usage.ru_utime + usage.ru_stime, "process children": _children_cpu()}


def table(figures: dict, title: str) -> str:
    lines = [title, f"{'stage':<62}{'here s':>8}{'children s':>12}{'calls':>7}", "-" * 89]
    for stage, own in figures["own"].items():
        lines.append(f"{stage:<62}{own:>8.2f}{figures['children'][stage]:>12.2f}{figures['calls'][stage]:>7}")
    child = figures["child"]
    if child:
        lines.append(f"{'  the child: generate_with_corpus / its reading workers':<62}"
                     f"{child.get('generate own', 0):>8.2f}{child.get('generate workers', 0):>12.2f}")
        lines.append(f"{'  the child: pickling and sending the pages and records':<62}"
                     f"{child.get('child own', 0) - child.get('generate own', 0):>8.2f}")
    whole = figures["own"].get(WHOLE, 0)
    inside = sum(own for stage, own in figures["own"].items() if stage != WHOLE)
    lines.append(f"{'  the rest of build(): files, nav, events, memo keys':<62}{whole - inside:>8.2f}")
    lines.append(f"{'the build process outside build() (imports, config)':<62}{figures['process own'] - whole:>8.2f}")
    lines.append(f"{'whole process (user+sys) and its children':<62}{figures['process own']:>8.2f}"
                 f"{figures['process children']:>12.2f}")
    lines.append(f"{'total CPU':<62}{figures['process own'] + figures['process children']:>8.2f}")
    return "\n".join(lines)


def _run_in_child(content: Path, site: Path, profile: str | None) -> dict:
    """One build in a fresh interpreter (imports and all, as `onrecord build` pays them)."""
    command = [sys.executable, __file__, str(content), str(site), "--json"] + (["--profile", profile] if profile else [])
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", type=Path)
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--n", type=int, help="build a synthetic archive of N transcripts, cold then cached")
    parser.add_argument("--cold", action="store_true", help="remove the content's cache folder first")
    parser.add_argument("--profile", help="also write cProfile files PREFIX.parent.prof and PREFIX.child.prof")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.n:
        sys.path.insert(0, str(HERE))
        import scale

        work = Path(tempfile.mkdtemp(prefix=f"onrecord-stages-{args.n}-"))
        try:
            scale.write_content(work / "content", scale.inputs("synthetic", args.n))
            for label, profile in (("cold", args.profile and args.profile + "-cold"),
                                   ("cached", args.profile and args.profile + "-cached")):
                print(table(_run_in_child(work / "content", work / "site", profile),
                            f"N={args.n} synthetic, {label} build, CPU seconds"), end="\n\n")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    if not (args.content and args.site):
        parser.error("give CONTENT and SITE, or --n N")
    if args.cold:
        from onrecord.cache import FOLDER

        shutil.rmtree(args.content.resolve().parent / FOLDER, ignore_errors=True)
    figures = measure(args.content, args.site, args.profile)
    print(json.dumps(figures) if args.json else table(figures, f"{args.content}: CPU seconds"))


if __name__ == "__main__":
    main()
