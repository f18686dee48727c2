"""The topic and speaker indexes' filter: typing narrows the page and finds matches on its other pages
(from the small files of topics/names/); without JavaScript every topic is still on a page of the index."""

from __future__ import annotations

import pytest

from tests.browser.conftest import build_site, serious_violations, served
from tests.test_topic_index import LAST, LAST_ANALYST, archive

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def index_url(tmp_path_factory):
    """A site of three calls, 151 topics and 454 people, each asking one question: two pages of each index
    (451 rows of topics, 400 to a page; 300 people to a page)."""
    work = tmp_path_factory.mktemp("topic-index")
    with served(build_site(archive(work, 150, per_question=1, analysts=True), work / "site")) as url:
        yield url


@pytest.fixture
def index(browser, index_url):
    ctx = browser.new_context(base_url=index_url, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto("/topics/")
    yield page
    ctx.close()


def test_typing_in_the_filter_finds_a_topic_on_a_later_page(index):
    assert index.get_by_role("link", name=LAST).count() == 0  # it is listed on page 2
    index.get_by_label("Filter topics by name").fill("zeppelin")
    others = index.locator(".index-filter-others")
    others.get_by_role("link", name=LAST).wait_for()
    assert index.locator("#index-filter-status[aria-live=polite]").inner_text() == "1 topic matches: 0 on this page, 1 on other pages."
    assert index.locator("main li:visible").count() == 1  # the page's own lists hide what does not match
    others.get_by_role("link", name=LAST).click()
    index.wait_for_url("**/topics/zeppelin-fleet/")
    assert index.locator("h1").inner_text().rstrip("#") == LAST  # the heading and its permalink


def test_any_word_of_a_name_finds_it_and_one_letter_searches_this_page_only(index):
    box = index.get_by_label("Filter topics by name")
    box.fill("z")
    index.wait_for_function("document.querySelector('#index-filter-status').textContent.includes('two letters')")
    assert index.locator("#index-filter-status").inner_text() == \
        "0 topics on this page match; type two letters to search the other pages."
    box.fill("fle")  # the start of its second word
    index.locator(".index-filter-others").get_by_role("link", name=LAST).wait_for()


def test_the_filter_narrows_this_page_and_the_others_and_clearing_it_restores_the_page(index):
    everything = index.locator("main li:visible").count()
    box = index.get_by_label("Filter topics by name")
    box.fill("kalomi")  # shared by all three calls: in the most discussed and under each group on this page
    index.wait_for_function("document.querySelector('.index-filter-status').textContent.includes('on other pages')")
    assert index.locator("#index-filter-status[aria-live=polite]").inner_text() == "1 topic matches: 1 on this page, 0 on other pages."
    visible = [text.rstrip("#") for text in index.locator("main h2:visible").all_inner_texts()]
    assert "Most discussed" in visible and "Earnings calls · Acme (150 topics)" in visible
    assert not index.locator(".index-filter-others").is_visible() and index.locator("nav.pager:visible").count() == 0
    box.fill("no such subject")
    index.wait_for_function("document.querySelector('.index-filter-status').textContent.startsWith('No topic')")
    box.fill("")
    index.wait_for_function(f"document.querySelectorAll('main li:not([hidden])').length >= {everything}")
    assert index.locator("main li:visible").count() == everything and index.locator("#index-filter-status[aria-live=polite]").inner_text() == ""


def test_when_the_list_of_every_topic_cannot_be_read_the_filter_still_narrows_this_page(browser, index_url):
    ctx = browser.new_context(base_url=index_url)
    ctx.route("**/names/*.json", lambda route: route.abort())
    page = ctx.new_page()
    try:
        page.goto("/topics/")
        page.get_by_label("Filter topics by name").fill("kalomi")
        page.wait_for_function("document.querySelector('#index-filter-status').textContent.includes('could not')")
        assert page.locator("#index-filter-status").inner_text() == \
            "1 topic on this page matches; the other pages could not be searched."
        assert {a.rstrip("#") for a in page.locator("main li:visible a").all_inner_texts()} == {"Kalomi programme"}
    finally:
        ctx.close()


def test_without_javascript_every_topic_is_on_a_page_and_no_filter_shows(browser, index_url):
    ctx = browser.new_context(base_url=index_url, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto("/topics/")
        assert not page.get_by_label("Filter topics by name").is_visible()
        page.locator("nav.pager").first.get_by_role("link", name="Next").click()
        page.wait_for_url("**/topics/page/2/")
        assert page.get_by_role("link", name=LAST).is_visible()
    finally:
        ctx.close()


def test_the_speaker_filter_finds_people_on_every_page(browser, index_url):
    ctx = browser.new_context(base_url=index_url)
    page = ctx.new_page()
    try:
        page.goto("/speakers/")
        assert page.get_by_role("link", name=LAST_ANALYST[0]).count() == 0  # on page 2
        box = page.get_by_label("Filter by name or organisation")
        box.fill("zenith")  # by organisation, as on the page
        page.locator(".index-filter-others").get_by_role("link", name=LAST_ANALYST[0]).wait_for()
        assert page.locator("#index-filter-status[aria-live=polite]").inner_text() == \
            "1 speaker matches: 0 on this page, 1 on other pages."
        assert "Zenith Securities" in page.locator(".index-filter-others li").inner_text()
        box.fill("pat cobalt")  # on this page: its group and firm line stay, the others go
        page.wait_for_function("document.querySelector('#index-filter-status').textContent.includes('1 on this page')")
        assert page.locator("main li:visible a").all_inner_texts() == ["Pat Cobalt"]
        assert page.locator("p.firm:visible").all_text_contents() == ["Cobalt"]
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filtered_index_has_no_serious_accessibility_violations(browser, index_url, scheme):
    ctx = browser.new_context(base_url=index_url, color_scheme=scheme)
    page = ctx.new_page()
    try:
        page.goto("/topics/")
        page.get_by_label("Filter topics by name").fill("zeppelin")  # with the matches of other pages shown
        page.locator(".index-filter-others li").first.wait_for()
        serious = serious_violations(page)
    finally:
        ctx.close()
    assert serious == []
