"""What topics are assigned to: exchanges, and blocks of one speaker's prepared remarks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from ..model import MODERATOR, Transcript, Turn


@dataclass(frozen=True)
class Unit:
    """An exchange, or a speaker's block of prepared remarks: what topics are assigned to."""

    slug: str
    id: str  # exchange id, or the block's first turn id
    turns: tuple[Turn, ...]
    questioner: str | None  # the questioner's speaker id in an exchange



def units_of(transcript: Transcript) -> list[Unit]:
    """Exchanges in order, and blocks of consecutive turns of one speaker outside the exchanges."""
    moderators = {s.id for s in transcript.speakers if s.role == MODERATOR}
    by_exchange: dict[str, list[Turn]] = defaultdict(list)
    units: list[Unit] = []
    block: list[Turn] = []

    def close_block() -> None:
        if block:
            units.append(Unit(transcript.slug, block[0].id, tuple(block), None))
            block.clear()

    for turn in transcript.turns:
        if turn.exchange:
            close_block()
            by_exchange[turn.exchange].append(turn)
            continue
        if turn.speaker in moderators:
            close_block()
            continue
        if block and block[-1].speaker != turn.speaker:
            close_block()
        block.append(turn)
    close_block()
    for exchange in transcript.exchanges:
        spoken = tuple(t for t in by_exchange.get(exchange.id, []) if t.speaker not in moderators)
        units.append(Unit(transcript.slug, exchange.id, spoken, exchange.questioner))
    return units


def spoken(turn: Turn) -> Iterator[tuple[int, str]]:
    for index, paragraph in enumerate(turn.paragraphs):
        if index not in turn.directions:
            yield index, paragraph

