"""Regenerate src/deckgen/fonts/symbols.txt: for every character from U+2000 up that the
symbol fonts (`deckgen.layout.glyphs.SYMBOL_FONTS`) have, the first that has it and its
advance width there in ems, so that layout measures symbols the theme fonts lack as they
are drawn.

    .venv/bin/python tools/symbol_widths.py

Needs `fonts-dejavu-core` and `fonts-symbola` (in .ci/debian-packages).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import ImageFont

from deckgen.layout.glyphs import FONTS, cmap

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# each symbol font's files: its widths are the widest of them (a bold run's symbols are
# measured no narrower)
SOURCES = (
    (DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"),
    (Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),),
)
PX = 1000
HEADER = [
    "# Advance widths (ems) of the symbol fonts for the characters theme fonts lack:",
    "# code point, width, font (0 DejaVu Sans, 1 Symbola); made by tools/symbol_widths.py.",
    "# DejaVu: Bitstream Vera license, DejaVu changes public domain. Symbola: free use.",
]


def main() -> None:
    widths: dict[int, tuple[float, int]] = {}
    for index, files in enumerate(SOURCES):
        fonts = [ImageFont.truetype(str(f), PX) for f in files]
        codes = set.intersection(*(set(cmap(f)) for f in files))
        for code in sorted(c for c in codes if c >= 0x2000 and not 0xD800 <= c < 0xF900):
            # symbols, punctuation and numbers only: no letters, marks or joiners
            if code in widths or unicodedata.category(chr(code))[0] not in "SPN":
                continue
            try:
                width = max(font.getlength(chr(code)) for font in fonts) / PX
            except RuntimeError:  # a mark that cannot be shaped alone
                continue
            widths[code] = (width, index)
    lines = [f"{code:04X} {w:.3f} {i}" for code, (w, i) in sorted(widths.items())]
    (FONTS / "symbols.txt").write_text("\n".join(HEADER + lines) + "\n", encoding="ascii")
    print(f"{len(lines)} widths")


if __name__ == "__main__":
    main()
