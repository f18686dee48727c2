"""A clock label (`4:28`, `1:02:03`, `00:00:01.500`) is read as seconds by one function, for a time mark a
transcriber left in the text and for a timed-text line alike."""

from __future__ import annotations

from onrecord import clean


def test_a_clock_label_is_read_as_seconds_with_its_fraction():
    assert clean.seconds("4:28") == 268
    assert clean.seconds("1:02:03") == 3723
    assert clean.seconds("00:00:01.500") == 1.5
    assert clean.seconds("12.25") == 12.25


def test_a_time_mark_in_the_text_is_whole_seconds():
    _, marks = clean.take_time_marks("we said (1:02:03) so", 0)
    assert [(m.seconds, type(m.seconds)) for m in marks] == [(3723, int)]
