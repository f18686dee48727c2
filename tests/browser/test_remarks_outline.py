"""Prepared remarks in a real browser: the outline's entries per speaker and inside a long remark
land where they say, on a desk and on a phone, with JavaScript and without."""

from __future__ import annotations

import shutil

import pytest

from ..conftest import FIXTURES, write_transcript
from ..test_remarks_outline import call
from .conftest import build_site, served

pytestmark = pytest.mark.browser

CALL = "/transcripts/northwind/"
COURT = "/transcripts/briggs/"
IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }"""


@pytest.fixture(scope="module")
def remarks_url(tmp_path_factory):
    """An invented call and the public-domain Briggs v. Elliott argument, built and served."""
    work = tmp_path_factory.mktemp("remarks")
    content = work / "content"
    content.mkdir()
    (content / "index.md").write_text("# Remarks\n")
    write_transcript(content, "northwind.txt", "---\ndate: 2025-01-30\n---\n" + call())
    shutil.copy(FIXTURES / "court-briggs" / "input.md", content / "transcripts" / "briggs.md")
    with served(build_site(content, work / "site")) as url:
        yield url


def new_page(browser, url, width=1280, height=900, javascript=True):
    context = browser.new_context(base_url=url, viewport={"width": width, "height": height},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_remarks_list_each_speaker_and_a_long_remarks_paragraphs(browser, remarks_url):
    context, page = new_page(browser, remarks_url)
    try:
        page.goto(CALL)
        outline = page.get_by_role("navigation", name="Contents of this page")
        remarks = outline.locator("li:has(> a[href='#remarks']) > ol > li.remark > a")
        assert remarks.all_inner_texts() == ["Dana Whitfield", "Omar Haddad"]
        part = outline.locator("a[href='#t2-p6']")
        assert part.inner_text() == "Turning to region 6, results results\u00a0…"
        part.click()
        target = page.locator("#t2-p6")
        page.wait_for_function("document.querySelector('#t2-p6').matches(':target')")
        assert target.evaluate(IN_VIEWPORT)
        assert target.inner_text().startswith("Turning to region 6,")
        assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
        page.wait_for_function("document.querySelector('.outline a[href=\"#t2-p6\"]').getAttribute('aria-current') === 'location'")
        # The speaker's entry lands on the turn, whose anchor is as it always was.
        outline.locator("a[href='#t3']").click()
        page.wait_for_function("document.querySelector('#t3').matches(':target')")
        assert page.locator("#t3 .speaker").inner_text() == "Omar Haddad"
    finally:
        context.close()


def test_a_paragraph_link_the_outline_no_longer_has_lands_on_its_turn(browser, remarks_url):
    context, page = new_page(browser, remarks_url)
    try:
        page.goto(COURT + "#t3-p7")  # no entry there: the turn holds it
        page.wait_for_function("location.hash === '#t3'")
        assert page.locator("#t3").evaluate(IN_VIEWPORT)
    finally:
        context.close()


def test_on_a_phone_the_entries_are_behind_contents_and_land(browser, remarks_url):
    context, page = new_page(browser, remarks_url, 390, 844)
    try:
        page.goto(COURT)
        part = page.locator(".outline a[href='#t3-p12']")
        assert not part.is_visible()
        page.locator(".outline > summary").click()
        part.wait_for(state="visible")
        assert page.locator(".outline a[href='#t3']").inner_text() == "Mr. Marshall"
        part.click()
        page.wait_for_function("document.querySelector('#t3-p12').matches(':target')")
        assert not part.is_visible()  # the outline closes once the reader has chosen
        target = page.locator("#t3-p12")
        # Not under the sticky Contents bar.
        bar = page.locator(".outline > summary").bounding_box()
        assert target.bounding_box()["y"] >= bar["y"] + bar["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_without_javascript_the_outline_is_there_and_its_links_land(browser, remarks_url):
    context, page = new_page(browser, remarks_url, javascript=False)
    try:
        page.goto(COURT)
        link = page.locator(".outline a[href='#t3-p23']")
        assert link.inner_text() == "Witnesses testified that segregation deterred the\u00a0…"
        link.click()
        page.wait_for_function("document.querySelector('#t3-p23').matches(':target')")
        assert page.locator("#t3-p23").evaluate(IN_VIEWPORT)
    finally:
        context.close()


def test_without_javascript_on_a_phone_the_open_outline_does_not_cover_the_text(browser, remarks_url):
    context, page = new_page(browser, remarks_url, 390, 844, javascript=False)
    try:
        page.goto(COURT)
        page.locator(".outline a[href='#t3-p29']").click()
        page.wait_for_function("document.querySelector('#t3-p29').matches(':target')")
        assert page.locator("#t3-p29").evaluate(IN_VIEWPORT)
        assert not page.locator(".outline").evaluate(IN_VIEWPORT)  # it stayed at the top of the page
    finally:
        context.close()
