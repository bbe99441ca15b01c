"""Pictures on the dark theme: a dark screenshot gets a hairline so that it does not melt
into the slide; a light theme's pictures get no line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as Pillow
from tests.design.test_design_slides import laid_out

from deckgen.layout.page import Image, Shape


def _recap(tmp_path: Path, colour: str) -> Path:
    Pillow.new("RGB", (640, 360), colour).save(tmp_path / "shot.png")
    recap = tmp_path / "recap.yaml"
    recap.write_text(
        "title: T\ndate: 2019-06-12\npresenters:\n  - name: P\n    topics:\n      - title: UI\n"
        "        slides:\n          - title: The phone UI\n            image:\n"
        "              path: shot.png\n              alt: A dark phone screen\n",
        encoding="utf-8",
    )
    return recap


@pytest.mark.parametrize(
    ("theme", "colour", "lined"),
    [("dark", "#111827", True), ("dark", "#7C3AED", False), ("default", "#FFFFFF", False)],
)
def test_a_picture_the_colour_of_the_slide_gets_a_hairline(
    tmp_path: Path, theme: str, colour: str, lined: bool
) -> None:
    pages, ctx = laid_out(_recap(tmp_path, colour), theme)
    [page] = [p for p in pages if p.kind == "image"]
    [picture] = [e for e in page.elements if isinstance(e, Image)]
    lines = [e for e in page.elements if isinstance(e, Shape) and e.fill == ctx.theme.colors.muted]
    assert bool(lines) is lined
    if lined:
        [line] = lines
        assert page.elements.index(line) < page.elements.index(picture)  # drawn behind it
        hair = ctx.theme.components.picture.hairline
        assert line.rect.w == pytest.approx(picture.rect.w + 2 * hair)


def test_a_dark_screenshot_with_a_bright_header_still_gets_its_hairline(tmp_path: Path) -> None:
    recap = _recap(tmp_path, "#111827")
    shot = Pillow.open(tmp_path / "shot.png")
    shot.paste((124, 58, 237), (0, 0, 640, 60))  # a purple app bar along the top
    shot.save(tmp_path / "shot.png")
    pages, ctx = laid_out(recap, "dark")
    [page] = [p for p in pages if p.kind == "image"]
    assert [e for e in page.elements if isinstance(e, Shape) and e.fill == ctx.theme.colors.muted]
