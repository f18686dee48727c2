"""The exchanges a transcript page links to on the same topics are earlier ones: a page published once stays
as it was when later transcripts are added, and the topic's page, which it links to, lists them all."""

from __future__ import annotations

import re

from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.pipeline import generate

from .conftest import REFERENCE, write_transcript

OLDER, NEWER = "tesla-2014-q3", "tesla-2015-q3"


def _call(slug: str, date: str) -> str:
    return REFERENCE.read_text(encoding="utf-8").replace("date: 2015-11-03", f"date: {date}").replace(
        "slug: tesla-2015-q3", f"slug: {slug}")


def _archive(tmp_path, *calls: tuple[str, str], cache: Cache | None = None):
    for slug, date in calls:
        write_transcript(tmp_path, f"{slug}.txt", _call(slug, date))
    return generate(tmp_path, Report(), cache=cache)


def _earlier_lines(page: str) -> list[str]:
    return re.findall(r'<p class="also-on-topics">.*?</p>', page)


def test_a_transcript_page_links_earlier_exchanges_on_its_topics_and_the_topic_page(tmp_path):
    pages = _archive(tmp_path, (OLDER, "2014-11-05"), (NEWER, "2015-11-03"))
    lines = _earlier_lines(pages[f"transcripts/{NEWER}/index.md"])
    assert lines and all(line.startswith('<p class="also-on-topics">Earlier on these topics: ') for line in lines)
    assert all(f'href="../{OLDER}/#q' in line for line in lines)
    # Each line ends at the page of the exchange's first topic, which lists later exchanges too.
    assert all(re.search(r'<a class="topic-page" href="\.\./\.\./topics/[a-z0-9-]+/">every exchange on [^<]+</a></p>$',
                         line) for line in lines)


def test_the_oldest_transcript_page_links_no_later_exchange(tmp_path):
    pages = _archive(tmp_path, (OLDER, "2014-11-05"), (NEWER, "2015-11-03"))
    older = pages[f"transcripts/{OLDER}/index.md"]
    assert _earlier_lines(older) == [] and f"../{NEWER}/" not in older
    # The topic page lists both, newest first: later exchanges are found there.
    topic = pages["topics/gross-margin.md"]
    assert topic.index(f"transcripts/{NEWER}/#q") < topic.index(f"transcripts/{OLDER}/#q")


def test_adding_a_newer_transcript_leaves_the_older_pages_as_they_were(tmp_path):
    before = _archive(tmp_path, (OLDER, "2014-11-05"), (NEWER, "2015-11-03"))
    after = _archive(tmp_path, ("tesla-2016-q3", "2016-11-02"))
    assert "Earlier on these topics" in after["transcripts/tesla-2016-q3/index.md"]
    for slug in (OLDER, NEWER):
        assert after[f"transcripts/{slug}/index.md"] == before[f"transcripts/{slug}/index.md"]


def test_adding_a_newer_transcript_renders_no_older_transcript_page_again(tmp_path):
    content, folder = tmp_path / "content", tmp_path / "cache"
    _archive(content, (OLDER, "2014-11-05"), (NEWER, "2015-11-03"), cache=Cache(folder))
    cache = Cache(folder)
    _archive(content, ("tesla-2016-q3", "2016-11-02"), cache=cache)
    assert [name for kind, name in cache.pages.rendered if kind == "transcript"] == ["tesla-2016-q3"]
    assert {name for kind, name in cache.pages.reused if kind == "transcript"} == {OLDER, NEWER}
