"""Audio follow-along on the fixture's call with a recording (90 s of silence the tests generate)."""

from __future__ import annotations

import pytest

from .conftest import RECORDING_SECONDS, SECOND

pytestmark = pytest.mark.browser

PLAYING_FROM = "s => { const m = document.querySelector('.player audio'); return !m.paused && m.currentTime >= s; }"
# The turn holding the label of 1:15 (Tom Okafor's question is answered at 1:15 by Maria Lindqvist).
TURN_AT_75 = "document.querySelector('time.mark[data-seconds=\"75\"]').closest('.turn')"


@pytest.mark.parametrize("link, seconds", [("#t=1:15", 75), ("?t=42", 42), ("#t%3D1%3A15", 75)])
def test_a_link_to_a_moment_starts_playback_there(page, link, seconds):
    page.goto(SECOND + link)
    page.wait_for_function(PLAYING_FROM, arg=seconds)
    assert page.locator(".player audio").evaluate("m => m.currentTime") < RECORDING_SECONDS


# media.js asked for again: a module whose top threw (a URIError) keeps that error in the page's module map,
# though onrecord.js's import() swallowed it; one that ran to its end resolves.
MEDIA_RAN = """() => import(new URL("media.js", document.querySelector("script[src*='assets/onrecord.js']").src).href)
    .then(() => "ran to its end", (error) => error.name + ": " + error.message)"""


@pytest.mark.parametrize("hash_", ["#%E0", "#t=1:15%", "#%C3%28"])
def test_a_recording_page_whose_fragment_is_not_valid_percent_encoding_sets_up_all_its_player(page, hash_):
    page.goto(SECOND + hash_)
    page.wait_for_selector(".player .player-controls button.moment")
    assert page.evaluate(MEDIA_RAN) == "ran to its end"
    assert page.evaluate("location.hash") == hash_  # taken literally, as onrecord.js's idOf takes it
    assert page.locator(".player audio").evaluate("m => m.paused && m.currentTime == 0")  # names no moment


def test_the_turn_being_spoken_is_marked_and_announced(page):
    page.goto(SECOND + "?t=75")
    page.wait_for_function(PLAYING_FROM, arg=75)
    page.wait_for_function(f"{TURN_AT_75}.classList.contains('speaking')")
    speaking = page.locator(".turn.speaking")
    assert speaking.count() == 1 and speaking.get_attribute("aria-current") == "true"
    status = page.locator(".player-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Now speaking: " + speaking.locator(".speaker").inner_text()


def test_the_page_follows_the_voice_unless_the_reader_scrolls_away(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 500})
    page = ctx.new_page()
    try:
        page.goto(SECOND)
        page.get_by_role("button", name="Play from 0:42").click()
        page.wait_for_function(PLAYING_FROM, arg=42)
        page.locator(".player audio").evaluate("m => { m.currentTime = 75; }")
        page.wait_for_function(f"{TURN_AT_75}.classList.contains('speaking')")
        # Marked first, then scrolled to: wait for the scroll to bring it below the player (not a look at one moment).
        page.wait_for_function(f"""() => {{ const top = {TURN_AT_75}.getBoundingClientRect().top;
            return top >= document.querySelector('.player').getBoundingClientRect().bottom - 1 && top < innerHeight; }}""")
        page.mouse.wheel(0, -2000)  # the reader goes back to read
        follow = page.get_by_role("button", name="Follow the recording")
        follow.wait_for()
        page.wait_for_function("window.scrollY === 0")
        page.locator(".player audio").evaluate("m => { m.currentTime = 42; }")
        page.wait_for_function("document.querySelector('.turn.speaking') && !document.querySelector('.turn.speaking').querySelector('time[data-seconds=\"75\"]')")
        assert page.evaluate("window.scrollY") == 0  # left where the reader is
        follow.click()
        page.wait_for_function("document.querySelector('.turn.speaking').getBoundingClientRect().top < innerHeight")
        assert not follow.is_visible()
    finally:
        ctx.close()


def test_the_player_never_covers_the_turn_a_link_opens(browser, base_url):
    # t2: far enough from the page's end that the page scrolls it to the top, where the sticky player is.
    below_player = """id => { const top = document.getElementById(id).querySelector('.speaker').getBoundingClientRect().top;
        return top >= document.querySelector('.player').getBoundingClientRect().bottom - 1 && top < innerHeight; }"""
    for width, height in ((1280, 900), (390, 844)):
        ctx = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
        page = ctx.new_page()
        try:
            # A new document: the browser lands on the anchor before media.js has given anchors room below the player.
            page.goto(SECOND + "#t2")
            page.wait_for_function(below_player, arg="t2")
            assert page.evaluate("window.scrollY") > 0, (width, "the page never moved: nothing could cover the turn")
            page.evaluate("window.scrollTo(0, 0); document.getElementById('t2').scrollIntoView()")  # a link within the page
            assert page.evaluate(below_player, "t2"), (width, "covered when scrolled to from within the page")
        finally:
            ctx.close()


def test_the_player_is_keyboard_operable(page):
    page.goto(SECOND)
    label = page.get_by_role("button", name="Play from 1:15")
    label.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(PLAYING_FROM, arg=75)
    assert page.get_by_role("button", name="Copy link to this moment").is_visible()
