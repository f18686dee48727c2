"""Many transcripts are read on both cores (reading.py), and the build is the one reading them in turn makes."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from onrecord import pipeline, reading
from onrecord.cache import Cache
from onrecord.diagnostics import Report

from .conftest import every_layout


@pytest.fixture
def spied(monkeypatch) -> list[int]:
    """Parallel reading from two files on, on two cores (even inside a test runner's threads); the pools started."""
    started: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, workers, **options):
            started.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(reading.threading, "active_count", lambda: 1)
    return started


def _load(content: Path, cores: int, monkeypatch, cache: Cache | None = None):
    monkeypatch.setattr(reading, "_cores", lambda: cores)
    report = Report(root=content.parent)
    transcripts, _, _ = pipeline._loaded(content, report, cache)
    return transcripts, report


def test_transcripts_read_on_two_cores_equal_those_read_in_turn_with_the_same_diagnostics_in_order(
        tmp_path, monkeypatch, spied):
    content = every_layout(tmp_path / "content")
    in_turn, said_in_turn = _load(content, 1, monkeypatch)
    assert not spied
    apart, said_apart = _load(content, 2, monkeypatch)
    assert spied == [2]
    assert len(apart) > 20 and apart == in_turn
    assert said_apart.diagnostics == said_in_turn.diagnostics and any(d.acknowledged for d in said_apart.diagnostics)
    assert said_apart._acknowledged == said_in_turn._acknowledged  # later stages downgrade the same warnings


def test_a_file_that_crashes_a_worker_is_reported_and_left_out_as_in_turn(tmp_path, monkeypatch, spied):
    content = every_layout(tmp_path / "content")
    real = pipeline.transcript_of

    def breaks_on_court(source, report):  # the workers are forked: they inherit the patch
        if source.path.name.startswith("court."):
            raise RuntimeError("a bug")
        return real(source, report)

    monkeypatch.setattr(pipeline, "transcript_of", breaks_on_court)
    in_turn, said_in_turn = _load(content, 1, monkeypatch)
    apart, said_apart = _load(content, 2, monkeypatch)
    assert spied and apart == in_turn and said_apart.diagnostics == said_in_turn.diagnostics
    assert [d.path for d in said_apart.diagnostics if d.code == "pipeline.crash"] == ["content/transcripts/court.txt"]


def test_the_cache_is_written_and_trusted_by_files_read_on_two_cores(tmp_path, monkeypatch, spied):
    content = every_layout(tmp_path / "content")
    in_turn, said = _load(content, 1, monkeypatch)
    cold = Cache(tmp_path / "cache")
    first, said_first = _load(content, 2, monkeypatch, cold)
    assert cold.read and not cold.reused and first == in_turn
    warm = Cache(tmp_path / "cache")
    again, said_again = _load(content, 2, monkeypatch, warm)
    assert warm.reused == cold.read and not warm.read
    assert again == in_turn and said_again.diagnostics == said_first.diagnostics == said.diagnostics


def test_a_cache_that_cannot_be_written_is_said_once_by_files_read_on_two_cores(tmp_path, monkeypatch, spied):
    content = tmp_path / "content"
    for number in range(30):  # past PARALLEL_FROM, so read apart whatever the fixture sets
        path = content / "transcripts" / f"call-{number:02}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Dana Whitfield: Call {number} began.\n\nOmar Haddad: And it ended.\n", encoding="utf-8")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # every worker fails to write its entry there
    in_turn, said_in_turn = _load(content, 1, monkeypatch, Cache(blocked))
    apart, said_apart = _load(content, 2, monkeypatch, Cache(blocked))
    assert spied == [2] and len(apart) == 30
    lines = [str(d) for d in said_apart.diagnostics if d.code == "cache.unwritable"]
    assert len(lines) == 1 and lines[0].endswith("[cache.unwritable]")
    assert said_apart.diagnostics == said_in_turn.diagnostics
