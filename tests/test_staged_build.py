"""A build hands MkDocs the generator's files and search records from a staging folder, not from memory: the
site is the same byte for byte, a second build in the same process is the same again, and the folder goes
when the build ends, whether it succeeds or fails."""

from __future__ import annotations

import tempfile

import pytest

import onrecord.apart
import onrecord.plugin
from onrecord import site
from onrecord.site import BuildFailed

from .conftest import REFERENCE
from .test_builds import CALL, snapshot

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jane Doe>Good morning, and welcome.\n"


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "transcripts").mkdir(parents=True)
    (folder / "transcripts" / "tesla-2015-q3.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "transcripts" / "call.txt").write_text(CALL, encoding="utf-8")
    (folder / "transcripts" / "captions.vtt").write_text(VTT, encoding="utf-8")
    (folder / "index.md").write_text("# Home\n", encoding="utf-8")
    return folder


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """The temporary folder a build stages in: this test's own, so that other tests' builds are not seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def indexed(monkeypatch) -> list:
    """The records each build gave Pagefind, in order (read whole here: a staged build streams them)."""
    given: list = []
    write = onrecord.plugin.write_site_index

    def noted(records, *args, **kwargs):
        records = list(records)
        given.append(records)
        return write(records, *args, **kwargs)

    monkeypatch.setattr(onrecord.plugin, "write_site_index", noted)
    return given


def written(site_dir) -> dict[str, str]:
    """The site but Pagefind's index, which differs between two builds of one site: the records it was given are compared."""
    return {path: digest for path, digest in snapshot(site_dir).items() if not path.startswith("pagefind/")}


def test_a_site_built_from_staged_files_equals_one_built_from_memory(content, tmp_path, temporary, monkeypatch, indexed):
    site.build(content, tmp_path / "staged", cache=False)
    monkeypatch.setattr(onrecord.apart, "_staged", lambda body, where: body)  # every body handed over in memory
    monkeypatch.setattr(onrecord.apart, "_stage_records", lambda records, where: list(records))
    site.build(content, tmp_path / "in-memory", cache=False)
    staged = written(tmp_path / "staged")
    assert staged == written(tmp_path / "in-memory")
    assert "transcripts/tesla-2015-q3/transcript.json" in staged and "transcripts/captions/index.html" in staged
    assert indexed[0] == indexed[1] and indexed[0]
    assert (tmp_path / "staged" / "pagefind" / "bundles.json").is_file()


def test_a_second_build_in_the_same_process_writes_the_same_site(content, tmp_path, temporary, indexed):
    site.build(content, tmp_path / "first")
    site.build(content, tmp_path / "second")  # from the cache the first filled, its staging folder gone
    assert written(tmp_path / "second") == written(tmp_path / "first")
    assert indexed[1] == indexed[0] and indexed[0]


def test_a_build_leaves_no_staging_folder_behind(content, tmp_path, temporary):
    site.build(content, tmp_path / "site", cache=False)
    assert (tmp_path / "site" / "transcripts" / "call" / "index.html").is_file()
    assert list(temporary.iterdir()) == []


def test_a_failed_build_leaves_no_staging_folder_behind(content, tmp_path, temporary, monkeypatch):
    def fails(*args, **kwargs):
        raise RuntimeError("Pagefind failed")

    monkeypatch.setattr(onrecord.plugin, "write_site_index", fails)
    with pytest.raises(BuildFailed):
        site.build(content, tmp_path / "site", cache=False)
    assert list(temporary.iterdir()) == []
