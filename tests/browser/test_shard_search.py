"""The search of a merged sharded site finds what a single build's finds, from every shard."""

from __future__ import annotations

import pytest

from onrecord.shards import owner

from ..test_shards import built  # noqa: F401 (the module's built archive, single and sharded)
from .conftest import served as serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built):  # noqa: F811
    """Base URLs of the single build and of the merged shards."""
    work, _ = built
    with serving(work / "single") as single, serving(work / "merged") as merged:
        yield {"single": single, "merged": merged}


def results(browser, base_url: str, query: str) -> set[str]:
    """The pages of every result the site's index gives, through Pagefind's own API as the search page loads it."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/search/")
        urls = page.evaluate("""async (query) => {
            const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
            const found = await pagefind.search(query);
            return Promise.all(found.results.map(async (result) => (await result.data()).url));
        }""", query)
        assert urls, f"nothing found for {query!r}"
        return {url.split("#")[0] for url in urls}
    finally:
        context.close()


def test_the_merged_index_finds_what_the_single_build_finds_across_shards(browser, served):
    merged = results(browser, served["merged"], "margin")
    assert merged == results(browser, served["single"], "margin")
    slugs = {href.rstrip("/").split("/")[-1] for href in merged}
    assert len({owner(slug, 3) for slug in slugs}) >= 2, slugs  # pages that three different builds indexed
