"""Pages that stay small as the archive grows: speaker and topic pages and the indexes paginate, and
every turn, exchange and person stays reachable, each exactly once, by walking the pages."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from onrecord import feeds, render, topic_pages
from onrecord.diagnostics import Report
from onrecord.paging import page_path, split
from onrecord.pipeline import generate

QA_PAIRS = 30  # Pat answers 30 questions a call, and opens it: 31 turns a call

# A Markdown link to another page of the site, with its anchor: `[t3](../transcripts/c-01/index.md#t3)`.
_LINK = re.compile(r"\]\(([^)\s]+?\.md)(?:\?v=\d+)?(?:#([\w-]+))?\)")


def call(number: int) -> str:
    pairs = "".join(
        f"Operator\n\nOur next question comes from Sam Roe with Big Bank.\n\n"
        f"Sam Roe - Big Bank\n\nHow is demand in region {i} this time?\n\n"
        f"Pat Lee - Chief Executive Officer\n\nDemand in region {i} is strong, call {number}.\n\n"
        for i in range(1, QA_PAIRS + 1)
    )
    return (f"---\ntitle: Acme call {number}\ndate: 2020-01-{number:02d}\ncompany: Acme\n---\n"
            f"Pat Lee - Chief Executive Officer\n\nWelcome to call {number}.\n\n"
            f"Question-and-Answer Session\n\n{pairs}")


def site(tmp_path, calls: int) -> dict[str, str]:
    content = tmp_path / f"content-{calls}"
    (content / "transcripts").mkdir(parents=True)
    for number in range(1, calls + 1):
        (content / "transcripts" / f"c-{number:02d}.txt").write_text(call(number), encoding="utf-8")
    (content / "topics.yml").write_text("topics:\n  - name: Demand\n  - name: Region\n", encoding="utf-8")
    return generate(content, Report())


def walk(pages: dict[str, str], first: str) -> list[str]:
    """Every page of a paginated list, from its first, by following each page's link to the next."""
    seen, here = [], first
    while here:
        assert here not in seen, f"{here} links back into its own pages"
        seen.append(here)
        following = re.search(r"\[Next\]\(([^)]+\.md)\)", pages[here])
        here = posixpath.normpath(posixpath.join(posixpath.dirname(here), following.group(1))) if following else None
        assert here is None or here in pages, f"{seen[-1]} links to a page that is not built: {here}"
    return seen


def url(page: str) -> str:
    """The folder of the URL MkDocs gives a page (`topics/demand.md` is /topics/demand/): HTML links start there."""
    stem = page[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def turn_links(page: str, here: str) -> list[tuple[str, str]]:
    """(transcript page, turn anchor) of each `.turn-ref` link on a speaker page."""
    found = []
    for target, anchor in re.findall(r'<a class="turn-ref" href="([^"#?]+)(?:\?v=\d+)?#(t\d+)"', page):
        found.append((posixpath.normpath(posixpath.join(url(here), target)) + "/", anchor))
    return found


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return site(tmp_path_factory.mktemp("archive"), 12)


def test_a_speaker_with_hundreds_of_turns_gets_more_than_one_page(archive):
    pages = walk(archive, "speakers/pat-lee.md")
    assert len(pages) > 1
    assert pages[1] == "speakers/pat-lee/page/2.md"


def test_walking_every_page_of_a_speaker_finds_each_of_their_turns_exactly_once(archive):
    found = [link for here in walk(archive, "speakers/pat-lee.md") for link in turn_links(archive[here], here)]
    expected = [(f"transcripts/c-{n:02d}/", turn["id"]) for n in range(1, 13)
                for turn in json.loads(archive[f"transcripts/c-{n:02d}/transcript.json"])["turns"]
                if turn["speaker"] == "pat-lee"]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found)) == 12 * (QA_PAIRS + 1)


def test_every_page_of_a_speaker_stays_under_a_bound_as_the_archive_grows(tmp_path):
    sizes = {n: max(len(pages[p].encode()) for p in walk(pages, "speakers/pat-lee.md"))
             for n, pages in ((6, site(tmp_path, 6)), (24, site(tmp_path, 24)))}
    assert sizes[24] < 40_000
    assert sizes[24] <= sizes[6] * 1.1  # four times the calls: more pages, not longer ones


