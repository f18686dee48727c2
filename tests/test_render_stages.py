"""What render passes from one of its steps to the next is frozen: a step reads it, never adds to it."""

from __future__ import annotations

import pytest

from onrecord import render as rendering
from onrecord.diagnostics import Report
from onrecord.pages import words
from onrecord.pipeline import load

from .conftest import content_with


def test_the_word_counts_every_speakers_pages_share_are_read_only_and_whole(tmp_path, monkeypatch):
    content = content_with(tmp_path, **{
        "a.txt": "Dana Whitfield - CEO\n\nRevenue grew this quarter.\n\nOmar Haddad - CFO\n\nCosts fell.\n",
        "b.txt": "Dana Whitfield - CEO\n\nWe shipped robots.\n\nOmar Haddad - CFO\n\nMargins held up well.\n"})
    corpus = load(content, Report())
    shared = []
    speaker_files = rendering._speaker_files

    def noted(speaker, spoken, views, site_date, site, transcript_words):
        shared.append(transcript_words)
        return speaker_files(speaker, spoken, views, site_date, site, transcript_words)

    monkeypatch.setattr(rendering, "_speaker_files", noted)
    rendering.render(corpus)
    assert len(shared) == 2 and shared[0] is shared[1]
    with pytest.raises(TypeError):
        shared[0]["a"] = 0  # one speaker's pages cannot change another's shares
    assert dict(shared[0]) == {t.slug: sum(words(turn) for turn in t.turns) for t in corpus.transcripts}
