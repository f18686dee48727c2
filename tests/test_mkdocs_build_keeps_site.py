"""A plain `mkdocs build` never destroys what was published either: MkDocs empties site_dir before it
builds, so the plugin has it build into a folder beside the site and swaps that in only on success.
A build that fails (--strict with a warning, a crash) leaves the old site byte for byte, two builds
into one folder run one after the other, and `--dirty` and `mkdocs serve` keep MkDocs' own ways."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.site import locked

from .test_builds import CALL, WARNS, leftovers, snapshot

MKDOCS = Path(sys.executable).parent / "mkdocs"
# A hook that fails the build after every page is written, as a plugin's bug would.
CRASHING_HOOK = "def on_post_build(config):\n    raise RuntimeError('a plugin broke')\n"


def project(tmp_path: Path, hooks: bool = False) -> Path:
    """A MkDocs project of the onrecord theme and plugin, with one transcript."""
    folder = tmp_path / "project"
    (folder / "docs" / "transcripts").mkdir(parents=True)
    (folder / "docs" / "transcripts" / "call.txt").write_text(CALL, encoding="utf-8")
    config = "site_name: Calls\ntheme: onrecord\nplugins:\n  - onrecord\n"
    if hooks:
        (folder / "crash.py").write_text(CRASHING_HOOK, encoding="utf-8")
        config += "hooks:\n  - crash.py\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def mkdocs(folder: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(MKDOCS), "build", *options], cwd=folder, capture_output=True, text=True)


def published(folder: Path) -> dict[str, str]:
    """A site built once, and its files' hashes."""
    first = mkdocs(folder)
    assert first.returncode == 0, first.stderr
    before = snapshot(folder / "site")
    assert "transcripts/call/index.html" in before and any(k.startswith("pagefind/") for k in before)
    return before


def test_a_failed_strict_mkdocs_build_leaves_the_previous_site_byte_for_byte(tmp_path):
    folder = project(tmp_path)
    before = published(folder)
    (folder / "docs" / "transcripts" / "warns.txt").write_text(WARNS, encoding="utf-8")
    failed = mkdocs(folder, "--strict")
    assert failed.returncode == 1 and "Aborted with" in failed.stdout, failed.stderr
    assert "previous site is unchanged" in failed.stderr
    assert snapshot(folder / "site") == before
    assert leftovers(folder) == []


def test_a_mkdocs_build_that_crashes_leaves_the_previous_site_byte_for_byte(tmp_path):
    folder = project(tmp_path)
    before = published(folder)
    (folder / "crash.py").write_text(CRASHING_HOOK, encoding="utf-8")
    (folder / "mkdocs.yml").write_text((folder / "mkdocs.yml").read_text() + "hooks:\n  - crash.py\n")
    (folder / "docs" / "transcripts" / "other.txt").write_text(CALL, encoding="utf-8")
    failed = mkdocs(folder)
    assert failed.returncode == 1 and "a plugin broke" in failed.stderr, failed.stderr
    assert snapshot(folder / "site") == before
    assert leftovers(folder) == []


def test_a_first_mkdocs_build_that_fails_writes_no_site_and_leaves_nothing_beside(tmp_path):
    folder = project(tmp_path, hooks=True)
    failed = mkdocs(folder)
    assert failed.returncode == 1, failed.stderr
    assert "no site was written" in failed.stderr
    assert not (folder / "site").exists() and leftovers(folder) == []


def test_a_mkdocs_build_that_succeeds_replaces_the_site_so_nothing_stale_remains(tmp_path):
    folder = project(tmp_path)
    published(folder)
    (folder / "site" / "stale.html").write_text("from an older build")
    (folder / "docs" / "transcripts" / "call.txt").rename(folder / "docs" / "transcripts" / "renamed.txt")
    again = mkdocs(folder)
    assert again.returncode == 0, again.stderr
    files = snapshot(folder / "site")
    assert "transcripts/renamed/index.html" in files
    assert "stale.html" not in files and "transcripts/call/index.html" not in files
    assert leftovers(folder) == []


def test_a_dirty_mkdocs_build_writes_over_the_site_in_place_as_mkdocs_does(tmp_path):
    # --dirty keeps what is there on purpose (it rewrites only what changed): a fresh folder would lose the rest.
    folder = project(tmp_path)
    published(folder)
    (folder / "site" / "kept.html").write_text("a file --dirty keeps")
    dirty = mkdocs(folder, "--dirty")
    assert dirty.returncode == 0, dirty.stderr
    assert (folder / "site" / "kept.html").read_text() == "a file --dirty keeps"
    assert (folder / "site" / "transcripts" / "call" / "index.html").is_file()


def test_a_mkdocs_build_waits_while_another_build_holds_the_site_and_says_so(tmp_path):
    folder = project(tmp_path)
    with locked(folder / "site"):  # as `onrecord build` or another `mkdocs build` holds it
        # --strict: waiting is said, not warned, or a strict build would fail for having waited.
        build = subprocess.Popen([str(MKDOCS), "build", "--strict"], cwd=folder, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        said = next((line for line in build.stderr if "another build" in line or "Documentation built" in line), "")
        assert "waiting for it to finish" in said, said
        assert build.poll() is None and not (folder / "site").exists()
    assert build.wait(timeout=300) == 0, build.stderr.read()
    assert (folder / "site" / "transcripts" / "call" / "index.html").is_file()
    assert leftovers(folder) == []


def test_two_mkdocs_builds_into_one_folder_at_once_both_finish_and_leave_one_whole_site(tmp_path):
    folder = project(tmp_path)
    builds = [subprocess.Popen([str(MKDOCS), "build"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0], results
    files = snapshot(folder / "site")
    assert "transcripts/call/index.html" in files and "search/index.html" in files
    assert leftovers(folder) == []



@pytest.mark.slow
def test_a_mkdocs_build_that_builds_each_language_inside_it_is_swapped_in_once_whole(tmp_path):
    # mkdocs-static-i18n runs a build per language inside the first one's on_post_build: those write into
    # the folder being built, and only the outer build's end puts it in place.
    folder = project(tmp_path)
    (folder / "docs" / "index.md").write_text("# Manual\n", encoding="utf-8")
    (folder / "docs" / "index.fr.md").write_text("# Notre manuel\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Guide\ntheme: material\nplugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n"
        "      languages:\n        - {locale: en, default: true, name: English, build: true}\n"
        "        - {locale: fr, name: Français, build: true}\n  - onrecord\n", encoding="utf-8")
    built = mkdocs(folder)
    assert built.returncode == 0, built.stderr
    files = snapshot(folder / "site")
    assert "Notre manuel" in (folder / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "index.html" in files and "transcripts/call/index.html" in files
    assert leftovers(folder) == []
