"""Font metrics from font files shipped inside deckgen, so fitting is the same everywhere.

A deck names common fonts (Calibri, Arial, Courier New); we measure with their
metric-compatible free twins (Carlito, Liberation), which is also what
LibreOffice draws with when the originals are absent; Lato (the corporate theme's)
is measured with its own files.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache
from pathlib import Path

from deckgen.layout.glyphs import FONTS as _FONTS
from deckgen.layout.glyphs import cmap, segments, symbol_font, symbol_widths
from deckgen.layout.shaping import Shaper

# fonts are measured at 200 pixels to the em in 1/64 pixels (FreeType's 26.6 units, as
# Pillow measured them before), then scaled
_MEASURE_PX = 200
_UNITS = 64 * _MEASURE_PX

FAMILIES = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "lato": "Lato",
    "courier new": "LiberationMono",
    "liberation mono": "LiberationMono",
}


def known(family: str) -> bool:
    """True when deckgen ships metrics for `family`."""
    return family.lower() in FAMILIES


class Face:
    """A shipped font at one weight, with the width of every text (and word) measured in
    it so far: a deck measures the same words again and again (at each size fitting tries,
    in each title and bullet), and shaping is the costly part of layout."""

    _LIMIT = 200_000  # texts remembered; then the memo starts again (bounded memory)

    def __init__(self, family: str, bold: bool, italic: bool = False) -> None:
        path = _file(FAMILIES[family], bold, italic)
        self.font = Shaper(path, _UNITS)  # made once: shaping reuses it for every text
        self.drawn = cmap(path)  # the characters the font has glyphs for
        self._widths: dict[str, float] = {}
        self._words: dict[str, tuple[float, float]] = {}

    def width_em(self, text: str) -> float:
        """Width of `text` (no line breaks) in ems."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= self._LIMIT:
                self._widths.clear()
            width = self._widths[text] = self._measure(text)
        return width

    def word_em(self, word: str) -> tuple[float, float]:
        """Width of `word` in ems with its trailing space and without (for wrapping)."""
        widths = self._words.get(word)
        if widths is None:
            if len(self._words) >= self._LIMIT:
                self._words.clear()
            widths = self._words[word] = (self.width_em(word), self.width_em(word.rstrip()))
        return widths

    def _measure(self, text: str) -> float:
        # a no-break space is drawn as a space (Carlito has no glyph of its own for it)
        text = text.replace("\u00a0", " ")
        if text.isascii():  # every ASCII character is drawn by the font itself
            return self.font.advance(text) / _UNITS
        covered = "".join(ch for ch in text if _covered(ch, self.drawn))
        width = self.font.advance(covered) / _UNITS
        # glyphs the font lacks come from the symbol font (`layout.glyphs`) or from a
        # fallback font (CJK, emoji): count those wide
        width += sum(_fallback_em(ch, self.drawn) for ch in text if not _covered(ch, self.drawn))
        return width


def _file(stem: str, bold: bool, italic: bool) -> Path:
    """The font file of a weight and slant; upright when no italic is shipped (Carlito's
    and Liberation's italics are as wide as their upright faces, Lato's are not)."""
    weight = "Bold" if bold else ""
    slanted = _FONTS / f"{stem}-{weight}Italic.ttf"
    if italic and slanted.is_file():
        return slanted
    return _FONTS / f"{stem}-{weight or 'Regular'}.ttf"


def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """The measuring face of `family` (any case) at that weight and slant, loaded once."""
    return _face(family.lower(), bold, italic)


@cache
def _face(family: str, bold: bool, italic: bool) -> Face:
    return Face(family, bold, italic)


@cache
def line_height(family: str) -> float:
    """Height of one line, in ems: ascent plus descent, and the 22 % line gap of Calibri."""
    ascent, descent = face(family).font.extents()
    # each rounded outward to whole pixels, as FreeType's (and Pillow's) metrics are
    return max(1.22, (math.ceil(ascent / 64) + math.ceil(descent / 64)) / _MEASURE_PX)


def text_width(
    text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False
) -> float:
    """Width of `text` set in `family` at `size_pt`, in points."""
    # a line break inside a paragraph is drawn as a space (render/slide_xml.py)
    return face(family, bold, italic).width_em(text.replace("\n", " ")) * size_pt


def _covered(ch: str, drawn: frozenset[int]) -> bool:
    """Characters the font draws (wide East Asian ones come from the East Asian font)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return False
    return ord(ch) in drawn


def _fallback_em(ch: str, drawn: frozenset[int]) -> float:
    if symbol_font(ch, drawn):
        return symbol_widths()[ch][1]
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0  # marks, variation selectors, joiners
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.3 if unicodedata.category(ch) == "So" else 1.0
    return 0.8


def font_segments(text: str, family: str) -> list[tuple[str, str]]:
    """`text` as (text, font) pieces: in `family`, and the characters it lacks that a
    symbol font has in that font (see `layout.glyphs`)."""
    if text.isascii() or family.lower() not in FAMILIES:
        return [(text, family)]
    return segments(text, face(family).drawn, family)
