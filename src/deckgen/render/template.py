"""The presentation a deck starts from: a theme's template, or python-pptx's default made
16:9, with the theme's colours, fonts, background and logo applied to its master."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Pt

from deckgen.errors import DeckgenError, Position, Problem, ThemeError
from deckgen.layout.frame import SLIDE_H, SLIDE_W, logo_rect
from deckgen.roles import Role
from deckgen.safezip import ZipRefused, opened
from deckgen.templates import PARSER
from deckgen.theme import Theme

_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
DEFAULT_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
}


@dataclass
class Base:
    """The starting presentation, the layout for each kind of page, and any warnings."""

    prs: PresentationType
    layouts: dict[str, SlideLayout]
    warnings: list[Problem]


@contextmanager
def template_errors(theme: Theme) -> Iterator[None]:
    """Turn what python-pptx raises while it opens, reads and saves the theme's template
    into a `ThemeError` at the theme's `template:` line."""
    try:
        yield
    except DeckgenError:
        raise
    except Exception as exc:  # python-pptx raises many kinds for a template it cannot use
        if not theme.template:
            raise
        where = theme.positions.get("template") or Position(theme.template.as_posix())
        detail = str(exc) if isinstance(exc, ZipRefused) else f"{type(exc).__name__}: {exc}"
        message = f"`{theme.template.name}` cannot be used as a template ({detail})"
        raise ThemeError([Problem(where, message, "template")]) from None


def open_base(theme: Theme) -> Base:
    """Open the theme's template (or the default), emptied of slides and themed (call
    it within `template_errors`)."""
    if theme.template:
        with opened(theme.template) as stream:  # checked when the theme loaded; bounded
            prs = Presentation(stream)
    else:
        prs = Presentation()
    _remove_slides(prs)
    _widen(prs)
    master = prs.slide_master
    if theme.background_image:
        _background_picture(prs, theme)
    elif not theme.template:
        master.background.fill.solid()
        master.background.fill.fore_color.rgb = RGBColor.from_string(theme.colors.background)
    _theme_part(prs, theme)
    warnings: list[Problem] = []
    layouts = {kind: _find_layout(prs, theme, kind, warnings) for kind in DEFAULT_LAYOUTS}
    if theme.logo:
        _logo(prs, theme, layouts["content"])
    return Base(prs, layouts, warnings)


def _remove_slides(prs: PresentationType) -> None:
    """Drop a template's own slides: their ids and relationships (parts go with them)."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)


def _widen(prs: PresentationType) -> None:
    """Make a deck 16:9 (13.333 x 7.5 in), moving master and layout shapes along."""
    if (prs.slide_width, prs.slide_height) == (Pt(SLIDE_W), Pt(SLIDE_H)):
        return
    fx = Pt(SLIDE_W) / (prs.slide_width or Pt(SLIDE_W))
    fy = Pt(SLIDE_H) / (prs.slide_height or Pt(SLIDE_H))
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    size = cast(Any, prs.part._element).sldSz
    if size.get("type"):
        del size.attrib["type"]  # "screen4x3" no longer: a custom (16:9) size
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = int(shape.left * fx), int(shape.width * fx)
            if shape.top is not None and shape.height is not None:
                shape.top, shape.height = int(shape.top * fy), int(shape.height * fy)


def _logo(prs: PresentationType, theme: Theme, layout: SlideLayout) -> None:
    """The theme's logo on the content layout, so that content slides show it and the
    title slide and dividers do not (python-pptx draws pictures only on slides: draw
    one on a scratch slide, move it, drop the slide)."""
    assert theme.logo is not None
    r = logo_rect(theme)
    scratch = prs.slides.add_slide(layout)
    picture = scratch.shapes.add_picture(str(theme.logo), Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    element = cast(Any, picture._element)
    _, rid = layout.part.get_or_add_image_part(str(theme.logo))
    element.blipFill.blip.set(qn("r:embed"), rid)
    element.nvPicPr.cNvPr.set("name", Role.LOGO.value)
    element.nvPicPr.cNvPr.set("descr", f"{theme.name} logo")
    element.nvPicPr.cNvPr.set("id", str(_next_id(layout)))
    layout.shapes._spTree.append(element)
    _remove_slides(prs)


def _next_id(part: Any) -> int:
    ids = [int(x) for x in part._element.xpath("//@id") if str(x).isdigit()]
    return max(ids, default=0) + 1


def _background_picture(prs: PresentationType, theme: Theme) -> None:
    """The master's background as a picture fill, stretched over the slide."""
    master = prs.slide_master
    assert theme.background_image is not None
    _, rid = master.part.get_or_add_image_part(str(theme.background_image))
    c_sld = cast(Any, master._element).cSld
    for old in c_sld.findall(qn("p:bg")):
        c_sld.remove(old)
    bg = etree.Element(qn("p:bg"))
    c_sld.insert(0, bg)
    pr = etree.SubElement(bg, qn("p:bgPr"))
    fill = etree.SubElement(pr, qn("a:blipFill"))
    etree.SubElement(fill, qn("a:blip")).set(qn("r:embed"), rid)
    etree.SubElement(etree.SubElement(fill, qn("a:stretch")), qn("a:fillRect"))
    etree.SubElement(pr, qn("a:effectLst"))


def _theme_part(prs: PresentationType, theme: Theme) -> None:
    """The deck's colour and font scheme follow the theme: hyperlinks are drawn in the
    scheme's `hlink` colour whatever a run says, and text typed later in PowerPoint gets
    the theme's fonts (Latin and East Asian)."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob, PARSER)
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
        for script, typeface in (("latin", font), ("ea", theme.fonts.east_asian)):
            slot = root.find(f".//a:fontScheme/a:{scheme}/a:{script}", _NS)
            if slot is not None:
                slot.set("typeface", typeface)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _find_layout(
    prs: PresentationType, theme: Theme, kind: str, warnings: list[Problem]
) -> SlideLayout:
    """The layout named by the theme for `kind`; with a warning, a fallback when missing."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    wanted = theme.layout_name(kind)
    if wanted and wanted in by_name:
        return by_name[wanted]
    fallback = by_name.get(DEFAULT_LAYOUTS[kind]) or _first_fitting(prs, kind)
    if wanted:
        where = theme.positions.get(f"layouts.{kind}") or Position(str(theme.folder))
        warnings.append(
            Problem(
                where,
                f'template has no layout named "{wanted}"; using "{fallback.name}"',
                f"layouts.{kind}",
                "warning",
            )
        )
    return fallback


def _first_fitting(prs: PresentationType, kind: str) -> SlideLayout:
    """The first layout whose placeholders suit `kind`: a centred title and subtitle for
    the title slide, a title and a body for content and sections; else the first with a
    title, else the first."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    wanted = {
        "title": {PH.CENTER_TITLE},
        "content": {PH.TITLE, PH.OBJECT},
        "section": {PH.TITLE, PH.BODY},
    }[kind]
    with_title = None
    for layout in prs.slide_layouts:
        shapes: Any = layout.placeholders  # python-pptx's typing of __iter__ confuses mypy
        types = {ph.placeholder_format.type for ph in shapes}
        if wanted <= types or (kind != "title" and {PH.TITLE, PH.BODY} <= types):
            return layout
        if with_title is None and types & {PH.TITLE, PH.CENTER_TITLE}:
            with_title = layout
    return with_title or prs.slide_layouts[0]
