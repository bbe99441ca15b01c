"""One error family: every user-facing problem is a `Problem`, raised in a `DeckgenError`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    """The documented exit statuses of the command line."""

    OK = 0
    INVALID = 1  # a recap or theme is invalid, or a build failed
    USAGE = 2  # wrong usage of the command line
    BUG = 3  # an internal error: a bug in deckgen, not the user's mistake


@dataclass(frozen=True, order=True)
class Position:
    """Where a value stands in a source file (1-based line and column)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One error or warning about an input, with its position and data path."""

    position: Position
    message: str
    path: str = ""
    severity: str = "error"  # or "warning"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line, column, then message."""
        p = self.position
        return (p.file, p.line, p.col, self.message)

    def __str__(self) -> str:
        path = f"{self.path}: " if self.path else ""
        return f"{self.position}: {self.severity}: {path}{self.message}"


class DeckgenError(Exception):
    """Base of every error deckgen reports to the user (exit status 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[DeckgenError], tuple[list[Problem]]]:
        return (type(self), (self.problems,))  # crosses process boundaries (parallel builds)


class RecapError(DeckgenError):
    """A recap file (or a file it includes) is invalid."""


class ThemeError(DeckgenError):
    """A theme is invalid or cannot be found."""


class BuildError(DeckgenError):
    """A deck could not be written."""


def fail(cls: type[DeckgenError], position: Position, message: str, path: str = "") -> DeckgenError:
    """Build an error of `cls` holding a single problem (to be raised by the caller)."""
    return cls([Problem(position, message, path)])
