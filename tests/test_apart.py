"""The generator run in a child process gives the build what it would have made itself: the same files,
the same search records, the same diagnostics; its failures are the build's failures."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest

import onrecord.apart
from onrecord.apart import generate_apart, read_records
from onrecord.diagnostics import Report
from onrecord.feeds import Site
from onrecord.pipeline import generate_with_corpus
from onrecord.search_records import search_records
from onrecord.shards import Elsewhere

from .conftest import REFERENCE, write_transcript


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    write_transcript(folder, "tesla-2015-q3.txt", REFERENCE.read_text(encoding="utf-8"))
    write_transcript(folder, "short.txt", "Operator\nWelcome to the call.\n\nJane Doe - CEO\nThank you.\n")
    write_transcript(folder, "broken.txt", "text before anyone speaks\n")
    return folder


def test_generating_apart_gives_the_files_records_and_diagnostics_of_generating_here(content):
    here = Report(root=content)
    corpus, pages = generate_with_corpus(content, here, Site())
    apart = Report(root=content)
    got, records = generate_apart(content, apart, Site(), None, search_records)
    assert got == pages
    assert records == search_records(corpus) and records
    assert apart.diagnostics == here.diagnostics and here.diagnostics
    assert apart.acknowledged(content / "transcripts" / "short.txt") == here.acknowledged(content / "transcripts" / "short.txt")


def test_generating_apart_into_a_staging_folder_writes_each_files_bytes_and_the_records_there(content, tmp_path):
    corpus, pages = generate_with_corpus(content, Report(root=content), Site())
    staging = tmp_path / "staging"
    staging.mkdir()
    got, records = generate_apart(content, Report(root=content), Site(), None, search_records, staging=staging)
    assert got.keys() == pages.keys()
    for path, body in pages.items():
        assert isinstance(got[path], Path) and got[path].parent == staging, path
        assert got[path].read_bytes() == (body if isinstance(body, bytes) else body.encode("utf-8")), path
    assert isinstance(records, Path) and list(read_records(records)) == search_records(corpus)


def test_staged_records_are_read_back_in_order_from_a_stream_of_chunks(content, tmp_path, monkeypatch):
    monkeypatch.setattr(onrecord.apart, "_RECORDS", 2)  # the child is forked: it stages chunks of two
    corpus, _ = generate_with_corpus(content, Report(root=content), Site())
    staging = tmp_path / "staging"
    staging.mkdir()
    _, records = generate_apart(content, Report(root=content), Site(), None, search_records, staging=staging)
    expected = search_records(corpus)
    assert len(expected) > 4  # several chunks, the last perhaps short
    assert list(read_records(records)) == expected


# MkDocs reads a staged page back as text: newlines translated, a leading BOM dropped; UTF-8 cannot hold a lone surrogate.
@pytest.mark.parametrize("body", ["a\r\nb\n", "a\rb\n", "\ufeff# Title\n", "lone \ud800\n", Elsewhere("")])
def test_a_body_mkdocs_would_not_read_back_the_same_is_handed_over_in_memory(content, tmp_path, monkeypatch, body):
    def with_odd_page(*args):
        corpus, pages = generate_with_corpus(*args)
        return corpus, {**pages, "odd.md": body}

    monkeypatch.setattr(onrecord.apart, "generate_with_corpus", with_odd_page)
    got, _ = generate_apart(content, Report(), Site(), None, staging=tmp_path)
    assert got["odd.md"] == body and type(got["odd.md"]) is type(body)
    assert isinstance(got["transcripts/short/index.md"], Path)  # the others are staged all the same


def test_generating_apart_runs_in_a_child_process_unless_another_thread_runs(content, monkeypatch):
    def marked(*args):
        corpus, pages = generate_with_corpus(*args)
        return corpus, {**pages, "pid": str(os.getpid())}  # where the generator ran

    monkeypatch.setattr(onrecord.apart, "generate_with_corpus", marked)
    if threading.active_count() > 1:
        pytest.skip("another test left a thread running: this process would not fork")
    assert generate_apart(content, Report(), Site(), None)[0]["pid"] != str(os.getpid())
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()  # another thread, as `mkdocs serve` has: forking is unsafe, so it runs here
    try:
        assert generate_apart(content, Report(), Site(), None)[0]["pid"] == str(os.getpid())
    finally:
        stop.set()
        other.join()


class _Broken(Exception):
    pass


def test_an_error_in_the_child_is_raised_in_the_build(content, monkeypatch):
    def broken(*_):
        raise _Broken("the generator failed")

    monkeypatch.setattr(onrecord.apart, "generate_with_corpus", broken)
    with pytest.raises(_Broken, match="the generator failed"):
        generate_apart(content, Report(), Site(), None)


def test_a_child_that_dies_is_a_failed_build_not_a_hang(content, monkeypatch):
    parent = os.getpid()

    def dies(*_):
        if os.getpid() == parent:  # never exit the test's own process: it would take the test worker with it
            raise AssertionError("the generator ran in this process, not in a child")
        os._exit(3)

    monkeypatch.setattr(onrecord.apart, "generate_with_corpus", dies)
    # A thread an earlier test left running in this worker would keep the generator here (CI ran it so, and
    # the exit took the worker down); the child exits at once, so forking beside that thread is safe.
    monkeypatch.setattr(onrecord.apart.threading, "active_count", lambda: 1)
    with pytest.raises(RuntimeError, match="exit code 3"):
        generate_apart(content, Report(), Site(), None)


def test_records_are_staged_a_chunk_at_a_time_as_they_are_made(tmp_path, monkeypatch):
    monkeypatch.setattr(onrecord.apart, "_RECORDS", 2)
    made, written = [], []

    def records():
        for n in range(5):
            made.append(n)
            yield n

    dump = pickle.dump

    def noted(chunk, *args, **kwargs):
        written.append((len(chunk), len(made)))
        return dump(chunk, *args, **kwargs)

    monkeypatch.setattr(onrecord.apart.pickle, "dump", noted)
    staged = onrecord.apart._stage_records(records(), tmp_path)
    assert written == [(2, 2), (2, 4), (1, 5)]  # each chunk written before the next record is made
    assert list(read_records(staged)) == list(range(5))


@pytest.mark.parametrize("cached", [False, True])
def test_the_corpus_rendered_keeps_each_files_bytes_for_its_download_but_not_its_text_again(content, tmp_path, cached):
    from onrecord.cache import Cache
    from onrecord.render import source_download

    cache = Cache(tmp_path / "cache") if cached else None
    if cache:  # filled first: the second build reads every transcript from the cache
        generate_with_corpus(content, Report(root=content), Site(), cache)
    corpus, pages = generate_with_corpus(content, Report(root=content), Site(), cache)
    tesla = next(t for t in corpus.transcripts if t.slug == "tesla-2015-q3")
    assert tesla.source.text == "" and tesla.turns  # read, parsed and audited: the text is no longer held
    assert pages[source_download(tesla)] == tesla.source.raw == (content / "transcripts" / "tesla-2015-q3.txt").read_bytes()
