"""A build's search index in several Pagefind bundles, each of at most a set amount of speech, written one after
another: together they hold exactly the records one bundle holds, a transcript's all in one, listed in order."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from onrecord import search_index
from onrecord.search_index import BUNDLES, ENTRY, nested_bundles, part_name, split, write_site_index
from onrecord.search_records import SearchRecord
from onrecord.shards import list_bundles


def record(slug: str, anchor: str, words: str, speaker: str = "Ann Lee", year: str = "2015") -> SearchRecord:
    return SearchRecord(f"/transcripts/{slug}/#{anchor}", words, (("title", f"{anchor} — {slug}"),),
                        (("speaker", (speaker,)), ("year", (year,)), ("kind", ("exchange",)), ("call", (slug,))))


def archive() -> list[SearchRecord]:
    """Four transcripts of three records each: 'common' said in every one, each transcript's rare word in it alone."""
    return [record(f"call-{t}", f"q{q}", f"common words of call {t} {'rare' + 'xyzw'[t] if q == 2 else ''}",
                   speaker=("Ann Lee", "Bo Chan")[t % 2], year=str(2014 + t % 3))
            for t in range(4) for q in range(1, 4)]


def speech(records: list[SearchRecord]) -> int:
    return sum(len(r.content.encode("utf-8")) for r in records)


def listed(folder: Path) -> list[str]:
    return json.loads((folder / BUNDLES).read_text(encoding="utf-8"))["bundles"]


def fragments(folder: Path) -> Counter:
    """What every bundle listed in `folder` holds, record by record (url, words, filters), from its fragments."""
    held = Counter()
    for bundle in listed(folder):
        for path in (folder / bundle / "fragment").iterdir():
            data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
            held[data["url"], data["content"], json.dumps(data["filters"], sort_keys=True)] += 1
    return held


def filter_counts(held: Counter) -> Counter:
    """The counts the search page shows before any word is typed: each filter value's records, summed."""
    counts = Counter()
    for (_, _, filters), n in held.items():
        for name, values in json.loads(filters).items():
            counts.update({(name, value): n for value in values})
    return counts


def test_bundles_keep_every_record_in_order_each_under_the_speech_given():
    records = archive()
    one_call = speech(records[:3])
    parts = split(records, 2 * one_call)
    assert [r for part in parts for r in part] == records
    assert [len(part) for part in parts] == [6, 6]  # two calls each: every call says as much
    assert all(speech(part) <= 2 * one_call for part in parts)


def test_a_transcripts_records_stay_in_one_bundle():
    records = archive()
    for limit in (1, speech(records[:2]), speech(records[:4]), speech(records[:7])):
        for part in split(records, limit):
            calls = [r.url.split("#")[0] for r in part]
            for call in set(calls):
                assert calls.count(call) == 3, (limit, calls)


def test_a_transcript_longer_than_a_bundle_is_a_bundle_of_its_own():
    records = archive()
    assert [len(part) for part in split(records, 1)] == [3, 3, 3, 3]


def test_a_small_archive_fits_one_bundle_in_the_sites_own_folder():
    assert split(archive(), search_index.BUNDLE_SPEECH) == [archive()]
    assert split([], 10) == [[]]  # a site without a transcript still has its (empty) bundle
    assert part_name(0) == "./" and part_name(2) == "part-3/"


def test_three_bundles_hold_what_one_holds_and_add_up_to_its_filter_counts(tmp_path):
    records = archive()[:9]  # three calls
    write_site_index(records, tmp_path / "one")
    write_site_index(records, tmp_path / "three", speech=speech(records[:3]))
    assert listed(tmp_path / "one" / "pagefind") == ["./"]
    assert listed(tmp_path / "three" / "pagefind") == ["./", "part-2/", "part-3/"]
    one, three = fragments(tmp_path / "one" / "pagefind"), fragments(tmp_path / "three" / "pagefind")
    assert three == one and sum(one.values()) == len(records)
    assert filter_counts(three) == filter_counts(one)
    assert filter_counts(one)["speaker", "Ann Lee"] == 6 and filter_counts(one)["year", "2015"] == 3
    # Each bundle says how many records it holds; the search page sums them.
    entries = [json.loads((tmp_path / "three" / "pagefind" / b / ENTRY).read_text()) for b in ["./", "part-2/", "part-3/"]]
    assert [e["languages"]["en"]["page_count"] for e in entries] == [3, 3, 3]


