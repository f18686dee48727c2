"""A build never destroys what was published: a failed build leaves the old site as it was, two builds
into one folder run one after the other, nothing stale remains; and a crashing file stops neither
`build` nor `serve`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from onrecord import site
from onrecord.site import BuildFailed, Locked, building_beside, locked

from .conftest import ROOT, content_with, write_transcript
from .test_serve import fetch, free_port, wait_for

BIN = Path(sys.executable).parent
CALL = "Alice Smith - Chief Executive Officer\n\nFirst words.\n\nBob Jones - Acme Capital\n\nA question.\n"
# A plain first line before any speaker: a warning, so `--strict` fails the build.
WARNS = "Words before anyone speaks.\n\nAlice Smith - Chief Executive Officer\n\nLater words.\n"


def onrecord_build(content: Path, site_dir: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "onrecord"), "build", "--content", str(content), "--site-dir", str(site_dir), *options],
        cwd=ROOT, capture_output=True, text=True,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site"))


# --- in-process: the swap and the lock ---------------------------------------------------------


def test_a_build_that_fails_midway_leaves_the_old_site_and_no_half_built_folder(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("published")
    with pytest.raises(BuildFailed, match="previous site is unchanged"):
        with building_beside(target) as fresh:
            (fresh / "index.html").write_text("half")
            raise RuntimeError("Pagefind failed")
    assert (target / "index.html").read_text() == "published"
    assert leftovers(tmp_path) == []


def test_a_build_that_succeeds_replaces_the_whole_site_so_nothing_stale_remains(tmp_path):
    target = tmp_path / "site"
    (target / "pagefind").mkdir(parents=True)
    (target / "pagefind" / "stale-index.pf_meta").write_text("old")
    (target / "gone.html").write_text("old")
    with building_beside(target) as fresh:
        (fresh / "index.html").write_text("new")
    assert snapshot(target).keys() == {"index.html"}
    assert leftovers(tmp_path) == []


def test_a_second_build_into_one_folder_is_refused_while_the_first_holds_the_lock(tmp_path):
    target = tmp_path / "site"
    with locked(target):
        with pytest.raises(Locked, match=r"another build into .*site is running \(process \d+\)"):
            with locked(target, wait=False):
                pass
    with locked(target, wait=False):  # free once the first is done
        pass
    assert leftovers(tmp_path) == []


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    target = tmp_path / "site"
    said, order = [], []
    second_done = threading.Event()

    def second():
        with locked(target, waiting=said.append):
            order.append("second")
        second_done.set()

    with locked(target):
        runner = threading.Thread(target=second)
        runner.start()
        assert wait_for(lambda: said, 10), "the second build never said it waits"
        assert not second_done.is_set()
        order.append("first")
    assert second_done.wait(10)
    runner.join()
    assert order == ["first", "second"] and "waiting for it to finish" in said[0]


def test_an_interrupted_build_leaves_the_old_site(tmp_path, monkeypatch):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("published")

    def interrupted(config):
        (Path(config.site_dir) / "index.html").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr("mkdocs.commands.build.build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        site.build(content_with(tmp_path, **{"call.txt": CALL}), target)
    assert (target / "index.html").read_text() == "published" and leftovers(tmp_path) == []


# --- whole builds ------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_failed_strict_build_keeps_the_previous_site_exactly(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    target = tmp_path / "site"
    first = onrecord_build(content, target, "--strict")
    assert first.returncode == 0, first.stderr
    before = snapshot(target)
    assert "transcripts/call/index.html" in before and any(k.startswith("pagefind/") for k in before)

    write_transcript(content, "warns.txt", WARNS)
    failed = onrecord_build(content, target, "--strict")
    assert failed.returncode == 1
    assert "Aborted with" in failed.stderr and "previous site is unchanged" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert snapshot(target) == before
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_plugin_error_keeps_the_previous_site_exactly(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    target = tmp_path / "site"
    assert onrecord_build(content, target).returncode == 0
    before = snapshot(target)
    # Pagefind refuses a site it cannot index: make the plugin's search step fail.
    script = (
        "import sys, subprocess; from onrecord import search_index, cli\n"
        "def refuse(*a, **k): raise RuntimeError('pagefind: no')\n"
        "assert callable(search_index.write_index)\n"  # the one name every bundle is written through
        "search_index.write_index = refuse\n"
        "sys.argv = ['onrecord', 'build', '--content', sys.argv[1], '--site-dir', sys.argv[2]]\n"
        "cli.main()\n"
    )
    failed = subprocess.run([sys.executable, "-c", script, str(content), str(target)], cwd=ROOT,
                            capture_output=True, text=True)
    assert failed.returncode == 1 and "Pagefind failed" in failed.stderr, failed.stderr
    assert "previous site is unchanged" in failed.stderr
    assert snapshot(target) == before and leftovers(tmp_path) == []


@pytest.mark.slow
def test_two_builds_into_one_folder_at_once_both_finish_and_leave_one_whole_site(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    target = tmp_path / "site"
    command = [str(BIN / "onrecord"), "build", "--content", str(content), "--site-dir", str(target)]
    builds = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0], results
    alone = tmp_path / "alone"
    assert onrecord_build(content, alone).returncode == 0
    built, expected = snapshot(target), snapshot(alone)
    # Pagefind names some index files by a hash of where the site was built; their number is the same.
    assert {k for k in built if "pagefind" not in k} == {k for k in expected if "pagefind" not in k}
    assert len(built) == len(expected)
    entry = json.loads((target / "pagefind" / "pagefind-entry.json").read_text())
    assert f"pagefind/pagefind.{entry['languages']['en']['hash']}.pf_meta" in built  # one build's index, whole
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_symlinks_anywhere_in_content_never_reach_the_site(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL})
    secret = tmp_path / "secret.txt"
    secret.write_text("ONRECORD_TEST_SECRET=hunter2\n")
    (content / "transcripts" / "leak.txt").symlink_to(secret)
    (content / "leak.txt").symlink_to(secret)  # MkDocs copies every file of the docs folder
    (content / "folder").symlink_to(tmp_path, target_is_directory=True)
    target = tmp_path / "out"
    result = onrecord_build(content, target)
    assert result.returncode == 0, result.stderr
    assert "[content.symlink]" in result.stderr
    assert not any(b"hunter2" in p.read_bytes() for p in target.rglob("*") if p.is_file())
    assert (target / "transcripts" / "call" / "index.html").is_file()


@pytest.mark.slow
def test_a_crashing_file_leaves_the_other_pages_built_and_serve_answering(tmp_path):
    content = content_with(tmp_path, **{"call.txt": CALL, "bad.txt": CALL})
    # A bug Onrecord might have: one stage raises on one file.
    script = (
        "import sys; from onrecord import pipeline, cli\n"
        "real = pipeline.describe\n"
        "def describe(transcript, report):\n"
        "    if transcript.slug == 'bad':\n"
        "        raise ValueError('month must be in 1..12')\n"
        "    return real(transcript, report)\n"
        "pipeline.describe = describe\n"
        "sys.argv = ['onrecord', *sys.argv[1:]]\n"
        "cli.main()\n"
    )
    target = tmp_path / "site"
    built = subprocess.run([sys.executable, "-c", script, "build", "--content", str(content), "--site-dir", str(target)],
                           cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "bad.txt: error: Onrecord failed on this file" in built.stderr and "[pipeline.crash]" in built.stderr
    assert (target / "transcripts" / "call" / "index.html").is_file()
    assert not (target / "transcripts" / "bad").exists()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", script, "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        page = f"http://127.0.0.1:{port}/transcripts/call/"
        assert wait_for(lambda: (html := fetch(page)) and "First words." in html), "serve never answered"
        assert wait_for(lambda: (html := fetch(f"http://127.0.0.1:{port}/")) and "call" in html.lower())
    finally:
        server.terminate()
        server.wait(timeout=10)
