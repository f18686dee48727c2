"""Sharded builds: N shards, merged, make the site a single build makes, page for page, with one search;
the join is done once, and each shard renders only its own pages."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus as synthetic
from onrecord import joined
from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.pipeline import generate, generate_with_corpus, read_shard
from onrecord.shards import ELSEWHERE, Shard, ShardMemo, group_of, own_pages, owner

from .test_cache import CASES, content_of

BIN = Path(sys.executable).parent


def onrecord(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "onrecord"), *arguments], capture_output=True, text=True, cwd=cwd)


def files(site: Path) -> dict[str, bytes]:
    # Pagefind's index differs between two builds of one site: compared by what it indexed, below.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def bundles(site: Path) -> list[Path]:
    """The Pagefind bundles the site's search page merges, as pagefind/bundles.json lists them."""
    listed = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    return [site / "pagefind" / name for name in listed]


def indexed_pages(site: Path) -> int:
    entries = [json.loads((bundle / "pagefind-entry.json").read_text()) for bundle in bundles(site)]
    return sum(language["page_count"] for entry in entries for language in entry["languages"].values())


def indexed_urls(bundle: Path) -> list[str]:
    """The URL of every record a bundle holds, from its fragments (gzipped, after Pagefind's signature)."""
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for f in sorted((bundle / "fragment").iterdir())]


SYNTHETIC = 20  # calls whose analysts and executives speak in several: speaker pages fed by every shard


