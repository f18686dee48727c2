"""lemminflect's lemma table kept as its own sorted text, looked up by bisection, instead of a dict of dicts.

lemminflect loads its 1.8 MB table (70,000 words) into a dict of one dict of tuples per word: 34 MB of the
generator's resident set, held through the topics and the rendering, at the build's peak. The file is
sorted by word, so the text and the start of each line (0.3 MB) answer the same lookups; each word is
looked up once a build (words._lemmas caches it), so bisecting costs nothing measurable.
"""

from __future__ import annotations

import gzip
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from typing import Iterator


class LemmaTable(Mapping):
    """word -> {part of speech: lemma spellings}, as lemminflect's `LemmaLUCodec.load` makes it, from its lines."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts, at = array("I"), 0
        while at < len(text):
            starts.append(at)
            at = text.find("\n", at) + 1 or len(text)
        self._starts = starts

    @classmethod
    def load(cls, path) -> "LemmaTable | None":
        """The table of lemminflect's file, or None when its words are not in order (bisection would miss some)."""
        with gzip.open(path, "rb") as file:
            table = cls(file.read().decode())
        words = [table._word(i) for i in range(len(table._starts))]
        return table if all(a <= b for a, b in zip(words, words[1:])) else None

    def _word(self, i: int) -> str:
        start = self._starts[i]
        return self._text[start : self._text.index(",", start)]

    def _line(self, i: int) -> str:
        start = self._starts[i]
        end = self._text.find("\n", start)
        return self._text[start : end if end >= 0 else len(self._text)]

    def __getitem__(self, word: str) -> dict[str, tuple[str, ...]]:
        from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
        from lemminflect.core.LexicalUtils import categoryToUPos

        i = bisect_left(range(len(self._starts)), word, key=self._word)
        lemmas = {}
        while i < len(self._starts) and self._word(i) == word:
            _, category, forms = LemmaLUCodec.fromString(self._line(i))
            lemmas[categoryToUPos(category)] = forms  # a later line of the same part of speech wins, as in load
            i += 1
        if not lemmas:
            raise KeyError(word)
        return lemmas

    def __iter__(self) -> Iterator[str]:
        last = None
        for i in range(len(self._starts)):
            if (word := self._word(i)) != last:
                yield word
                last = word

    def __len__(self) -> int:
        return sum(1 for _ in self)


def use_compact_table() -> None:
    """Have lemminflect's lemmatizer read this table, unless it has loaded its own already (or the file is not
    sorted): it loads its dict lazily, on the first lookup, only when it has no `lemma_dict` yet."""
    from lemminflect import config
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict") and (table := LemmaTable.load(config.lemma_lu_fn)) is not None:
        lemmatizer.lemma_dict = table
