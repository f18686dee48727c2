"""The reader contract: every registered reader has it, and a reader's bug is reported, never a traceback."""

from __future__ import annotations

import ast
import inspect

import pytest

from onrecord import readers
from onrecord.readers import READERS

from .test_readers import loaded_from


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_reader_has_extensions_sniff_and_read(name):
    reader = READERS[name]
    assert isinstance(reader.EXTENSIONS, tuple)
    assert list(inspect.signature(reader.sniff).parameters) == ["source"]
    assert list(inspect.signature(reader.read).parameters) == ["source", "report"]
    assert isinstance(reader.VERSION, int)  # the cache's key: bumped when what it makes of a file changes


@pytest.mark.parametrize("name", sorted(READERS))
def test_no_reader_imports_another_reader(name):
    tree = ast.parse(inspect.getsource(READERS[name]))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported |= {node.module} if node.module else {alias.name for alias in node.names}
    reader_modules = {m.__name__.rsplit(".", 1)[-1] for n, m in READERS.items() if n != name}
    assert not imported & reader_modules


def _broken(*_):
    raise RuntimeError("boom")


def test_a_sniff_that_raises_is_reported_as_a_bug_in_that_reader(tmp_path, monkeypatch):
    monkeypatch.setattr(READERS["otter"], "sniff", _broken)
    transcript, report = loaded_from(tmp_path / "call.txt", "Alice Smith - Chief Executive Officer\n\nHello.\n")
    bugs = [d for d in report.diagnostics if d.code == "reader.bug"]
    assert len(bugs) == 1 and "otter" in bugs[0].message and "RuntimeError: boom" in bugs[0].message
    assert transcript.turns[0].paragraphs == ("Hello.",)


def test_a_reader_that_raises_still_publishes_every_word_as_paragraphs(tmp_path, monkeypatch):
    monkeypatch.setattr(READERS["blocks"], "read", _broken)
    text = "Alice Smith - Chief Executive Officer\n\nHello there.\n\nBob Jones - UBS\n\nWhy?\n"
    transcript, report = loaded_from(tmp_path / "call.txt", text)
    assert [d.code for d in report.diagnostics if d.level == "warning"][0] == "reader.bug"
    assert transcript.layout.reader == "paragraphs"
    words = " ".join(p for t in transcript.turns for p in t.paragraphs).split()
    assert words == text.split()


def test_the_layout_chosen_and_why_is_kept_on_the_transcript(tmp_path):
    transcript, _ = loaded_from(tmp_path / "call.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana Whitfield>Hello.\n")
    assert transcript.layout.reader == "webvtt"
    assert "sure" in transcript.layout.reason


def test_front_matter_format_is_the_reason_when_it_decides(tmp_path):
    transcript, _ = loaded_from(tmp_path / "call.txt", "---\nformat: inline\n---\nDANA: Hello.\nLEE: Hi.\n")
    assert (transcript.layout.reader, transcript.layout.reason) == ("inline", "front matter `format:`")


def test_readers_package_exposes_the_contract():
    assert hasattr(readers, "Reader") and hasattr(readers, "choose") and hasattr(readers, "parse")
