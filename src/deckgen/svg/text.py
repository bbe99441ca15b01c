"""Text boxes set line by line, as LibreOffice and PowerPoint set the deck's text.

The layout measures text conservatively (`layout/fit.py` keeps 5 % spare width and
counts 1.22 em a line); an office program then breaks each paragraph greedily at the
full width of the box (less 0.15 %). `breaking.py` breaks lines the same way, with the same font
metrics (`layout/fonts.py`), and this module places them as LibreOffice does for the proportional
line spacing the deck writes: a line is 1.2 em of its largest run times the spacing,
its baseline 0.2 em above its bottom, and the space before the first paragraph of a
box is not added. In table cells LibreOffice uses the fonts' own ascent and descent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from PIL import ImageFont

from deckgen.layout.agenda import NUMBER_HANG
from deckgen.layout.fit import INSET_X, INSET_Y
from deckgen.layout.fonts import FAMILIES
from deckgen.layout.page import Anchor, Para, Rect
from deckgen.svg.breaking import Piece, Row, break_lines, width

LINE_EM = 1.2  # line pitch at 100 % spacing, in ems of the line's largest run
DESCENT_EM = 0.2  # from the baseline to the bottom of the line
CONTINUED_EM = 1.0  # the pitch of the further lines of a hyperlink wider than its box
EMPTY_SIZE = 12.0  # an empty paragraph is one line of this size (the deck's endParaRPr)
HANG = 0.32 * 72  # room for a bullet left of the text, in points (render/slide_xml.py)
BULLET_RISE_EM = 0.053  # LibreOffice draws a bullet this much above its line's baseline
_METRICS_PX = 2048  # the fonts' units per em: their metrics read exactly


@dataclass(frozen=True)
class Bullet:
    """A paragraph's bullet, drawn left of its first line."""

    char: str
    color: str
    x: float
    baseline: float


@dataclass(frozen=True)
class Line:
    """One line of text: its pieces, where it starts and its baseline, in points."""

    pieces: tuple[Piece, ...]
    x: float
    baseline: float
    width: float  # without trailing spaces
    size: float  # the largest run's size
    bullet: Bullet | None = None  # on the first line of a bulleted paragraph


def set_box(
    rect: Rect,
    paras: Sequence[Para],
    anchor: Anchor = "top",
    cell: bool = False,
    wrap: bool = True,
) -> list[Line]:
    """The lines of a text box (or, `cell`, of a table cell) with its insets, placed on
    the slide; a box that does not `wrap` breaks no line."""
    inner = rect.inset(INSET_X, INSET_Y)
    width = inner.w if wrap else math.inf
    broken = [(p, break_lines(p, width - p.indent)) for p in paras]
    height = sum(_para_height(p, lines, n == 0, cell) for n, (p, lines) in enumerate(broken))
    top = {
        "top": inner.y,
        "middle": inner.y + (inner.h - height) / 2,
        "bottom": inner.bottom - height,
    }
    y = top[anchor]
    out: list[Line] = []
    for n, (para, lines) in enumerate(broken):
        y += para.space_before if n else 0.0
        for i, row in enumerate(lines):
            pitch, descent = _line_metrics(row, cell)
            y += pitch * para.line_spacing
            out.append(_placed(para, row.pieces, inner, y - descent, first=i == 0))
    return out


def _para_height(para: Para, lines: list[Row], first: bool, cell: bool) -> float:
    pitch = sum(_line_metrics(row, cell)[0] * para.line_spacing for row in lines)
    return pitch + (0.0 if first else para.space_before)


def _line_metrics(row: Row, cell: bool) -> tuple[float, float]:
    """The height of a line at 100 % spacing and its part below the baseline, in points."""
    size = _size(row.pieces)
    if row.continued:
        return CONTINUED_EM * size, DESCENT_EM * size
    if not row.pieces:
        return LINE_EM * size, DESCENT_EM * size
    if not cell:
        # a line holding a link (a field in LibreOffice) is as deep as its font is tall
        # (when taller than 1.2 em): the lines after it sit lower, the line itself does not
        extra = 0.0
        if any(p.run.url for p in row.pieces):
            ascent, descent = font_metrics(row.pieces[0].run.font, row.pieces[0].run.bold)
            extra = max(0.0, ascent + descent - LINE_EM) * size
        return LINE_EM * size + extra, DESCENT_EM * size + extra
    largest = max(row.pieces, key=lambda p: p.run.size).run
    ascent, descent = font_metrics(largest.font, largest.bold)
    return (ascent + descent) * size, descent * size


@cache
def font_metrics(family: str, bold: bool) -> tuple[float, float]:
    """The ascent and descent of `family` (its metric twin's font file), in ems."""
    stem = FAMILIES.get(family.lower(), "Carlito")
    name = f"{stem}-{'Bold' if bold else 'Regular'}.ttf"
    with resources.as_file(resources.files("deckgen.fonts").joinpath(name)) as path:
        ascent, descent = ImageFont.truetype(str(path), _METRICS_PX).getmetrics()
    return ascent / _METRICS_PX, descent / _METRICS_PX


def _size(pieces: Sequence[Piece]) -> float:
    return max((p.run.size for p in pieces), default=EMPTY_SIZE)


def _placed(para: Para, pieces: list[Piece], inner: Rect, baseline: float, first: bool) -> Line:
    width = _visible_width(pieces)
    room = inner.w - para.indent
    shift = {"left": 0.0, "center": (room - width) / 2, "right": room - width}[para.align]
    x = inner.x + para.indent + shift
    size = _size(pieces)
    bullet = None
    if first and para.number is not None:  # the agenda's numbers hang further out
        left = inner.x + para.indent - NUMBER_HANG
        bullet = Bullet(f"{para.number}.", para.bullet_color or "000000", left, baseline)
    elif first and para.bullet:
        left = inner.x + para.indent - HANG
        rise = BULLET_RISE_EM * size
        bullet = Bullet(para.bullet, para.bullet_color or "000000", left, baseline - rise)
    return Line(tuple(pieces), x, baseline, width, size, bullet)


def _visible_width(pieces: Sequence[Piece]) -> float:
    """The width of a line without its trailing spaces (they hang past the margin)."""
    for piece in reversed(pieces):
        bare = piece.text.rstrip()
        if bare:
            return piece.x + width(bare, piece.run)
    return 0.0
