"""The compact lemma table answers every lookup as lemminflect's own dict of dicts does."""

from __future__ import annotations

from lemminflect import config
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from onrecord.topics.lemma_table import LemmaTable
from onrecord.topics.words import can_be_noun, verb_of


def test_the_compact_lemma_table_holds_every_word_of_lemminflects_table_with_the_same_lemmas():
    theirs = LemmaLUCodec.load(config.lemma_lu_fn)
    ours = LemmaTable.load(config.lemma_lu_fn)
    assert ours is not None  # the file is sorted, so it is used
    assert len(ours) == len(theirs) and list(ours) == sorted(theirs)
    assert all(ours[word] == lemmas for word, lemmas in theirs.items())


def test_a_word_the_lemma_table_lacks_has_no_lemmas():
    ours = LemmaTable.load(config.lemma_lu_fn)
    for word in ("dieselgate", "", "zzzz", "'", "aaron"):  # 'Aaron' is there, capitalised
        assert ours.get(word, {}) == {} and word not in ours


def test_a_table_whose_lines_are_out_of_order_is_not_used(tmp_path):
    import gzip

    path = tmp_path / "lemma_lu.csv.gz"
    path.write_bytes(gzip.compress(b"leasing,verb,lease\nabacus,noun,abacus\n"))
    assert LemmaTable.load(path) is None
    path.write_bytes(gzip.compress(b"abacus,noun,abacus\nleasing,noun,leasing\nleasing,verb,lease\n"))
    assert LemmaTable.load(path)["leasing"] == {"NOUN": ("leasing",), "VERB": ("lease",)}


def test_the_topic_words_read_the_compact_table():
    from lemminflect.core.Lemmatizer import Lemmatizer

    assert verb_of("leasing") == "lease" and not can_be_noun("solve")  # loads it, if nothing has yet
    assert isinstance(Lemmatizer().lemma_dict, LemmaTable)
