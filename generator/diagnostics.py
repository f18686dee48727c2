"""One collector for every stage's diagnostics, printed as `path:line: level: message [code]`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

INFO, WARNING, ERROR = "info", "warning", "error"
_RANK = {INFO: 0, WARNING: 1, ERROR: 2}
# Said of the build, not of a file (the cache folder is one, so is its trouble): a report says each of these
# once, whichever part says it first, and takes none again from a reading worker's report.
ONCE_A_BUILD = frozenset({"cache.unwritable"})


def covers(pattern: str, code: str) -> bool:
    """Whether an `acknowledge:` entry covers a code: the code itself, or its whole family (`clean.*`)."""
    return code.startswith(pattern[:-1]) if pattern.endswith(".*") else code == pattern


def _covered(code: str, patterns: frozenset[str] | tuple[str, ...]) -> bool:
    return any(covers(pattern, code) for pattern in patterns)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    level: str
    message: str
    code: str
    acknowledged: bool = False  # downgraded to info by the file's front matter

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        note = " (acknowledged)" if self.acknowledged else ""
        return f"{where}: {self.level}: {self.message}{note} [{self.code}]"


@dataclass
class Report:
    """Collects diagnostics; never raises, so a run reports everything before it fails."""

    root: Path | None = None  # paths are shown relative to this, as a publisher typed them
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _acknowledged: dict[str, frozenset[str]] = field(default_factory=dict)
    # Which of ONCE_A_BUILD were said; not copied by `replace`, as a scratch report has said nothing yet.
    _said_once: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def acknowledge(self, path: Path | str, codes: list[str] | tuple[str, ...]) -> None:
        """A publisher accepted these codes for one file: report them at info level from now on."""
        shown = self._show(path)
        self._acknowledged[shown] = frozenset(codes)
        if not codes:
            return  # most files accept nothing: no look through the build's diagnostics for each of them
        # What was said before the front matter could be read (how the file was decoded) counts too.
        self.diagnostics = [
            replace(d, level=INFO, acknowledged=True) if d.path == shown and d.level == WARNING and _covered(d.code, codes)
            else d
            for d in self.diagnostics
        ]

    def acknowledged(self, path: Path | str) -> frozenset[str]:
        """The codes one file's front matter accepted."""
        return self._acknowledged.get(self._show(path), frozenset())

    def add(self, level: str, path: Path | str, line: int, message: str, code: str) -> Diagnostic:
        if code in ONCE_A_BUILD:
            if self._has_said(code):
                return next(d for d in self.diagnostics if d.code == code)
            self._said_once.add(code)
        shown = self._show(path)
        acknowledged = level == WARNING and _covered(code, self._acknowledged.get(shown, ()))
        diagnostic = Diagnostic(shown, line, INFO if acknowledged else level, message, code, acknowledged)
        self.diagnostics.append(diagnostic)  # not by `take`: whether it was said is known already
        return diagnostic

    def info(self, path: Path | str, line: int, message: str, code: str) -> Diagnostic:
        return self.add(INFO, path, line, message, code)

    def warning(self, path: Path | str, line: int, message: str, code: str) -> Diagnostic:
        return self.add(WARNING, path, line, message, code)

    def error(self, path: Path | str, line: int, message: str, code: str) -> Diagnostic:
        return self.add(ERROR, path, line, message, code)

    def take(self, said: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        """Another report's diagnostics (a reading worker's, a scratch report's), in order, less those of
        ONCE_A_BUILD this report has said already."""
        for diagnostic in said:
            if diagnostic.code in ONCE_A_BUILD:
                if self._has_said(diagnostic.code):
                    continue
                self._said_once.add(diagnostic.code)
            self.diagnostics.append(diagnostic)

    def _has_said(self, code: str) -> bool:
        """Whether a code of ONCE_A_BUILD was said, also when it came in by `diagnostics.extend`; the
        diagnostics are looked through only until it is said."""
        if code not in self._said_once and any(d.code == code for d in self.diagnostics):
            self._said_once.add(code)
        return code in self._said_once

    def at_least(self, level: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if _RANK[d.level] >= _RANK[level]]

    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]

    def resolve(self, shown: str) -> Path:
        """The file a diagnostic's path names."""
        return (self.root / shown) if self.root is not None and not Path(shown).is_absolute() else Path(shown)

    def show(self, path: Path | str) -> str:
        """A path as diagnostics print it."""
        return self._show(path)

    def _show(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()
