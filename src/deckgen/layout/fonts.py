"""Font metrics from font files shipped inside deckgen, so fitting is the same everywhere.

A deck names common fonts (Calibri, Arial, Courier New); we measure with their
metric-compatible free twins (Carlito, Liberation), which is also what
LibreOffice draws with when the originals are absent.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from PIL import ImageFont

_MEASURE_PX = 200  # fonts are measured at this pixel size, then scaled

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


@cache
def _font(family: str, bold: bool) -> ImageFont.FreeTypeFont:
    stem = FAMILIES[family.lower()]
    name = f"{stem}-{'Bold' if bold else 'Regular'}.ttf"
    with resources.as_file(resources.files("deckgen.fonts").joinpath(name)) as path:
        return ImageFont.truetype(str(path), _MEASURE_PX)


@cache
def line_height(family: str) -> float:
    """Height of one line, in ems: ascent plus descent, and the 22 % line gap of Calibri."""
    ascent, descent = _font(family, False).getmetrics()
    return max(1.22, (ascent + descent) / _MEASURE_PX)


def text_width(text: str, family: str, size_pt: float, bold: bool = False) -> float:
    """Width of `text` set in `family` at `size_pt`, in points."""
    # a line break inside a paragraph is drawn as a space (render/slide_xml.py)
    return _width_em(text.replace("\n", " "), family.lower(), bold) * size_pt


@cache
def _width_em(text: str, family: str, bold: bool) -> float:
    font = _font(family, bold)
    covered = "".join(ch for ch in text if _covered(ch))
    width = font.getlength(covered) / _MEASURE_PX if covered else 0.0
    # glyphs the font lacks come from a fallback font (CJK, emoji): count them wide
    width += sum(_fallback_em(ch) for ch in text if not _covered(ch))
    return width


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
