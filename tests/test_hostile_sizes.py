"""Hostile sizes and shapes take time linear in their size: huge files, many turns, deep nesting, lines
shaped against every reader's patterns, and topics.yml patterns that backtrack without end.

Each case is timed at n and 2n, in CPU seconds, in a forked child with a time limit, so a case that
regresses to quadratic or exponential time fails here instead of hanging the suite. Linear is a ratio
near 2; the bound is 3, plus a little for timings too short to measure.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import generate, load, load_transcript
from generator.topics import patterns as topic_patterns

from .conftest import write_transcript

LIMIT = 60.0  # seconds before a run counts as a hang
RATIO = 3.0
SLACK = 0.05  # seconds: below this the ratio is noise

_WORDS = "revenue grew in the quarter as our robots shipped to new sites and margins held".split()
_PRESENTATION = "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n \nPRESENTATION\n \n"


def _words(n: int) -> str:
    return " ".join(_WORDS[i % len(_WORDS)] for i in range(n))


def _cpu_seconds(work, *args) -> float:
    """CPU seconds of `work(*args)` in a forked child; the test fails if it runs past LIMIT."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        start = time.process_time()
        work(*args)
        send.send(time.process_time() - start)

    process = context.Process(target=child)
    process.start()
    try:
        if not receive.poll(LIMIT):
            pytest.fail(f"{getattr(work, '__name__', work)} ran past {LIMIT:.0f} s: it does not finish")
        return receive.recv()
    finally:
        process.kill()
        process.join()


def assert_linear(work, small, large) -> tuple[float, float]:
    """work(small) and work(large), large being twice small, take time in proportion (best of two runs)."""
    at_n = min(_cpu_seconds(work, small) for _ in range(2))
    at_2n = min(_cpu_seconds(work, large) for _ in range(2))
    assert at_2n <= RATIO * at_n + SLACK, f"{at_n:.3f} s at n, {at_2n:.3f} s at 2n: not linear"
    return at_n, at_2n


def _read(path: Path) -> None:
    load_transcript(path, Report())


def _generate(content: Path) -> None:
    generate(content, Report())


def _file(folder: Path, name: str, text: str) -> Path:
    return write_transcript(folder, name, text)


# --- the cases of the issue ---------------------------------------------------------------------------

def test_line_of_inaudible_in_streetevents_is_read_in_linear_time(tmp_path):
    # 1.8 KB of `(inaudible) ` after a name took 71 s: each `(…)` tried as an aside, five at a time.
    def text(n):
        # After a separator, a line that may name the next speaker; it ends in a word, so it names nobody.
        return (_PRESENTATION + "Dana Whitfield\nNorthwind Robotics, Inc. - CEO\nWe grew.\n \nDana "
                + "(inaudible) " * n + "said.\nNorthwind Robotics, Inc. - CEO\n")
    small, large = (_file(tmp_path / str(n), "call.txt", text(n)) for n in (1500, 3000))
    assert_linear(_read, small, large)


def test_name_line_with_asides_still_names_the_speaker(tmp_path):
    text = _PRESENTATION + "Dana Whitfield (Northwind) (CEO)\nNorthwind Robotics, Inc. - CEO\nWe grew.\n"
    transcript = load_transcript(_file(tmp_path, "call.txt", text), Report())
    assert [t.label for t in transcript.turns if "We grew." in t.paragraphs][0].startswith("Dana Whitfield (Northwind) (CEO)")


