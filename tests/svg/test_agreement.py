"""The SVG slides and LibreOffice's rendering of the deck agree, line by line.

For every example recap in every built-in theme, the deck is built and the same recap
rendered as SVG; LibreOffice converts all the decks to PDF in one run. Each text line of
each SVG slide is looked up on the same page of the PDF by its text (see
`agreement.py`), and the two placements are compared:

- the baselines within `BASELINE` points (0.02 in);
- the left and right ends within `EDGE` points plus `SLOPE` of the line's width:
  deckgen measures italic Calibri and Arial with their upright twins (it ships italics
  only of Lato), which are up to 1.1 % wider; the right end of a line with an
  emoji is not compared (an emoji's width is a guess);
- at most `UNMATCHED` of a deck's lines are missing from the PDF with the same words:
  a line that breaks elsewhere in LibreOffice because the widths differ by a fraction
  of a percent (long links broken between characters, italic paragraphs).

Measured with LibreOffice 7.4 (`-s` prints the figures): 3,975 of the 3,977 lines of
the six decks found; the placements differ by 0.16 pt in the median, 0.92 pt at the 95th
percentile, 2.7 pt at most for upright text and 8.0 pt for italic text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support.render import render_pdfs, words_with_boxes
from tests.svg.agreement import Line, deviation, pdf_line, svg_lines

from deckgen.api import build, svg_slides
from deckgen.options import BuildOptions
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = sorted((ROOT / "recaps").glob("*.yaml"))
THEMES = [t.name for t in builtin_themes()]
CASES = [(r, t) for r in RECAPS for t in THEMES]
BASELINE = 1.5
EDGE = 1.5
SLOPE = 0.015
UNMATCHED = 0.01

pytestmark = pytest.mark.integration("soffice", "pdfinfo", "pdftotext")


@dataclass
class Compared:
    """The lines of one deck: (SVG line, PDF line or None, slide number)."""

    pairs: list[tuple[Line, Line | None, int]]


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Compared]:
    folder = tmp_path_factory.mktemp("agreement")
    decks = {}
    for recap, theme in CASES:
        name = f"{recap.stem}-{theme}"
        build(recap, folder / f"{name}.pptx", BuildOptions(theme=theme))
        decks[name] = svg_slides(recap, theme)
    pdfs = render_pdfs([folder / f"{name}.pptx" for name in decks], folder)
    out = {}
    for (name, slides), pdf in zip(decks.items(), pdfs, strict=True):
        pages = words_with_boxes(pdf)
        assert len(pages) == len(slides), f"{name}: {len(pages)} pages, {len(slides)} slides"
        pairs = []
        for slide, words in zip(slides, pages, strict=True):
            used: set[int] = set()
            pairs += [(line, pdf_line(line, words, used), slide.number) for line in
                      svg_lines(slide.svg)]  # fmt: skip
        out[name] = Compared(pairs)
    _print_figures(out)
    return out


def _print_figures(decks: dict[str, Compared]) -> None:
    pairs = [(a, b) for c in decks.values() for a, b, _ in c.pairs if b is not None]
    found = sorted(deviation(a, b) for a, b in pairs)
    upright = sorted(deviation(a, b) for a, b in pairs if not a.italic)
    total = sum(len(c.pairs) for c in decks.values())
    print(
        f"\nSVG/LibreOffice agreement: {len(found)} of {total} lines matched; deviation "
        f"median {statistics.median(found):.2f} pt, 95th percentile "
        f"{found[int(0.95 * len(found))]:.2f} pt, max {found[-1]:.2f} pt "
        f"(upright lines: max {upright[-1]:.2f} pt)"
    )


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=[f"{r.stem}-{t}" for r, t in CASES])
def test_svg_lines_sit_where_libreoffice_draws_them(
    compared: dict[str, Compared], recap: Path, theme: str
) -> None:
    pairs = compared[f"{recap.stem}-{theme}"].pairs
    unmatched = [f"slide {n}: {' '.join(a.words)}" for a, b, n in pairs if b is None]
    assert len(unmatched) <= UNMATCHED * len(pairs), "\n".join(unmatched)
    off = [
        f"slide {n}: {' '.join(a.words)!r}: SVG {_where(a)}, LibreOffice {_where(b)}"
        for a, b, n in pairs
        if b is not None and not _agree(a, b)
    ]
    assert not off, "\n".join(off)


def _agree(svg: Line, pdf: Line) -> bool:
    slack = EDGE + SLOPE * (pdf.x1 - pdf.x0)
    right = not svg.right_measured or abs(svg.x1 - pdf.x1) <= slack
    return abs(svg.baseline - pdf.baseline) <= BASELINE and abs(svg.x0 - pdf.x0) <= slack and right


def _where(line: Line) -> str:
    return f"x {line.x0:.1f}-{line.x1:.1f} baseline {line.baseline:.1f}"
