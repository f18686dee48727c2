"""A single build's search index in several bundles searches as one bundle does: the search page merges what
pagefind/bundles.json lists, so a word said in one bundle's transcript only is found, and a word said
everywhere shows the same results, counts and filter counts (summed over the bundles)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from onrecord.diagnostics import Report
from onrecord.pipeline import generate_with_corpus
from onrecord.search_index import nested_bundles, split, write_site_index
from onrecord.search_records import search_records

from ..test_cache import content_of
from .conftest import build_site, search_status, served, wait_for_search

pytestmark = pytest.mark.browser


def three_bundles(records) -> int:
    """Bytes of speech per bundle that cut these records into three bundles."""
    total = sum(len(r.content.encode("utf-8")) for r in records)
    return next(limit for limit in range(total // 3, total, max(total // 300, 1)) if len(split(records, limit)) == 3)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The cache tests' ten layouts built once, its search index then written as one bundle and as three:
    (records, {"one": base URL, "three": base URL}, the three bundles' records)."""
    work = tmp_path_factory.mktemp("bundles")
    content = content_of(work)
    built = build_site(content, work / "built", strict=False)
    records = search_records(generate_with_corpus(content, Report())[0])
    folders = {}
    for name, speech in (("one", 10**12), ("three", three_bundles(records))):
        folders[name] = work / name
        shutil.copytree(built, folders[name], ignore=shutil.ignore_patterns("pagefind"))
        write_site_index(records, folders[name], speech=speech)
    assert nested_bundles(folders["three"] / "pagefind", ".") == ["./", "./part-2/", "./part-3/"]
    with served(folders["one"]) as one, served(folders["three"]) as three:
        yield records, {"one": one, "three": three}, split(records, three_bundles(records))


def shown(browser, base_url: str, query: str) -> tuple[str, list[str], list[str]]:
    """The search page at /search/?{query}: its status, the transcripts it shows, and every filter's values
    with their counts (each facet opened, so that all of them are rendered)."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.goto(f"/search/?{query}")
        wait_for_search(page)
        facets = [text for text in page.locator(".facet-value").all_text_contents()]
        return search_status(page), page.locator(".group-title").all_inner_texts(), facets
    finally:
        context.close()


def said_in_one_transcript(records, bundle) -> str:
    """A long word of one transcript of `bundle` that no other transcript says, nor any title (by its first
    five letters, so neither Pagefind's stemming nor its prefix match finds it elsewhere)."""
    places = {}
    for record in records:
        page = record.url.split("#")[0]
        for word in re.findall(r"[a-z]+", (record.content + " " + " ".join(v for _, v in record.meta)).lower()):
            places.setdefault(word[:5], set()).add((page, word if len(word) >= 9 else ""))
    mine = {r.url.split("#")[0] for r in bundle}
    return min(word for found in places.values() if len({p for p, _ in found}) == 1
               for page, word in found if word and page in mine)


def test_a_word_said_in_one_transcript_of_the_last_bundle_is_found_as_one_bundle_finds_it(browser, sites):
    records, served_at, bundles = sites
    word = said_in_one_transcript(records, bundles[-1])
    three = shown(browser, served_at["three"], f"q=%22{word}%22")
    assert three[0].endswith(" in 1 transcript") and len(three[1]) == 1, (word, three)
    assert three == shown(browser, served_at["one"], f"q=%22{word}%22")


def test_a_word_said_in_every_bundle_counts_and_filters_what_one_bundle_does(browser, sites):
    records, served_at, bundles = sites
    said = [Counter(w for r in bundle for w in re.findall(r"[a-z]+", r.content.lower())) for bundle in bundles]
    word = max((w for w in said[0] if len(w) > 4 and all(w in s for s in said)), key=lambda w: (sum(s[w] for s in said), w))
    status, titles, facets = shown(browser, served_at["three"], f"q={word}")
    one_status, one_titles, one_facets = shown(browser, served_at["one"], f"q={word}")
    assert status == one_status and re.search(r" in \d+ transcripts$", status), (word, status)
    # Every filter value's count, the transcripts' included: the same results, as a set, in every transcript.
    assert sorted(facets) == sorted(one_facets) and any(re.search(r"\(\d+\)$", f) for f in facets), facets
    # One ranking over the bundles' scores (each bundle's own statistics): the first calls shown may differ.
    assert len(titles) == len(one_titles) >= 3
