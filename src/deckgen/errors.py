"""One error family: every user-facing problem is a `Problem`, raised in a `DeckgenError`."""

from __future__ import annotations

import re
from enum import IntEnum
from functools import cache
from typing import NamedTuple

from deckgen.record import Record
from deckgen.text_rules import FORBIDDEN_CHARS

# characters a message must not print as they are: controls (line breaks and tabs too: a
# problem is one line), lone surrogates and non-characters (not encodable), and the
# invisible direction marks and overrides (they reorder what a terminal shows)
_UNSAFE = f"[{FORBIDDEN_CHARS}\t\n\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: unsafe characters become escapes
    (`\\n`, `\\x1b`, `\\ud800`, `\\u202e`)."""
    return _unsafe().sub(_escape, text)


@cache
def _unsafe() -> re.Pattern[str]:
    """`_UNSAFE` compiled, when a first message is made (compiling its class of thousands
    of characters costs more than a `deckgen validate` of a valid recap spends on it)."""
    return re.compile(_UNSAFE)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class ExitStatus(IntEnum):
    """The documented exit statuses of the command line."""

    OK = 0
    INVALID = 1  # a recap or theme is invalid, or a build failed
    USAGE = 2  # wrong usage of the command line
    BUG = 3  # an internal error: a bug in deckgen, not the user's mistake


class Position(NamedTuple):
    """Where a value stands in a source file (1-based line and column)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return printable(self.file)
        return f"{printable(self.file)}:{self.line}:{self.col}"


class Problem(Record):
    """One error or warning about an input, with its position and data path.

    The message and path are made printable (see `printable`): they quote the input,
    which may hold anything, and must neither break the one-line format nor send
    escape sequences to a terminal.
    """

    __slots__ = ("position", "message", "path", "severity")  # noqa: RUF023 (in order)
    position: Position
    message: str
    path: str
    severity: str  # "error" or "warning"

    def __init__(
        self, position: Position, message: str, path: str = "", severity: str = "error"
    ) -> None:
        self.position, self.severity = position, severity
        self.message, self.path = printable(message), printable(path)

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
