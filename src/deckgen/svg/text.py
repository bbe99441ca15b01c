"""Text boxes set line by line, as LibreOffice and PowerPoint set the deck's text.

The layout measures text conservatively (`layout/fit.py` keeps 5 % spare width and
counts 1.22 em a line); an office program then breaks each paragraph greedily at the
full width of the box. This module breaks lines the same way, with the same font
metrics (`layout/fonts.py`), and places them as LibreOffice does for the proportional
line spacing the deck writes: a line is 1.2 em of its largest run times the spacing,
its baseline 0.2 em above its bottom, and the space before the first paragraph of a
box is not added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from deckgen.layout.fit import INSET_X, INSET_Y
from deckgen.layout.fonts import text_width
from deckgen.layout.page import Anchor, Para, Rect, Run

LINE_EM = 1.2  # line pitch at 100 % spacing, in ems of the line's largest run
DESCENT_EM = 0.2  # from the baseline to the bottom of the line
EMPTY_SIZE = 12.0  # an empty paragraph is one line of this size (the deck's endParaRPr)
HANG = 0.32 * 72  # room for a bullet left of the text, in points (render/slide_xml.py)
_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """Part of a run on one line, `x` points from the start of the line."""

    run: Run
    text: str
    x: float
    width: float


@dataclass(frozen=True)
class Line:
    """One line of text: its pieces, where it starts and its baseline, in points."""

    pieces: tuple[Piece, ...]
    x: float
    baseline: float
    width: float  # without trailing spaces
    size: float  # the largest run's size
    bullet: tuple[str, str, float] | None = None  # (character, colour, x) on a first line

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def set_box(rect: Rect, paras: Sequence[Para], anchor: Anchor = "top") -> list[Line]:
    """The lines of a text box (or table cell) with its insets, placed on the slide."""
    inner = rect.inset(INSET_X, INSET_Y)
    broken = [(p, _break(p, inner.w - p.indent)) for p in paras]
    height = sum(_para_height(p, lines, n == 0) for n, (p, lines) in enumerate(broken))
    top = {
        "top": inner.y,
        "middle": inner.y + (inner.h - height) / 2,
        "bottom": inner.bottom - height,
    }
    y = top[anchor]
    out: list[Line] = []
    for n, (para, lines) in enumerate(broken):
        y += para.space_before if n else 0.0
        for i, pieces in enumerate(lines):
            size = _size(pieces)
            y += LINE_EM * size * para.line_spacing
            out.append(_placed(para, pieces, inner, y - DESCENT_EM * size, first=i == 0))
    return out


def _para_height(para: Para, lines: list[list[Piece]], first: bool) -> float:
    pitch = sum(LINE_EM * _size(pieces) * para.line_spacing for pieces in lines)
    return pitch + (0.0 if first else para.space_before)


def _size(pieces: Sequence[Piece]) -> float:
    return max((p.run.size for p in pieces), default=EMPTY_SIZE)


def _placed(para: Para, pieces: list[Piece], inner: Rect, baseline: float, first: bool) -> Line:
    width = _visible_width(pieces)
    room = inner.w - para.indent
    shift = {"left": 0.0, "center": (room - width) / 2, "right": room - width}[para.align]
    x = inner.x + para.indent + shift
    bullet = None
    if first and para.bullet:
        bullet = (para.bullet, para.bullet_color or "000000", inner.x + para.indent - HANG)
    return Line(tuple(pieces), x, baseline, width, _size(pieces), bullet)


def _visible_width(pieces: Sequence[Piece]) -> float:
    """The width of a line without its trailing spaces (they hang past the margin)."""
    for piece in reversed(pieces):
        bare = piece.text.rstrip()
        if bare:
            return piece.x + _width(bare, piece.run)
    return 0.0


def _break(para: Para, width: float) -> list[list[Piece]]:
    """Greedy line breaking at word boundaries; a word wider than a line starts a line
    of its own and breaks anywhere."""
    lines: list[list[Piece]] = [[]]
    used = 0.0
    for run, word in _words(para.runs):
        bare = _width(word.rstrip(), run)
        if used > 0 and used + bare > width:
            lines.append([])
            used = 0.0
        if used + bare <= width:
            used = _add(lines[-1], run, word, used)
            continue
        for n, chunk in enumerate(_chunks(word, run, width)):
            if n:
                lines.append([])
            used = _add(lines[-1], run, chunk, 0.0 if n else used)
    return lines


def _chunks(word: str, run: Run, width: float) -> Iterator[str]:
    """`word` cut into pieces that each fill a line `width` points wide."""
    piece = ""
    for ch in word:
        if piece and _width(piece + ch, run) > width:
            yield piece
            piece = ""
        piece += ch
    if piece:
        yield piece


def _add(line: list[Piece], run: Run, text: str, used: float) -> float:
    """Append `text` of `run` at `used` points (joining the line's last piece when it is
    of the same run); the width of the line after it."""
    if line and line[-1].run is run:
        last = line[-1]
        joined = last.text + text
        line[-1] = Piece(run, joined, last.x, _width(joined, run))
    else:
        line.append(Piece(run, text, used, _width(text, run)))
    return line[-1].x + line[-1].width


def _words(runs: Sequence[Run]) -> Iterator[tuple[Run, str]]:
    for run in runs:
        for word in _WORD.findall(run.text.replace("\n", " ")):
            yield run, word


def _width(text: str, run: Run) -> float:
    return text_width(text, run.font, run.size, run.bold)
