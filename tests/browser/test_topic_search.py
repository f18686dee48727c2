"""Topic is a search filter, and the words that feed the filters are not themselves search hits."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE
from .test_reading import open_filter

pytestmark = pytest.mark.browser


def test_topic_filter_narrows_results_to_exchanges_about_it(page):
    page.goto("/search/?q=Gigafactory")
    page.wait_for_selector(".search-result")
    assert page.locator(".search-group").count() == 2
    topics = open_filter(page, "Topic")
    topics.get_by_role("searchbox", name="Find a topic").fill("Diesel")
    topics.get_by_label(re.compile(r"^Dieselgate")).check(timeout=20_000)
    page.wait_for_function("document.querySelectorAll('.search-group').length === 1")
    results = page.locator(".search-result")
    assert results.count() == 1
    assert REFERENCE in results.locator(".result-title").first.get_attribute("href")


def test_every_result_is_an_exchange_or_a_passage_of_remarks(page):
    # The topics are filters, not words of the record: a topic's name matches only where it was said.
    page.goto("/search/?q=Dieselgate")
    page.wait_for_selector(".search-result")
    titles = page.locator(".result-title").all_inner_texts()
    assert titles and all(re.match(r"(Q\d+|Prepared remarks|Questions and answers) · ", t) for t in titles), titles


def test_excerpts_quote_what_was_said_not_labels(page):
    page.goto("/search/?q=Gigafactory")
    page.wait_for_selector(".result-excerpt")
    excerpts = page.locator(".result-excerpt").all_inner_texts()
    assert excerpts and not [e for e in excerpts if "Topics:" in e or " # " in e or e.startswith("# ")]
