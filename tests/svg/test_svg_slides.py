"""`svg_slides`: every example slide as a standalone SVG document, the same bytes each time."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from deckgen.api import svg_slides

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def test_every_slide_is_a_standalone_svg_with_its_title_and_notes() -> None:
    slides = svg_slides(ROOT / "recaps/eu2019.yaml")
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    for slide in slides:
        root = etree.fromstring(slide.svg.encode())
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 960 540"
        assert root.findtext(f"{SVG}title") == slide.title
    assert slides[0].kind == "title"
    assert any(s.notes for s in slides)


def test_the_same_recap_gives_the_same_svg() -> None:
    first = [s.svg for s in svg_slides(ROOT / "recaps/eu2019.yaml", theme="corporate")]
    again = [s.svg for s in svg_slides(ROOT / "recaps/eu2019.yaml", theme="corporate")]
    assert first == again
