"""The outline inside a section of remarks: who speaks, and where a long remark moves on.

The page's outline lists its headings (sections, exchanges). Remarks have no headings of their own,
so fifteen screens of prepared remarks would be one entry; here Python lists each speaker's block of
remarks, and inside a long block the paragraphs where a reader would look for the next screen.
Anchors come only from order: a block links to its first turn (`#t3`), a paragraph to `#t3-p4`
(the fourth paragraph of turn 3; a turn's first paragraph is the turn itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import REMARKS, Section, Transcript, Turn

# Shorter than this, a block is a courtesy, a handover or an interjection: the entry before reaches it.
BLOCK_WORDS = 100
# Longer than this (about two screens on a desk, six on a phone), a block gets entries inside it,
LONG_WORDS = 500
# about one a screen, at the next paragraph start after this many words,
STEP_WORDS = 300
# and none so near the block's end that the reader is there anyway.
TAIL_WORDS = 150
# More blocks worth an entry than this, and the section is a conversation: a list of names would only
# say who spoke next, so an entry comes about a screen apart and says what its speaker begins to say.
SPEAKER_ENTRIES = 12
LABEL_WORDS = 6  # a paragraph's entry is its first words, never more of the text: the page stays light
UNNAMED = "Speaker not named"
COURTESY_WORDS = 5  # an opening sentence shorter than this says little of what follows
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class Entry:
    title: str
    turn: str  # the turn's id
    paragraph: int = 0  # index into the turn's paragraphs
    parts: tuple[Entry, ...] = ()
    before: str | None = None  # the exchange that follows in the section, for the outline's order

    @property
    def anchor(self) -> str:
        return paragraph_anchor(self.turn, self.paragraph)


def paragraph_anchor(turn_id: str, index: int) -> str:
    return turn_id if index == 0 else f"{turn_id}-p{index + 1}"


def label(text: str) -> str:
    """A paragraph's first words: its first sentence when that is short, else a few words and `…`."""
    said = text.split()
    for count, word in enumerate(said[:LABEL_WORDS], 1):
        if count >= 3 and word[-1] in ".?!":
            return " ".join(said[:count])
    shown = " ".join(said[:LABEL_WORDS])
    return shown if len(said) <= LABEL_WORDS else shown.rstrip(",;:—-") + "\u00a0…"  # the `…` never wraps alone


def blocks(turns: list[Turn]) -> list[list[Turn]]:
    """Consecutive turns of one speaker (or of no named speaker) are one block of remarks."""
    found: list[list[Turn]] = []
    for turn in turns:
        if found and found[-1][0].speaker == turn.speaker:
            found[-1].append(turn)
        else:
            found.append([turn])
    return found


def _words(text: str) -> int:
    return len(text.split())


def turning_points(block: list[Turn]) -> tuple[Entry, ...]:
    """Paragraph starts about a screen apart through a long block; stage directions are never one."""
    paragraphs = [(turn, i, text) for turn in block for i, text in enumerate(turn.paragraphs)]
    total = sum(_words(text) for _, _, text in paragraphs)
    if total <= LONG_WORDS:
        return ()
    parts, since, done = [], 0, 0
    for turn, index, text in paragraphs:
        if since >= STEP_WORDS and total - done >= TAIL_WORDS and index not in turn.directions:
            parts.append(Entry(label(text), turn.id, index))
            since = 0
        since += _words(text)
        done += _words(text)
    return tuple(parts)


def section_entries(transcript: Transcript, section: Section) -> tuple[Entry, ...]:
    """The entries under a remarks-kind section: one per speaker's block, with a long block's parts."""
    if section.kind != REMARKS:
        return ()
    found = runs(transcript.turns_of(section))
    listed = [block for blocks_, _ in found for block in blocks_ if _block_words(block) >= BLOCK_WORDS]
    if len(listed) > SPEAKER_ENTRIES:
        return _conversation(transcript, found)
    return tuple(Entry(_name(transcript, block), block[0].id, 0, turning_points(block), before)
                 for blocks_, before in found for block in blocks_ if _block_words(block) >= BLOCK_WORDS)


