"""Slides as SVG: a second renderer of the laid-out pages, beside the .pptx one.

The layout stays the single source of truth: every shape, picture and text box is drawn
where the deck places it, and text is set line by line as the office programs set the
deck (`text.py`), so that a slide's SVG and LibreOffice's rendering of it agree
(`tests/svg/test_agreement.py` measures by how much).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.layout.frame import SLIDE_H, SLIDE_W, hides_art
from deckgen.layout.page import Page, Rect
from deckgen.model.types import StepMode
from deckgen.svg.backdrop import Backdrop, backdrops
from deckgen.svg.draw import box, data_uri, element, text_node
from deckgen.theme import Theme

if TYPE_CHECKING:
    from deckgen.api import Checked

__all__ = ["SvgSlide", "checked_slides", "render_svg", "svg_slides"]

_NS = 'xmlns="http://www.w3.org/2000/svg"'


@dataclass(frozen=True)
class SvgSlide:
    """One slide of a deck: its number (from 1), title, SVG document, notes and kind."""

    number: int
    title: str
    svg: str
    notes: str | None
    kind: str


def render_svg(pages: Sequence[Page], theme: Theme) -> list[str]:
    """One standalone SVG document per page (960 x 540 pt, the slide's own points)."""
    behind = backdrops(theme)
    return [_slide(page, behind[page.layout], theme.fonts.east_asian) for page in pages]


def svg_slides(
    path: Path, theme: str | None = None, steps: StepMode | None = None
) -> list[SvgSlide]:
    """Check and lay out the recap at `path` as `build` does (`theme`, `steps` as there),
    and render every slide as SVG; raises what `check` raises for a bad recap."""
    from deckgen.api import check

    return checked_slides(check(path, theme), steps)


def checked_slides(checked: Checked, steps: StepMode | None = None) -> list[SvgSlide]:
    """Every slide of a checked recap as SVG, its steps collapsed as `build` does."""
    from deckgen.layout import lay_out
    from deckgen.steps import collapse_steps

    recap, _ = collapse_steps(checked.recap, steps or checked.recap.options.collapse_steps)
    pages = lay_out(recap, checked.theme)
    svgs = render_svg(pages, checked.theme)
    return [
        SvgSlide(n, page.title, svg, page.notes, page.kind)
        for n, (page, svg) in enumerate(zip(pages, svgs, strict=True), start=1)
    ]


def _slide(page: Page, backdrop: Backdrop, east_asian: str) -> str:
    parts = [_background(page, backdrop)]
    parts += [element(e, east_asian) for e in page.elements]
    return (
        f'<svg {_NS} width="{SLIDE_W:g}pt" height="{SLIDE_H:g}pt" '
        f'viewBox="0 0 {SLIDE_W:g} {SLIDE_H:g}">'
        f"<title>{text_node(page.title)}</title>{''.join(parts)}</svg>\n"
    )


def _background(page: Page, backdrop: Backdrop) -> str:
    """The page's own background colour alone (the deck hides master art on it), or the
    layout's background and art (none on the closing)."""
    full = Rect(0, 0, SLIDE_W, SLIDE_H)
    if page.background:
        return _fill(full, page.background)
    out = [_fill(full, backdrop.color or "FFFFFF")]
    if backdrop.picture is not None:
        out.append(_picture(full, *backdrop.picture))
    for art in () if hides_art(page) else backdrop.art:
        if art.data is not None:
            out.append(_picture(art.rect, art.data, art.extension))
        elif art.fill is not None:
            out.append(_fill(art.rect, art.fill))
    return "".join(out)


def _fill(r: Rect, color: str) -> str:
    return f'<rect{box(r)} fill="#{color}"/>'


def _picture(r: Rect, data: bytes, extension: str) -> str:
    return f'<image{box(r)} preserveAspectRatio="none" href="{data_uri(data, extension)}"/>'