def test_records_given_as_a_stream_are_read_only_as_far_as_the_bundle_pagefind_is_given(tmp_path, monkeypatch):
    records, read, given = archive(), [], []

    def stream():
        for r in records:
            read.append(r)
            yield r

    def write_index(part, output):
        given.append((len(part), len(read)))
        output.mkdir(parents=True, exist_ok=True)

    monkeypatch.setattr(search_index, "write_index", write_index)
    write_site_index(stream(), tmp_path, speech=speech(records[:3]))
    # Each bundle is one call of three records; to end it, the stream was read through the next call (which
    # did not fit) and the first record of the one after (which ends that call), never to the end.
    assert given == [(3, 7), (3, 10), (3, 12), (3, 12)]
    assert listed(tmp_path / "pagefind") == ["./", "part-2/", "part-3/", "part-4/"]


def test_a_shard_in_several_bundles_is_listed_bundle_by_bundle_on_the_merged_site(tmp_path):
    folder = tmp_path / "pagefind"
    for name, parts in (("shard-1-of-2", ["./", "part-2/"]), ("shard-2-of-2", ["./"])):
        (folder / name).mkdir(parents=True)
        (folder / name / ENTRY).write_text("{}", encoding="utf-8")
        (folder / name / BUNDLES).write_text(json.dumps({"bundles": parts}), encoding="utf-8")
    (folder / "shard-1-of-2" / "part-2").mkdir()
    (folder / "shard-1-of-2" / "part-2" / ENTRY).write_text("{}", encoding="utf-8")
    assert list_bundles(folder) == []  # nothing missing
    assert listed(folder) == ["shard-1-of-2/", "shard-1-of-2/part-2/", "shard-2-of-2/"]
    assert nested_bundles(tmp_path / "elsewhere", "shard-9-of-9") == ["shard-9-of-9/"]  # a bundle with no list


def test_a_merge_of_a_shard_lacking_a_part_it_lists_is_refused(tmp_path):
    folder = tmp_path / "pagefind"
    for name, parts in (("shard-1-of-2", ["./", "part-2/", "part-3/"]), ("shard-2-of-2", ["./"])):
        (folder / name).mkdir(parents=True)
        (folder / name / ENTRY).write_text("{}", encoding="utf-8")
        (folder / name / BUNDLES).write_text(json.dumps({"bundles": parts}), encoding="utf-8")
    (folder / "shard-1-of-2" / "part-2").mkdir()
    (folder / "shard-1-of-2" / "part-2" / ENTRY).write_text("{}", encoding="utf-8")
    assert list_bundles(folder) == [("pagefind/shard-1-of-2/part-3/", "a part the shard's bundles.json lists is missing")]


def test_a_second_build_does_not_make_pagefind_write_an_empty_index_again(tmp_path, monkeypatch):
    made = []
    create = search_index._PromptService.create_index

    async def counted(self, config=None, *args, **kwargs):
        made.append(dict(config or {}))
        return await create(self, config, *args, **kwargs)

    monkeypatch.setattr(search_index._PromptService, "create_index", counted)
    monkeypatch.setattr(search_index, "_SHIPPED", {})
    records = archive()[:9]
    write_site_index(records, tmp_path / "first", speech=speech(records[:3]))
    assert [config.get("output_path") is None for config in made] == [True, False, False, False]
    made.clear()
    write_site_index(records, tmp_path / "second")
    assert [config.get("output_path") for config in made] == [str(tmp_path / "second" / "pagefind")]
