"""A link with preview: the exchange's own small page, which takes the reader to the exchange."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE, served
from .test_reading import expect_text

pytestmark = pytest.mark.browser


def test_a_share_link_lands_on_its_exchange(page):
    page.goto(REFERENCE + "q7/")
    page.wait_for_url(re.compile(r"/transcripts/tesla-2015-q3/#q7$"))
    assert page.locator("#q7").evaluate("el => el.matches(':target')")


def test_cite_offers_a_link_with_preview(page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(REFERENCE + "#q9")
    page.get_by_role("button", name="Cite exchange Q9").click()
    page.get_by_role("button", name="Copy link with preview").click()
    expect_text(page.locator(".toast"), "Link with preview copied")  # the clipboard is written asynchronously
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/transcripts/tesla-2015-q3/q9/")


@pytest.fixture(scope="module")
def flat_url(tmp_path_factory):
    """The reference transcript under Onrecord's theme with use_directory_urls: false (pages are files)."""
    from ..test_guest_site import build, guest_project

    project = guest_project(tmp_path_factory.mktemp("flat"), "onrecord", directory_urls=False)
    for own in ("index.md", "search.md"):  # a site of Onrecord's own: its home and search pages are ours
        (project / "docs" / own).unlink()
    build(project)
    with served(project / "site") as url:
        yield url


def test_a_link_with_preview_names_its_file_when_pages_are_files(browser, flat_url):
    context = browser.new_context(base_url=flat_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto("/transcripts/tesla-2015-q3/index.html#q9")
        page.get_by_role("button", name="Cite exchange Q9").click()
        page.get_by_role("button", name="Copy link with preview").click()
        expect_text(page.locator(".toast"), "Link with preview copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.endswith("/transcripts/tesla-2015-q3/q9/index.html")
        page.goto(copied)  # and it is a page: it takes the reader to the exchange
        page.wait_for_url(re.compile(r"/transcripts/tesla-2015-q3/index\.html(\?v=\d+)?#q9$"))
    finally:
        context.close()
