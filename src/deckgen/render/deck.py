"""Build the python-pptx presentation from laid-out pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, cast

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Pt

from deckgen.errors import Problem
from deckgen.layout.page import Element, Grid, Image, Page, Rect, Shape, TextBox
from deckgen.model import Recap
from deckgen.render.animation import add_appear_animations
from deckgen.render.template import open_base
from deckgen.render.text import fill_text_frame, write_paras
from deckgen.theme import Theme

_NO_GRID_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid"


def render(
    pages: Sequence[Page], recap: Recap, theme: Theme
) -> tuple[PresentationType, list[Problem]]:
    """A presentation holding one slide per page, and warnings about the template."""
    base = open_base(theme)
    for page in pages:
        slide = base.prs.slides.add_slide(base.layouts[page.layout])
        _draw(slide, page)
    _properties(base.prs, recap)
    return base.prs, base.warnings


def _draw(slide: Slide, page: Page) -> None:
    slide._element.cSld.set("name", page.kind)  # the slide kind, for readers and tests
    placeholders = {_slot(ph): ph for ph in slide.placeholders}
    if page.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(page.background)
        slide._element.set("showMasterSp", "0")  # no logo or master art on a coloured slide
    steps: list[tuple[int, int, int]] = []
    for element in page.elements:
        role = element.role if isinstance(element, TextBox) else None
        placeholder = placeholders.pop(role, None) if role else None
        if placeholder is not None and isinstance(element, TextBox):
            _place(placeholder, element.rect)
            fill_text_frame(placeholder.text_frame, element)
            shape_id = placeholder.shape_id
        else:
            shape_id = _element(slide, element)
        if isinstance(element, TextBox):
            steps += [(shape_id, i, p.step) for i, p in enumerate(element.paras) if p.step]
    for unused in placeholders.values():
        _remove(unused)
    add_appear_animations(slide._element, steps)
    if page.notes:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = page.notes


def _slot(placeholder: Any) -> str:
    """Which text role a layout placeholder takes: title, subtitle/body, or none."""
    kind = placeholder.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        return "title"
    if kind == PP_PLACEHOLDER.SUBTITLE:
        return "subtitle"
    if (
        kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
        and placeholder.placeholder_format.idx == 1
    ):
        return "body"
    return f"other-{placeholder.placeholder_format.idx}"


def _remove(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def _element(slide: Slide, element: Element) -> int:
    """Draw one element; its shape id."""
    shapes = slide.shapes
    if isinstance(element, TextBox):
        r = element.rect
        box = shapes.add_textbox(Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
        box.name = "Body" if element.role == "body" else "Text"
        fill_text_frame(box.text_frame, element)
        return int(box.shape_id)
    elif isinstance(element, Shape):
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if element.rounded else MSO_SHAPE.RECTANGLE
        r = element.rect
        shape = shapes.add_shape(kind, Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
        shape.name = "Panel"
        if element.rounded:
            shape.adjustments[0] = min(0.08, 8 / max(1.0, min(r.w, r.h)))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(element.fill)
        if element.line:
            shape.line.color.rgb = RGBColor.from_string(element.line)
            shape.line.width = Pt(0.75)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        return int(shape.shape_id)
    elif isinstance(element, Image):
        r = element.rect
        source = str(element.path) if element.path is not None else io.BytesIO(element.data or b"")
        picture = shapes.add_picture(source, Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
        picture.name = element.name
        cast(Any, picture._element).nvPicPr.cNvPr.set("descr", element.alt)
        if element.url:
            picture.click_action.hyperlink.address = element.url
        return int(picture.shape_id)
    return _grid(slide, element)


def _grid(slide: Slide, grid: Grid) -> int:
    r = grid.rect
    rows, cols = len(grid.cells), len(grid.widths)
    frame = slide.shapes.add_table(rows, cols, Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    frame.name = "Table"
    table = frame.table
    table.horz_banding = False
    style = cast(Any, frame._element).xpath(".//a:tableStyleId")
    if style:
        style[0].text = _NO_GRID_STYLE  # our own fills; no borders from a table style
    for c, width in enumerate(grid.widths):
        table.columns[c].width = Pt(width)
    for i, height in enumerate(grid.heights):
        table.rows[i].height = Pt(height)
    for i, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            target = table.cell(i, c)
            target.fill.solid()
            target.fill.fore_color.rgb = RGBColor.from_string(cell.fill)
            target.margin_left = target.margin_right = Pt(7.2)
            target.margin_top = target.margin_bottom = Pt(3.6)
            write_paras(target.text_frame, cell.paras)
    return int(frame.shape_id)


def _place(shape: object, rect: Rect) -> None:
    shape.left, shape.top = Pt(rect.x), Pt(rect.y)  # type: ignore[attr-defined]
    shape.width, shape.height = Pt(rect.w), Pt(rect.h)  # type: ignore[attr-defined]


def _properties(prs: PresentationType, recap: Recap) -> None:
    """Fixed document properties, so that the same recap gives the same bytes."""
    props = prs.core_properties
    props.title = recap.title
    props.subject = recap.subtitle or ""
    props.author = ", ".join(p.name for p in recap.presenters)
    props.last_modified_by = "deckgen"
    props.revision = 1
    stamp = datetime(2000, 1, 1, tzinfo=timezone.utc)
    if recap.date:
        stamp = datetime.fromisoformat(recap.date).replace(tzinfo=timezone.utc)
    props.created = props.modified = stamp.replace(tzinfo=None)
    props.comments = ""
    props.keywords = "deckgen"
