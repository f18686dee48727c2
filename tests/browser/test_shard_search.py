"""The search page of a merged sharded site merges every shard's bundle into one search: a word said in one
shard's transcript only, a filter value of one shard only, and the counts of a word said everywhere, as the
single build's page finds them."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest

from onrecord.shards import owner

from ..test_shards import built  # noqa: F401 (the module's built archive, single and sharded)
from .conftest import served as serving
from .conftest import search_status, wait_for_search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built):  # noqa: F811
    """Base URLs of the single build and of the merged shards."""
    work, _ = built
    with serving(work / "single") as single, serving(work / "merged") as merged:
        yield {"single": single, "merged": merged}


def exports(site: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(site.glob("transcripts/*/transcript.json"))]


def words_said_once(site: Path) -> dict[int, tuple[str, str]]:
    """For each shard, a long word said in one transcript of the archive only: no other transcript has a word
    (said, or in a title or a name, which Pagefind indexes too) of its first five letters, so neither Pagefind's
    stemming nor its prefix match finds it elsewhere: shard -> (word, that transcript's title)."""
    said = defaultdict(set)
    for export in exports(site):
        text = " ".join([export["title"], *(p["name"] for p in export["speakers"]),
                         *(" ".join(turn["paragraphs"]) for turn in export["turns"])]).lower()
        for word in re.findall(r"[a-z]+", text):
            said[word[:5]].add((len(word) >= 9 and word, export["slug"], export["title"]))
    found = {}
    for places in said.values():
        words = sorted(word for word, _, _ in places if word)
        if words and len({slug for _, slug, _ in places}) == 1:
            _, slug, title = next(iter(places))
            found.setdefault(owner(slug, 3), (words[0], title))
    return found


def speakers_of_one_shard(site: Path) -> dict[str, set[str]]:
    """People (named, not placeholders) who speak only in transcripts of one shard: name -> their titles."""
    heard, shards = defaultdict(set), defaultdict(set)
    for export in exports(site):
        speaking = {turn["speaker"] for turn in export["turns"]}
        for person in export["speakers"]:
            if person["id"] in speaking and person["role"] != "moderator":
                heard[person["name"]].add(export["title"])
                shards[person["name"]].add(owner(export["slug"], 3))
    return {name: titles for name, titles in heard.items() if len(shards[name]) == 1}


def shown(browser, base_url: str, query: str) -> tuple[str, list[str]]:
    """The search page at /search/?{query}: its status and the titles of the transcripts it shows."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.goto(f"/search/?{query}")
        wait_for_search(page)
        return search_status(page), page.locator(".group-title").all_inner_texts()
    finally:
        context.close()


def test_the_search_page_lists_one_bundle_per_shard(built):
    work, _ = built
    listed = json.loads((work / "merged" / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    assert listed == ["shard-1-of-3/", "shard-2-of-3/", "shard-3-of-3/"]


def test_a_word_said_in_one_shards_transcript_only_is_found_on_the_merged_site(browser, served, built):
    work, _ = built
    words = words_said_once(work / "single")
    assert sorted(words) == [1, 2, 3]  # a word of each shard's own
    for shard, (word, title) in sorted(words.items()):
        status, titles = shown(browser, served["merged"], f"q=%22{word}%22")  # quoted: the word itself, no near one
        assert titles == [title] and status.endswith(" in 1 transcript"), (shard, word, status, titles)
        assert (status, titles) == shown(browser, served["single"], f"q=%22{word}%22")


def test_a_filter_value_of_one_shard_only_narrows_the_merged_search_to_its_exchanges(browser, served, built):
    work, _ = built
    speakers = speakers_of_one_shard(work / "single")
    name = max(sorted(speakers), key=lambda n: len(speakers[n]))  # the one who speaks in the most transcripts
    status, titles = shown(browser, served["merged"], f"speaker={quote(name)}")
    assert titles and set(titles) <= speakers[name], (name, titles)
    assert status.endswith(f" in {len(speakers[name])} transcript" + ("s" if len(speakers[name]) > 1 else ""))
    assert (status, titles) == shown(browser, served["single"], f"speaker={quote(name)}")


def test_a_word_said_in_every_shard_counts_what_the_single_build_counts(browser, served):
    status, titles = shown(browser, served["merged"], "q=margin")
    single_status, single_titles = shown(browser, served["single"], "q=margin")
    # The counts are the filters summed over the bundles; the ranking is each bundle's scores, merged.
    assert status == single_status and re.search(r" in \d+ transcripts$", status), status
    assert len(titles) == len(single_titles) >= 2