def test_podcast_json_segments_are_read_in_linear_time(tmp_path):
    # 40,000 segments took 69 s: each segment's line counted from the top of the file.
    def text(n):
        segments = [{"speaker": ("Dana", "Omar")[i // 3 % 2], "startTime": i, "endTime": i + 1, "body": _words(5)}
                    for i in range(n)]
        return '{"segments": [\n' + ",\n".join(json.dumps(s) for s in segments) + "\n]}\n"
    small, large = (_file(tmp_path / str(n), "show.json", text(n)) for n in (4000, 8000))
    assert_linear(_read, small, large)


def test_issue_topic_pattern_finishes_in_linear_time(tmp_path):
    # `(\w+\s?)+%` took 34 s on four words in Python's `re`.
    def content(n):
        folder = tmp_path / str(n)
        (folder / "transcripts").mkdir(parents=True)
        (folder / "topics.yml").write_text("topics:\n  - name: Percent\n    patterns: ['(\\w+\\s?)+%']\n")
        _file(folder, "call.txt", "".join(f"Dana Whitfield: {_words(40)}\n\n" for _ in range(n)))
        return folder
    assert_linear(_generate, content(40), content(80))


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

SHAPES = {
    "spaces": lambda n: "Dana" + " " * n + "x",
    "tabs": lambda n: "Dana" + "\t " * (n // 2) + "x",
    "dashes": lambda n: "- " * (n // 2) + "x",
    "capitals": lambda n: "Capital " * (n // 8) + "said",
    "colons": lambda n: ":" * n + " x",
    "parens": lambda n: "(" * n + "x",
    "asides": lambda n: "Dana " + "(inaudible) " * (n // 12),
    "spaced-dashes": lambda n: "Dana " + " - " * (n // 3) + "x",
    "brackets": lambda n: "[" * n + "x",
    "arrows": lambda n: "00:00 --> " * (n // 10),
    "initials": lambda n: "A. " * (n // 3) + "said",
    "semicolons": lambda n: "a;" * (n // 2) + "^",
    "commas": lambda n: "Dana, " * (n // 6) + "x - y offered the following prayer!",
    "angles": lambda n: "<" * n + "x",
    "tags": lambda n: "<a " * (n // 3) + "x",
    "stars": lambda n: "*" * n + "x",
    "stamps": lambda n: " " * n + "(4:28)" + "x" * 3,
}
FORMATS = ("", "webvtt", "srt", "podcast-json", "streetevents", "motleyfool", "otter", "timed-text",
           "congressional-record", "html", "markdown", "blocks", "inline")


def _shaped(folder: Path, shape: str, fmt: str, n: int) -> Path:
    front = f"---\nformat: {fmt}\n---\n" if fmt else ""
    line = SHAPES[shape](n)
    return _file(folder / str(n), "shape.txt", f"{front}Dana Whitfield: Hello.\n\n{line}\n\n{line}\nx\n")


@pytest.mark.parametrize("shape", SHAPES)
def test_pathological_line_is_sniffed_and_read_in_linear_time(tmp_path, shape):
    # Every reader sniffs it; the one chosen reads it. A run of 20,000 spaces took minutes in Otter's sniff.
    assert_linear(_read, _shaped(tmp_path, shape, "", 20_000), _shaped(tmp_path, shape, "", 40_000))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS[1:])
@pytest.mark.parametrize("shape", SHAPES)
def test_pathological_line_is_read_by_every_reader_in_linear_time(tmp_path, shape, fmt):
    assert_linear(_read, _shaped(tmp_path, shape, fmt, 20_000), _shaped(tmp_path, shape, fmt, 40_000))


def test_deeply_nested_html_is_read_in_linear_time(tmp_path):
    def text(n):
        return "<html><body>" + "<div>" * n + "<p>Dana Whitfield: Hello.</p>" + "</div>" * n + "</body></html>\n"
    small, large = (_file(tmp_path / str(n), "page.html", text(n)) for n in (5000, 10_000))
    assert_linear(_read, small, large)


def test_deeply_nested_markdown_list_is_read_in_linear_time(tmp_path):
    def text(n):
        return "**Dana Whitfield:** Hello.\n\n" + "\n".join("  " * (i % 50) + f"- item {i} said" for i in range(n)) + "\n"
    small, large = (_file(tmp_path / str(n), "notes.md", text(n)) for n in (2000, 4000))
    assert_linear(_read, small, large)


def test_many_blank_lines_are_read_in_linear_time(tmp_path):
    small, large = (_file(tmp_path / str(n), "gaps.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello.\n" + "\n" * n + "x\n")
                    for n in (50_000, 100_000))
    assert_linear(_read, small, large)


def test_srt_with_a_long_run_of_blanks_is_read_as_text_with_a_warning(tmp_path):
    # The `srt` library scans a run of blanks it cannot read from each of its characters: quadratic.
    def text(n):
        return "1\n00:00:01,000 --> 00:00:02,000\nDana: Hello.\n\n2\nDana" + " \n" * n + "said it.\n"
    small, large = (_file(tmp_path / str(n), "show.srt", text(n)) for n in (20_000, 40_000))
    assert_linear(_read, small, large)
    report = Report()
    transcript = load_transcript(large, report)
    assert "layout.malformed" in {d.code for d in report.diagnostics}
    assert "said it." in " ".join(p for t in transcript.turns for p in t.paragraphs)


# --- big files -------------------------------------------------------------------------------------------

def _turns(n: int) -> str:
    names = ("Dana Whitfield", "Omar Haddad", "Priya Raman", "Lee Chen")
    return "---\ntitle: Call\ndate: 2024-01-02\n---\n" + "\n\n".join(f"{names[i % 4]}: {_words(12)}." for i in range(n)) + "\n"


def test_many_turns_are_read_in_linear_time(tmp_path):
    small, large = (_file(tmp_path / str(n), "call.txt", _turns(n)) for n in (5000, 10_000))
    assert_linear(_read, small, large)


@pytest.mark.slow
def test_two_hundred_thousand_turns_are_read_in_linear_time(tmp_path):
    small, large = (_file(tmp_path / str(n), "call.txt", _turns(n)) for n in (100_000, 200_000))
    assert_linear(_read, small, large)


@pytest.mark.slow
def test_eighty_thousand_turns_are_generated_in_linear_time(tmp_path):
    def content(n):
        folder = tmp_path / str(n)
        _file(folder, "call.txt", _turns(n))
        return folder
    assert_linear(_generate, content(40_000), content(80_000))


def test_single_line_file_is_read_in_linear_time(tmp_path):
    small, large = (_file(tmp_path / str(n), "line.txt", _words(n)) for n in (100_000, 200_000))
    assert_linear(_read, small, large)


@pytest.mark.slow
def test_fifty_megabyte_single_line_file_is_read_in_linear_time(tmp_path):
    small, large = (_file(tmp_path / str(n), "line.txt", _words(n)) for n in (5_000_000, 10_000_000))
    assert large.stat().st_size > 50_000_000
    assert_linear(_read, small, large)
