"""Publishing: CI workflows, reproducible builds, feeds, sharing metadata, the sitemap."""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import posixpath
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from onrecord.pages import RESERVED_IDS

from .conftest import CONTENT, REFERENCE, ROOT, every_layout

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
ATOM = "{http://www.w3.org/2005/Atom}"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE_URL = "https://calls.example.org/ir/"
NORTHWIND = Path(__file__).resolve().parent / "corpora" / "northwind"


def build(site: Path, content: Path = CONTENT, site_url: str | None = None, hash_seed: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_SITE_URL"}
    if site_url:
        env["ONRECORD_SITE_URL"] = site_url
    if hash_seed:
        env["PYTHONHASHSEED"] = hash_seed  # set and dict order by string hashing must not show in the site
    result = subprocess.run(
        [str(BIN / "onrecord"), "build", "--strict", "--content", str(content), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Path:
    """content/ built as the Pages workflow builds it, with a site_url."""
    site = tmp_path_factory.mktemp("hosted")
    build(site, site_url=SITE_URL)
    return site


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflows"
    result = subprocess.run([str(BIN / "actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_call_the_makefile_targets_a_person_would():
    runs = {}
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
        runs[path.stem] = [s.get("run", "") for s in steps]
        uses = [s.get("uses", "") for s in steps]
        if path.stem == "publish":
            assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
            deploy = [s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"]]
            assert any(u.startswith("actions/deploy-pages@") for u in deploy)
            assert True in workflow and workflow[True]["push"]["branches"] == ["main"]  # `on:` reads as True
        assert any("cache" in (s.get("with") or {}) for s in steps), f"{path.name} caches no dependencies"
    for workflow, targets in {"check": ("make check", "make test", "make site"),
                              "publish": ("make check", "make test", "make site")}.items():
        for target in targets:
            assert any(run == target or run.startswith(target + " ") for run in runs[workflow]), (workflow, target)


def test_every_action_is_pinned_by_commit_and_dependabot_keeps_them_current():
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if (found := re.search(r"uses: (\S+)@(\S+)(.*)", line)):
                assert re.fullmatch(r"[0-9a-f]{40}", found.group(2)), (path.name, line)
                assert re.search(r"# v\d", found.group(3)), f"{path.name}: name the tag beside the commit: {line}"
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in dependabot["updates"]} >= {"github-actions", "pip"}


def test_main_itself_is_checked_after_a_merge_and_on_a_schedule():
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())
    triggers = check[True]  # `on:` reads as True
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"]


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    # The reference transcript, the Northwind calls and every layout: speakers merged, topics found.
    content = every_layout(tmp_path / "content")
    for source in [REFERENCE, *sorted((NORTHWIND / "transcripts").iterdir())]:
        shutil.copy(source, content / "transcripts")
    first, second = tmp_path / "first", tmp_path / "second"
    build(first, content, site_url=SITE_URL, hash_seed="1")
    build(second, content, site_url=SITE_URL, hash_seed="2")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()) or _pagefind_only(first, second)
    # Pagefind's filter and metadata indexes are not stable between runs (Pagefind issue #638);
    # its fragments, the bulk of the index, are. Everything else must match byte for byte.
    ours = [f for f in files if f.parts[0] != "pagefind"]
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(f) for f in ours], shallow=False)
    assert not mismatch and not errors
    fragments = lambda site: sorted(p.name for p in (site / "pagefind" / "fragment").iterdir())  # noqa: E731
    assert fragments(first) == fragments(second)
    today = dt.date.today().isoformat()
    assert not [f for f in ours if today in (first / f).read_bytes().decode("utf-8", "replace")], \
        "a build wrote today's date: dates must come from the transcripts"


def _pagefind_only(first: Path, second: Path) -> bool:
    differ = {p.relative_to(first) for p in first.rglob("*") if p.is_file()} ^ {
        p.relative_to(second) for p in second.rglob("*") if p.is_file()
    }
    return all(p.parts[0] == "pagefind" and p.parts[1] != "fragment" for p in differ)


def _feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def test_atom_feed_of_transcripts_is_valid_and_links_to_pages(tmp_path):
    site = tmp_path / "site"
    build(site)
    root = _feed(site / "feed.xml")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tesla Motors Q3 2015 Earnings Call"]
    assert entries[0].findtext(f"{ATOM}updated") == "2015-11-03T00:00:00Z"
    assert "Elon Reeve Musk" in entries[0].findtext(f"{ATOM}summary")
    href = entries[0].find(f"{ATOM}link").get("href")
    assert (site / posixpath.normpath(href) / "index.html").is_file()  # relative links resolve without site_url


def test_every_speaker_has_a_valid_feed(hosted):
    for page in (hosted / "speakers").iterdir():
        if page.is_dir() and page.name not in RESERVED_IDS:  # page/2/, names/: the list's, not a speaker's
            root = _feed(page / "feed.xml")
            for entry in root.findall(f"{ATOM}entry"):
                assert entry.find(f"{ATOM}link").get("href").startswith(SITE_URL)


def test_every_topic_has_a_valid_feed_of_the_transcripts_about_it(hosted):
    feeds = sorted((hosted / "topics").glob("*/feed.xml"))
    assert len(feeds) >= 10
    root = _feed(hosted / "topics" / "gross-margin" / "feed.xml")
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Tesla Motors Q3 2015 Earnings Call"
    assert entry.findtext(f"{ATOM}summary").startswith("Gross margin in Q1 Colin Michael Langan")
    html = (hosted / "topics" / "gross-margin" / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="Gross margin" href="feed.xml">' in html


def test_feeds_with_a_site_url_have_absolute_links_and_ids(hosted):
    root = _feed(hosted / "feed.xml")
    assert root.findtext(f"{ATOM}id") == SITE_URL + "feed.xml"
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == SITE_URL + "transcripts/tesla-2015-q3/"


def test_sitemap_lists_pages_with_dates_from_the_transcripts(hosted):
    sitemap = (hosted / "sitemap.xml").read_text()
    assert f"<loc>{SITE_URL}transcripts/tesla-2015-q3/</loc>" in sitemap
    assert re.search(r"tesla-2015-q3/</loc>\s*<lastmod>2015-11-03</lastmod>", sitemap)


def _meta(html: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    }


@pytest.mark.parametrize(
    "page", ["transcripts/tesla-2015-q3", "speakers/elon-reeve-musk", "speakers", "topics/gross-margin"]
)
def test_pages_carry_open_graph_and_twitter_metadata_with_canonical_urls(hosted, page):
    html = (hosted / page / "index.html").read_text()
    meta = _meta(html)
    for key in ("og:title", "og:description", "og:type", "og:url", "og:site_name", "twitter:card", "twitter:title"):
        assert meta.get(key), key
    assert meta["og:url"] == f"{SITE_URL}{page}/"
    assert f'<link rel="canonical" href="{SITE_URL}{page}/">' in html
    assert 'type="application/atom+xml"' in html


def test_transcript_preview_says_who_asked(hosted):
    meta = _meta((hosted / "transcripts" / "tesla-2015-q3" / "index.html").read_text())
    assert meta["og:title"] == "Tesla Motors Q3 2015 Earnings Call"
    assert meta["og:description"].startswith("Tesla Motors · 3 November 2015: 15 questions from ")
    assert "UBS Securities LLC" in meta["og:description"] and meta["og:type"] == "article"


def test_each_exchange_has_a_share_page_that_previews_its_questioner_and_topics(hosted):
    html = (hosted / "transcripts" / "tesla-2015-q3" / "q9" / "index.html").read_text()
    meta = _meta(html)
    assert meta["og:title"] == ("Q9 · Andrea Susan James, Dougherty &amp; Co. LLC, answered by Elon Reeve Musk, Deepak Ahuja "
                                "and Jeffrey K. Evanson — Tesla Motors Q3 2015 Earnings Call")
    assert meta["og:description"].startswith("On ") and "Gross margin" in meta["og:description"]
    assert meta["og:url"] == f"{SITE_URL}transcripts/tesla-2015-q3/q9/"
    assert '<meta http-equiv="refresh" content="0; url=../#q9">' in html
    assert f'<link rel="canonical" href="{SITE_URL}transcripts/tesla-2015-q3/#q9">' in html
    assert meta["robots"] == "noindex"
    assert len(list((hosted / "transcripts" / "tesla-2015-q3").glob("q*/index.html"))) == 15
