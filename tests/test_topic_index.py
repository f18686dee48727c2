"""The topic index scales: the most discussed first, every topic under each kind of transcript that discusses
it, every topic reachable without JavaScript, pages that stay small as topics grow, and one short list of
every topic (and every speaker) that the filter reads."""

from __future__ import annotations

import json
import subprocess
import sys
import posixpath
import re
from pathlib import Path

import pytest

from onrecord import index_names, topic_index, topic_pages
from onrecord.diagnostics import Report
from onrecord.model import Topic
from onrecord.pipeline import generate

SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "vor", "sa", "bel", "dri", "quo", "nex", "pa")
FIRMS = ("Acme", "Borealis", "Cobalt")
LAST = "Zeppelin fleet"  # discussed in Cobalt's call only: last of the index, on its last page
LAST_ANALYST = ("Quinn Zeller", "Zenith Securities")  # with `analysts`: last of the speaker index


def names(count: int) -> list[str]:
    """`count` distinct made-up subjects: "Kalo programme", "Kami programme", …"""
    words = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES if len({a, b, c}) == 3]
    return [f"{words[i].capitalize()} programme" for i in range(count)]


def analyst(firm: str, question: int) -> tuple[str, str]:
    """Someone of Big Bank, another for each call and question: "Kalo Mibel"."""
    words = [a + b for a in SYLLABLES for b in SYLLABLES if a != b]
    n = FIRMS.index(firm) * 1000 + question
    return f"{words[n % len(words)].capitalize()} {words[(n // len(words) + 7 * n) % len(words)].capitalize()}", "Big Bank"


def call(firm: str, number: int, subjects: list[str], per_question: int = 5, analysts: bool = False) -> str:
    """An earnings call of `firm` whose analysts ask about `subjects`, `per_question` at a time: Sam Roe
    asks them all, or with `analysts` each question is someone else's and Cobalt's last Quinn Zeller's."""
    pairs = []
    for i in range(0, len(subjects), per_question):
        who, bank = analyst(firm, i) if analysts else ("Sam Roe", "Big Bank")
        if analysts and firm == FIRMS[-1] and i + per_question >= len(subjects):
            who, bank = LAST_ANALYST
        pairs.append(f"Operator\n\nOur next question comes from {who} with {bank}.\n\n"
                     f"{who} - {bank}\n\nHow are {', '.join(subjects[i:i + per_question])} doing?\n\n"
                     f"Pat {firm} - Chief Executive Officer\n\nAll of them are on track.\n\n")
    pairs = "".join(pairs)
    return (f"---\ntitle: {firm} call {number}\ndate: 2020-0{number}-15\ncompany: {firm}\ngenre: earnings-call\n---\n"
            f"Pat {firm} - Chief Executive Officer\n\nWelcome.\n\nQuestion-and-Answer Session\n\n{pairs}")


def archive(tmp_path: Path, shared: int, per_question: int = 5, analysts: bool = False) -> Path:
    """Three firms' calls, each asking about the same `shared` subjects; Cobalt's also about LAST."""
    content = tmp_path / f"content-{shared}"
    (content / "transcripts").mkdir(parents=True)
    subjects = names(shared)
    for number, firm in enumerate(FIRMS, start=1):
        asked = subjects + ([LAST] if firm == "Cobalt" else [])
        (content / "transcripts" / f"{firm.lower()}-q{number}.txt").write_text(
            call(firm, number, asked, per_question, analysts), encoding="utf-8")
    listed = "".join(f"  - name: {name}\n" for name in [*subjects, LAST])
    (content / "topics.yml").write_text(f"automatic: false\ntopics:\n{listed}", encoding="utf-8")
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    return content


def walk(pages: dict[str, str], first: str = "topics/index.md") -> list[str]:
    """Every page of the index, by following each page's link to the next."""
    seen, here = [], first
    while here:
        assert here not in seen
        seen.append(here)
        following = re.search(r"\[Next\]\(([^)]+\.md)\)", pages[here])
        here = posixpath.normpath(posixpath.join(posixpath.dirname(here), following.group(1))) if following else None
    return seen


