"""Build the python-pptx presentation from laid-out pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, cast

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Pt

from deckgen.layout.frame import SLIDE_H, SLIDE_W
from deckgen.layout.page import Element, Grid, Image, Page, Rect, Shape, TextBox
from deckgen.model import Recap
from deckgen.render.text import fill_text_frame, write_paras
from deckgen.theme import Theme

_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_NO_GRID_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid"
_DEFAULT_LAYOUTS = {"title": "Title Slide", "section": "Section Header", "content": "Title Only"}


def render(pages: Sequence[Page], recap: Recap, theme: Theme) -> PresentationType:
    """A presentation holding one slide per page."""
    prs = Presentation()
    _widen(prs)
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(theme.colors.background)
    _theme_part(prs, theme)
    layouts = {kind: _layout(prs, name) for kind, name in _DEFAULT_LAYOUTS.items()}
    for page in pages:
        slide = prs.slides.add_slide(layouts[page.layout])
        _draw(slide, page)
    _properties(prs, recap)
    return prs


def _widen(prs: PresentationType) -> None:
    """Make the 4:3 default template 16:9, moving master and layout shapes along."""
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    factor = prs.slide_width / old_width
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)


def _theme_part(prs: PresentationType, theme: Theme) -> None:
    """The deck's own colour and font scheme follows the theme: hyperlinks are drawn in
    the scheme's `hlink` colour whatever the run says, and new text typed in PowerPoint
    gets the theme's fonts."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    colors = theme.colors
    for name, value in (
        ("accent1", colors.accent),
        ("hlink", colors.link),
        ("folHlink", colors.link),
    ):
        slot = root.find(f".//a:clrScheme/a:{name}", _NS)
        if slot is not None:
            slot.clear()
            etree.SubElement(slot, qn("a:srgbClr")).set("val", value)
    for scheme, font in (("majorFont", theme.fonts.heading), ("minorFont", theme.fonts.body)):
        latin = root.find(f".//a:fontScheme/a:{scheme}/a:latin", _NS)
        if latin is not None:
            latin.set("typeface", font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layout(prs: PresentationType, name: str) -> SlideLayout:
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    raise LookupError(f"template has no layout named {name!r}")


def _draw(slide: Slide, page: Page) -> None:
    slide._element.cSld.set("name", page.kind)  # the slide kind, for readers and tests
    title_placeholder = slide.shapes.title
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.idx != 0:
            _remove(placeholder)
    if page.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(page.background)
    used_title = False
    for element in page.elements:
        if (
            isinstance(element, TextBox)
            and element.role == "title"
            and title_placeholder is not None
        ):
            _place(title_placeholder, element.rect)
            fill_text_frame(title_placeholder.text_frame, element)
            used_title = True
        else:
            _element(slide, element)
    if not used_title and title_placeholder is not None:
        _remove(title_placeholder)
    if page.notes:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = page.notes


def _remove(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def _element(slide: Slide, element: Element) -> None:
    shapes = slide.shapes
    if isinstance(element, TextBox):
        r = element.rect
        box = shapes.add_textbox(Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
        box.name = "Body" if element.role == "body" else "Text"
        fill_text_frame(box.text_frame, element)
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
    elif isinstance(element, Image):
        r = element.rect
        source = str(element.path) if element.path is not None else io.BytesIO(element.data or b"")
        picture = shapes.add_picture(source, Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
        picture.name = element.name
        cast(Any, picture._element).nvPicPr.cNvPr.set("descr", element.alt)
        if element.url:
            picture.click_action.hyperlink.address = element.url
    else:
        _grid(slide, element)


def _grid(slide: Slide, grid: Grid) -> None:
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
