"""The `onrecord` command: export, check, build, serve."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import codes, site
from .anchors import changed_since, check_moves
from .diagnostics import ERROR, INFO, WARNING, Report
from .export import dumps
from .highlight import excerpt
from .identity import starter_yml
from .intake import add
from .pipeline import load, load_one, load_previous


def _print_report(report: Report, quiet: bool = False) -> None:
    """Each diagnostic; under a warning or an error, the source line it names, highlighted on a terminal."""
    color = sys.stderr.isatty()
    sources: dict[str, list[str]] = {}
    for diagnostic in report.diagnostics:
        if quiet and diagnostic.level == INFO:
            continue
        click.echo(str(diagnostic), err=True)
        if diagnostic.level == INFO or not diagnostic.line:
            continue
        if diagnostic.path not in sources:
            sources[diagnostic.path] = _source_lines(report.resolve(diagnostic.path))
        if shown := excerpt(sources[diagnostic.path], diagnostic.line, color):
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


@click.group()
@click.version_option(package_name="onrecord")
def main() -> None:
    """Publish readable transcripts as a static site."""


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def export(path: Path) -> None:
    """Print the JSON export of one transcript (diagnostics go to stderr)."""
    report = Report(root=Path.cwd())
    transcript = load_one(path, report)
    _print_report(report, quiet=True)
    click.echo(dumps(transcript), nl=False)


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


def _log_like_mkdocs() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)


@main.command()
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Content folder.")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where the site is written.")
@click.option("--strict", is_flag=True, help="Fail on any warning.")
@click.option("--no-cache", is_flag=True, help="Read every transcript afresh, not from the per-transcript cache.")
@click.option("--shard", metavar="K/N", callback=lambda _c, _p, v: _shard(v),
              help="Build shard K of N: its transcripts' pages, without search; `onrecord merge` joins the shards.")
def build(content: Path | None, site_dir: Path | None, strict: bool, no_cache: bool, shard) -> None:
    """Build the complete site (pages, downloads and the search index)."""
    from mkdocs.exceptions import MkDocsException

    _log_like_mkdocs()
    try:
        site.build(content, site_dir, strict, waiting=lambda message: click.echo(message, err=True), cache=not no_cache,
                   shard=shard)
    except site.BuildFailed as error:
        cause = error.__cause__
        said = str(cause) if isinstance(cause, MkDocsException) else f"{type(cause).__name__}: {cause}"
        click.echo(f"error: {said}\n{error}", err=True)
        sys.exit(1)



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
@click.argument("sites", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--site-dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Where the site is written.")
def merge(sites: tuple[Path, ...], site_dir: Path) -> None:
    """Join the SITES of `onrecord build --shard K/N` (every K) into one site with one search index."""
    _log_like_mkdocs()
    try:
        site.merge(list(sites), site_dir, waiting=lambda message: click.echo(message, err=True))
    except site.BuildFailed as error:
        click.echo(f"error: {error.__cause__}\n{error}", err=True)
        sys.exit(1)


@main.command()
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Content folder.")
@click.option("-a", "--dev-addr", help="IP:PORT to serve on (default localhost:8000).")
def serve(content: Path | None, dev_addr: str | None) -> None:
    """Serve the site and rebuild it whenever a transcript changes."""
    _log_like_mkdocs()
    site.serve(content, dev_addr)