def grouped(page: str) -> dict[str, list[str]]:
    """The topic pages each group of one index page links to, by group title, continued parts joined."""
    groups: dict[str, list[str]] = {}
    for part in re.split(r"^## ", page, flags=re.M)[1:]:
        title = re.sub(r" \(\d+ topics?\)( \(continued\))? \{: #[\w-]+ \}$", "", part.splitlines()[0])
        if title in ("Most discussed {: #most-discussed }", "By kind of transcript {: #groups }"):
            continue
        groups.setdefault(title, []).extend(re.findall(r'<li markdown="span">\[[^\]]+\]\(([^)]+)\.md\)', part))
    return groups


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return generate(archive(tmp_path_factory.mktemp("index"), 150), Report())


def test_most_discussed_come_first_by_transcripts_then_exchanges(pages):
    index = pages["topics/index.md"]
    top = index[index.index("## Most discussed") : index.index("</ol>")]
    listed = re.findall(r"\[([^\]]+)\]\([^)]+\) <span[^>]*>(\d+) exchanges? · (\d+) transcripts?", top)
    assert len(listed) == topic_index.MOST_DISCUSSED
    assert all(transcripts == "3" for _, _, transcripts in listed)  # in all three calls: before LAST's one
    assert LAST not in [name for name, _, _ in listed]


def test_topics_are_grouped_by_genre_and_organisation_a_shared_topic_under_each(pages):
    groups: dict[str, list[str]] = {}
    for here in walk(pages):
        for title, links in grouped(pages[here]).items():
            groups.setdefault(title, []).extend(posixpath.basename(link) for link in links)
    assert list(groups) == [f"Earnings calls · {firm}" for firm in FIRMS]
    assert groups["Earnings calls · Acme"] == groups["Earnings calls · Borealis"]  # every shared topic under each
    assert len(groups["Earnings calls · Acme"]) == 150 and groups["Earnings calls · Cobalt"][-1] == "zeppelin-fleet"
    assert groups["Earnings calls · Acme"] == sorted(groups["Earnings calls · Acme"])  # A to Z within a group


def test_a_group_counts_only_its_own_transcripts(pages):
    index = pages["topics/index.md"]
    acme = index[index.index("## Earnings calls · Acme") :]
    assert re.search(r"\[Kalomi programme\]\(kalomi-programme\.md\) <span class=\"counts\">1 exchange · 1 transcript · 2020</span>", acme)
    top = index[: index.index("## Earnings calls · Acme")]
    assert re.search(r"\[Kalomi programme\]\(kalomi-programme\.md\) <span[^>]*>3 exchanges · 3 transcripts · 2020</span>", top)


def test_every_topic_is_reachable_from_the_index_without_javascript(pages):
    walked = walk(pages)
    assert len(walked) == 2 and walked[1] == "topics/page/2.md"  # 451 rows, 400 to a page
    reached = {posixpath.normpath(posixpath.join(posixpath.dirname(here), link)) + ".md"
               for here in walked for links in grouped(pages[here]).values() for link in links}
    topics = {f"topics/{t['id']}.md" for t in json.loads(pages["topics/topics.json"])["topics"]}
    assert len(topics) == 151 and reached == topics and all(page in pages for page in reached)
    assert LAST in pages["topics/page/2.md"] and LAST not in pages["topics/index.md"]


def test_a_group_that_continues_says_so_and_its_link_finds_where_it_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(topic_pages, "TOPIC_INDEX_PAGE", 200)  # Acme and part of Borealis; Cobalt starts on page 2
    built = generate(archive(tmp_path, 150), Report())
    second = built["topics/page/2.md"]
    assert "## Earnings calls · Borealis (150 topics) (continued) {: #earnings-calls-borealis-continued }" in second
    assert "## Earnings calls · Cobalt (151 topics) {: #earnings-calls-cobalt }" in second
    contents = built["topics/index.md"].split("## By kind of transcript", 1)[1].split("</ul>", 1)[0]
    assert ('<li markdown="span"><strong>Earnings calls</strong>: [Acme](index.md#earnings-calls-acme) '
            '<span class="counts">150</span> · [Borealis](index.md#earnings-calls-borealis)') in contents
    assert "[Cobalt](page/2.md#earnings-calls-cobalt) <span class=\"counts\">151</span></li>" in contents


