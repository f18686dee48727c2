"""Shared fixtures: the reference transcript, parsed once; the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REFERENCE = CONTENT / "transcripts" / "tesla-2015-q3.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Real transcripts taken unchanged from public sources; beside the clone, never committed (some are commercial).
REAL = ROOT.parent / "shared" / "corpus" / "real"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the expected files of the golden fixtures"
    )


@pytest.fixture(scope="session")
def reference():
    """(transcript, report) for the reference transcript as published in content/."""
    report = Report(root=ROOT)
    return load_transcript(REFERENCE, report), report


def write_transcript(folder: Path, name: str, text: str) -> Path:
    path = folder / "transcripts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def content_with(tmp_path: Path, **files: str) -> Path:
    """A content folder of these transcripts (name: text) and a home page."""
    content = tmp_path / "content"
    for name, text in files.items():
        write_transcript(content, name, text)
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    return content


# The warnings some fixtures exist to show, acknowledged in the front matter as a publisher would.
ACKNOWLEDGE = {"unknown-layout": "[speaker.missing, layout.unknown]", "windows-1252": "[source.encoding]",
               # speech recognition as the vendors write it: voices nobody has named yet, or no voices at all
               **{case: "[speaker.unnamed]" for case in ("assemblyai-utterances", "deepgram-paragraphs", "deepgram-words",
                                                         "rev-monologues", "transcribe-speaker-labels")},
               "whisper-plain": "[speaker.none]", "youtube-json3": "[speaker.none]"}


def every_layout(content: Path) -> Path:
    """A content folder holding one transcript of every layout the golden fixtures cover."""
    import shutil

    folder = content / "transcripts"
    folder.mkdir(parents=True, exist_ok=True)
    for case_folder in sorted(FIXTURES.iterdir()):
        inputs = list(case_folder.glob("input.*"))
        if case_folder.name == "reference" or not inputs:
            continue
        target = folder / f"{case_folder.name}{inputs[0].suffix}"
        if case_folder.name in ACKNOWLEDGE:
            target.write_bytes(f"---\nacknowledge: {ACKNOWLEDGE[case_folder.name]}\n---\n".encode() + inputs[0].read_bytes())
        else:
            shutil.copy(inputs[0], target)
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    return content
