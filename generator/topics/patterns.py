"""The regular expressions of topics.yml (`patterns:`), run on a time budget so that none can hang a build.

A publisher's pattern such as `(\\w+\\s?)+%` backtracks exponentially in Python's `re` (34 s on four words).
Patterns are compiled by the `regex` module instead, which finds most such matches at once, and each
search is given a timeout out of a budget that grows with the text the pattern has searched: a pattern
that still runs past it is stopped and reported, and the build goes on without its later matches.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import regex

# Every pattern may spend this much in all, and this much more per character it has searched: a linear
# allowance far above what any sane pattern needs (a few nanoseconds a character).
BUDGET_SECONDS = 2.0
BUDGET_PER_CHARACTER = 2e-6

error = regex.error


def compile_pattern(text: str) -> regex.Pattern:
    """A topic's pattern, compatible with `re`'s syntax; `error` when it is not a regular expression."""
    return regex.compile(text, regex.IGNORECASE | regex.VERSION0)


@dataclass
class PatternBudget:
    """What each pattern has spent and searched in one build, and which ran out (stopped for good)."""

    spent: dict[str, float] = field(default_factory=dict)
    searched: dict[str, int] = field(default_factory=dict)
    stopped: dict[str, str] = field(default_factory=dict)  # pattern -> where it ran out

    def spans(self, pattern: regex.Pattern, text: str, where: str = "") -> list[tuple[int, int]]:
        """The non-empty matches of `pattern` in `text`, or none once its budget is spent."""
        key = pattern.pattern
        if key in self.stopped:
            return []
        self.searched[key] = self.searched.get(key, 0) + len(text)
        left = BUDGET_SECONDS + BUDGET_PER_CHARACTER * self.searched[key] - self.spent.get(key, 0.0)
        start = time.perf_counter()
        try:
            found = [m.span() for m in pattern.finditer(text, timeout=max(left, 0.001)) if m.end() > m.start()]
        except TimeoutError:
            self.stopped[key] = where
            found = []
        self.spent[key] = self.spent.get(key, 0.0) + time.perf_counter() - start
        return found