def test_a_curated_topic_no_one_discusses_yet_is_still_on_the_index(tmp_path):
    content = archive(tmp_path, 10)
    with (content / "topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("  - name: Lunar office\n")
    index = generate(content, Report())["topics/index.md"]
    assert "[Not yet discussed](index.md#not-yet-discussed) <span class=\"counts\">1</span></li>" in index
    last = index[index.index("## Not yet discussed (1 topic) {: #not-yet-discussed }") :]
    assert '[Lunar office](lunar-office.md) <span class="counts">0 exchanges · 0 transcripts</span>' in last
    assert "[Acme](index.md#earnings-calls-acme)" in index  # a kind of several organisations names each


def test_a_topic_discussed_only_in_remarks_shows_no_count_of_exchanges():
    entry = topic_index.Entry(Topic("ceo", "CEO"), exchanges=0, remarks=6, transcripts=6, first="2024-05-01", last="2025-02-01")
    assert entry.detail == "6 in remarks · 6 transcripts · 2024–2025"
    assert topic_index.Entry(Topic("x", "X"), 1, 0, 1, None, None).detail == "1 exchange · 1 transcript"


def test_a_group_past_a_few_hundred_topics_is_listed_under_first_letters(tmp_path, monkeypatch):
    monkeypatch.setattr(topic_index, "LETTERS_PAST", 20)
    built = generate(archive(tmp_path, 40), Report())
    index = built["topics/index.md"]
    acme = index[index.index("## Earnings calls · Acme") : index.index("## Earnings calls · Borealis")]
    letters = re.findall(r"^### (\w) \{: #earnings-calls-acme-(\w) \}$", acme, re.M)
    assert letters and all(mark.lower() == anchor for mark, anchor in letters)
    assert [mark for mark, _ in letters] == sorted({name[0] for name in names(40)})
    jump = re.search(r'<p class="letters" markdown="span">(.*)</p>', acme).group(1)
    assert "[K](index.md#earnings-calls-acme-k)" in jump


def test_index_pages_stay_small_as_topics_grow(tmp_path):
    sizes = {}
    for shared in (60, 600):
        built = generate(archive(tmp_path, shared), Report())
        walked = walk(built)
        sizes[shared] = max(len(built[here].encode()) for here in walked)
        assert len(walked) == -(-(3 * shared + 1) // topic_pages.TOPIC_INDEX_PAGE)
    assert sizes[600] < 100_000  # 400 rows and the most discussed, whatever the number of topics
    assert sizes[600] < 3 * sizes[60]  # ten times the topics, not ten times the page


def rows(pages: dict[str, str], folder: str) -> dict[str, list[list[str]]]:
    """The filter's files of an index, by key (index_names.py)."""
    listed = json.loads(pages[f"{folder}/index.json"])
    return {key: json.loads(pages[f"{folder}/{key}.json"])["items"] for key in listed["files"]}


def test_the_filter_finds_every_topic_in_the_file_of_each_of_its_words(pages):
    files = rows(pages, "topics/names")
    topics = json.loads(pages["topics/topics.json"])["topics"]
    assert json.loads(pages["topics/names/index.json"])["entries"] == len(topics) == 151
    for topic in topics:
        keys = {w[:2] for w in index_names.words(topic["name"]) if len(w) > 1}
        holding = {key for key, items in files.items() if any(row[0] == topic["name"] for row in items)}
        assert holding == keys, topic["name"]  # in each of its words' files, and only there
    row = next(row for row in files["ze"] if row[0] == LAST)
    assert row[1] == "../zeppelin-fleet/" and row[2] == "1 exchange · 1 transcript · 2020"  # from topics/names/
    assert [r[0] for r in files["ze"]] == [LAST]  # a file holds the words of its two letters, not the archive


def test_one_file_of_the_filter_is_a_small_part_of_the_index(tmp_path):
    built = generate(archive(tmp_path, 600), Report())
    files = [built[f"topics/names/{key}.json"] for key in json.loads(built["topics/names/index.json"])["files"]]
    everything = sum(len(f) for f in files)
    # "programme" is in every name, so its file holds them all; a file of the names' own words, a twelfth.
    assert sorted(len(f) for f in files)[-2] < everything / 8


def test_words_split_as_the_filter_splits_them():
    assert index_names.words("Gross-margin, Café_au lait 3D") == ["gross", "margin", "cafe", "au", "lait", "3d"]
    assert [index_names.key(w) for w in index_names.words("Ωmega x Model")] == ["_", None, "mo"]


def test_speaker_filter_files_list_everyone_the_index_lists(pages):
    listed = [row for items in rows(pages, "speakers/names").values() for row in items]
    people = [p for p in json.loads(pages["speakers/speakers.json"])["speakers"] if not p.get("placeholder")]
    assert {row[1] for row in listed} == {f"../{p['id']}/" for p in people}
    acme = next(row for row in listed if row[0] == "Pat Acme")
    assert "Acme" in acme[3] and "Chief Executive Officer" in acme[2]


def test_the_filter_box_names_the_list_of_every_entry(pages):
    for index, names_file in (("topics/index.md", "names/index.json"), ("topics/page/2.md", "../names/index.json"),
                              ("speakers/index.md", "names/index.json")):
        box = re.search(r'<div class="index-filter".*</div>', pages[index]).group(0)
        assert f"]({names_file}){{: .index-filter-source }}" in box and '<label for="index-filter">' in box


@pytest.mark.slow
def test_every_built_page_links_to_the_topic_index_from_its_header(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([str(Path(sys.executable).parent / "onrecord"), "build", "--strict", "--content",
                             str(archive(tmp_path, 150)), "--site-dir", str(site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("*.html"))
    assert (site / "topics" / "page" / "2" / "index.html").is_file()
    read = [page for page in pages if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")]
    assert len(read) > 150  # not the previews of exchanges, which send a reader on to the transcript
    for page in read:
        header = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page.read_text(encoding="utf-8"), re.S)
        assert header, page
        target = re.search(r'<a href="([^"]+)">Topics</a>', header.group(1)).group(1)
        # 404.html is served at any address, so its links start at the site's root.
        resolved = (site / target.lstrip("/") if target.startswith("/") else page.parent / target).resolve()
        assert (resolved / "index.html" if resolved.is_dir() else resolved) == (site / "topics" / "index.html").resolve(), page
    assert (site / "topics" / "index.html").stat().st_size < 300_000


def test_a_topic_pages_timeline_tells_remarks_from_exchanges():
    from onrecord.model import Corpus, Mention, Transcript

    call = Transcript("call", "Call", "2025-02-01", {}, (), (), (), ())
    mentions = tuple(Mention("call", turn, 0, 0, 4, unit) for turn, unit in (("t1", "t1"), ("t1", "t1"), ("t9", "q1")))
    topic = Topic("leasing", "Leasing", exchanges=(("call", "q1"),), remarks=(("call", "t1"),), mentions=mentions)
    chart = topic_pages.TopicViews(Corpus((call,), (), (topic,))).timeline(topic)
    assert [bar["value"] for bar in chart["bars"]] == ["1 exchange, 1 in remarks, 3 mentions"]
    assert chart["caption"].startswith("Exchanges and remarks about Leasing")
    only_exchanges = Topic("leasing", "Leasing", exchanges=(("call", "q1"),), mentions=mentions[2:])
    chart = topic_pages.TopicViews(Corpus((call,), (), (only_exchanges,))).timeline(only_exchanges)
    assert [bar["value"] for bar in chart["bars"]] == ["1 exchange, 1 mention"]
    assert chart["caption"].startswith("Exchanges about Leasing")
