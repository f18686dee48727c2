"""No field can inject: a site built from hostile content (tests/hostile.py) holds the payloads as
text in every output. Each HTML page, Atom feed, sitemap, JSON file and Pagefind fragment is parsed
as a browser, a feed reader or the search UI would read it, and must hold no element, attribute or
URL a payload made."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile import HOSTILE_FILE, PAYLOADS, write_content

# Attributes that take a URL: a `javascript:` there runs when followed, loaded or submitted.
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "background"}
# Browsers ignore control characters and spaces inside a scheme: `java\tscript:` still runs.
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")
# Elements no page of ours has, which only a payload could have made.
_FOREIGN_ELEMENTS = {"iframe", "object", "embed", "frame", "frameset", "base"}
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def script_url(value: str) -> bool:
    return _SCHEME_NOISE.sub("", value).lower().startswith(("javascript:", "vbscript:", "data:text/html"))


class _Markup(HTMLParser):
    """Everything in a document that could run: each finding says where and what."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.findings: list[str] = []
        self.tags: list[str] = []
        self.in_script = False
        # Text of each element Pagefind reads a filter value from, as a browser reads it.
        self.index_values: list[tuple[str, list[str]]] = []
        self.open_values: list[tuple[str, int, list[str]]] = []
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"{self.where}: <{tag}> has an event handler {name}={value!r}")
            if name in _URL_ATTRIBUTES and value and script_url(value):
                self.findings.append(f"{self.where}: <{tag} {name}> is a script URL {value!r}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            target = (attributes.get("content") or "").partition("url=")[2]
            if script_url(target):
                self.findings.append(f"{self.where}: a refresh to a script URL {target!r}")
        if attributes.get("src") == "x":
            self.findings.append(f"{self.where}: <{tag} src=x> came from a payload")
        if tag in _FOREIGN_ELEMENTS:
            self.findings.append(f"{self.where}: a <{tag}> element came from a payload")
        if tag == "script":
            self.in_script = True
            if "src" not in attributes and attributes.get("type") != "application/json":
                self.findings.append(f"{self.where}: an inline <script> came from a payload")
        if tag in _VOID_ELEMENTS:
            return
        self.depth += 1
        # Metadata the UI shows as text; filters it sets as HTML, so those are the ones to follow.
        if attributes.get("data-pagefind-filter") and "[" not in attributes["data-pagefind-filter"]:
            self.open_values.append((attributes["data-pagefind-filter"], self.depth, []))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag in _VOID_ELEMENTS:
            return
        while self.open_values and self.open_values[-1][1] >= self.depth:
            name, _, text = self.open_values.pop()
            self.index_values.append((name, text))
        self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self.in_script and "alert(" in data:
            self.findings.append(f"{self.where}: a script holds a payload: {data[:80]!r}")
        for _, _, text in self.open_values:
            text.append(data)


def html_findings(document: str, where: str) -> list[str]:
    parser = _Markup(where)
    parser.feed(document)
    parser.close()
    # Pagefind decodes a filter value once more than a browser does, then its UI parses it as HTML.
    indexed = [(name, html.unescape("".join(text)).strip()) for name, text in parser.index_values]
    return parser.findings + [
        f"{where}: Pagefind indexes {name}={value!r}, which its UI would render as markup"
        for name, value in indexed
        if renders_markup(value)
    ]


def renders_markup(html_text: str) -> bool:
    """Would this string, set as innerHTML (as Pagefind's UI sets filter values), make any element?"""
    parser = _Markup("")
    parser.feed(html_text)
    parser.close()
    return bool(parser.tags)


# The elements of our Akoma Ntoso export (exports.akoma_ntoso): a payload may only ever be their text.
AKN = {"akomaNtoso", "debate", "meta", "identification", "FRBRWork", "FRBRExpression", "FRBRManifestation", "FRBRthis",
       "FRBRuri", "FRBRdate", "FRBRauthor", "FRBRcountry", "FRBRlanguage", "references", "TLCOrganization", "TLCPerson",
       "preface", "p", "docTitle", "debateBody", "debateSection", "heading", "speech", "from", "remark", "narrative"}


def caption_findings(text: str, where: str) -> list[str]:
    """WebVTT and SRT: players render a cue's tags, so the only tag ours may hold is the voice we wrote."""
    tags = re.findall(r"<[^>\n]*>?", text)
    return [f"{where}: a cue holds {tag!r}" for tag in tags if not re.fullmatch(r"<v [^<>&]*(?:&[a-z]+;[^<>&]*)*>", tag)]


def xml_findings(text: str, where: str) -> list[str]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        return [f"{where}: not well-formed XML ({error}): a payload broke out of its element"]
    findings = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and script_url(value):
                findings.append(f"{where}: <{tag} href> is a script URL {value!r}")
        if tag not in {"feed", "entry", "title", "id", "updated", "published", "summary", "link", "author", "name",
                       "generator", "urlset", "url", "loc", "lastmod"} and not (where.endswith(".akn.xml") and tag in AKN):
            findings.append(f"{where}: a <{tag}> element came from a payload")
        if element.get("type") in ("html", "xhtml"):  # feed readers render these as HTML
            findings += html_findings(element.text or "", f"{where} <{tag}>")
        if tag == "loc" and script_url(element.text or ""):
            findings.append(f"{where}: <loc> is a script URL")
    return findings


def json_findings(value, where: str, key: str = "") -> list[str]:
    """JSON is data; what a consumer follows (a url, an href) must not be a script URL."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in json_findings(v, where, str(k))]
    if isinstance(value, list):
        return [f for v in value for f in json_findings(v, where, key)]
    if isinstance(value, str) and re.search(r"(url|href|link|feed|page)$", key, re.I) and script_url(value):
        return [f"{where}: {key} is a script URL {value!r}"]
    return []


def fragment_findings(path: Path) -> list[str]:
    """A Pagefind fragment: data our search UI sets as text (test_the_search_ui_sets_what_the_index_holds_as_text),
    so what it must not hold is a script URL where a link is followed."""
    data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
    return json_findings(data, f"search index {data.get('url')}")


def test_the_search_ui_sets_what_the_index_holds_as_text():
    """Names, titles, filter values and excerpts come from transcripts: search.js writes them with textContent;
    its one innerHTML is onto a <textarea>, which parses no markup (it decodes an excerpt's entities)."""
    script = (ROOT / "theme" / "assets" / "search.js").read_text(encoding="utf-8")
    assert re.findall(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write", script) == ["innerHTML"]
    assert 'var decoder = doc.createElement("textarea");' in script and "decoder.innerHTML = text;" in script


def site_findings(site: Path) -> list[str]:
    findings = []
    for path in sorted(site.rglob("*")):
        where = str(path.relative_to(site))
        if not path.is_file() or where.startswith(("assets/", "pagefind/pagefind")):
            continue  # our theme's and Pagefind's own files, not made from content
        if path.suffix == ".html":
            findings += html_findings(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".xml":
            findings += xml_findings(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".json":
            findings += json_findings(json.loads(path.read_text(encoding="utf-8")), where)
        elif path.suffix in (".vtt", ".srt"):
            findings += caption_findings(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".pf_fragment":
            findings += fragment_findings(path)
    return findings


def build_hostile_site(root: Path, site_url: str | None = None) -> Path:
    content = write_content(root)
    out = root / "site"
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_SITE_URL"} | ({"ONRECORD_SITE_URL": site_url} if site_url else {})
    result = subprocess.run(
        [str(Path(sys.executable).parent / "onrecord"), "build", "--content", str(content), "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def test_no_payload_becomes_markup_in_any_output(hostile_site):
    findings = site_findings(hostile_site)
    assert not findings, f"{len(findings)} injections:\n" + "\n".join(findings[:60])


def test_no_payload_becomes_markup_with_a_site_url(tmp_path):
    """With site_url set, pages gain canonical and og:url links and feeds absolute ones: checked too."""
    site = build_hostile_site(tmp_path, "https://example.org/archive/")
    assert 'rel="canonical" href="https://example.org/archive/' in (site / "speakers" / "index.html").read_text()
    findings = site_findings(site)
    assert not findings, f"{len(findings)} injections:\n" + "\n".join(findings[:60])


def test_every_output_kind_was_checked(hostile_site):
    kinds = {p.suffix for p in hostile_site.rglob("*") if p.is_file()}
    assert {".html", ".xml", ".json", ".pf_fragment"} <= kinds
    assert len(list(hostile_site.glob("transcripts/*/index.html"))) == 3, "every hostile transcript published"
    assert list(hostile_site.glob("transcripts/*/q1/index.html")), "share pages"
    assert list(hostile_site.glob("topics/*/feed.xml")) and list(hostile_site.glob("speakers/*/feed.xml"))


def test_a_hostile_file_name_is_published_under_a_safe_name_that_downloads(hostile_site):
    page = next(hostile_site.glob("transcripts/*onerror-alert-200/index.html"))  # the slug, from the name
    hrefs = re.findall(r'<p class="downloads">.*?</p>', page.read_text(), re.S)[0]
    source = [h for h in re.findall(r'href="([^"]+)"', hrefs) if not h.startswith("transcript.")]  # ours, the exports
    assert len(source) == 1 and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", source[0]), source
    assert (page.parent / source[0]).read_bytes().startswith(b"---\ntitle: File ")
    assert HOSTILE_FILE not in {p.name for p in hostile_site.rglob("*")}


def test_the_payloads_reach_the_pages_as_text(hostile_site):
    """Escaped, not dropped: every field still says what the publisher wrote."""
    parser = _Markup("")
    parser.feed((hostile_site / "transcripts" / "plain-line" / "index.html").read_text(encoding="utf-8"))
    assert "John Smith · <img src=x onerror=alert(9)> Capital LLC" in "".join(parser.text)
    parser = _Markup("")
    parser.feed((hostile_site / "topics" / "index.html").read_text(encoding="utf-8"))
    assert f"Gigafactory {PAYLOADS['img']}" in "".join(parser.text)