def runs(turns: tuple[Turn, ...]) -> list[tuple[list[list[Turn]], str | None]]:
    """A section's blocks outside exchanges, each run with the exchange that ends it (None: the section's end).

    An exchange between two turns of one speaker parts their blocks, as it parts them on the page."""
    found, run = [], []
    for turn in turns:
        if turn.exchange is None:
            run.append(turn)
        elif run:
            found.append((blocks(run), turn.exchange))
            run = []
    return found + [(blocks(run), None)] if run else found


def _conversation(transcript: Transcript, found: list[tuple[list[list[Turn]], str | None]]) -> tuple[Entry, ...]:
    """A block about a screen after the entry before, named with what its speaker begins to say."""
    entries = []
    for blocks_, before in found:
        since = STEP_WORDS  # an exchange's heading is an entry: the next block may be one too
        for block in blocks_:
            size = _block_words(block)
            if size < BLOCK_WORDS or since < STEP_WORDS:
                since += size
                continue
            parts = turning_points(block)
            opening = next((p for i, p in enumerate(block[0].paragraphs) if i not in block[0].directions), "")
            title = f"{_name(transcript, block)}: {label(_past_courtesies(opening))}"
            entries.append(Entry(title, block[0].id, 0, parts, before))
            since = _words_after(block, parts[-1]) if parts else size
    return tuple(entries)


def _past_courtesies(text: str) -> str:
    """A turn in conversation often opens with "Yeah." or "I totally agree.": what follows says more."""
    sentences = _SENTENCE_END.split(text)
    while len(sentences) > 1 and _words(sentences[0]) < COURTESY_WORDS:
        sentences.pop(0)
    return " ".join(sentences)


def _name(transcript: Transcript, block: list[Turn]) -> str:
    speaker = transcript.speaker(block[0].speaker)
    return speaker.name if speaker else UNNAMED


def _block_words(block: list[Turn]) -> int:
    return sum(_words(p) for turn in block for p in turn.paragraphs)


def _words_after(block: list[Turn], part: Entry) -> int:
    """The words of a block from the paragraph a part links to, to its end."""
    paragraphs = [(turn.id, i, text) for turn in block for i, text in enumerate(turn.paragraphs)]
    start = next(k for k, (turn, i, _) in enumerate(paragraphs) if (turn, i) == (part.turn, part.paragraph))
    return sum(_words(text) for _, _, text in paragraphs[start:])


def outline(transcript: Transcript) -> dict[str, tuple[Entry, ...]]:
    """Section id -> its entries, for the sections that have some."""
    found = {section.id: section_entries(transcript, section) for section in transcript.sections}
    return {section_id: entries for section_id, entries in found.items() if entries}


def front_matter(found: dict[str, tuple[Entry, ...]]) -> dict[str, list[dict]]:
    """The entries as plain data, for the front matter the theme reads."""
    return {section_id: [_plain(e) for e in entries] for section_id, entries in found.items()}


def _plain(entry: Entry) -> dict:
    parts = {"parts": [_plain(p) for p in entry.parts]} if entry.parts else {}
    before = {"before": entry.before} if entry.before else {}
    return {"title": entry.title, "anchor": entry.anchor, **parts, **before}


def paragraph_ids(found: dict[str, tuple[Entry, ...]]) -> dict[str, dict[int, str]]:
    """Turn id -> {paragraph index: id} for the paragraphs the outline links to (a first one is the turn's own)."""
    ids: dict[str, dict[int, str]] = {}
    for entries in found.values():
        for part in (p for e in entries for p in e.parts if p.paragraph):
            ids.setdefault(part.turn, {})[part.paragraph] = part.anchor
    return ids
