"""Regenerate src/deckgen/fonts/symbols.txt: the advance widths of DejaVu Sans (the
symbol font, `deckgen.layout.glyphs.SYMBOL_FONT`) for its characters from U+2000 up,
in ems, so that layout measures symbols the theme fonts lack as they are drawn.

    .venv/bin/python tools/symbol_widths.py

Needs `fonts-dejavu-core` (in .ci/debian-packages).
"""

from __future__ import annotations

from pathlib import Path

from PIL import ImageFont

from deckgen.layout.glyphs import FONTS, cmap

SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
PX = 1000


def main() -> None:
    regular, bold = ImageFont.truetype(str(SOURCE), PX), ImageFont.truetype(str(BOLD), PX)
    both = cmap(SOURCE) & cmap(BOLD)
    lines = []
    for code in sorted(c for c in both if 0x2000 <= c < 0xD800):  # no surrogates, no PUA
        try:  # the wider of the two weights: a bold run's symbols measured no narrower
            width = max(regular.getlength(chr(code)), bold.getlength(chr(code))) / PX
        except RuntimeError:  # a mark that cannot be shaped alone
            continue
        lines.append(f"{code:04X} {width:.3f}")
    header = [
        "# Advance widths (ems) of DejaVu Sans, the larger of Regular and Bold, for the",
        "# symbols theme fonts lack; made by tools/symbol_widths.py. DejaVu fonts:",
        "# Bitstream Vera license, DejaVu changes in the public domain.",
    ]
    text = "\n".join(header + lines) + "\n"
    (FONTS / "symbols.txt").write_text(text, encoding="ascii")
    print(f"{len(lines)} widths")


if __name__ == "__main__":
    main()
