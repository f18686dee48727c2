"""The report: a build's own trouble (diagnostics.ONCE_A_BUILD) is said once, whoever says it and however
it reaches the build's report; every other diagnostic is kept as said, in order."""

from __future__ import annotations

from dataclasses import replace

from onrecord.diagnostics import Report

from .test_reading import spied  # noqa: F401 (a fixture: files read on two cores)

ONCE = "cache.unwritable"


def _unwritable(report: Report, what: str) -> None:
    report.info("cache", 0, f"{what} cannot be written; the build goes on without it", ONCE)


def test_a_once_a_build_code_is_said_once_whichever_part_says_it_first():
    report = Report()
    for what in ("the page cache", "the cache", "the topic cache"):
        _unwritable(report, what)
    assert [d.message.split(" cannot")[0] for d in report.diagnostics] == ["the page cache"]


class _Looked(list):
    """A list of diagnostics that counts how often it is looked through."""

    looks = 0

    def __iter__(self):
        self.looks += 1
        return super().__iter__()


def test_a_once_a_build_code_said_first_looks_through_the_diagnostics_once():
    earlier = Report()
    for number in range(100):
        earlier.warning(f"call-{number}.txt", 2, "text before the first speaker", "speaker.missing")
    report = Report(diagnostics=_Looked(earlier.diagnostics))
    _unwritable(report, "the cache")
    looks = report.diagnostics.looks
    assert looks == 1 and report.diagnostics[-1].code == ONCE


def test_every_other_code_is_said_as_often_as_it_is_said():
    report = Report()
    for name in ("a.txt", "b.txt", "a.txt"):
        report.info(name, 1, "entry is unreadable; the file is read again", "cache.corrupt")
    assert [d.path for d in report.diagnostics] == ["a.txt", "b.txt", "a.txt"]


def test_workers_reports_taken_back_say_the_build_trouble_once_and_the_rest_in_order():
    build = Report()
    build.warning("intro.txt", 3, "text before the first speaker", "speaker.missing")
    for number in range(3):  # each worker's report is fresh, so each says it afresh
        worker = Report()
        _unwritable(worker, "the cache")
        worker.warning(f"call-{number}.txt", 2, "text before the first speaker", "speaker.missing")
        build.take(worker.diagnostics)
    assert [(d.path, d.code) for d in build.diagnostics] == [
        ("intro.txt", "speaker.missing"), ("cache", ONCE), ("call-0.txt", "speaker.missing"),
        ("call-1.txt", "speaker.missing"), ("call-2.txt", "speaker.missing")]


def test_a_once_a_build_code_that_came_in_by_extend_is_not_said_again():
    worker = Report()
    _unwritable(worker, "the cache")
    build = Report()
    build.diagnostics.extend(worker.diagnostics)  # as a stage that copies a scratch report's list does
    _unwritable(build, "the page cache")
    build.take(worker.diagnostics)
    assert [d.message.split(" cannot")[0] for d in build.diagnostics] == ["the cache"]


def test_a_scratch_copy_of_a_report_has_said_nothing_yet():
    build = Report()
    _unwritable(build, "the cache")
    scratch = replace(build, diagnostics=[])  # as pipeline.attempt makes one
    _unwritable(scratch, "the page cache")
    assert len(scratch.diagnostics) == 1
    build.take(scratch.diagnostics)
    assert len(build.diagnostics) == 1


def test_a_whole_build_whose_cache_cannot_be_written_says_so_once_with_its_files_read_on_two_cores(
        tmp_path, monkeypatch, spied):
    from onrecord import reading
    from onrecord.cache import Cache
    from onrecord.pipeline import generate

    content = tmp_path / "content"
    for number in range(30):
        path = content / "transcripts" / f"call-{number:02}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Dana Whitfield: Call {number} began.\n\nOmar Haddad: And it ended.\n", encoding="utf-8")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # the workers' entries, the topic memo's and the page memo's all fail there
    said = {}
    for cores in (1, 2):
        monkeypatch.setattr(reading, "_cores", lambda cores=cores: cores)
        report = Report(root=tmp_path)
        generate(content, report, cache=Cache(blocked))
        said[cores] = [str(d) for d in report.diagnostics]
    assert spied == [2]
    unwritable = [line for line in said[2] if line.endswith("[cache.unwritable]")]
    assert len(unwritable) == 1 and unwritable[0].startswith("not-a-folder: warning: the cache cannot be written (")
    assert said[2] == said[1]
