"""The generator from end to end: a content folder becomes a Corpus, then pages. Reads like the DESIGN."""

from __future__ import annotations

from pathlib import Path

from .about import describe
from .anchors import previous_version
from .audit import measured
from .corpus import build_corpus
from .diagnostics import Report
from .feeds import Site
from .identity import load_directory
from .model import Corpus, Source, Transcript
from .readers import parse
from .render import render
from .source import read
from .structure import structure
from .topics import load_topics_file

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".markdown", ".vtt", ".srt", ".json", ".html", ".htm")


def transcript_paths(content: Path, report: Report | None = None) -> list[Path]:
    """The transcripts of a content folder: every known suffix, and files without one (their text decides)."""
    folder = content / "transcripts"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES or not path.suffix:
            found.append(path)
        elif report is not None:
            report.warning(path, 0, f"not read: {path.suffix!r} is not a transcript format Onrecord reads "
                           f"({', '.join(TRANSCRIPT_SUFFIXES)}, or no extension)", "content.skipped")
    return found


def transcript_of(source: Source, report: Report) -> Transcript:
    """parse (clean inside) -> about -> structure: the stages that depend on one file only."""
    return structure(describe(parse(source, report), report), report)


def load_transcript(path: Path, report: Report) -> Transcript:
    """read -> parse -> about -> structure, for one file, and how well it was read."""
    source = read(path, report)
    acknowledged = source.meta.get("acknowledge", [])
    if isinstance(acknowledged, str):
        acknowledged = [acknowledged]
    if not isinstance(acknowledged, list) or not all(isinstance(code, str) for code in acknowledged):
        report.warning(
            path, source.line_of("acknowledge"), "`acknowledge:` must be a list of diagnostic codes", "meta.acknowledge"
        )
        acknowledged = []
    report.acknowledge(path, acknowledged)
    return measured(transcript_of(source, report), report)


def load_previous(path: Path, revision: str) -> Transcript | None:
    """The transcript as `revision` has it in git, when it differs from the file now; else None."""
    raw = previous_version(path, revision)
    if raw is None or raw == path.read_bytes():
        return None
    quiet = Report()  # the old version's problems are history
    return transcript_of(read(path, quiet, raw=raw), quiet)


def load(content: Path, report: Report) -> Corpus:
    paths = transcript_paths(content, report)
    if not paths:
        report.warning(content / "transcripts", 0, "no transcripts found", "content.empty")
    directory = load_directory(content / "speakers.yml", report)
    topics = load_topics_file(content / "topics.yml", report)
    return build_corpus([load_transcript(path, report) for path in paths], report, directory, topics)


def load_one(path: Path, report: Report) -> Transcript:
    """One transcript, and only it is read: with its content folder's speakers.yml and topics.yml when it is in one."""
    folder = path.resolve().parent
    directory, topics = None, None
    if folder.name == "transcripts":
        directory = load_directory(folder.parent / "speakers.yml", report)
        topics = load_topics_file(folder.parent / "topics.yml", report)
    return build_corpus([load_transcript(path, report)], report, directory, topics).transcripts[0]


def generate(content: Path, report: Report, site: Site = Site()) -> dict[str, str | bytes]:
    """Every generated file of the site, by path under the docs folder."""
    home = content / "index.md"
    home_text = home.read_text(encoding="utf-8") if home.is_file() else ""
    return render(load(content, report), home_text, site)