def archive(work: Path) -> Path:
    """The cache tests' ten layouts and twenty synthetic calls: thirty transcripts; a mkdocs.yml with a
    site_url, as the publish workflow sets it, so that there is a sitemap and canonical URLs."""
    content = content_of(work)
    synthetic.write(content, SYNTHETIC)
    defaults = (Path(__file__).resolve().parent.parent / "generator" / "defaults.yml").read_text(encoding="utf-8")
    (work / "mkdocs.yml").write_text(defaults + "site_url: https://example.org/archive/\ndocs_dir: content\n",
                                     encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One archive built once whole and once as the publish workflow builds it (three reading shards, the
    join, three render shards, the merge): (work folder, shard sites)."""
    work = tmp_path_factory.mktemp("shards")
    content = archive(work)
    single = onrecord("build", "--content", str(content), "--site-dir", str(work / "single"), "--no-cache", cwd=work)
    assert single.returncode == 0, single.stderr
    for k in (1, 2, 3):
        assert onrecord("read", str(content), "--shard", f"{k}/3", cwd=work).returncode == 0
    done = onrecord("join", str(content), cwd=work)
    assert done.returncode == 0 and f"joined {len(CASES) + SYNTHETIC} transcripts" in done.stderr, done.stderr
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
    assert indexed_pages(work / "merged") == indexed_pages(work / "single") >= len(CASES) + SYNTHETIC
    # Every shard's pages in one sitemap, as the single build lists them.
    assert single["sitemap.xml"].count(b"<loc>https://example.org/archive/transcripts/") == len(CASES) + SYNTHETIC


def test_each_shard_has_its_own_transcripts_pages_and_a_search_bundle_of_its_own(built):
    work, shards = built
    single = files(work / "single")
    transcripts = {path.split("/")[1] for path in single if path.startswith("transcripts/") and path.count("/") > 1}
    assert len({owner(slug, 3) for slug in transcripts}) == 3  # the archive does fill three shards
    for k, site in enumerate(shards, start=1):
        mine = {path.split("/")[1] for path in files(site) if path.startswith("transcripts/") and path.count("/") > 1}
        assert mine == {slug for slug in transcripts if owner(slug, 3) == k}
        assert [p.name for p in (site / "pagefind").iterdir()] == [f"shard-{k}-of-3"]


def test_each_shards_bundle_indexes_its_own_transcripts_only(built):
    work, shards = built
    seen = []
    for k, site in enumerate(shards, start=1):
        slugs = {url.split("/transcripts/")[1].split("/")[0] for url in indexed_urls(site / "pagefind" / f"shard-{k}-of-3")}
        assert slugs and {owner(slug, 3) for slug in slugs} == {k}
        seen += slugs
    assert len(seen) == len(set(seen)) == len(CASES) + SYNTHETIC
    # Together, the very records of the single build's one bundle.
    merged = sorted(url for bundle in bundles(work / "merged") for url in indexed_urls(bundle))
    assert merged == sorted(indexed_urls(work / "single" / "pagefind"))


def test_the_merged_site_lists_every_shards_bundle_and_a_single_build_its_one(built):
    work, _ = built
    assert bundles(work / "merged") == [work / "merged" / "pagefind" / f"shard-{k}-of-3/" for k in (1, 2, 3)]
    assert bundles(work / "single") == [work / "single" / "pagefind" / "./"]


def test_a_merge_missing_a_shards_bundle_is_refused(built, tmp_path):
    _, shards = built
    done = onrecord("merge", str(shards[0]), str(shards[2]), "--site-dir", str(tmp_path / "merged"), cwd=tmp_path)
    assert done.returncode == 1 and "shard-2-of-3" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "merged").exists()


def test_the_archive_wide_pages_are_spread_over_the_shards_each_page_built_by_one(built):
    work, shards = built
    single = [path for path in files(work / "single") if path.endswith(".html") and "/q" not in path
              and path != "404.html"]  # the theme's, the same in every shard
    built_by = {path: [k for k, site in enumerate(shards, start=1) if (site / path).is_file()] for path in single}
    assert {path: ks for path, ks in built_by.items() if len(ks) != 1} == {}
    for kind in ("speakers/", "topics/"):
        # A speaker's or a topic's pages go to their own shards, not all to one.
        assert len({ks[0] for path, ks in built_by.items() if path.startswith(kind)}) == 3, kind
    speaker_index = [ks[0] for path, ks in built_by.items() if path == "speakers/index.html"]
    assert speaker_index == [owner("speakers/index.md", 3)]


def test_a_speakers_later_pages_and_feed_go_with_the_speaker():
    assert group_of("speakers/ada-lee.md") == group_of("speakers/ada-lee/page/3.md") == "speakers/ada-lee"
    assert group_of("speakers/ada-lee/feed.xml") == "speakers/ada-lee"
    assert group_of("topics/margins/page/2.md") == group_of("topics/margins.md") == "topics/margins"
    assert group_of("transcripts/tesla-2015-q3/q7/index.html") == "tesla-2015-q3"
    for alone in ("speakers/index.md", "speakers/page/2.md", "speakers/names/a.json", "speakers/speakers.json",
                  "topics/index.md", "topics/topics.json", "index.md", "page/2.md", "feed.xml"):
        assert group_of(alone) == alone


def test_shards_of_different_content_are_not_merged(built, tmp_path):
    _, shards = built
    changed = tmp_path / "changed"
    changed.mkdir()
    for source in (shards[0] / "404.html",):  # a page every shard writes
        (changed / "404.html").write_bytes(source.read_bytes().replace(b"</body>", b"<!-- other --></body>"))
    done = onrecord("merge", str(shards[0]), str(changed), "--site-dir", str(tmp_path / "merged"), cwd=tmp_path)
    assert done.returncode == 1 and "404.html" in done.stderr
    assert not (tmp_path / "merged").exists()


def test_a_page_another_shard_owns_is_given_to_mkdocs_empty_and_the_home_page_to_every_shard():
    pages = {"index.md": "---\ntitle: Home\n---\n\n# Home\n", "transcripts/a/index.md": "---\ntitle: A\n---\n\nSaid.\n",
             "transcripts/a/transcript.json": "{}", "transcripts/b/index.md": ELSEWHERE}
    shard = Shard(2, 2) if owner("a", 2) == 1 else Shard(1, 2)
    kept, excluded, removed = own_pages(pages, shard)
    assert excluded == {"transcripts/a/index.md", "transcripts/a/transcript.json"} | (
        {"transcripts/b/index.md"} if owner("b", 2) != shard.index else set())
    assert kept["transcripts/a/index.md"] == kept["transcripts/a/transcript.json"] == ""
    assert kept["index.md"] == pages["index.md"]
    assert removed == ({"index.md"} if owner("index.md", 2) != shard.index else set())


def test_a_shard_renders_only_the_groups_of_pages_it_owns():
    shard = Shard(1, 2)
    memo = ShardMemo(shard)
    mine = next(slug for slug in ("a", "b", "c", "d") if owner(slug, 2) == 1)
    theirs = next(slug for slug in ("a", "b", "c", "d") if owner(slug, 2) == 2)
    rendered = []
    made = lambda slug: lambda _: rendered.append(slug) or {f"transcripts/{slug}/index.md": "page"}  # noqa: E731
    assert memo.files(("transcript", mine), (), made(mine)) == {f"transcripts/{mine}/index.md": "page"}
    assert memo.files(("transcript", theirs), (), made(theirs)) == {f"transcripts/{theirs}/index.md": ELSEWHERE}
    assert rendered == [mine]


def test_a_shard_build_after_the_join_reads_no_transcript_and_joins_nothing(tmp_path, monkeypatch):
    content = content_of(tmp_path)
    joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    import onrecord.pipeline as pipeline

    monkeypatch.setattr(pipeline, "corpus_of", lambda *_: pytest.fail("joined again"))
    cache = Cache(tmp_path / "cache")
    corpus, pages = generate_with_corpus(content, Report(root=tmp_path), cache=cache, shard=Shard(1, 3))
    assert cache.read == cache.reused == [] and len(corpus.transcripts) == len(CASES)
    assert any(body is ELSEWHERE for body in pages.values())


def test_each_shard_renders_its_pages_from_its_share_of_the_corpus_without_falling_back(tmp_path, monkeypatch):
    # A page that fails is rendered again from the whole corpus, read anew: the site is the same, so only
    # this says that the words a shard lets go of other shards' transcripts are none its pages show.
    content = archive(tmp_path)
    joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    import onrecord.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_renders_alone", lambda *_: pytest.fail("a page failed: the whole corpus read again"))
    for k in (1, 2, 3):
        corpus, pages = generate_with_corpus(content, Report(root=tmp_path), cache=Cache(tmp_path / "cache"),
                                             shard=Shard(k, 3))
        assert any(type(turn).__name__ == "UnreadTurn" for t in corpus.transcripts for turn in t.turns)
        assert any(body is ELSEWHERE for body in pages.values())


def test_a_shard_without_the_joined_corpus_warns_that_it_joins_the_whole_archive(tmp_path):
    content = content_of(tmp_path)
    report = Report(root=tmp_path)
    generate_with_corpus(content, report, cache=Cache(tmp_path / "cache"), shard=Shard(1, 3))
    said = [str(d) for d in report.diagnostics if d.code == "shard.unjoined"]
    assert said == ["cache/joined.entry: warning: there is no joined corpus: shard 1/3 reads and joins the whole "
                    "archive itself (run `onrecord join` after the reading jobs) [shard.unjoined]"]


def test_a_shard_whose_joined_corpus_is_of_other_content_warns_and_a_single_build_does_not(tmp_path):
    content = content_of(tmp_path)
    joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    (content / "speakers.yml").write_text("[]\n", encoding="utf-8")
    shard, single = Report(root=tmp_path), Report(root=tmp_path)
    generate_with_corpus(content, shard, cache=Cache(tmp_path / "cache"), shard=Shard(2, 3))
    generate_with_corpus(content, single, cache=Cache(tmp_path / "cache"))
    assert [d.level for d in shard.diagnostics if d.code == "shard.unjoined"] == ["warning"]
    assert "shard.unjoined" not in single.codes()


def test_a_shard_build_that_joined_says_no_shard_unjoined(tmp_path):
    content = content_of(tmp_path)
    joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    report = Report(root=tmp_path)
    generate_with_corpus(content, report, cache=Cache(tmp_path / "cache"), shard=Shard(1, 3))
    assert "shard.unjoined" not in report.codes()


def test_a_joined_corpus_of_other_content_is_not_used(tmp_path):
    content = content_of(tmp_path)
    cache = Cache(tmp_path / "cache")
    joined.join(content, Report(root=tmp_path), cache)
    assert joined.load(content, Report(), cache) is not None
    (content / "speakers.yml").write_text("[]\n", encoding="utf-8")
    assert joined.load(content, Report(), cache) is None
    (content / "speakers.yml").unlink()
    first = sorted((content / "transcripts").iterdir())[0]
    first.write_bytes(first.read_bytes() + b"\n")
    assert joined.load(content, Report(), cache) is None


def test_a_joined_corpus_that_is_cut_short_is_said_and_joined_again(tmp_path):
    content = content_of(tmp_path)
    cache = Cache(tmp_path / "cache")
    joined.join(content, Report(root=tmp_path), cache)
    entry = cache.folder / joined.NAME
    entry.write_bytes(entry.read_bytes()[:-100])
    report = Report(root=tmp_path)
    assert joined.load(content, report, cache) is None
    assert [d.code for d in report.diagnostics] == ["cache.corrupt"]


def test_a_build_from_the_joined_corpus_says_what_the_reading_said(tmp_path):
    content = content_of(tmp_path)
    said = Report(root=tmp_path)
    joined.join(content, said, Cache(tmp_path / "cache"))
    again = Report(root=tmp_path)
    joined.load(content, again, Cache(tmp_path / "cache"))
    assert again.diagnostics == said.diagnostics and len(said.diagnostics) > len(CASES)


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
    assert any("onrecord join content" in run for run in _commands(jobs["join"]))
    assert jobs["join"]["needs"] == "read" and "join" in jobs["render"]["needs"]
    assert any(step.get("with", {}).get("name") == "joined" for step in jobs["render"]["steps"])
    assert any("onrecord merge shards/site-*" in run for run in _commands(jobs["merge"]))
    assert set(jobs["deploy"]["needs"]) == {"build", "merge"}
    # Every command the workflow runs is one the CLI has.
    used = {re.match(r"[a-z-]+", said).group() for job in jobs.values() for run in _commands(job)
            for said in run.split("onrecord ")[1:]}
    assert used and used <= set(main.commands)
