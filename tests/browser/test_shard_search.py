"""The search of a merged sharded site finds what a single build's finds, from every shard."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from onrecord.shards import owner

from ..test_shards import built  # noqa: F401 (the module's built archive, single and sharded)
from .conftest import _Handler

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built):  # noqa: F811
    """Base URLs of the single build and of the merged shards."""
    work, _ = built
    servers, urls = [], {}
    for name in ("single", "merged"):
        handler = functools.partial(_Handler, directory=str(work / name))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


def results(browser, base_url: str, query: str) -> set[str]:
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"/search/?q={query}")
        page.wait_for_selector(".pagefind-ui__result-link")
        hrefs = page.locator(".pagefind-ui__result > .pagefind-ui__result-inner .pagefind-ui__result-link")
        return {href.split("#")[0] for href in (hrefs.nth(i).get_attribute("href") for i in range(hrefs.count()))}
    finally:
        context.close()


def test_the_merged_index_finds_what_the_single_build_finds_across_shards(browser, served):
    merged = results(browser, served["merged"], "margin")
    assert merged == results(browser, served["single"], "margin")
    slugs = {href.rstrip("/").split("/")[-1] for href in merged}
    assert len({owner(slug, 3) for slug in slugs}) >= 2, slugs  # pages that three different builds indexed
