"""Make this theme's template.pptx and logo.png (run from anywhere; deterministic).

    python themes/corporate/make_template.py

The template is an ordinary PowerPoint file, made here with python-pptx so that the
repository holds the recipe: a 16:9 master and three layouts renamed as a company
template would name them, the content layout with a hairline above the footer. deckgen
finds them by the names in theme.yaml (and puts the logo on the content layout: the
title slide and the dividers stay clean).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

HERE = Path(__file__).resolve().parent
HAIRLINE = RGBColor(0xD9, 0xE2, 0xEC)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
NAMES = {
    "Title Slide": "Corporate Title",
    "Section Header": "Corporate Section",
    "Title and Content": "Corporate Content",
}


def make_template() -> bytes:
    prs = Presentation()
    old_w = prs.slide_width
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    factor = prs.slide_width / old_w
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    # between the body (to 7.02 in, theme.yaml) and the footer (from 7.1 in)
    rule = (Inches(0.6), Inches(7.06), prs.slide_width - Inches(1.2), Emu(Pt(0.75)), HAIRLINE)
    _decorate(prs, by_name["Title and Content"], rule)
    for layout in prs.slide_layouts:
        layout.name = NAMES.get(layout.name, layout.name)
    raw = io.BytesIO()
    prs.save(raw)
    return _normalised(raw.getvalue())


def _decorate(prs: Presentation, layout: object, box: tuple[int, int, int, int, RGBColor]) -> None:
    """A filled rectangle behind `layout`'s placeholders (python-pptx draws shapes only
    on slides: draw it on a scratch slide, move it to the layout, drop the slide)."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    *rect, color = box
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, *rect)
    shape.name = "Corporate decoration"
    shape.fill.solid()
    shape.fill.fore_color.rgb = color
    shape.line.fill.background()
    shape.shadow.inherit = False
    shape._element.nvSpPr.cNvPr.set("id", "900")
    layout.shapes._spTree.insert(2, shape._element)  # type: ignore[attr-defined]
    entry = prs.slides._sldIdLst[0]
    prs.part.drop_rel(entry.rId)
    prs.slides._sldIdLst.remove(entry)


def _normalised(data: bytes) -> bytes:
    """Fixed zip dates, so that rerunning the script changes nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def make_logo() -> bytes:
    """A plain wordmark: a teal square and the word "deckgen"."""
    image = Image.new("RGBA", (520, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 18, 112, 122), radius=18, fill=(11, 122, 117, 255))
    draw.rectangle((38, 48, 82, 92), fill=(255, 255, 255, 255))
    font = ImageFont.truetype(str(FONT), 76)
    draw.text((136, 22), "deckgen", font=font, fill=(16, 42, 67, 255))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "template.pptx").write_bytes(make_template())
    (HERE / "logo.png").write_bytes(make_logo())
    print(f"wrote {HERE / 'template.pptx'} and {HERE / 'logo.png'}")
