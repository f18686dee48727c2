"""Search that finds the exchange: every match reachable, ranked and grouped by call, filters that narrow
exchanges, facets that find a value among many, landing on the matched words, and a light first search."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE
from .conftest import wait_for_search
from .test_reading import IN_VIEWPORT, open_filter, wait_for_results

pytestmark = pytest.mark.browser


def expand_all(page):
    for button in page.locator(".more-in-call[aria-expanded='false']").all():
        button.click()
    page.wait_for_function("[...document.querySelectorAll('.more-results')].every(l => l.hidden || l.children.length)")


def anchors(page) -> list[str]:
    return [h.rsplit("#", 1)[1] for h in page.locator(".result-title").evaluate_all("ls => ls.map(l => l.href)")]


def test_all_six_autopilot_exchanges_are_reachable(page):
    page.goto("/search/?q=Autopilot")
    wait_for_results(page)
    assert page.locator(".search-status").inner_text().startswith("6 exchanges")
    group = page.locator(".search-group", has_text="Tesla Motors Q3 2015 Earnings Call")
    assert group.locator(".search-result").count() == 1  # the best of the call, then the rest on request
    more = group.locator(".more-in-call")
    assert more.inner_text() == "5 more in this call" and more.get_attribute("aria-expanded") == "false"
    more.click()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 6")
    found = anchors(page)
    assert len(set(found)) == 6 and all(re.fullmatch(r"q\d+", a) for a in found), found
    assert more.get_attribute("aria-expanded") == "true"


def test_results_are_ranked_not_in_page_order(page):
    page.goto("/search/?q=Autopilot")
    wait_for_results(page)
    expand_all(page)
    numbers = [int(a[1:]) for a in anchors(page)]
    assert numbers != sorted(numbers)  # the best match first: q3 mentions it once, in passing
    ranked = page.evaluate("""async () => {
      const pf = await import('/pagefind/pagefind.js');
      const search = await pf.search('Autopilot');
      return (await search.results[0].data()).url; }""")
    assert page.locator(".result-title").first.get_attribute("href").endswith(ranked.rsplit("/", 1)[1])


def test_speaker_filter_leaves_only_that_speakers_exchanges(page):
    page.goto("/search/?q=margin")
    wait_for_results(page)
    open_filter(page, "Speaker").get_by_label(re.compile(r"^Colin Michael Langan")).check()
    page.wait_for_function("document.querySelector('.facet-value input:checked')")
    page.wait_for_function("document.querySelector('.search-status').textContent.startsWith('1 exchange ')")
    wait_for_search(page)  # its status is there before its result
    expand_all(page)
    assert anchors(page) == ["q1"]  # his exchange; not Q9 (Andrea James) nor Q15 (Ben Kallo), which say it too
    assert "Colin Michael Langan" in page.locator(".result-who").inner_text()
    assert re.search(r"speaker=Colin\+Michael\+Langan", page.url)  # the narrowed search is a link too


def test_a_search_that_matches_nothing_says_so_and_clears_the_last_results(page):
    nothing = "document.querySelector('.search-status').textContent.startsWith('Nothing said')"
    page.goto("/search/?q=Qwertyuiop")  # at load, and then typed over a search that found something
    page.wait_for_function(nothing)
    assert page.locator(".search-status").inner_text() == "Nothing said matches “Qwertyuiop”."
    box = page.get_by_role("searchbox", name="Search what was said")
    box.fill("Autopilot")
    wait_for_search(page, changed_from="Nothing said matches “Qwertyuiop”.")
    box.fill("Qwertyuiop")
    page.wait_for_function(nothing)
    assert page.locator(".search-result").count() == 0
    speakers = page.locator(".facet", has=page.locator("summary", has_text="Speaker"))
    assert speakers.locator(".facet-note").inner_text() == "None in these results"


def test_a_speakers_name_finds_their_turns(page):
    page.goto("/search/?q=Straubel")
    wait_for_results(page)
    expand_all(page)
    who = page.locator(".result-who").all_inner_texts()
    assert len(who) >= 3 and all("Jeffrey B. Straubel" in w for w in who), who
    assert set(page.locator(".result-who mark").all_inner_texts()) == {"Jeffrey B. Straubel"}


def test_excerpts_quote_only_what_was_said(page):
    page.goto("/search/?q=Straubel")
    wait_for_results(page)
    excerpts = page.locator(".result-excerpt").all_inner_texts()
    assert excerpts and not [e for e in excerpts if re.search(r"Topics:|Transcript#|Chief Technology Officer|Answered by", e)]
    assert not [e for e in excerpts if "Straubel" in e]  # never said, only his label: the name is not quoted


def test_a_long_facet_shows_the_most_frequent_first_and_finds_the_rest(page):
    page.goto("/search/")
    page.wait_for_selector("#search-ui[data-ready]")
    topics = open_filter(page, "Topic")
    counts = [int(re.search(r"\((\d+)\)$", t.strip()).group(1)) for t in topics.locator(".facet-value").all_inner_texts()]
    assert len(counts) == 10 and counts == sorted(counts, reverse=True)
    assert re.match(r"\d+ more: type to find one", topics.locator(".facet-note").inner_text())
    topics.get_by_role("searchbox", name="Find a topic").fill("dieselg")
    page.wait_for_function("document.querySelectorAll('.facet:nth-child(3) .facet-value').length === 1")
    topics.get_by_label(re.compile(r"^Dieselgate")).check()  # a filter alone lists its exchanges
    wait_for_search(page)
    shown = re.match(r"(\d+) exchanges? in 1 transcript", page.locator(".search-status").inner_text())
    assert shown and page.locator(".search-result").count() == 1  # one call: its best result, the rest behind "more"
    more = int(shown.group(1)) - 1
    assert not more or page.locator(".more-in-call").inner_text() == f"{more} more in this call"


def test_the_matched_word_is_highlighted_on_landing(page):
    page.goto("/search/?q=Autopilot")
    wait_for_results(page)
    page.locator(".result-title").first.click()
    page.wait_for_url(re.compile(r"pagefind-highlight=Autopilot.*#q\d+$"))
    page.wait_for_selector("html[data-highlighted]")
    anchor = page.url.rsplit("#", 1)[1]
    marks = page.locator(f"section.exchange:has(#{anchor}) mark.pagefind-highlight")
    assert marks.count() >= 1 and marks.first.inner_text().lower() == "autopilot"
    assert marks.first.evaluate(IN_VIEWPORT)
    assert page.locator(".who mark, .topics mark").count() == 0  # labels are not what was said
    assert page.locator("mark.pagefind-highlight").count() == marks.count()  # only in the exchange opened


def test_a_remark_result_opens_at_its_turn_with_the_word_in_view(page):
    page.goto(REFERENCE + "?pagefind-highlight=bench#t3")  # the last words of Elon Musk's remarks
    page.wait_for_selector("html[data-highlighted]")
    first = page.locator("#t3 mark.pagefind-highlight").first
    assert first.inner_text() == "bench" and first.evaluate(IN_VIEWPORT)


def test_the_first_search_transfers_at_most_250_kb(page):
    sizes = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
    page.goto("/search/?q=Autopilot")
    wait_for_results(page)
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(f"first search: {total / 1000:.0f} KB in {len(sizes)} requests")
    assert any("pf_fragment" in u for u in sizes) and any("pf_index" in u for u in sizes)
    assert total <= 250_000, sorted(sizes.items(), key=lambda kv: -kv[1])[:8]
