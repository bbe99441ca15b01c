"""Make this theme's template.pptx and logo.png (run from anywhere; deterministic).

    python themes/corporate/make_template.py

The template is an ordinary PowerPoint file, made here with python-pptx so that the
repository holds the recipe: a 16:9 master with a teal strip on the left and a rule
above the footer, and three layouts renamed as a company template would name them.
deckgen finds them by the names in theme.yaml.
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
TEAL = RGBColor(0x0F, 0x76, 0x6E)
SAND = RGBColor(0xE7, 0xE5, 0xE4)
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
    master = prs.slide_master
    # python-pptx draws shapes only on slides: draw on a scratch slide, move them to the
    # master (behind its placeholders), then drop the scratch slide
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    strip = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.18), prs.slide_height)
    rule = scratch.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(0.6), Inches(6.95), prs.slide_width - Inches(1.2), Emu(Pt(1.25))
    )
    tree = master.shapes._spTree
    for n, (shape, color) in enumerate(((strip, TEAL), (rule, SAND))):
        shape.name = "Corporate decoration"
        shape.fill.solid()
        shape.fill.fore_color.rgb = color
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape._element.nvSpPr.cNvPr.set("id", str(900 + n))
        tree.insert(2 + n, shape._element)
    entry = prs.slides._sldIdLst[0]
    prs.part.drop_rel(entry.rId)
    prs.slides._sldIdLst.remove(entry)
    for layout in prs.slide_layouts:
        layout.name = NAMES.get(layout.name, layout.name)
    raw = io.BytesIO()
    prs.save(raw)
    return _normalised(raw.getvalue())


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
    draw.rounded_rectangle((8, 18, 112, 122), radius=18, fill=(15, 118, 110, 255))
    draw.rectangle((38, 48, 82, 92), fill=(255, 255, 255, 255))
    font = ImageFont.truetype(str(FONT), 76)
    draw.text((136, 22), "deckgen", font=font, fill=(19, 78, 74, 255))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "template.pptx").write_bytes(make_template())
    (HERE / "logo.png").write_bytes(make_logo())
    print(f"wrote {HERE / 'template.pptx'} and {HERE / 'logo.png'}")
