"""The speaker index filters by name or organisation in the browser, without a server."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "main li > a[href]", "links => links.filter(a => a.offsetParent !== null).map(a => a.textContent)"
    )


def test_speaker_index_filters_by_organisation_and_by_name(page):
    page.goto("/speakers/")
    everyone = visible_names(page)
    assert len(everyone) >= 20
    box = page.get_by_label("Filter by name or organisation")
    box.fill("Dougherty")
    assert visible_names(page) == ["Andrea Susan James"]
    assert page.locator("p.firm:visible").all_text_contents() == ["Dougherty & Co. LLC"]
    box.fill("musk")
    assert visible_names(page) == ["Elon Reeve Musk"]
    box.fill("")
    assert visible_names(page) == everyone
