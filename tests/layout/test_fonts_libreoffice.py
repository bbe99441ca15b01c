"""LibreOffice sets a line as wide as deckgen measures it, brackets and quotes included:
the texts where Pillow with raqm measured otherwise (up to 3.4 pt wider at 100 pt, in
Lato) come out of LibreOffice at deckgen's width now."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Pt
from tests.support.render import render_pdf, words_with_boxes

from deckgen.layout.fonts import text_width

SIZE = 100  # points: a rounding of LibreOffice's is a small part of the width
TEXTS = ["? [a, b]", "[a, b]", '"‘single’', "- [Themes](#themes)", "AVATAR office"]
TOLERANCE = 0.5  # points: LibreOffice places glyphs on its own grid (0.1-0.3 pt measured)


def _deck(folder: Path) -> Path:
    """One slide per text, in Lato, on one line."""
    deck = Presentation()
    deck.slide_width = Emu(3 * 12192000)
    for text in TEXTS:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        box = slide.shapes.add_textbox(Emu(100000), Emu(100000), deck.slide_width - 200000, Pt(150))
        box.text_frame.word_wrap = False
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.name, run.font.size = text, "Lato", Pt(SIZE)
    path = folder / "widths.pptx"
    deck.save(str(path))
    return path


@pytest.mark.integration("soffice", "pdfinfo", "pdftotext")
def test_libreoffice_sets_lines_as_wide_as_deckgen_measures(tmp_path: Path) -> None:
    pages = words_with_boxes(render_pdf(_deck(tmp_path), tmp_path))
    drawn = [max(w.x1 for w in page) - min(w.x0 for w in page) for page in pages]
    measured = [text_width(text, "Lato", SIZE) for text in TEXTS]
    off = [(t, round(d - m, 2)) for t, d, m in zip(TEXTS, drawn, measured, strict=True)]
    assert [(t, d) for t, d in off if abs(d) > TOLERANCE] == []
