"""Sharded builds: N shards, merged, make the site a single build makes, page for page, with one search."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.pipeline import generate, read_shard
from onrecord.shards import Shard, owner, stubbed

from .test_cache import CASES, content_of

BIN = Path(sys.executable).parent


def onrecord(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "onrecord"), *arguments], capture_output=True, text=True, cwd=cwd)


def files(site: Path) -> dict[str, bytes]:
    # Pagefind's index differs between two builds of one site: compared by what it indexed, below.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def indexed_pages(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One archive built once whole and once as three shards merged: (work folder, shard sites)."""
    work = tmp_path_factory.mktemp("shards")
    content = content_of(work)
    assert onrecord("build", "--content", str(content), "--site-dir", str(work / "single"), cwd=work).returncode == 0
    shards = []
    for k in (1, 2, 3):
        done = onrecord("build", "--content", str(content), "--site-dir", str(work / f"shard{k}"), "--shard", f"{k}/3",
                        cwd=work)
        assert done.returncode == 0, done.stderr
        shards.append(work / f"shard{k}")
    done = onrecord("merge", *map(str, shards), "--site-dir", str(work / "merged"), cwd=work)
    assert done.returncode == 0, done.stderr
    return work, shards


def test_three_shards_merged_equal_the_single_build_page_for_page(built):
    work, _ = built
    single, merged = files(work / "single"), files(work / "merged")
    assert sorted(merged) == sorted(single)
    assert [path for path in single if merged[path] != single[path]] == []
    assert indexed_pages(work / "merged") == indexed_pages(work / "single") >= len(CASES)


def test_each_shard_has_its_own_transcripts_pages_and_no_search(built):
    work, shards = built
    single = files(work / "single")
    transcripts = {path.split("/")[1] for path in single if path.startswith("transcripts/") and path.count("/") > 1}
    assert len({owner(slug, 3) for slug in transcripts}) == 3  # the archive does fill three shards
    for k, site in enumerate(shards, start=1):
        mine = {path.split("/")[1] for path in files(site) if path.startswith("transcripts/") and path.count("/") > 1}
        assert mine == {slug for slug in transcripts if owner(slug, 3) == k}
        assert not (site / "pagefind").exists()
    assert (shards[0] / "speakers" / "index.html").exists() and not (shards[1] / "speakers" / "index.html").exists()


def test_shards_of_different_content_are_not_merged(built, tmp_path):
    _, shards = built
    changed = tmp_path / "changed"
    changed.mkdir()
    for source in (shards[0] / "index.html",):
        (changed / "index.html").write_bytes(source.read_bytes().replace(b"</body>", b"<!-- other --></body>"))
    done = onrecord("merge", str(shards[0]), str(changed), "--site-dir", str(tmp_path / "merged"), cwd=tmp_path)
    assert done.returncode == 1 and "index.html" in done.stderr
    assert not (tmp_path / "merged").exists()


