"""Topic is a search filter, and the words that feed the filters are not themselves search hits."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE, wait_for_search
from .test_reading import open_filter

pytestmark = pytest.mark.browser


def results_counted(page) -> int:
    status = page.locator(".search-status").inner_text()
    return sum(int(n) for n in re.findall(r"(\d+) (?:exchange|passage)", status))


def test_topic_filter_narrows_results_to_exchanges_about_it(page):
    page.goto("/search/?q=Gigafactory")
    wait_for_search(page)
    before = results_counted(page)
    topics = open_filter(page, "Topic")
    label = topics.locator(".facet-value", has_text=re.compile(r"^Tesla Energy \(\d+\)$"))
    expected = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    assert 0 < expected < before
    label.locator("input").check()
    page.wait_for_function(f"document.querySelector('.search-status').textContent.match(/\\d+/)[0] === '{expected}'")
    wait_for_search(page)
    assert results_counted(page) == expected  # the exchanges about Tesla Energy that say Gigafactory, not their calls
    assert REFERENCE in page.locator(".result-title").first.get_attribute("href")


def test_every_result_is_an_exchange_or_a_passage_of_remarks(page):
    # The topics are filters, not words of the record: a topic's name matches only where it was said.
    page.goto("/search/?q=Dieselgate")
    wait_for_search(page)
    titles = page.locator(".result-title").all_inner_texts()
    assert titles and all(re.match(r"(Q\d+|Prepared remarks|Questions and answers) · ", t) for t in titles), titles


def test_excerpts_quote_what_was_said_not_labels(page):
    page.goto("/search/?q=Gigafactory")
    wait_for_search(page)
    excerpts = page.locator(".result-excerpt").all_inner_texts()
    assert excerpts and not [e for e in excerpts if "Topics:" in e or " # " in e or e.startswith("# ")]
