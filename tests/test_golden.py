"""Golden fixtures: each tests/fixtures/<case>/input.* against expected.json and expected.md.

Rewrite the expected files only on purpose: `pytest tests/test_golden.py --update-golden`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.export import dumps
from onrecord.pipeline import load_transcript
from onrecord.pages import transcript_page
from onrecord.render import render

from .conftest import FIXTURES

CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.*"))


def produced(case: str) -> tuple[str, str, str]:
    folder = FIXTURES / case
    source = next(folder.glob("input.*"))
    report = Report(root=folder)
    corpus = build_corpus([load_transcript(source, report)], report)
    transcript = corpus.transcripts[0]
    page = render(corpus)[transcript_page(transcript.slug)]
    diagnostics = "".join(f"{d}\n" for d in report.diagnostics)
    return dumps(transcript), page, diagnostics


def compare(expected: Path, actual: str, update: bool) -> None:
    if update or not expected.exists():
        expected.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{expected} did not exist; written now, check it and commit it")
        return
    wanted = expected.read_text(encoding="utf-8")
    if actual != wanted:
        diff = "".join(difflib.unified_diff(
            wanted.splitlines(True), actual.splitlines(True), str(expected), "produced", n=2
        ))
        pytest.fail(f"output differs from {expected.name} (run with --update-golden if intended):\n{diff[:6000]}")


@pytest.mark.parametrize("case", CASES)
def test_golden_fixture(case, request):
    update = request.config.getoption("--update-golden")
    json_text, page, diagnostics = produced(case)
    compare(FIXTURES / case / "expected.json", json_text, update)
    compare(FIXTURES / case / "expected.md", page, update)
    compare(FIXTURES / case / "expected.diagnostics", diagnostics, update)


def test_golden_cases_exist():
    assert "reference" in CASES
