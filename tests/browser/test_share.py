"""A link with preview: the exchange's own small page, which takes the reader to the exchange."""

from __future__ import annotations

import re

import pytest

from .conftest import REFERENCE

pytestmark = pytest.mark.browser


def test_a_share_link_lands_on_its_exchange(page):
    page.goto(REFERENCE + "q7/")
    page.wait_for_url(re.compile(r"/transcripts/tesla-2015-q3/#q7$"))
    assert page.locator("#q7").evaluate("el => el.matches(':target')")


def test_cite_offers_a_link_with_preview(page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(REFERENCE + "#q9")
    page.get_by_role("button", name="Cite exchange Q9").click()
    page.get_by_role("button", name="Copy link with preview").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/transcripts/tesla-2015-q3/q9/")
