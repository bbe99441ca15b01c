"""Font metrics from font files shipped inside deckgen, so fitting is the same everywhere.

A deck names common fonts (Calibri, Arial, Courier New); we measure with their
metric-compatible free twins (Carlito, Liberation), which is also what
LibreOffice draws with when the originals are absent.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from PIL import ImageFont

_MEASURE_PX = 200  # fonts are measured at this pixel size, then scaled
_FONTS = Path(__file__).resolve().parent.parent / "fonts"  # the package's font files

FAMILIES = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "courier new": "LiberationMono",
    "liberation mono": "LiberationMono",
}


def known(family: str) -> bool:
    """True when deckgen ships metrics for `family`."""
    return family.lower() in FAMILIES


class Face:
    """A shipped font at one weight, with the width of every text measured in it so far:
    a deck measures the same words again and again (at each size fitting tries, in each
    title and bullet), and Pillow's `getlength` is the costly part of layout."""

    _LIMIT = 200_000  # texts remembered; then the memo starts again (bounded memory)

    def __init__(self, family: str, bold: bool) -> None:
        name = f"{FAMILIES[family]}-{'Bold' if bold else 'Regular'}.ttf"
        self.font = ImageFont.truetype(str(_FONTS / name), _MEASURE_PX)
        self._widths: dict[str, float] = {}

    def width_em(self, text: str) -> float:
        """Width of `text` (no line breaks) in ems."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= self._LIMIT:
                self._widths.clear()
            width = self._widths[text] = self._measure(text)
        return width

    def _measure(self, text: str) -> float:
        if text.isascii():  # every ASCII character is drawn by the font itself
            return self.font.getlength(text) / _MEASURE_PX if text else 0.0
        covered = "".join(ch for ch in text if _covered(ch))
        width = self.font.getlength(covered) / _MEASURE_PX if covered else 0.0
        # glyphs the font lacks come from a fallback font (CJK, emoji): count them wide
        width += sum(_fallback_em(ch) for ch in text if not _covered(ch))
        return width


def face(family: str, bold: bool = False) -> Face:
    """The measuring face of `family` (any case) at that weight, loaded once."""
    return _face(family.lower(), bold)


@cache
def _face(family: str, bold: bool) -> Face:
    return Face(family, bold)


@cache
def line_height(family: str) -> float:
    """Height of one line, in ems: ascent plus descent, and the 22 % line gap of Calibri."""
    ascent, descent = face(family).font.getmetrics()
    return max(1.22, (ascent + descent) / _MEASURE_PX)


def text_width(text: str, family: str, size_pt: float, bold: bool = False) -> float:
    """Width of `text` set in `family` at `size_pt`, in points."""
    # a line break inside a paragraph is drawn as a space (render/slide_xml.py)
    return face(family, bold).width_em(text.replace("\n", " ")) * size_pt


def _covered(ch: str) -> bool:
    """Characters the shipped Latin fonts draw (wide East Asian ones come from fallbacks)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return False
    return ord(ch) < 0x2000 or 0x2010 <= ord(ch) <= 0x2044 or ch in "€™•→←"


def _fallback_em(ch: str) -> float:
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.3 if unicodedata.category(ch) == "So" else 1.0
    return 0.8
