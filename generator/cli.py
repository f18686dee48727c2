"""The `onrecord` command: export, check, build, serve."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import Iterator

import click

from . import codes, site
from .anchors import base_problem, changed_since, check_moves
from .diagnostics import ERROR, INFO, WARNING, Report
from .export import dumps
from .exports import FORMATS
from .highlight import excerpt
from .identity import starter_yml
from .intake import add
from .pipeline import load, load_one, load_previous


def color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def _print_report(report: Report, quiet: bool = False) -> None:
    """Each diagnostic; under a warning or an error, the source line it names, highlighted on a terminal."""
    color_on = color()
    sources: dict[str, list[str]] = {}
    for diagnostic in report.diagnostics:
        if quiet and diagnostic.level == INFO:
            continue
        click.echo(str(diagnostic), err=True)
        if diagnostic.level == INFO or not diagnostic.line:
            continue
        if diagnostic.path not in sources:
            sources[diagnostic.path] = _source_lines(report.resolve(diagnostic.path))
        if shown := excerpt(sources[diagnostic.path], diagnostic.line, color_on):
            click.echo(shown, err=True)


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    except OSError:
        return []


def _readings(corpus, report: Report) -> None:
    """One line per file: the layout and why, who and how much, and where the source's words went."""
    click.echo("file\tlayout\twhy\tspeakers\tturns\texchanges\twords\tspeech\tnotes\tother\tmissing\twarnings")
    warnings: dict[str, int] = {}
    for diagnostic in report.at_least(WARNING):
        warnings[diagnostic.path] = warnings.get(diagnostic.path, 0) + 1
    by_file = sorted((t for t in corpus.transcripts if t.source is not None), key=lambda t: t.source.path)
    for transcript in by_file:
        reading, layout = transcript.reading, transcript.layout
        if reading is None:
            continue
        shown = report.show(transcript.source.path)
        share = lambda part: f"{reading.share(part):.1%}"  # noqa: E731
        click.echo("\t".join([
            shown, layout.reader if layout else "?", layout.reason if layout else "?", str(reading.speakers),
            str(reading.turns), str(reading.exchanges), str(reading.words), share(reading.speech),
            share(reading.notes), share(reading.other), f"{1 - reading.kept:.1%}", str(warnings.get(shown, 0)),
        ]))


def _summary(report: Report) -> str:
    counts = {level: sum(d.level == level for d in report.diagnostics) for level in (ERROR, WARNING, INFO)}
    return f"{counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} notes"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
@click.option("-q", "--quiet", is_flag=True, help="Say only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more: every note of a build, MkDocs' debug lines.")
@click.pass_context
def main(context: click.Context, quiet: bool, verbose: bool) -> None:
    """Publish readable transcripts as a static site."""
    context.obj = {"quiet": quiet, "verbose": verbose}


def _quiet(quiet: bool = False) -> bool:
    """This command's -q, or the global one (`onrecord -q check`)."""
    return quiet or bool((click.get_current_context().find_root().obj or {}).get("quiet"))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "format_", type=click.Choice(["json", *FORMATS]), default="json", show_default=True,
              help="json (onrecord.transcript/1), vtt (WebVTT), srt, podcast (Podcasting 2.0 JSON), akn (Akoma Ntoso).")
def export(path: Path, format_: str) -> None:
    """Print one transcript in an export format (diagnostics go to stderr)."""
    report = Report(root=Path.cwd())
    transcript = load_one(path, report)
    _print_report(report, quiet=True)
    if transcript is None:  # Onrecord failed on it: said above, as a diagnostic
        sys.exit(1)
    if format_ == "json":
        click.echo(dumps(transcript), nl=False)
        return
    text = FORMATS[format_].write(transcript)
    if text is None:  # captions need times, and this transcript has none
        raise click.ClickException(f"{path}: no time marks, so no {format_} export (json and akn have every transcript)")
    click.echo(text, nl=False)


def _print_codes(context: click.Context, _parameter, wanted: bool) -> None:
    if wanted and not context.resilient_parsing:
        click.echo(codes.listing(), nl=False)
        context.exit()


