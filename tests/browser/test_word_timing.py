"""Word timings on the page: a click on a word speech recognition timed seeks the recording to it.

A site of its own (one WhisperX transcript with a generated recording of silence), so the shared site of
the other browser tests is as it was.
"""

from __future__ import annotations

import shutil

import pytest

from .conftest import FIXTURES, _silence, build_site, served

pytestmark = pytest.mark.browser
PAGE = "/transcripts/shop-floor-312/"


@pytest.fixture(scope="module")
def word_site_url(tmp_path_factory):
    work = tmp_path_factory.mktemp("words")
    content = work / "content"
    (content / "transcripts").mkdir(parents=True)
    shutil.copy(FIXTURES / "shop-floor-312.json", content / "transcripts")
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    _silence(content / "media" / "shop-floor-312.wav", 20)
    with served(build_site(content, work / "site", strict=False)) as url:
        yield url


@pytest.fixture
def word_page(browser, word_site_url):
    context = browser.new_context(base_url=word_site_url)
    page = context.new_page()
    yield page
    context.close()


def test_a_click_on_a_timed_word_seeks_the_recording_to_it(word_page):
    word_page.goto(PAGE)
    word = word_page.locator("#t2 span.word", has_text="forty")
    assert word.get_attribute("data-start") == "8.7"
    word.click()
    word_page.wait_for_function("document.querySelector('.player audio').currentTime >= 8.7")
    seconds = word_page.locator(".player audio").evaluate("el => el.currentTime")
    assert 8.7 <= seconds < 20


def test_timed_words_read_as_the_text_and_the_time_labels_still_seek(word_page):
    word_page.goto(PAGE)
    assert word_page.locator("#t2 p:not(.who)").last.inner_text().strip().endswith("on the night shift.")
    assert word_page.locator("span.word").count() == 21
    word_page.get_by_role("button", name="Play from 0:07").click()
    word_page.wait_for_function("document.querySelector('.player audio').currentTime >= 7")


def test_the_word_being_spoken_is_marked_as_the_recording_moves(word_page):
    word_page.goto(PAGE)
    assert word_page.locator("span.word.spoken").count() == 0
    # Paused, so the time stands where it is set: the recording's metadata first, then a seek.
    word_page.locator(".player audio").evaluate("el => { el.preload = 'auto'; el.load(); }")
    word_page.wait_for_function("document.querySelector('.player audio').readyState >= 1")
    word_page.locator(".player audio").evaluate("el => { el.currentTime = 8.8; }")
    word_page.wait_for_function("document.querySelector('span.word.spoken')?.textContent === 'forty'")
    word_page.locator(".player audio").evaluate("el => { el.currentTime = 0.1; }")
    word_page.wait_for_function("document.querySelector('span.word.spoken')?.textContent !== 'forty'")
    assert word_page.locator("span.word.spoken").count() <= 1
