"""Text lines of a slide's SVG, and the same lines in LibreOffice's PDF of the deck.

An SVG line is a `<text>` element: its baseline is its `y`, it starts where its first
visible character is drawn and ends after its last one (widths from deckgen's metrics,
the ones the layout measures with). In the PDF the same line is the run of words, in
drawing order (`pdftotext -raw -bbox`), with the same text on one baseline: pdftotext
boxes every word from 0.95 em above its baseline to 0.35 em below (LibreOffice writes
no ascent or descent for its fonts, and these are poppler's defaults), so a word's
baseline is 0.35/1.3 of its box's height above its bottom.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from tests.support.render import Word

from deckgen.layout.fonts import text_width

SVG = "{http://www.w3.org/2000/svg}"
_BELOW = 0.35 / 1.3  # of a pdftotext box, below the baseline


@dataclass(frozen=True)
class Line:
    """A line of text: its words, left and right ends and baseline, in points; a bullet's
    right end is not compared (deckgen measures no bullet font)."""

    words: tuple[str, ...]
    x0: float
    x1: float
    baseline: float
    size: float
    bullet: bool = False
    italic: bool = False

    @property
    def key(self) -> str:
        return squash("".join(self.words))

    @property
    def right_measured(self) -> bool:
        """Whether deckgen measures where the line ends: not for a bullet, nor for a
        line with an emoji (its width is a guess)."""
        symbol = any(unicodedata.category(ch) == "So" for word in self.words for ch in word)
        return not (self.bullet or symbol)


def squash(text: str) -> str:
    """Text without spaces and symbols (LibreOffice draws emoji with a fallback font
    after the rest of the line, and 7.4 exports colour emoji blank)."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "So")


def svg_lines(svg: str) -> list[Line]:
    """Every non-blank `<text>` of an SVG slide as a line."""
    out = []
    for text in etree.fromstring(svg.encode()).iter(f"{SVG}text"):
        spans = [s for s in text.iter(f"{SVG}tspan")] or [text]
        pieces = [(s, s.text or "") for s in spans]
        words = tuple("".join(t for _, t in pieces).split())
        if not squash("".join(words)):
            continue
        first, first_text = next((s, t) for s, t in pieces if t.strip())
        last, last_text = next((s, t) for s, t in reversed(pieces) if t.strip())
        lead = first_text[: len(first_text) - len(first_text.lstrip())]
        x0 = float(first.get("x", "0")) + _width(lead, first)
        x1 = float(last.get("x", "0")) + _width(last_text.rstrip(), last)
        size = max(float(s.get("font-size", "0")) for s, _ in pieces)
        bullet = text.get("class") == "bullet"
        italic = any(s.get("font-style") == "italic" for s, _ in pieces)
        out.append(Line(words, x0, x1, float(text.get("y", "0")), size, bullet, italic))
    return out


def _width(text: str, span: etree._Element) -> float:
    family = span.get("font-family", "").split(",")[0].strip(" '")
    bold, italic = bool(span.get("font-weight")), span.get("font-style") == "italic"
    return text_width(text, family, float(span.get("font-size", "0")), bold, italic)


def pdf_line(line: Line, words: Sequence[Word], used: set[int]) -> Line | None:
    """The words of `words` (not in `used`) that draw `line`: consecutive, the same text
    (`squash`ed), on one baseline; the closest such run to where the SVG draws it, which
    is marked used."""
    best: tuple[float, int, int] | None = None
    for start in range(len(words)):
        end = _run_of(line, words, start, used)
        if end is None:
            continue
        distance = abs(words[start].x0 - line.x0) + abs(_baseline(words[start]) - line.baseline)
        if best is None or distance < best[0]:
            best = (distance, start, end)
    if best is None:
        return None
    run = words[best[1] : best[2]]
    used.update(range(best[1], best[2]))
    size = max(w.height for w in run) / 1.3
    x0, x1 = min(w.x0 for w in run), max(w.x1 for w in run)
    return Line(line.words, x0, x1, _baseline(run[0]), size, line.bullet, line.italic)


def _run_of(line: Line, words: Sequence[Word], start: int, used: set[int]) -> int | None:
    """Where the run of words from `start` that spells `line` ends, if one does."""
    text, end = "", start
    while len(text) < len(line.key) and end < len(words) and end not in used:
        text += squash(words[end].text)
        end += 1
    if text != line.key or end == start:
        return None
    baselines = [_baseline(w) for w in words[start:end] if squash(w.text)]
    if max(baselines) - min(baselines) > 0.25 * line.size:
        return None
    return end


def _baseline(word: Word) -> float:
    return word.y1 - _BELOW * word.height


def deviation(a: Line, b: Line) -> float:
    """How far apart two placements of a line are: the largest difference of their left
    ends, right ends (where measured) and baselines, in points."""
    right = abs(a.x1 - b.x1) if a.right_measured else 0.0
    return max(abs(a.x0 - b.x0), right, abs(a.baseline - b.baseline))
