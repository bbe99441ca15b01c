"""Every text colour against its background has a contrast ratio of at least 4.5:1 (WCAG
2.x AA for normal text): the pairs a theme's colours are made for, its Pygments style's
token colours on its code background, and every run of the built decks of the examples
on what is drawn behind it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pygments.styles import get_style_by_name
from pygments.token import Whitespace

from deckgen.api import check
from deckgen.layout import lay_out
from deckgen.layout.page import Grid, Page, Para, Rect, Shape, TextBox
from deckgen.steps import collapse_steps
from deckgen.theme import Theme, builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = builtin_themes()
AA = 4.5
# (text, background): each text colour on each background the layouts draw it on
PAIRS = [
    *((text, "background") for text in ("title", "text", "muted", "link", "accent")),
    *((text, "surface") for text in ("title", "text", "muted", "link", "accent")),
    ("on_accent", "accent"),
    ("code_text", "code_background"),
    ("table_header_text", "table_header"),
    ("text", "table_stripe"),
    ("link", "table_stripe"),
    ("divider_text", "divider_background"),
]


def luminance(rgb: str) -> float:
    """WCAG relative luminance of `RRGGBB`."""
    channels = [int(rgb.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_ratio_follows_wcag() -> None:
    assert contrast("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("326CE5", "326CE5") == 1.0


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_theme_colours_pass_aa(theme: Theme) -> None:
    colors = vars(theme.colors)
    low = {
        f"{text} on {ground}": round(contrast(colors[text], colors[ground]), 2)
        for text, ground in PAIRS
        if contrast(colors[text], colors[ground]) < AA
    }
    assert low == {}


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_code_token_colours_pass_aa_on_the_code_background(theme: Theme) -> None:
    style = get_style_by_name(theme.pygments_style)
    low = {
        str(token): round(contrast(spec["color"], theme.colors.code_background), 2)
        for token, spec in style
        # whitespace draws nothing
        if spec["color"] and token not in Whitespace
        if contrast(spec["color"], theme.colors.code_background) < AA
    }
    assert low == {}


def _runs_on_grounds(page: Page, theme: Theme) -> Iterator[tuple[str, str, str]]:
    """(text, colour, colour behind it) for every run of the page."""
    ground = page.background or theme.colors.background
    panels: list[Shape] = []
    for element in page.elements:
        if isinstance(element, Shape):
            panels.append(element)
        elif isinstance(element, TextBox):
            behind = next((s.fill for s in reversed(panels) if _inside(element.rect, s)), ground)
            yield from _runs(element.paras, behind)
        elif isinstance(element, Grid):
            for row in element.cells:
                for cell in row:
                    yield from _runs(cell.paras, cell.fill)


def _inside(rect: Rect, shape: Shape) -> bool:
    x, y = rect.x + rect.w / 2, rect.y + rect.h / 2
    s = shape.rect
    return s.x <= x <= s.x + s.w and s.y <= y <= s.y + s.h


def _runs(paras: tuple[Para, ...], ground: str) -> Iterator[tuple[str, str, str]]:
    for para in paras:
        for run in para.runs:
            if run.text.strip():
                yield run.text, run.color, ground


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
@pytest.mark.parametrize("recap", RECAPS, ids=[r.stem for r in RECAPS])
def test_every_run_of_the_examples_passes_aa(recap: Path, theme: Theme) -> None:
    checked = check(recap, theme.name)
    model, _ = collapse_steps(checked.recap, "collapse")
    low = {
        (color, ground): text
        for page in lay_out(model, checked.theme)
        for text, color, ground in _runs_on_grounds(page, checked.theme)
        if contrast(color, ground) < AA
    }
    assert {k: (round(contrast(*k), 2), v) for k, v in low.items()} == {}
