"""Break a paragraph into lines where LibreOffice breaks it.

Lines break greedily at the break opportunities of the Unicode line breaking algorithm
(UAX #14) that matter in slides: after spaces, except before closing punctuation
(`security ...` stays together), after a hyphen between letters (`GPU-` `powered`),
and around East Asian ideographs. A hyperlink is one unit (LibreOffice reads it as a
field). A unit that fills its line to within 0.15 % wraps, as in LibreOffice. A unit
wider than its line starts a line of its own and breaks between characters (spaces hang
past the end of a line).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from deckgen.layout.fonts import text_width
from deckgen.layout.page import Para, Run

# no break before these, even after spaces (UAX #14 classes CL, CP, EX, IS and SY)
_NO_BREAK_BEFORE = frozenset(")]}!,.:;?/")
_CLOSING_WIDE = frozenset("、。，．：；？！）」』】〕〉》ー")
_OPENING_WIDE = frozenset("（「『【〔〈《")
_ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity (UAX #14 class ZW): printed addresses
_NO_BREAK_SPACE = "\u00a0"  # no break after it (UAX #14 class GL): a link's "· host"
_SLACK_EM = 0.05  # LibreOffice leaves this much room at the end of a line broken in a word
# LibreOffice sets a line a little wider than these metrics measure it: a word that
# would leave less spare than this part of the line wraps there
# (measured: words that would leave 0.07 % and 0.10 % spare wrap, 0.20 % and more fit)
_SPARE = 0.0015

Unit = list[tuple[Run, str]]  # text between two break opportunities, by run


@dataclass(frozen=True)
class Piece:
    """Part of a run on one line, `x` points from the start of the line."""

    run: Run
    text: str
    x: float
    width: float


@dataclass
class Row:
    """A line being filled: its pieces, its width so far, and whether it continues a
    hyperlink broken inside (LibreOffice sets those lines closer: see `text.py`)."""

    pieces: list[Piece] = field(default_factory=list)
    used: float = 0.0
    continued: bool = False

    def add(self, run: Run, text: str) -> None:
        """Append `text` of `run`, joining the last piece when it is of the same run."""
        if self.pieces and self.pieces[-1].run is run:
            last = self.pieces.pop()
            x, text = last.x, last.text + text
        else:
            x = self.used
        self.pieces.append(Piece(run, text, x, width(text, run)))
        self.used = x + self.pieces[-1].width


def break_lines(para: Para, room: float) -> list[Row]:
    """The lines of `para` in a column `room` points wide."""
    rows = [Row()]
    for unit in units(para.runs):
        bare = _unit_width(unit, bare=True)
        if rows[-1].pieces and not _fits(rows[-1].used + bare, room):
            rows.append(Row())
        if _fits(rows[-1].used + bare, room):
            for run, text in unit:
                rows[-1].add(run, text)
        else:
            _break_inside(unit, rows, room)
    return rows


def _fits(used: float, room: float) -> bool:
    """Does a line `used` points wide fit `room` as LibreOffice measures it?"""
    return used <= room * (1 - _SPARE)


def _break_inside(unit: Unit, rows: list[Row], room: float) -> None:
    """Fill lines with the characters of a unit too wide for one."""
    chars = [(run, ch) for run, text in unit for ch in text]
    for i, (run, ch) in enumerate(chars):
        row = rows[-1]
        last = row.pieces[-1] if row.pieces and row.pieces[-1].run is run else None
        start = last.x if last else row.used
        trial = start + width((last.text if last else "") + ch, run)
        slack = _SLACK_EM * run.size if i < len(chars) - 1 else 0.0  # none for the last
        if row.pieces and trial + slack > room and not ch.isspace():
            rows.append(Row(continued=run.url is not None))
        rows[-1].add(run, ch)


def units(runs: Sequence[Run]) -> list[Unit]:
    """The text of `runs` cut at its break opportunities (spaces end a unit)."""
    chars = [(run, ch) for run in runs for ch in run.text.replace("\n", " ")]
    text = "".join(ch for _, ch in chars)
    out: list[Unit] = []
    for i, (run, ch) in enumerate(chars):
        inside_link = run.url is not None and i > 0 and chars[i - 1][0] is run
        if not out or (not inside_link and _break_before(text, i)):
            out.append([])
        unit = out[-1]
        if unit and unit[-1][0] is run:
            unit[-1] = (run, unit[-1][1] + ch)
        else:
            unit.append((run, ch))
    return out


def _break_before(text: str, i: int) -> bool:
    """May a line break before `text[i]`?"""
    ch, before = text[i], text[i - 1]
    if ch.isspace():
        return False
    if before == _ZERO_WIDTH_SPACE:
        return True
    if before.isspace() and before != _NO_BREAK_SPACE:
        return ch not in _NO_BREAK_BEFORE
    if before == "-":
        return ch.isalpha() and i >= 2 and text[i - 2].isalpha()
    if ch in _CLOSING_WIDE or ch in _NO_BREAK_BEFORE or before in _OPENING_WIDE:
        return False
    return _wide(ch) or _wide(before)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _unit_width(unit: Unit, bare: bool = False) -> float:
    """A unit's width; `bare`: without its trailing spaces, which may hang past the line's
    end, unless a hyperlink holds them (LibreOffice measures a link field whole)."""
    total = 0.0
    for n, (run, text) in enumerate(unit):
        hangs = bare and n == len(unit) - 1 and run.url is None
        total += width(text.rstrip() if hangs else text, run)
    return total


def width(text: str, run: Run) -> float:
    """The width of `text` set in the font of `run`, in points."""
    return text_width(text, run.font, run.size, run.bold, run.italic)