def test_a_page_another_shard_owns_keeps_only_its_front_matter():
    pages = {"index.md": "---\ntitle: Home\n---\n\n# Home\n", "transcripts/a/index.md": "---\ntitle: A\n---\n\nSaid.\n",
             "transcripts/a/transcript.json": "{}"}
    shard = Shard(2, 2) if owner("a", 2) == 1 else Shard(1, 2)
    kept, foreign = stubbed(pages, shard)
    assert kept["transcripts/a/index.md"] == "---\ntitle: A\n---\n" and kept["transcripts/a/transcript.json"] == "{}"
    assert foreign == {"transcripts/a/index.md", "transcripts/a/transcript.json"} | (
        {"index.md"} if shard.index != 1 else set())


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "2/"])
def test_a_shard_that_is_not_k_of_n_is_a_usage_error(text, tmp_path):
    done = onrecord("build", "--shard", text, "--content", str(content_of(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "K/N" in done.stderr


def test_the_reading_pass_of_every_shard_leaves_the_build_no_file_to_read(tmp_path):
    content = content_of(tmp_path)
    for k in (1, 2, 3):
        done = onrecord("read", str(content), "--shard", f"{k}/3", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert f"shard {k}/3: " in done.stderr
    entries = sorted(p.name for p in (tmp_path / ".onrecord-cache").glob("*.entry"))
    assert entries == sorted(f"{p.name}.entry" for p in (content / "transcripts").iterdir())
    cache = Cache(tmp_path / ".onrecord-cache")
    generate(content, Report(root=tmp_path), cache=cache)
    assert cache.read == [] and len(cache.reused) == len(CASES)


def test_each_transcript_is_read_by_one_shard_only(tmp_path):
    content = content_of(tmp_path)
    read = [read_shard(content, Report(), Cache(tmp_path / f"cache{k}"), k, 3) for k in (1, 2, 3)]
    names = [path.name for paths in read for path in paths]
    assert sorted(names) == sorted(p.name for p in (content / "transcripts").iterdir())
    assert sum(1 for paths in read if paths) >= 2  # the reading is shared out


def _project(tmp_path: Path, options: str) -> Path:
    """A project folder: mkdocs.yml with the plugin's `options`, and the content of test_cache."""
    content = content_of(tmp_path)
    theme = Path(__file__).resolve().parent.parent / "theme"
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\n"
        f"theme: {{name: null, custom_dir: {theme}}}\nplugins:\n  - onrecord:\n      search: false\n{options}")
    return tmp_path


@pytest.mark.parametrize("options, planned", [
    ("", []),  # never, unless asked
    (f"      shard_above: {len(CASES) - 1}\n      shards: 3\n", [1, 2, 3]),
    (f"      shard_above: {len(CASES)}\n      shards: 3\n", []),  # not more than the threshold
    (f"      shard_above: 1\n", [1, 2, 3, 4]),
])
def test_the_plan_shards_the_build_only_past_the_threshold_mkdocs_yml_sets(tmp_path, options, planned):
    done = onrecord("shards", cwd=_project(tmp_path, options))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == planned


@pytest.mark.parametrize("options, said", [
    ("      shards: 1\n", "shards: must be 2 to 256"),
    ("      shard_above: -5\n", "shard_above: must be a number of transcripts"),
    ("      shards: four\n", "Expected type: <class 'int'>"),
])
def test_a_shard_option_out_of_range_fails_the_build_saying_what_it_must_be(tmp_path, options, said):
    project = _project(tmp_path, options)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], capture_output=True, text=True, cwd=project)
    assert done.returncode != 0 and said in done.stderr, done.stderr[-2000:]
    planned = onrecord("shards", cwd=project)
    assert planned.returncode != 0 and "Traceback" not in planned.stderr


def _jobs() -> dict:
    import yaml

    workflow = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "publish.yml"
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]


def _commands(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_publish_workflow_builds_once_or_as_a_matrix_of_the_shards_the_plan_prints():
    from onrecord.cli import main

    jobs = _jobs()
    assert any("onrecord shards" in run and "GITHUB_OUTPUT" in run for run in _commands(jobs["check"]))
    assert jobs["build"]["if"] == "needs.check.outputs.shards == '[]'"
    for name, command in (("read", "onrecord read content --shard"), ("render", "onrecord build --strict --shard")):
        assert jobs[name]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.check.outputs.shards) }}"
        assert any(command in run and "${{ matrix.shard }}/${{ strategy.job-total }}" in run
                   for run in _commands(jobs[name]))
    assert any("onrecord merge shards/site-*" in run for run in _commands(jobs["merge"]))
    assert set(jobs["deploy"]["needs"]) == {"build", "merge"}
    # Every command the workflow runs is one the CLI has.
    used = {re.match(r"[a-z-]+", said).group() for job in jobs.values() for run in _commands(job)
            for said in run.split("onrecord ")[1:]}
    assert used and used <= set(main.commands)
