"""Which characters a font draws (its cmap), and the symbol font for those it lacks.

A run holding a character its font does not draw (say "❤" in Lato or Calibri) is
drawn by a fallback font the office program picks, often a colour-emoji font that a PDF
export leaves blank. deckgen sets such characters in a symbol font itself: DejaVu Sans
(`fonts-dejavu-core` on Debian), or Symbola (`fonts-symbola`) for the pictographs and
emoji DejaVu lacks, and measures them with their advance widths, kept in
`fonts/symbols.txt` (made by `tools/symbol_widths.py`).
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from pathlib import Path

SYMBOL_FONT = "DejaVu Sans"
SYMBOL_FONTS = (SYMBOL_FONT, "Symbola")  # in the order they are tried
FONTS = Path(__file__).resolve().parent.parent / "fonts"  # the package's font files
_WIDTHS = FONTS / "symbols.txt"  # `codepoint-hex width-em font-index` a line, after `#`s


def cmap(path: Path) -> frozenset[int]:
    """The code points a TrueType font maps to glyphs (its Unicode cmap subtable:
    format 4 for the Basic Multilingual Plane, or format 12)."""
    return _cmap(str(path))


@cache
def _cmap(path: str) -> frozenset[int]:
    data = Path(path).read_bytes()
    tables = struct.unpack_from(">H", data, 4)[0]
    offset = next(
        struct.unpack_from(">I", data, 12 + 16 * i + 8)[0]
        for i in range(tables)
        if data[12 + 16 * i : 16 + 16 * i] == b"cmap"
    )
    count = struct.unpack_from(">H", data, offset + 2)[0]
    best: dict[int, int] = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4)):
            form = struct.unpack_from(">H", data, offset + sub)[0]
            best[form] = offset + sub
    if 12 in best:
        return _format12(data, best[12])
    return _format4(data, best[4])


def _format4(data: bytes, at: int) -> frozenset[int]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, ranges_at)
    out: set[int] = set()
    for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if offsets[n] == 0:
                glyph = (code + deltas[n]) & 0xFFFF
            else:
                where = ranges_at + 2 * n + offsets[n] + 2 * (code - start)
                glyph = struct.unpack_from(">H", data, where)[0]
            if glyph:
                out.add(code)
    return frozenset(out)


def _format12(data: bytes, at: int) -> frozenset[int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out: set[int] = set()
    for n in range(groups):
        start, end, _ = struct.unpack_from(">III", data, at + 16 + 12 * n)
        out.update(range(start, end + 1))
    return frozenset(out)


@cache
def symbol_widths() -> dict[str, tuple[str, float]]:
    """The symbol font of every character the symbol fonts have outside the Latin
    blocks, and its advance width there in ems."""
    out = {}
    for line in _WIDTHS.read_text(encoding="ascii").splitlines():
        if line.startswith("#"):
            continue
        code, width, font = line.split()
        out[chr(int(code, 16))] = (SYMBOL_FONTS[int(font)], float(width))
    return out


def symbol_font(ch: str, drawn: frozenset[int]) -> str | None:
    """The symbol font for a character that a font drawing `drawn` lacks, or None (a
    character it has, or one for the East Asian font: wide, and not a pictograph)."""
    if ord(ch) in drawn:
        return None
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    if wide and unicodedata.category(ch) != "So":
        return None
    found = symbol_widths().get(ch)
    return found[0] if found else None


def segments(text: str, drawn: frozenset[int], font: str) -> list[tuple[str, str]]:
    """`text` cut where it passes between characters a font drawing `drawn` has and those
    only a symbol font has: (text, font) pairs, `font` or one of `SYMBOL_FONTS`."""
    if text.isascii():
        return [(text, font)]
    out: list[tuple[str, str]] = []
    for ch in text:
        wanted = symbol_font(ch, drawn) or font
        joins = bool(out) and unicodedata.category(ch) in ("Mn", "Me", "Cf")  # a mark, a selector
        if out and (out[-1][1] == wanted or joins):
            wanted = out[-1][1]
            out[-1] = (out[-1][0] + ch, wanted)
        else:
            out.append((ch, wanted))
    return out
