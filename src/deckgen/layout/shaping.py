"""Text widths shaped with HarfBuzz, run by run as LibreOffice shapes them.

One engine of our own (uharfbuzz, HarfBuzz's Python binding) rather than Pillow's:
Pillow measures with raqm only when it was built with it, falls back to unshaped widths
when not, and builds a HarfBuzz font anew for every text it measures.

LibreOffice cuts a paragraph's text into script runs before shaping (vcl's `ScriptRun`,
taken from ICU): characters of no script of their own (spaces, digits, punctuation,
combining marks) join the run they are in, and a closing bracket or quote takes the run of
its opening one. Each run is shaped with its own script and direction, in the deck's
language (runs are written `lang="en-US"`), so the widths do not hang on the locale.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import uharfbuzz as hb

LANGUAGE = "en-US"  # the language every run of the deck is written in (render/slide_xml.py)
# paired punctuation, opening then closing, as LibreOffice's `ScriptRun` pairs it
_PAIRED = "()<>[]{}«»‘’“”‹›〈〉《》「」『』【】〔〕〖〗〘〙〚〛"
_PAIR = {ch: n for n, ch in enumerate(_PAIRED)}  # even: opening, odd: closing


class Shaper:
    """One font file made into a HarfBuzz font once, measuring in units of `scale`."""

    def __init__(self, path: Path, scale: int) -> None:
        self.font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
        self.font.scale = (scale, scale)

    def advance(self, text: str) -> int:
        """The advance of `text`, in the font's scale, summed over its script runs."""
        if not text:
            return 0  # (HarfBuzz gives no glyph positions at all)
        if text.isascii():  # Latin letters among characters of no script: one run
            return self._shaped(text)
        return sum(self._shaped(run) for run in script_runs(text))

    def extents(self) -> tuple[int, int]:
        """Ascent and descent (positive), in the font's scale."""
        extents = self.font.get_font_extents("ltr")
        return int(extents.ascender), -int(extents.descender)

    def _shaped(self, run: str) -> int:
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()  # script and direction from the run's letters
        buf.language = LANGUAGE
        hb.shape(self.font, buf)
        advance: int = sum(p.x_advance for p in buf.glyph_positions)
        return advance


def script_runs(text: str) -> list[str]:
    """`text` cut where its script changes; characters of no script never start a run."""
    out: list[str] = []
    start, current = 0, None
    opened: list[tuple[int, str | None]] = []  # (pair index, script) of open brackets
    for i, ch in enumerate(text):
        found, pair = script(ch), _PAIR.get(ch, -1)
        if pair >= 0 and pair % 2 == 0:
            opened.append((pair, current))
        elif pair >= 0:
            while opened and opened[-1][0] != pair - 1:
                opened.pop()  # brackets opened inside and never closed
            found = opened[-1][1] if opened else found
        if found is not None and found != current:
            if current is not None:
                out.append(text[start:i])
                start = i
            # a run's first script is also that of the brackets opened before it
            opened = [(n, was or found) for n, was in opened]
            current = found
        if pair >= 0 and pair % 2 and opened:
            opened.pop()
    out.append(text[start:])
    return out


@cache
def script(ch: str) -> str | None:
    """The ISO 15924 script of a character (`Latn`), None for characters of none."""
    buf = hb.Buffer()
    buf.add_str(ch)
    buf.guess_segment_properties()
    found = buf.script
    return str(found) if found else None