@main.command()
@click.argument("content", default="content", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--codes", is_flag=True, is_eager=True, expose_value=False, callback=_print_codes,
              help="List every diagnostic code, its level and meaning (what `acknowledge:` takes), and exit.")
@click.option("--strict", is_flag=True, help="Exit non-zero if there is any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Show warnings and errors only.")
@click.option("--since", default="HEAD", show_default=True,
              help="Git revision to compare with, to find anchors a correction would move.")
@click.option("--record-moves", is_flag=True, help="Write the anchor moves into the front matter, so old links redirect.")
@click.option("--summary/--no-summary", default=True, show_default=True,
              help="Print a line per file on stdout: layout and why, speakers, turns, exchanges, where the words went.")
def check(content: Path, strict: bool, quiet: bool, since: str, record_moves: bool, summary: bool) -> None:
    """Report what is wrong with the transcripts in CONTENT, as path:line: level: message [code]."""
    if problem := base_problem(content, since, explicit=_given("since")):
        raise click.BadParameter(problem, param_hint="--since")
    quiet = _quiet(quiet)
    report = Report(root=Path.cwd())
    corpus = load(content, report)
    changed = changed_since(content, since)
    for transcript in corpus.transcripts:
        if transcript.source is not None and changed and transcript.source.path.resolve() in changed:
            check_moves(transcript, load_previous(transcript.source.path, since), report, record_moves)
    _print_report(report, quiet)
    if summary:
        _readings(corpus, report)
    turns = sum(len(t.turns) for t in corpus.transcripts)
    click.echo(f"{len(corpus.transcripts)} transcripts, {turns} turns: {_summary(report)}", err=True)
    failing = report.at_least(WARNING) if strict else report.at_least(ERROR)
    if failing:
        sys.exit(1)


