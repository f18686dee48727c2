"""Moving through a 90-minute call with the keyboard alone, on desktop and phone; citing one turn."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE
from .test_reading import IN_VIEWPORT, PAGES, expect_text

pytestmark = pytest.mark.browser

AT_TOP = "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 40"


def test_j_and_k_move_to_the_next_and_previous_exchange_and_t_to_the_top(page):
    page.goto(REFERENCE + "#q5")
    page.keyboard.press("j")
    page.wait_for_function("location.hash === '#q6'")
    assert page.evaluate(AT_TOP, "q6")
    assert page.evaluate("document.activeElement.id") == "q6"  # focus follows, so a screen reader reads on
    page.keyboard.press("k")
    page.wait_for_function("location.hash === '#q5'")
    assert page.evaluate(AT_TOP, "q5")
    page.wait_for_function("document.querySelector('.outline a[href=\"#q5\"]').getAttribute('aria-current') === 'location'")
    page.keyboard.press("t")
    page.wait_for_function("window.scrollY === 0")
    assert "#" not in page.url


def test_j_from_the_top_stops_at_each_remark_before_the_first_exchange(page):
    page.goto(REFERENCE)
    page.keyboard.press("j")
    page.wait_for_function("/^#t\\d+$/.test(location.hash)")  # Elon Musk's prepared remarks: an entry of their own
    page.keyboard.press("j")
    page.wait_for_function("location.hash === '#q1'")


def test_the_buttons_do_what_the_keys_do(page):
    page.goto(REFERENCE + "#q9")
    page.get_by_role("navigation", name="Move through the transcript").get_by_role("button", name="Next").click()
    page.wait_for_function("location.hash === '#q10'")
    assert page.locator("#q10").evaluate(IN_VIEWPORT)
    buttons = page.locator(".jump button")
    assert [b.get_attribute("aria-keyshortcuts") for b in buttons.all()] == ["k", "j", "t"]


def test_the_shortcuts_are_written_on_the_page(page):
    page.goto(REFERENCE)
    note = page.locator(".keyboard-note")
    assert note.is_visible()
    assert note.inner_text().split() == "Keyboard: j next, k previous exchange or remark, t top".split()


def test_typing_a_j_in_a_search_box_is_typing(page):
    page.goto(REFERENCE + "#q3")
    box = page.get_by_role("searchbox", name="Search transcripts")
    box.click()
    page.keyboard.type("jkt")
    assert box.input_value() == "jkt" and page.url.endswith("#q3")


def test_on_a_phone_the_talk_starts_on_the_first_screen(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = ctx.new_page()
    try:
        page.goto(REFERENCE)
        toggle = page.get_by_role("button", name=re.compile(r"^Show all \d+ participants$"))
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator(".participants").is_visible()
        first_words = page.locator(".turn > p:not(.who)").first
        assert first_words.evaluate("el => el.getBoundingClientRect().top") < 844 - 40  # a line of it, at least
        toggle.click()
        assert page.locator(".participants a", has_text="Andrea Susan James").is_visible()
        assert page.locator(".participants-toggle").get_attribute("aria-expanded") == "true"
    finally:
        ctx.close()


def test_on_a_desk_the_participants_stay_open(page):
    page.goto(REFERENCE)
    assert page.locator(".participants").is_visible() and page.locator(".participants-toggle").count() == 0


@pytest.mark.parametrize("name", [*PAGES, "not found"])
def test_topics_are_linked_from_the_header_of_every_page(page, base_url, name):
    url = {"not found": "/404.html"}.get(name) or PAGES[name]
    page.goto(url)
    link = page.locator(".site-header").get_by_role("link", name="Topics")
    assert link.evaluate("a => new URL(a.href).pathname") == "/topics/"


def test_one_turn_can_be_cited(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(REFERENCE + "#t42")
    page.get_by_role("button", name="Cite turn 42").click()
    line = page.locator("#cite-t42 p").inner_text()
    speaker = page.locator("#t42 .speaker").inner_text()
    assert line.startswith(speaker) and "“Tesla Motors Q3 2015 Earnings Call”" in line and "turn 42" in line
    assert line.endswith(f"{base_url}{REFERENCE}#t42")
    page.locator("#cite-t42").get_by_role("button", name="Copy citation").click()
    expect_text(page.locator(".toast"), "Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == line


def test_an_analysts_turn_is_cited_with_their_firm(page):
    page.goto(REFERENCE)
    turn = page.locator(".turn.role-questioner").nth(1)  # not the turn that introduced them
    turn_id = turn.get_attribute("id")
    turn.get_by_role("button", name=f"Cite turn {turn_id[1:]}").click()
    line = page.locator(f"#cite-{turn_id} p").inner_text()
    assert re.match(r"[^(]+ \([^)]+\), “", line), line
