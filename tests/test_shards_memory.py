"""What a render shard holds: every turn and every topic mention of the archive (bench/join_memory.py measures
it), so the model's many small objects keep their fields in slots, not a dict each, and lose nothing by it."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import FrozenInstanceError, fields, replace

import pytest

from onrecord import entries, joined
from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.model import Appearance, Exchange, Mention, TimeMark, Turn, WordTiming

from .test_cache import content_of

# Per transcript of the synthetic archive: ~106 turns, ~15 exchanges, ~690 mentions (N=1,000).
MANY = [
    Turn("t7", "ada-lee", "Ada Lee - CFO", ("Margins held.",), (TimeMark(0, 0, 268, "4:28"),), "qa", "q2", 41,
         words=(WordTiming(0, 0, 7, 12.5),)),
    Exchange("q2", "bo-chan", ("t6", "t7"), ("margins",)),
    Mention("acme-2024-q1", "t7", 0, 0, 7, "q2"),
    Appearance("acme-2024-q1", "2024-01-30", "CFO", "Acme"),
]


@pytest.mark.parametrize("item", MANY, ids=lambda item: type(item).__name__)
def test_the_objects_a_shard_holds_by_the_hundred_thousand_have_no_dict_each(item):
    assert not hasattr(item, "__dict__")


@pytest.mark.parametrize("item", MANY, ids=lambda item: type(item).__name__)
def test_a_slotted_object_pickles_equal_and_stays_frozen(item):
    # The cache and joined.entry are pickles of them; a frozen model is what the stages pass on.
    again = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == item and hash(again) == hash(item)
    assert replace(again) == item
    with pytest.raises(FrozenInstanceError):
        setattr(again, fields(again)[0].name, None)


def test_the_joined_corpus_written_a_piece_at_a_time_loads_equal_to_the_corpus_joined(tmp_path, monkeypatch):
    # Pieces of 2 topics, so that the test's few topics make several: the corpus comes back whole and in order.
    monkeypatch.setattr(joined, "TOPICS_A_PIECE", 2)
    content = content_of(tmp_path)
    made = joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    assert len(made.topics) > 2 * joined.TOPICS_A_PIECE
    loaded = joined.load(content, Report(), Cache(tmp_path / "cache"))
    assert loaded == made
    assert [t.slug for t in loaded.transcripts] == [t.slug for t in made.transcripts]
    assert [t.id for t in loaded.topics] == [t.id for t in made.topics]


def test_a_joined_entry_with_a_piece_missing_is_said_and_joined_again(tmp_path):
    content = content_of(tmp_path)
    cache = Cache(tmp_path / "cache")
    made = joined.join(content, Report(root=tmp_path), cache)
    entry = cache.folder / joined.NAME
    with open(entry, "rb") as kept:
        header, _ = entries.split(kept.readline() + kept.readline(), joined.MAGIC, "a joined corpus")
    # The head and the first transcript only, its checksum right: the pieces the head announces are not there.
    head = pickle.dumps((len(made.transcripts), len(made.topics), made.speakers, [], {}), protocol=pickle.HIGHEST_PROTOCOL)
    payload = head + pickle.dumps(made.transcripts[0], protocol=pickle.HIGHEST_PROTOCOL)
    header.update(length=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    entry.write_bytes(entries.joined(joined.MAGIC, header, b"") + payload)
    report = Report(root=tmp_path)
    assert joined.load(content, report, cache) is None
    assert [d.code for d in report.diagnostics] == ["cache.corrupt"]