def test_later_pages_link_back_to_the_first_and_the_first_keeps_its_address(archive):
    last = walk(archive, "speakers/pat-lee.md")[-1]
    assert "](../../pat-lee.md)" in archive[last]
    assert "# Pat Lee" in archive["speakers/pat-lee.md"] and "title: Pat Lee\n" in archive["speakers/pat-lee.md"]


def test_walking_every_page_of_a_topic_finds_each_of_its_exchanges_exactly_once(archive):
    pages = walk(archive, "topics/demand.md")
    assert len(pages) > 1 and pages[1] == "topics/demand/page/2.md"
    found = [(posixpath.normpath(posixpath.join(url(here), target)) + "/", anchor)
             for here in pages for target, anchor in re.findall(r'<a href="([^"#?]+)#(q\d+)"', archive[here])]
    topic = next(t for t in json.loads(archive["topics/topics.json"])["topics"] if t["id"] == "demand")
    expected = [(f"transcripts/{e['transcript']}/", e["exchange"]) for e in topic["exchanges"]]
    assert len(expected) == 12 * QA_PAIRS  # the JSON export stays complete
    assert sorted(found) == sorted(expected) and len(found) == len(set(found))


def test_every_page_of_a_topic_stays_under_a_bound(archive):
    assert max(len(archive[here].encode()) for here in walk(archive, "topics/demand.md")) < 40_000


def test_walking_the_speaker_index_finds_everyone_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "SPEAKER_INDEX_PAGE", 1)
    pages = site(tmp_path, 3)
    walked = walk(pages, "speakers/index.md")
    listed = [posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
              for here in walked for target in re.findall(r"^- \[[^\]]+\]\(([^)]+\.md)\)", pages[here], re.M)]
    people = [p["id"] for p in json.loads(pages["speakers/speakers.json"])["speakers"] if not p.get("placeholder")]
    assert len(walked) == len(people) == 2
    assert sorted(listed) == sorted(f"speakers/{p}.md" for p in people)


def test_walking_the_topic_index_finds_every_topic_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setattr(topic_pages, "TOPIC_INDEX_PAGE", 1)
    pages = site(tmp_path, 3)
    walked = walk(pages, "topics/index.md")
    # Each page's groups, after the most discussed (which page 1 adds): every topic once.
    listed = [posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
              for here in walked for group in re.findall(r'<ul class="topic-index" markdown>(.*?)</ul>', pages[here], re.S)
              for target in re.findall(r'<li markdown="span">\[[^\]]+\]\(([^)]+\.md)\)', group)]
    topics = [t["id"] for t in json.loads(pages["topics/topics.json"])["topics"]]
    assert len(walked) == len(topics) == 2
    assert sorted(listed) == sorted(f"topics/{t}.md" for t in topics)
    assert "(continued)" in pages["topics/page/2.md"]  # the group goes on


def test_walking_the_home_pages_finds_every_transcript_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "HOME_PAGE", 2)
    pages = site(tmp_path, 5)
    walked = walk(pages, "index.md")
    listed = [posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
              for here in walked for target in re.findall(r'<li markdown="span">\[[^\]]+\]\(([^)]+\.md)\)', pages[here])]
    assert walked == ["index.md", "page/2.md", "page/3.md"]
    assert listed == [f"transcripts/c-{n:02d}/index.md" for n in range(5, 0, -1)]  # newest first


def test_feeds_hold_the_newest_entries_only(tmp_path, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 2)
    pages = site(tmp_path, 5)
    for feed in ("feed.xml", "speakers/pat-lee/feed.xml", "topics/demand/feed.xml"):
        assert re.findall(r"<title>Acme call (\d+)</title>", pages[feed]) == ["5", "4"], feed


def test_split_keeps_every_item_once_in_order_under_the_budget():
    items = list(range(1, 40))
    pages = split(items, budget=50, weight=lambda n: n % 7 + 1, most=9)
    assert [i for page in pages for i in page] == items
    assert all(sum(n % 7 + 1 for n in page) <= 50 and len(page) <= 9 for page in pages)
    assert split([], 10) == [[]]


def test_page_paths_keep_the_first_address_and_nest_the_rest():
    assert page_path("speakers/ada-lee.md", 1) == "speakers/ada-lee.md"
    assert page_path("speakers/ada-lee.md", 3) == "speakers/ada-lee/page/3.md"
    assert page_path("speakers/index.md", 2) == "speakers/page/2.md"
