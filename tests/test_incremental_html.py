"""Pages MkDocs converted before are not converted again while their Markdown, place and links are the same,
and the site is byte for byte the one a cold build writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from onrecord import html_memo

from .test_cache import CASES, content_of

BIN = Path(sys.executable).parent


def build(content: Path, site: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "onrecord"), "build", "--content", str(content), "--site-dir", str(site), *options],
                          capture_output=True, text=True, cwd=content.parent)


def written(site: Path) -> dict[str, bytes]:
    # Pagefind's index differs between two builds of one site (test_shards compares what it indexed).
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def entries(content: Path) -> dict[str, int]:
    """The converted pages in the cache, each with the time it was last written."""
    return {p.name: p.stat().st_mtime_ns for p in (content.parent / ".onrecord-cache" / html_memo.FOLDER).iterdir()}


def entry_of(content: Path, src_uri: str) -> Path:
    return content.parent / ".onrecord-cache" / html_memo.FOLDER / html_memo._file_name(src_uri)


@pytest.fixture
def built(tmp_path):
    content = content_of(tmp_path)
    done = build(content, tmp_path / "first")
    assert done.returncode == 0, done.stderr
    return content, entries(content)


def test_a_build_that_converts_no_page_again_writes_the_site_a_cold_build_writes(built, tmp_path):
    content, before = built
    assert len(before) > len(CASES)
    assert build(content, tmp_path / "cached").returncode == 0
    assert entries(content) == before  # not one page converted, nor its entry written again
    assert build(content, tmp_path / "cold", "--no-cache").returncode == 0
    assert written(tmp_path / "cached") == written(tmp_path / "cold")
    assert written(tmp_path / "cached") == written(tmp_path / "first")


def test_a_changed_transcript_converts_its_page_again_and_not_an_unrelated_one(built, tmp_path):
    content, before = built
    changed = content / "transcripts" / "otter.txt"
    changed.write_text("---\ntitle: An otter interview, renamed\n---\n" + changed.read_text(encoding="utf-8"),
                       encoding="utf-8")
    assert build(content, tmp_path / "cached").returncode == 0
    after = entries(content)
    again = {name for name in after if after[name] != before.get(name)}
    assert entry_of(content, "transcripts/otter/index.md").name in again
    assert entry_of(content, "transcripts/court/index.md").name not in again
    assert len(again) < len(before) // 2
    assert "An otter interview, renamed" in (tmp_path / "cached" / "transcripts" / "otter" / "index.html").read_text(encoding="utf-8")
    assert build(content, tmp_path / "cold", "--no-cache").returncode == 0
    assert written(tmp_path / "cached") == written(tmp_path / "cold")


def test_a_changed_word_inside_a_turn_needs_no_conversion_yet_reaches_the_page(built, tmp_path):
    # A turn is HTML kept out of Python-Markdown (html_blocks): the Markdown converted is the same, so the
    # converted page is reused and the turn's new words are put back into it.
    content, before = built
    changed = content / "transcripts" / "otter.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Happy to be here.", "Happy to be here today."),
                       encoding="utf-8")
    assert build(content, tmp_path / "cached").returncode == 0
    assert entries(content)[entry_of(content, "transcripts/otter/index.md").name] == before[
        entry_of(content, "transcripts/otter/index.md").name]
    assert "Happy to be here today." in (tmp_path / "cached" / "transcripts" / "otter" / "index.html").read_text(encoding="utf-8")
    assert build(content, tmp_path / "cold", "--no-cache").returncode == 0
    assert written(tmp_path / "cached") == written(tmp_path / "cold")


def test_a_page_whose_link_target_is_gone_is_converted_again_and_says_so(tmp_path):
    content = content_of(tmp_path)
    (content / "index.md").write_text("# An archive\n\nRead [about it](about.md).\n", encoding="utf-8")
    (content / "about.md").write_text("# About\n", encoding="utf-8")
    first = build(content, tmp_path / "first", "--strict")
    assert first.returncode == 0, first.stderr
    assert 'href="about/"' in (tmp_path / "first" / "index.html").read_text(encoding="utf-8")
    (content / "about.md").unlink()
    again = build(content, tmp_path / "again")
    assert "contains a link 'about.md', but the target is not found" in again.stderr
    assert 'href="about.md"' in (tmp_path / "again" / "index.html").read_text(encoding="utf-8")
    # And the warning is said again by a build that converts nothing: --strict still fails on it.
    assert build(content, tmp_path / "strict", "--strict").returncode != 0


@pytest.mark.parametrize("how", ["truncated", "altered", "not an entry"])
def test_a_damaged_converted_page_is_converted_again(built, tmp_path, how):
    content, _ = built
    entry = entry_of(content, "transcripts/court/index.md")
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2], "altered": data[:-40] + b"x" * 40,
                       "not an entry": b"hello"}[how])
    assert build(content, tmp_path / "cached").returncode == 0
    assert entry.read_bytes() == data  # converted again, the same as before
    assert written(tmp_path / "cached") == written(tmp_path / "first")
