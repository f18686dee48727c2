"""The reading experience in a real browser: anchors, copy link, cite, outline, search, time, phone, a11y."""

from __future__ import annotations

import re

import pytest

from .conftest import RECORDING_SECONDS, REFERENCE, SECOND, search_status, serious_violations, wait_for_search

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "transcript": REFERENCE,
    "speaker": "/speakers/elon-reeve-musk/",
    "speakers": "/speakers/",
    "topics": "/topics/",
    "topic": "/topics/gigafactory/",
    "recording": SECOND,
    "search": "/search/?q=Gigafactory",
}

IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }"""


def wait_for_results(page):
    wait_for_search(page)


def open_filter(page, name):
    """A facet may render closed; open the one a test needs."""
    block = page.locator(".facet", has=page.locator("summary", has_text=name))
    block.wait_for(timeout=20_000)
    if not block.evaluate("el => el.open"):
        block.locator("summary").click()
    return block


def test_opening_q7_scrolls_to_and_marks_the_exchange(page):
    page.goto(REFERENCE + "#q7")
    heading = page.locator("#q7")
    assert heading.evaluate(IN_VIEWPORT)
    assert heading.evaluate("el => el.matches(':target')")
    assert heading.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    # The exchange as a whole carries the mark, not only its heading.
    assert page.locator("section.exchange:has(> #q7)").evaluate("el => getComputedStyle(el, '::before').content") != "none"


def test_opening_a_turn_anchor_marks_that_turn(page):
    page.goto(REFERENCE + "#t42")
    turn = page.locator("#t42")
    assert turn.evaluate(IN_VIEWPORT)
    assert turn.evaluate("el => el.matches(':target')")


def test_copy_link_puts_the_turn_url_on_the_clipboard(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(REFERENCE)
    control = page.locator("#t42 a.permalink")
    control.focus()  # reachable from the keyboard, and visible when focused
    assert control.evaluate("el => getComputedStyle(el).opacity") == "1"
    page.keyboard.press("Enter")
    expect_text(page.locator(".toast"), "Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}{REFERENCE}#t42"


def test_copy_link_on_an_exchange_heading_copies_the_exchange_url(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(REFERENCE)
    page.locator("#q3 a.headerlink").click()
    expect_text(page.locator(".toast"), "Copied")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"{REFERENCE}#q3")


def test_cite_gives_a_citation_line_for_the_exchange(page, base_url):
    page.goto(REFERENCE)
    page.get_by_role("button", name="Cite exchange Q9").click()
    line = page.locator("#cite-q9 p").inner_text()
    assert "Andrea Susan James (Dougherty & Co. LLC)" in line
    assert "(Tesla Motors)" in line
    assert "Tesla Motors Q3 2015 Earnings Call" in line and "3 November 2015" in line
    assert line.endswith(f"{base_url}{REFERENCE}#q9")


def test_outline_lists_exchanges_with_their_questioner_and_marks_the_current_one(page):
    page.goto(REFERENCE)
    outline = page.get_by_role("navigation", name="Contents of this page")
    assert outline.locator("a[href='#q9']").inner_text().split() == "Q9 Andrea Susan James Dougherty & Co. LLC".split()
    assert outline.locator("a[href^='#tesla']").count() == 0  # the h1 is not part of the outline
    page.locator("#q12").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('q12').scrollIntoView()")
    page.wait_for_function("document.querySelector('.outline a[href=\"#q12\"]').getAttribute('aria-current') === 'location'")
    assert outline.locator("[aria-current]").count() == 1


def test_speakers_have_a_stable_accent_and_the_moderator_is_quieter(page):
    page.goto(REFERENCE)
    accent = "el => getComputedStyle(el).borderLeftColor"
    musk = page.locator(".turn[data-speaker='elon-reeve-musk']")
    assert musk.nth(0).evaluate(accent) == musk.nth(5).evaluate(accent)
    assert musk.nth(0).evaluate(accent) != page.locator(".turn[data-speaker='deepak-ahuja']").nth(0).evaluate(accent)
    size = "el => parseFloat(getComputedStyle(el.querySelector('p:not(.who)')).fontSize)"
    assert page.locator(".turn.role-moderator").nth(0).evaluate(size) < musk.nth(0).evaluate(size)


def test_search_page_reads_q_and_a_result_opens_at_the_exchange(page):
    page.goto("/search/?q=Gigafactory")
    wait_for_results(page)
    assert page.get_by_role("searchbox", name="Search what was said").input_value() == "Gigafactory"
    links = page.locator(".result-title")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    exchange_links = [h for h in hrefs if re.search(r"#q\d+$", h)]
    assert exchange_links, hrefs
    page.locator(f".result-title[href='{exchange_links[0]}']").first.click()
    anchor = exchange_links[0].rsplit("#", 1)[1]
    page.wait_for_url(re.compile(rf"#{anchor}$"))
    page.wait_for_selector("html[data-highlighted]")  # landed: the words marked, the first brought into view
    heading = page.locator(f"#{anchor}")
    assert heading.evaluate("el => el.tagName") == "H3"
    assert heading.evaluate(IN_VIEWPORT)
    assert heading.evaluate("el => el.matches(':target')")


def test_results_are_grouped_by_transcript_with_exchanges_beneath(page):
    page.goto("/search/?q=Gigafactory")
    wait_for_results(page)
    groups = page.locator(".search-group")
    assert groups.count() == 2  # the reference transcript and the fixture's second call
    tesla = groups.filter(has_text="Tesla Motors Q3 2015 Earnings Call")
    tesla.locator(".more-in-call").click()
    page.wait_for_function("document.querySelectorAll('.more-results .search-result').length >= 1")
    titles = tesla.locator(".result-title").all_inner_texts()
    assert len(titles) >= 2 and all(re.match(r"Q\d+ · ", t) for t in titles), titles


def test_speaker_filter_narrows_results_to_that_speaker(page):
    page.goto("/search/?q=Gigafactory")
    wait_for_results(page)
    before, status = page.locator(".search-group").count(), search_status(page)
    open_filter(page, "Speaker").get_by_label(re.compile(r"^Maria Lindqvist")).check(timeout=20_000)
    wait_for_search(page, changed_from=status)
    assert page.locator(".search-group").count() < before
    results = page.locator(".search-result")
    assert results.count() == 1
    assert SECOND in results.locator(".result-title").first.get_attribute("href")
    assert "Harbour Batteries" in page.locator(".search-group").inner_text()


def test_a_search_from_the_header_is_a_link_to_the_search_page(page):
    page.goto(REFERENCE)
    page.get_by_role("searchbox", name="Search transcripts").fill("Riviera")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Riviera$"))
    wait_for_results(page)


def test_time_labels_seek_the_recording(page):
    page.goto(SECOND)
    media = page.locator(".player audio")
    assert media.count() == 1
    label = page.get_by_role("button", name="Play from 1:15")
    label.click()
    page.wait_for_function("document.querySelector('.player audio').readyState >= 1")
    seconds = media.evaluate("el => el.currentTime")
    assert 75 <= seconds < RECORDING_SECONDS


def test_reference_page_has_no_player_and_plain_time_labels(page):
    page.goto(REFERENCE)
    assert page.locator(".player").count() == 0
    assert page.locator("button.seek").count() == 0
    assert page.locator("time.mark").count() > 10


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(page, name):
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(PAGES[name])
    if name == "search":
        wait_for_results(page)
    page.wait_for_load_state("networkidle")
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(browser, base_url, name, scheme):
    ctx = browser.new_context(base_url=base_url, color_scheme=scheme)
    page = ctx.new_page()
    try:
        page.goto(PAGES[name])
        if name == "search":
            wait_for_results(page)
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")  # past the arrival
        serious = serious_violations(page)
    finally:
        ctx.close()
    assert serious == []


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_at_phone_width(browser, base_url, name):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740}, is_mobile=True)
    page = ctx.new_page()
    try:
        page.goto(PAGES[name])
        if name == "search":
            wait_for_results(page)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    finally:
        ctx.close()


def test_outline_is_behind_a_button_at_phone_width(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740})
    page = ctx.new_page()
    try:
        page.goto(REFERENCE)
        link = page.locator(".outline a[href='#q5']")
        assert not link.is_visible()
        page.locator(".outline > summary").click()
        assert link.is_visible()
        link.click()
        page.wait_for_url(re.compile("#q5$"))
        assert not link.is_visible()  # the outline closes once the reader has chosen
        assert page.locator("#q5").evaluate(IN_VIEWPORT)
    finally:
        ctx.close()


def test_transcript_reads_without_javascript(browser, base_url):
    ctx = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(REFERENCE + "#q7")
        assert page.locator("#q7").is_visible()
        assert page.locator(".outline a[href='#q15']").is_visible()
        assert page.locator(".turn").count() == 181
    finally:
        ctx.close()


def expect_text(locator, text):
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text)


@pytest.mark.parametrize("name", PAGES)
def test_ids_on_the_page_are_unique(page, name):
    page.goto(PAGES[name])
    if name == "search":
        wait_for_results(page)
    duplicates = page.evaluate("""() => { const seen = {}, twice = [];
      document.querySelectorAll('[id]').forEach(el => { if (seen[el.id]) twice.push(el.id); seen[el.id] = 1; });
      return twice; }""")
    assert duplicates == []


def test_reference_page_weighs_under_155_kb_of_its_own_html_css_and_js(site):
    # 150 KB until the page gained the exports' links, the header's Topics and Speakers, the keyboard's
    # previous/next and a Cite on every turn; search, recording and word-timing code load only where used.
    page = site / "transcripts" / "tesla-2015-q3" / "index.html"
    html = page.read_text()
    own = [page] + [
        site / "assets" / name for name in re.findall(r'(?:href|src)="(?:\.\./)+assets/([^"]+)"', html)
    ]
    assert {p.suffix for p in own} == {".html", ".css", ".js"}
    assert sum(p.stat().st_size for p in own) < 155_000
    assert "pagefind" not in html.split("</head>")[0]  # the search UI loads on /search/ only


def test_typing_a_search_updates_the_address_so_it_can_be_linked(page):
    page.goto("/search/")
    page.get_by_role("searchbox", name="Search what was said").fill("Model X")
    page.wait_for_url(re.compile(r"/search/\?q=Model\+X$"))
    wait_for_results(page)


def test_searching_again_never_empties_the_results_before_the_new_ones_are_shown(page):
    # The page searches once its index is loaded; a reader who typed earlier has searched already. The second
    # search used to empty the list at once and fill it a fragment later, under the same counting status.
    page.goto("/search/?q=Model+X")
    wait_for_results(page)
    page.evaluate("""() => {
      const list = document.querySelector('.result-groups');
      window.emptied = false; window.changes = 0;
      new MutationObserver(() => {
        window.changes++;
        if (!list.querySelector('.search-result')) window.emptied = true;
      }).observe(list, {childList: true, subtree: true});
    }""")
    page.get_by_role("searchbox", name="Search what was said").press("Enter")
    page.wait_for_function("() => window.changes > 0 && document.querySelector('.result-groups .search-result')")
    assert not page.evaluate("window.emptied"), "the results were emptied before the new ones were shown"


def test_print_keeps_speakers_and_prints_anchor_urls_without_chrome(page, base_url):
    page.goto(REFERENCE)
    page.emulate_media(media="print")
    for chrome in (".site-header", ".outline", ".site-footer", ".cite-btn"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("#t42 .speaker").is_visible()
    printed = page.locator("#q7 .headerlink").evaluate("el => getComputedStyle(el, '::after').content")
    assert printed == f'"{base_url}{REFERENCE}#q7"'
    assert page.locator("#t42 .permalink").evaluate("el => getComputedStyle(el, '::after').content") == '"#t42"'
