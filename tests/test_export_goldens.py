"""Golden exports: a few fixtures written as WebVTT, SRT, Podcasting 2.0 JSON and Akoma Ntoso, byte for byte.

Rewrite them only on purpose: `pytest tests/test_export_goldens.py --update-golden`, and read the diff.
"""

from __future__ import annotations

import pytest

from onrecord import exports
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .conftest import FIXTURES
from .test_golden import compare

CASES = ["podcast-vtt", "whisperx-diarised", "akoma-ntoso-debate", "parlamint-tei", "reference"]


@pytest.mark.parametrize("case", CASES)
def test_golden_exports(case, request):
    transcript = load_transcript(next((FIXTURES / case).glob("input.*")), Report())
    offered = exports.offered(transcript)
    assert [f.name for f in offered] == (["vtt", "srt", "podcast", "akn"] if case != "parlamint-tei" else ["akn"])
    for export in offered:
        compare(FIXTURES / case / f"export.{export.filename.split('.', 1)[1]}", export.write(transcript),
                request.config.getoption("--update-golden"))
