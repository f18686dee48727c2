"""A transcript page in someone else's site, under their theme: its anchors land, its copy links copy,
and an old link of a corrected transcript is redirected (the plugin's own script, not Onrecord's theme)."""

from __future__ import annotations

import pytest

from ..test_guest_site import build, guest_project
from .conftest import served

pytestmark = pytest.mark.browser
PAGE = "/transcripts/tesla-2015-q3/"


@pytest.fixture(scope="module", params=["material", "readthedocs", "mkdocs"])
def guest_url(request, tmp_path_factory):
    project = guest_project(tmp_path_factory.mktemp(f"guest-{request.param}"), request.param)
    build(project)
    with served(project / "site") as url:
        yield url


@pytest.fixture
def guest_page(browser, guest_url):
    context = browser.new_context(base_url=guest_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_an_exchange_link_opens_at_the_exchange_under_the_sites_theme(guest_page):
    guest_page.goto(f"{PAGE}?v=2#q5")  # ?v=2: this edition's own link, which nothing redirects
    heading = guest_page.locator("#q5")
    heading.wait_for()
    guest_page.wait_for_function("() => { const r = document.getElementById('q5').getBoundingClientRect();"
                                 " return r.top >= 0 && r.top < window.innerHeight; }")
    assert guest_page.locator("#participants").count() == 1
    assert guest_page.locator("text={: #").count() == 0  # no raw attribute lists on the page


def test_a_turns_copy_link_copies_its_address(guest_page):
    guest_page.goto(PAGE + "?v=2")
    link = guest_page.locator("#t12 a.permalink")
    link.click()
    guest_page.wait_for_function("() => document.querySelector('#t12 a.permalink').hasAttribute('data-copied')")
    copied = guest_page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"{PAGE}?v=2#t12")


def test_an_old_link_of_a_corrected_transcript_lands_where_the_words_went(guest_page):
    guest_page.goto(PAGE + "#q2")  # a first-edition link; the correction recorded q2 -> q3
    guest_page.wait_for_function("() => location.hash === '#q3' && location.search === '?v=2'")
