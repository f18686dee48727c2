"""Topic is a search filter, and the words that feed the filters are not themselves search hits."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE
from .test_reading import open_filter

pytestmark = pytest.mark.browser


def test_topic_filter_narrows_results_to_transcripts_about_it(page):
    page.goto("/search/?q=Gigafactory")
    page.wait_for_selector(".pagefind-ui__result-link")
    before = page.locator(".pagefind-ui__result").count()
    assert before == 2
    open_filter(page, "Topic")
    page.locator(".pagefind-ui__filter-block", has_text="Topic").get_by_label(re.compile(r"^Dieselgate")).check(
        timeout=20_000
    )
    page.wait_for_function(f"document.querySelectorAll('.pagefind-ui__result').length < {before}")
    results = page.locator(".pagefind-ui__result")
    assert results.count() == 1
    assert REFERENCE in results.locator(".pagefind-ui__result-link").first.get_attribute("href")


def test_every_sub_result_is_an_exchange(page):
    # The page's filter values (topics, title) sit in an element Pagefind does not index as text,
    # so a topic's name matches only where it was said.
    page.goto("/search/?q=Dieselgate")
    page.wait_for_selector(".pagefind-ui__result-link")
    nested = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link")
    assert nested.count() >= 1
    assert all(re.match(r"Q\d+ · ", text) for text in nested.all_inner_texts())


def test_excerpts_quote_what_was_said_not_labels(page):
    page.goto("/search/?q=Gigafactory")
    page.wait_for_selector(".pagefind-ui__result-excerpt")
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert excerpts and not [e for e in excerpts if "Topics:" in e or " # " in e or e.startswith("# ")]
