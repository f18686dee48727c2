"""The generator from end to end: a content folder becomes a Corpus, then pages. Reads like the DESIGN."""

from __future__ import annotations

from pathlib import Path

from .anchors import previous_version
from .audit import measured
from .corpus import build_corpus
from .diagnostics import Report
from .feeds import Site
from .identity import load_directory
from .model import Corpus, Transcript
from .readers import parse
from .render import render
from .source import read
from .structure import structure
from .topics import load_topics_file

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".markdown", ".vtt", ".srt", ".json", ".html", ".htm")


def transcript_paths(content: Path) -> list[Path]:
    folder = content / "transcripts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)


def load_transcript(path: Path, report: Report) -> Transcript:
    """read -> parse (clean inside) -> structure, for one file."""
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
    return measured(structure(parse(source, report), report), report)


def load_previous(path: Path, revision: str) -> Transcript | None:
    """The transcript as `revision` has it in git, when it differs from the file now; else None."""
    raw = previous_version(path, revision)
    if raw is None or raw == path.read_bytes():
        return None
    quiet = Report()  # the old version's problems are history
    return structure(parse(read(path, quiet, raw=raw), quiet), quiet)


def load(content: Path, report: Report) -> Corpus:
    paths = transcript_paths(content)
    if not paths:
        report.warning(content / "transcripts", 0, "no transcripts found", "content.empty")
    directory = load_directory(content / "speakers.yml", report)
    topics = load_topics_file(content / "topics.yml", report)
    return build_corpus([load_transcript(path, report) for path in paths], report, directory, topics)


def load_one(path: Path, report: Report) -> Transcript:
    """One transcript with people resolved as on the site: across its content folder when it is in one."""
    folder = path.resolve().parent
    if folder.name == "transcripts":
        content = folder.parent
        everything = Report(root=report.root)  # what the other files say is theirs to report
        corpus = load(content, everything)
        report.diagnostics.extend(
            d for d in everything.diagnostics if everything.resolve(d.path).resolve() == path.resolve()
        )
        for transcript in corpus.transcripts:
            if transcript.source is not None and transcript.source.path.resolve() == path.resolve():
                return transcript
    return build_corpus([load_transcript(path, report)], report).transcripts[0]


def generate(content: Path, report: Report, site: Site = Site()) -> dict[str, str | bytes]:
    """Every generated file of the site, by path under the docs folder."""
    home = content / "index.md"
    home_text = home.read_text(encoding="utf-8") if home.is_file() else ""
    return render(load(content, report), home_text, site)
