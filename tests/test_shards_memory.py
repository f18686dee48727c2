"""What a render shard holds: every turn and every topic mention of the archive (bench/join_memory.py measures
it), so the model's many small objects keep their fields in slots, not a dict each, and lose nothing by it."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, fields, replace

import pytest

from onrecord.model import Appearance, Exchange, Mention, TimeMark, Turn, WordTiming

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
