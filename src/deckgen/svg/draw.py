"""SVG markup for the elements of a laid-out page (one function per element type)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from deckgen.layout.fonts import FAMILIES
from deckgen.layout.glyphs import SYMBOL_FONTS
from deckgen.layout.page import Element, Grid, Image, Para, Rect, Run, Shape, TextBox
from deckgen.render.slide_xml import _clean
from deckgen.render.xml_text import escape, quoteattr
from deckgen.svg.text import Line, set_box

# the free twins of the fonts a deck names (what LibreOffice draws with, and measures)
_TWINS = {
    "Carlito": "Carlito",
    "LiberationSans": "Liberation Sans",
    "LiberationMono": "Liberation Mono",
    "Lato": "Lato",
}
_MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}
_BULLET_FONT = "Arial"  # the deck's buFont
_LINE_W = 0.75  # outline of a shape with a line, in points (render/slide_xml.py)


def element(item: Element, east_asian: str) -> str:
    """The SVG of one element of a page."""
    if isinstance(item, TextBox):
        return text_box(item, east_asian)
    if isinstance(item, Shape):
        return shape(item)
    if isinstance(item, Image):
        return image(item)
    if isinstance(item, Grid):
        return grid(item, east_asian)
    raise TypeError(f"no SVG for {type(item).__name__} elements")  # a new element type


def text_box(box: TextBox, east_asian: str) -> str:
    return lines(set_box(box.rect, box.paras, box.anchor, wrap=box.wrap), east_asian)


def lines(placed: Sequence[Line], east_asian: str) -> str:
    out = []
    for line in placed:
        bullet = line.bullet
        if bullet is not None:
            style = _font(_BULLET_FONT, line.size, bullet.color, east_asian)
            out.append(
                f'<text class="bullet" x="{num(bullet.x)}" y="{num(bullet.baseline)}"{style}>'
                f"{text_node(bullet.char)}</text>"
            )
        spans = "".join(_span(p.run, p.text, line.x + p.x, east_asian) for p in line.pieces)
        if spans:
            out.append(f'<text y="{num(line.baseline)}" xml:space="preserve">{spans}</text>')
    return "".join(out)


def _span(run: Run, text: str, x: float, east_asian: str) -> str:
    style = _font(run.font, run.size, run.color, east_asian)
    style += ' font-weight="bold"' if run.bold else ""
    style += ' font-style="italic"' if run.italic else ""
    style += ' text-decoration="underline"' if run.url else ""  # as office programs draw links
    span = f'<tspan x="{num(x)}"{style}>{text_node(text)}</tspan>'
    if run.url:
        return f'<a href={quoteattr(run.url)} target="_blank">{span}</a>'
    return span


def _font(family: str, size: float, color: str, east_asian: str) -> str:
    names = [family]
    twin = _TWINS.get(FAMILIES.get(family.lower(), ""))
    if twin and twin != family:
        names.append(twin)
    # the symbol fonts draw what the font lacks, as in the deck (layout/glyphs.py)
    names += [*SYMBOL_FONTS, east_asian, "monospace" if twin == "Liberation Mono" else "sans-serif"]
    stack = ", ".join(f"'{n}'" if " " in n else n for n in names)
    return f' font-family="{escape(stack)}" font-size="{num(size)}" fill="#{color}"'


def shape(item: Shape) -> str:
    r = item.rect
    corner = ""
    if item.rounded:  # the deck's roundRect adjustment, as a radius
        radius = min(0.08, 8 / max(1.0, min(r.w, r.h))) * min(r.w, r.h)
        corner = f' rx="{num(radius)}"'
    line = f' stroke="#{item.line}" stroke-width="{num(_LINE_W)}"' if item.line else ""
    return f'<rect{box(r)}{corner} fill="#{item.fill}"{line}/>'


def image(item: Image) -> str:
    sharp = ""
    if item.data is not None:  # generated pictures (QR codes): their pixels kept square
        data, extension, sharp = item.data, "png", ' image-rendering="pixelated"'
    else:
        assert item.path is not None
        data, extension = item.path.read_bytes(), item.path.suffix.lstrip(".").lower()
    title = f"<title>{text_node(item.alt)}</title>" if item.alt else ""
    picture = (
        f'<image{box(item.rect)} preserveAspectRatio="none"{sharp} '
        f'href="{data_uri(data, extension)}">{title}</image>'
    )
    if item.url:
        return f'<a href={quoteattr(item.url)} target="_blank">{picture}</a>'
    return picture


def data_uri(data: bytes, extension: str) -> str:
    """`data` as a data: URI that browsers show (other formats are converted to PNG)."""
    mime = _MIME.get(extension)
    if mime is None:
        from PIL import Image as Pillow

        with Pillow.open(io.BytesIO(data)) as picture:
            converted = io.BytesIO()
            picture.save(converted, format="PNG")
        data, mime = converted.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def grid(item: Grid, east_asian: str) -> str:
    out = []
    y = item.rect.y
    for height, row in zip(item.heights, item.cells, strict=True):
        x = item.rect.x
        for width, cell in zip(item.widths, row, strict=True):
            rect = Rect(x, y, width, height)
            # crisp edges: neighbouring cells abut without a hairline seam between them
            out.append(f'<rect{box(rect)} fill="#{cell.fill}" shape-rendering="crispEdges"/>')
            out.append(paragraphs(rect, cell.paras, east_asian))
            x += width
        y += height
    return "".join(out)


def paragraphs(rect: Rect, paras: Sequence[Para], east_asian: str) -> str:
    # table cells are anchored in the middle (render/slide_xml.py writes anchor="ctr")
    return lines(set_box(rect, paras, anchor="middle", cell=True), east_asian)


def box(r: Rect) -> str:
    return f' x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}"'


def num(value: float) -> str:
    """A coordinate with two decimals at most (the same numbers give the same text)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_node(text: str) -> str:
    """`text` as XML character data (what XML cannot hold dropped, as in the deck)."""
    return escape(_clean(text))
