"""No payload runs in a reader's browser: the site of tests/hostile.py (OWASP filter-evasion payloads in
every field and in a file's name), every page of it opened in Chromium, the search page with a query
that matches and every filter group open. A page fails on any dialog, any element or attribute a
payload made, and any `javascript:` link, whether seen when the document is parsed or after its
scripts (ours, Pagefind's) have rendered."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..hostile import QUERY
from ..test_no_injection import build_hostile_site
from .conftest import search_status, served, wait_for_search

pytestmark = pytest.mark.browser

# What a payload leaves in the DOM if it ever becomes markup. Runs in the page.
FIND = r"""() => {
  const found = [];
  const scriptUrl = v => /^(javascript|vbscript):|^data:text\/html/i.test((v || "").replace(/[\x00-\x20]+/g, ""));
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(`<${tag}> has ${attr.name}=${attr.value}`);
      const pagefindForm = tag === "form" && el.matches(".pagefind-ui__form") && attr.value === "javascript:void(0);";
      if (/^(href|src|action|formaction|xlink:href|data|poster|srcdoc)$/.test(attr.name) && scriptUrl(attr.value) && !pagefindForm)
        found.push(`<${tag} ${attr.name}> is ${attr.value}`);
    }
    if (el.getAttribute("src") === "x") found.push(`<${tag} src=x>`);
    if (["iframe", "object", "embed", "frame", "base"].includes(tag)) found.push(`a <${tag}> element`);
    if (tag === "script" && !el.src && el.type !== "application/json") found.push(`inline script ${el.textContent.slice(0, 60)}`);
  }
  for (const link of document.querySelectorAll("a[href], area[href]")) {
    if (link.protocol === "javascript:") found.push(`a link to ${link.href}`);
  }
  return found;
}"""

# Every document, as soon as it is parsed (a share page moves on right after), notes what it holds.
RECORD_ON_PARSE = f"""
document.addEventListener("DOMContentLoaded", () => {{
  const found = ({FIND})().map(f => location.pathname + ": " + f);
  const seen = JSON.parse(sessionStorage.getItem("injections") || "[]");
  sessionStorage.setItem("injections", JSON.stringify(seen.concat(found)));
}});
"""
FILTER_GROUPS = ["Speaker", "Organisation", "Transcript", "Year", "Topic"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with served(hostile_site) as url:
        yield url


@pytest.fixture
def hostile_page(browser, hostile_url):
    context = browser.new_context(base_url=hostile_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_ON_PARSE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.dialogs = []

    def dismiss(dialog):
        page.dialogs.append(f"{urlparse(page.url).path}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page
    context.close()


def injections(page) -> list[str]:
    """What every document this tab opened held when parsed, what this one holds now, and any dialog."""
    parsed = page.evaluate("JSON.parse(sessionStorage.getItem('injections') || '[]')")
    now = [f"{urlparse(page.url).path} (rendered): {f}" for f in page.evaluate(FIND)]
    return parsed + now + page.dialogs


def assert_clean(page) -> None:
    found = injections(page)
    assert not found, f"{len(found)} injections:\n" + "\n".join(found)


def site_pages(site: Path) -> dict[str, str]:
    """Every HTML page of the site, by URL path, with its HTML."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        url = "/" + str(path.relative_to(site)).removesuffix("index.html")
        pages[url] = path.read_text(encoding="utf-8")
    return pages


def test_search_with_every_filter_open_runs_no_payload(hostile_page):
    page = hostile_page
    page.goto(f"/search/?q={QUERY}")
    wait_for_search(page)
    for name in FILTER_GROUPS:
        block = page.locator(".facet", has=page.locator("summary", has_text=name))
        block.wait_for()
        if not block.evaluate("el => el.open"):
            block.locator("summary").click()
        # Open and counted: each value a label "Name (n)" of matching exchanges.
        block.locator(".facet-value", has_text=re.compile(r"\(\d+\)$")).first.wait_for()
    assert page.locator(".facet[open]").count() == len(FILTER_GROUPS)
    for button in page.locator(".more-in-call").all():  # every result rendered, excerpts and names included
        button.click()
    page.wait_for_function("[...document.querySelectorAll('.more-results')].every(l => l.hidden || l.children.length)")
    assert_clean(page)
    organisations = page.locator(".facet", has=page.locator("summary", has_text="Organisation"))
    organisations.locator(".facet-filter").fill("alert(9)")  # a long facet's box finds a value among many
    labels = [" ".join(t.split()) for t in organisations.locator(".facet-value").all_inner_texts()]
    assert "<img src=x onerror=alert(9)> Capital LLC (1)" in labels, labels  # as text
    assert_clean(page)
    # Narrowed by a hostile value, the results re-render; nothing runs either.
    status = search_status(page)
    page.locator(".facet-value", has_text="onerror=alert(9)").first.click()
    wait_for_search(page, changed_from=status)
    assert page.locator(".facet-value input:checked").count() == 1
    assert_clean(page)


def test_every_page_runs_no_payload(hostile_page, hostile_site):
    page = hostile_page
    pages = site_pages(hostile_site)
    kinds = {"home": "/", "speakers": "/speakers/", "topics": "/topics/", "not found": "/404.html"}
    assert set(kinds.values()) <= set(pages)
    assert [u for u in pages if re.fullmatch(r"/speakers/[^/]+/", u)], "speaker pages"
    assert [u for u in pages if re.fullmatch(r"/topics/[^/]+/", u)], "topic pages"
    assert [u for u in pages if re.fullmatch(r"/transcripts/[^/]+/", u)], "transcript pages"
    assert [u for u in pages if re.fullmatch(r"/transcripts/[^/]+/q\d+/", u)], "share pages"
    for url, html in pages.items():
        page.goto(url)
        if 'http-equiv="refresh"' in html:  # a share or moved page: it takes the reader on
            page.wait_for_url(lambda address, url=url: urlparse(address).path != url)
        page.wait_for_load_state("load")
        if page.locator(".cite-btn").count():  # the citation our script writes from names and titles
            page.locator(".cite-btn").first.click()
            page.wait_for_selector(".cite-panel:not([hidden]) p:not(:empty)")
    assert_clean(page)


def test_a_hostile_file_name_still_downloads(hostile_page, hostile_site):
    page = hostile_page
    slug = next(u for u in site_pages(hostile_site) if "onerror-alert-200" in u and u.count("/") == 3)
    page.goto(slug)
    link = page.locator(".downloads a").last  # after transcript.json and the exports
    assert link.inner_text() == "x-img-src-x-onerror-alert-200.txt"  # the name as published, which downloads
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"---\ntitle: File ")
    assert_clean(page)
