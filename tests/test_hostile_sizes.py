"""Hostile shapes are read right: a line of asides still names its speaker, a topics.yml pattern that
backtracks without end is stopped and reported, a long run of blanks in an SRT file is read as text.
And hostile sizes (200,000 turns, 10,000 nested HTML elements, a 53 MB line) take time linear in their
size: not a limit in seconds, but how the CPU time grows from n to 2n (2 when linear, 4 when quadratic).

The figures for every case and shape are printed by `bench/hostile.py`; the size tests here run the same
inputs through its measure (each in a fresh process, CPU time, the least of a few runs) so that on a
machine shared with four other builds neither their load nor one stalled run decides the result.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench import hostile
from onrecord.diagnostics import Report
from onrecord.pipeline import load, load_transcript
from onrecord.topics import patterns as topic_patterns

from .conftest import write_transcript

LIMIT = 60.0  # seconds before a run counts as a hang

_WORDS = "revenue grew in the quarter as our robots shipped to new sites and margins held".split()
_PRESENTATION = "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n \nPRESENTATION\n \n"


def _read(path: Path) -> None:
    load_transcript(path, Report())


def _file(folder: Path, name: str, text: str) -> Path:
    return write_transcript(folder, name, text)


# --- the cases of the issue ---------------------------------------------------------------------------


def test_name_line_with_asides_still_names_the_speaker(tmp_path):
    text = _PRESENTATION + "Dana Whitfield (Northwind) (CEO)\nNorthwind Robotics, Inc. - CEO\nWe grew.\n"
    transcript = load_transcript(_file(tmp_path, "call.txt", text), Report())
    assert [t.label for t in transcript.turns if "We grew." in t.paragraphs][0].startswith("Dana Whitfield (Northwind) (CEO)")


def test_topic_pattern_that_backtracks_without_end_is_stopped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(topic_patterns, "BUDGET_SECONDS", 0.2)
    monkeypatch.setattr(topic_patterns, "BUDGET_PER_CHARACTER", 0.0)
    (tmp_path / "topics.yml").write_text("topics:\n  - name: Letters\n    patterns: ['(a|aa)+$']\n"
                                         "  - name: Robots\n    patterns: ['robots?']\n")
    _file(tmp_path, "call.txt", "Dana Whitfield: " + "a" * 5000 + "!\n\nOmar Haddad: Robots, robots.\n")
    report = Report()
    start = time.perf_counter()
    corpus = load(tmp_path, report)
    assert time.perf_counter() - start < LIMIT
    slow = [d for d in report.diagnostics if d.code == "topics.pattern_slow"]
    assert len(slow) == 1 and "(a|aa)+$" in slow[0].message and str(slow[0].path).endswith("topics.yml")
    assert "robots" in {t.id for t in corpus.topics}  # the other patterns still find their topics


def test_topic_pattern_keeps_re_syntax_and_ignores_case(tmp_path):
    (tmp_path / "topics.yml").write_text("topics:\n  - name: Margins\n    patterns: ['gross\\s+margins?\\b']\n")
    _file(tmp_path, "call.txt", "Dana Whitfield: GROSS MARGIN held.\n\nOmar Haddad: Gross  margins, yes.\n")
    corpus = load(tmp_path, Report())
    assert [t.id for t in corpus.topics] == ["margins"]


# --- pathological lines against every reader's patterns ----------------------------------------------


def test_srt_with_a_long_run_of_blanks_is_read_as_text_with_a_warning(tmp_path):
    # The `srt` library scans a run of blanks it cannot read from each of its characters: quadratic.
    def text(n):
        return "1\n00:00:01,000 --> 00:00:02,000\nDana: Hello.\n\n2\nDana" + " \n" * n + "said it.\n"
    small, large = (_file(tmp_path / str(n), "show.srt", text(n)) for n in (20_000, 40_000))
    report = Report()
    transcript = load_transcript(large, report)
    assert "layout.malformed" in {d.code for d in report.diagnostics}
    assert "said it." in " ".join(p for t in transcript.turns for p in t.paragraphs)


# --- big files -------------------------------------------------------------------------------------------


# Hostile sizes: (n, runs at each of n and 2n). The CPU time of the whole generation (read, structure, the
# corpus, every page's Markdown) at 2n over that at n, each the least of its runs, stays under GROWTH.
SIZES = {"turns": (100_000, 2), "nested-html": (5_000, 3), "single-line": (4_000_000, 2)}
GROWTH = 3.0  # linear is 2; quadratic 4
HANG = 900.0  # seconds of wall time before one run counts as a hang


@pytest.mark.slow
@pytest.mark.parametrize("case", SIZES)
def test_a_hostile_size_takes_time_linear_in_its_size(case):
    n, runs = SIZES[case]
    least = {}
    for size in (n, 2 * n):
        measured = [hostile.run_one(case, size, HANG) for _ in range(runs)]
        assert all(measured), f"{case} at n={size} did not finish in {HANG:.0f} s"
        least[size] = min(m["generate"] for m in measured)
    growth = least[2 * n] / least[n]
    print(f"{case}: {least[n]:.2f} s of CPU at n={n}, {least[2 * n]:.2f} s at 2n: {growth:.2f}x")  # shown with -s
    assert growth < GROWTH, (f"{case}: {least[n]:.1f} s of CPU at n={n}, {least[2 * n]:.1f} s at 2n: "
                             f"{growth:.2f}x (linear is 2)")
