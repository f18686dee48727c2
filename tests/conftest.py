"""Shared fixtures: the reference transcript, parsed once; the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import load_transcript

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REFERENCE = CONTENT / "transcripts" / "tesla-2015-q3.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
