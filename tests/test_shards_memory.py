"""What a render shard holds: every turn (of another shard's transcripts, the words only of those its pages
show) and every topic mention of the archive (bench/join_memory.py measures it), so the model's many small
objects keep their fields in slots, not a dict each, and lose nothing by it."""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from dataclasses import FrozenInstanceError, fields, replace

import pytest

from bench import corpus as synthetic
from onrecord import entries, joined
from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.model import Appearance, Exchange, Mention, TimeMark, Turn, UnreadTopic, UnreadTurn, WordTiming
from onrecord.pages import first_words, words
from onrecord.shards import Shard
from onrecord.topic_pages import mentioned

from .test_cache import content_of

# Per transcript of the synthetic archive: ~106 turns, ~15 exchanges, ~690 mentions (N=1,000).
MANY = [
    Turn("t7", "ada-lee", "Ada Lee - CFO", ("Margins held.",), (TimeMark(0, 0, 268, "4:28"),), "qa", "q2", 41,
         words=(WordTiming(0, 0, 7, 12.5),)),
    Exchange("q2", "bo-chan", ("t6", "t7"), ("margins",)),
    Mention("acme-2024-q1", "t7", 0, 0, 7, "q2"),
    Appearance("acme-2024-q1", "2024-01-30", "CFO", "Acme"),
    UnreadTurn("t7", "ada-lee", "Ada Lee - CFO", (), section="qa", exchange="q2", line=41, spoken=2),
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


def test_a_render_shard_keeps_the_words_only_of_the_turns_its_pages_show(tmp_path):
    content = content_of(tmp_path)
    synthetic.write(content, 20)  # people and topics in several calls: every kind of turn a shard holds
    made = joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    shard = Shard(1, 3)
    loaded = joined.load(content, Report(), Cache(tmp_path / "cache"), shard)
    first = {}  # the mention whose passage a topic page shows, for each of the shard's topics in each unit
    for topic in made.topics:
        if shard.renders("topic", topic.id):
            for m in topic.mentions:
                first.setdefault((topic.id, m.slug, m.unit), m)
    quoted = {(m.slug, m.turn, m.paragraph) for m in first.values()}
    held_by_kind = Counter()
    for whole, held in zip(made.transcripts, loaded.transcripts, strict=True):
        if shard.renders("transcript", whole.slug):
            assert held.turns == whole.turns and held.source.raw  # its own: whole, its file's bytes too
            continue
        assert held.source is None or held.source.raw == b""
        for turn, kept in zip(whole.turns, held.turns, strict=True):
            assert (kept.id, kept.speaker, kept.section, kept.exchange, kept.line) == (
                turn.id, turn.speaker, turn.section, turn.exchange, turn.line)
            assert words(kept) == words(turn)
            mine = bool(turn.speaker) and shard.renders("speaker", turn.speaker)
            shown = {i for i in range(len(turn.paragraphs)) if (whole.slug, turn.id, i) in quoted}
            if mine and shown:
                held_by_kind["whole"] += 1
                assert kept == turn
                continue
            # no other text of the turn: not its speaker line, nor its timings' or directions' places in it
            assert isinstance(kept, UnreadTurn) and kept.label is None and kept.marks == kept.words == kept.directions == ()
            if mine:  # its speaker's page lists it by its opening
                held_by_kind["opening"] += 1
                assert len(kept.paragraphs) == 1 and first_words(kept) == first_words(turn)
                assert len(kept.paragraphs[0].split()) <= 15
            elif shown:  # a topic page quotes a passage of it
                held_by_kind["quoted"] += 1
                assert kept.paragraphs == tuple(p if i in shown else "" for i, p in enumerate(turn.paragraphs))
            else:
                held_by_kind["unread"] += 1
                assert kept.paragraphs == ()
    # another shard's transcripts were read, most of their words let go, and each kind of turn held was met
    assert set(held_by_kind) >= {"opening", "quoted", "unread"}, held_by_kind
    assert loaded.speakers == made.speakers


def test_a_render_shard_holds_of_another_shards_topic_no_mention_but_its_own_speakers_counts(tmp_path):
    content = content_of(tmp_path)
    synthetic.write(content, 20)  # analysts and topics of several calls: other shards' topics its people speak of
    made = joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    shard = Shard(2, 3)
    loaded = joined.load(content, Report(), Cache(tmp_path / "cache"), shard)
    speaker_of = {(t.slug, turn.id): turn.speaker for t in made.transcripts for turn in t.turns}
    counted = 0
    for whole, held in zip(made.topics, loaded.topics, strict=True):
        assert mentioned(held) == len(whole.mentions)
        if shard.renders("topic", whole.id):
            assert held == whole
            continue
        mine = Counter(s for m in whole.mentions if (s := speaker_of[(m.slug, m.turn)]) and shard.renders("speaker", s))
        assert isinstance(held, UnreadTopic) and held.mentions == () and dict(held.spoken) == mine
        assert (held.id, held.name, held.exchanges, held.remarks, held.related) == (
            whole.id, whole.name, whole.exchanges, whole.remarks, whole.related)
        counted += sum(mine.values())
    assert counted  # its people speak of other shards' topics: their pages count those mentions


def test_a_speakers_main_topics_are_the_same_from_a_shards_counts_as_from_every_mention(tmp_path):
    from onrecord.topic_pages import TopicViews

    content = content_of(tmp_path)
    synthetic.write(content, 20)
    made = joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    shard = Shard(2, 3)
    whole, held = TopicViews(made), TopicViews(joined.load(content, Report(), Cache(tmp_path / "cache"), shard))
    people = [s.id for s in made.speakers if shard.renders("speaker", s.id) and whole.of_speaker("x", s.id)]
    assert people and all(held.of_speaker("x", s) == whole.of_speaker("x", s) for s in people)


def test_topics_pieced_by_their_mentions_load_equal_to_the_corpus_joined(tmp_path, monkeypatch):
    monkeypatch.setattr(joined, "MENTIONS_A_PIECE", 1)  # a topic a piece, however many mentions it has
    content = content_of(tmp_path)
    made = joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    assert joined.load(content, Report(), Cache(tmp_path / "cache")) == made


def test_a_render_shard_holds_one_copy_of_each_id_and_name_its_unread_turns_repeat(tmp_path):
    content = content_of(tmp_path)
    joined.join(content, Report(root=tmp_path), Cache(tmp_path / "cache"))
    loaded = joined.load(content, Report(), Cache(tmp_path / "cache"), Shard(1, 3))
    unread = [turn for t in loaded.transcripts for turn in t.turns if isinstance(turn, UnreadTurn)]
    for name in ("id", "speaker", "section", "exchange"):
        values = [getattr(turn, name) for turn in unread if getattr(turn, name) is not None]
        assert len(values) > len(set(values))  # repeated, as "t1" is in every transcript: else this proves nothing
        assert len({id(value) for value in values}) == len(set(values)), name