@main.command()
@click.argument("content", default="content", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yml", "as_yml", is_flag=True, help="Print a starter speakers.yml instead of the list.")
def speakers(content: Path, as_yml: bool) -> None:
    """List the people found in CONTENT: their labels, role, organisation and turns."""
    report = Report(root=Path.cwd())
    corpus = load(content, report)
    turns: dict[str, int] = {}
    for transcript in corpus.transcripts:
        for turn in transcript.turns:
            if turn.speaker:
                turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
    if as_yml:
        click.echo(starter_yml(corpus.speakers), nl=False)
        return
    for person in corpus.speakers:
        where = ", ".join(x for x in (person.title, person.organisation) if x)
        click.echo(f"{person.id}  {person.name}  [{person.role}]{'  ' + where if where else ''}  {turns.get(person.id, 0)} turns")
        for alias in person.aliases:
            click.echo(f"    also: {alias}")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", default="content", type=click.Path(file_okay=False, path_type=Path), show_default=True)
@click.option("--title", help="Title, if the file does not say it.")
@click.option("--date", help="Date as YYYY-MM-DD, if the file does not say it.")
@click.option("--company", help="The organisation that answers (its executives get it as theirs).")
@click.option("--slug", help="URL name: /transcripts/<slug>/ (default: from the file name).")
@click.option("--force", is_flag=True, help="Replace a transcript of the same name.")
def new(path: Path, content: Path, title, date, company, slug, force: bool) -> None:
    """Add the transcript at PATH to CONTENT/transcripts/, with front matter, and check it."""
    report = Report(root=Path.cwd())
    overrides = {"title": title, "date": date, "company": company, "slug": slug}
    intake = add(path, content, overrides, report, force=force)
    if intake is None:
        _print_report(report)
        sys.exit(1)
    click.echo(f"added {intake.path}", err=True)
    # Check it as the site will read it: beside the other transcripts, with speakers resolved across them.
    checked = Report(root=Path.cwd())
    corpus = load(content, checked)
    mine = [d for d in checked.diagnostics if checked.resolve(d.path).resolve() == intake.path.resolve()]
    checked.diagnostics = mine
    _print_report(checked)
    transcript = next(t for t in corpus.transcripts if t.source and t.source.path.resolve() == intake.path.resolve())
    click.echo("\nReview before you commit:", err=True)
    for key in ("title", "date", "company"):
        value = intake.meta.get(key)
        how = "inferred from the file; check it" if key in intake.inferred else "from the front matter or options"
        click.echo(f"  {key}: {value if value else '(none; add it with --' + key + ')'}  [{how}]", err=True)
    roles: dict[str, list[str]] = {}
    for speaker in transcript.speakers:
        roles.setdefault(speaker.role, []).append(speaker.name)
    for role, names in roles.items():
        click.echo(f"  {role}: {', '.join(names)}", err=True)
    click.echo(f"  {len(transcript.turns)} turns, {len(transcript.exchanges)} exchanges", err=True)
    warnings = [d for d in mine if d.level != INFO]
    if warnings:
        click.echo(f"  {len(warnings)} warnings above: fix the file, or list their codes under `acknowledge:`", err=True)
    click.echo(f"Then build with `make site` and read /transcripts/{transcript.slug}/.", err=True)
    if any(d.level == ERROR for d in mine):
        sys.exit(1)


@main.command()
@click.argument("content", default="content", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yml", "as_yml", is_flag=True, help="Print a starter topics.yml instead of the list.")
def topics(content: Path, as_yml: bool) -> None:
    """List the topics of CONTENT, most discussed first, with how many exchanges and mentions."""
    from .topics import starter_yml

    report = Report(root=Path.cwd())
    corpus = load(content, report)
    _print_report(report, quiet=True)
    if as_yml:
        click.echo(starter_yml(corpus), nl=False)
        return
    for topic in corpus.topics:
        transcripts = len({slug for slug, _ in (*topic.exchanges, *topic.remarks)})
        source = "curated" if topic.curated else "found"
        click.echo(f"{topic.id}  {topic.name}  [{source}]  {len(topic.exchanges)} exchanges  "
                   f"{len(topic.remarks)} remarks  {transcripts} transcripts  {len(topic.mentions)} mentions")
        for alias in topic.aliases:
            click.echo(f"    also: {alias}")


def _given(name: str) -> bool:
    """Whether the option was on the command line (not its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source != click.core.ParameterSource.DEFAULT


_LEVEL_COLOURS = {"WARNING": "yellow", "ERROR": "red", "CRITICAL": "red", "DEBUG": "bright_black"}


class _Counted(logging.Handler):
    """Counts what a build said at each level, for the one line at its end."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts = {"WARNING": 0, "ERROR": 0}

    def emit(self, record: logging.LogRecord) -> None:
        self.counts["ERROR" if record.levelno >= logging.ERROR else "WARNING"] += 1


@contextlib.contextmanager
def _log_like_mkdocs() -> Iterator[_Counted]:
    """MkDocs' log lines on stderr, at the level -q or -v asks for; levels coloured only on a terminal."""
    colour = color()

    class Format(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            level = f"{record.levelname:<7}"
            if colour and record.levelname in _LEVEL_COLOURS:
                level = click.style(level, fg=_LEVEL_COLOURS[record.levelname])
            return f"{level} -  {record.getMessage()}"

    handler = logging.StreamHandler()
    handler.setFormatter(Format())
    counted = _Counted()
    obj = click.get_current_context().find_root().obj or {}
    level = logging.WARNING if obj.get("quiet") else logging.DEBUG if obj.get("verbose") else logging.INFO
    engines = [logging.getLogger(name) for name in ("mkdocs", "properdocs")]  # ProperDocs logs as itself
    for engine_log in engines:
        engine_log.addHandler(handler)
        engine_log.addHandler(counted)
        engine_log.setLevel(level)
    try:
        yield counted
    finally:
        for engine_log in engines:
            engine_log.removeHandler(handler)
            engine_log.removeHandler(counted)


@main.command()
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Content folder.")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where the site is written.")
@click.option("--strict", is_flag=True, help="Fail on any warning.")
@click.option("--no-cache", is_flag=True, help="Read every transcript afresh, not from the per-transcript cache.")
@click.option("--shard", metavar="K/N", callback=lambda _c, _p, v: _shard(v),
              help="Build shard K of N: its own pages and search bundle; `onrecord merge` joins the shards.")
def build(content: Path | None, site_dir: Path | None, strict: bool, no_cache: bool, shard) -> None:
    """Build the complete site (pages, downloads and the search index)."""
    try:
        site.engine.use()
    except ImportError as error:
        raise click.ClickException(str(error)) from None
    from mkdocs.exceptions import MkDocsException

    with _log_like_mkdocs() as counted:
        try:
            site.build(content, site_dir, strict, waiting=lambda message: click.echo(message, err=True),
                       cache=not no_cache, shard=shard)
        except site.NoSite as error:
            raise click.UsageError(str(error)) from None
        except site.BuildFailed as error:
            cause = error.__cause__
            said = str(cause) if isinstance(cause, MkDocsException) else f"{type(cause).__name__}: {cause}"
            click.echo(f"error: {said}\n{error}", err=True)
            sys.exit(1)
    if not _quiet():
        click.echo(f"Built: {counted.counts['ERROR']} errors, {counted.counts['WARNING']} warnings", err=True)



def _shard(value: str | None):
    from .shards import Shard

    try:
        return Shard.parse(value) if value else None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@main.command()
@click.argument("content", default="content", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--shard", metavar="K/N", required=True, callback=lambda _c, _p, v: _shard(v),
              help="Read the transcripts of shard K of N.")
@click.option("--cache", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="The cache folder (default: .onrecord-cache beside CONTENT).")
def read(content: Path, shard, folder: Path | None) -> None:
    """Read one shard's transcripts into the per-transcript cache: the first pass of a sharded build."""
    from .cache import Cache, folder_for
    from .pipeline import read_shard

    report = Report(root=Path.cwd())
    paths = read_shard(content, report, Cache(folder or folder_for(True, content, Path.cwd())), shard.index, shard.count)
    _print_report(report, quiet=True)
    click.echo(f"shard {shard}: {len(paths)} transcripts read into the cache: {_summary(report)}", err=True)


@main.command()
@click.argument("content", default="content", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--cache", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="The cache folder (default: .onrecord-cache beside CONTENT).")
def join(content: Path, folder: Path | None) -> None:
    """Join speakers and topics across every cached transcript, once, for the render shards: the second pass."""
    from .cache import Cache, folder_for
    from .joined import join as join_corpus

    report = Report(root=Path.cwd())
    corpus = join_corpus(content, report, Cache(folder or folder_for(True, content, Path.cwd())))
    _print_report(report, quiet=True)
    click.echo(f"joined {len(corpus.transcripts)} transcripts, {len(corpus.speakers)} speakers, "
               f"{len(corpus.topics)} topics into the cache: {_summary(report)}", err=True)


@main.command()
@click.argument("sites", nargs=-1, required=True, type=click.Path(path_type=Path))  # a missing one: merge.incomplete
@click.option("--site-dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Where the site is written.")
def merge(sites: tuple[Path, ...], site_dir: Path) -> None:
    """Join the SITES of `onrecord build --shard K/N` (every K) into one site whose search merges their bundles."""
    _log_like_mkdocs()
    report = Report(root=Path.cwd())
    try:
        site.merge(list(sites), site_dir, report, waiting=lambda message: click.echo(message, err=True))
    except site.BuildFailed as error:
        if not report.at_least(ERROR):  # no merge error: Onrecord itself failed
            report.error(site_dir, 0, f"{type(error.__cause__).__name__}: {error.__cause__}", "merge.crash")
        _print_report(report)
        click.echo(f"Merged: {len(report.at_least(ERROR))} errors; {error}", err=True)
        sys.exit(1)


@main.command()
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Content folder.")
def shards(content: Path | None) -> None:
    """Print the shards to build as a JSON list: [] (one build) up to mkdocs.yml's `shard_above:` transcripts."""
    import json

    from .shards import planned

    try:
        click.echo(json.dumps(planned(content)))
    except (site.NoSite, ValueError) as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Content folder.")
@click.option("-a", "--dev-addr", help="IP:PORT to serve on (default localhost:8000).")
def serve(content: Path | None, dev_addr: str | None) -> None:
    """Serve the site and rebuild it whenever a transcript changes."""
    with _log_like_mkdocs():
        try:
            site.serve(content, dev_addr)
        except site.NoSite as error:
            raise click.UsageError(str(error)) from None
