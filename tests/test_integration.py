"""Integration: every example recap in every built-in theme, rendered by LibreOffice.

Checks what an audience would see: one page per slide, every text of the deck on its
page, no text off the slide or drawn over other text, every QR code decodable (from
110-dpi and 30-dpi renderings) to the link it stands for, and every XML part valid
against the ISO/IEC 29500 schemas. Skipped locally when the tools are missing; under CI
(CI=true) a missing tool is a failure (`tests/support/programs.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.api import build
from deckgen.links import youtube
from deckgen.options import BuildOptions
from deckgen.theme import builtin_themes
from tests.support.ooxml import validate_pptx
from tests.support.render import (
    TOOLS,
    decode_qr,
    overlapping_words,
    page_count,
    page_texts,
    rasterize,
    render_pdf,
    words_off_page,
)

ROOT = Path(__file__).resolve().parents[1]
# the examples, and a recap that stresses fitting: long lists, code, quotes and titles,
# CJK, Cyrillic and emoji, a wide table, tall and wide images, many QR codes
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
CASES = [(r, t) for r in RECAPS for t in THEMES]

pytestmark = pytest.mark.integration(*TOOLS)


@dataclass
class Rendered:
    pptx: Path
    pdf: Path
    folder: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Rendered]:
    cache: dict[tuple[str, str], Rendered] = {}
    return cache


def _get(
    cache: dict[tuple[str, str], Rendered], recap: Path, theme: str, factory: pytest.TempPathFactory
) -> Rendered:
    key = (recap.stem, theme)
    if key not in cache:
        folder = factory.mktemp(f"{recap.stem}-{theme}")
        pptx = folder / f"{recap.stem}.pptx"
        build(recap, pptx, BuildOptions(theme=theme))
        cache[key] = Rendered(pptx, render_pdf(pptx, folder), folder)
    return cache[key]


def _squash(text: str) -> str:
    """Text without spaces and hyphens (pdftotext joins a line broken at a hyphen) and
    without emoji (LibreOffice 7.4 exports colour-emoji glyphs blank)."""
    return "".join(
        ch
        for ch in re.sub(r"[\s\-\u00ad]+", "", text)
        if ord(ch) < 0x1F000 and ch not in "\u2764\ufe0f"
    )


IDS = [f"{r.stem}-{t}" for r, t in CASES]


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_one_page_per_slide_with_every_text(
    recap: Path,
    theme: str,
    rendered: dict[tuple[str, str], Rendered],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    deck = _get(rendered, recap, theme, tmp_path_factory)
    slides = Presentation(str(deck.pptx)).slides
    assert page_count(deck.pdf) == len(slides)
    pages = [_squash(t) for t in page_texts(deck.pdf)]
    missing = []
    for number, slide in enumerate(slides, start=1):
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if getattr(shape, "has_table", False) and shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for para in frame.paragraphs:
                    text = _squash(para.text)
                    if text and text not in pages[number - 1]:
                        missing.append(f"slide {number}: {para.text!r}")
    assert missing == []


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_no_text_off_the_slide_or_over_other_text(
    recap: Path,
    theme: str,
    rendered: dict[tuple[str, str], Rendered],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    deck = _get(rendered, recap, theme, tmp_path_factory)
    assert words_off_page(deck.pdf) == []
    assert overlapping_words(deck.pdf) == []


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_every_part_is_valid_ooxml(
    recap: Path,
    theme: str,
    rendered: dict[tuple[str, str], Rendered],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    deck = _get(rendered, recap, theme, tmp_path_factory)
    assert validate_pptx(deck.pptx) == []


# whole slides at 110 dpi; at 30 dpi each code is read on its own, as a phone aimed at it
# reads it (tests/design/test_design_qr.py): zbarimg misses codes of a 4-code page there
@pytest.mark.parametrize("dpi", [110])
@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_every_qr_code_decodes_to_its_link(
    recap: Path,
    theme: str,
    dpi: int,
    rendered: dict[tuple[str, str], Rendered],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    deck = _get(rendered, recap, theme, tmp_path_factory)
    expected: dict[int, list[str]] = {}
    for number, slide in enumerate(Presentation(str(deck.pptx)).slides, start=1):
        links = [s.click_action.hyperlink.address for s in slide.shapes if s.name == "QR code"]
        if links:
            expected[number] = sorted(links)
    assert expected, "the example decks have QR codes"
    pngs = rasterize(deck.pdf, dpi, deck.folder / f"png{dpi}")
    for number, links in expected.items():
        decoded = sorted(decode_qr(pngs[number - 1]))
        assert decoded == links, f"slide {number} at {dpi} dpi"
        for url in decoded:
            link = youtube(url)
            if link is not None and link.video_id:
                assert link.video_id in url
