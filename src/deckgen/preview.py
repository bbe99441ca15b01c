"""Contact sheets: every slide of a recap on one page, for a look at the whole deck or
for reviewing a pull request.

An HTML sheet (the default) shows the slides as SVG (`deckgen.svg`), drawn from the
same layout as the deck, with their notes: no LibreOffice needed, and its links work.
A PNG sheet is LibreOffice's rendering of the built deck.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from deckgen.office import SOFFICE_TIMEOUT, to_pdf, to_pngs
from deckgen.render.xml_text import escape

if TYPE_CHECKING:
    from deckgen.model.types import StepMode
    from deckgen.svg import SvgSlide

_GAP = 12
_DPI = 36  # 480 x 270 px a slide
_LABEL = 20


_PAGE_CSS = (
    "body{margin:0;padding:12px;background:#D1D5DB;font:14px sans-serif;color:#111827}"
    "h1{font-size:18px;margin:0 0 12px}"
    "main{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}"
    "figure{margin:0}figcaption{padding:0 0 4px}"
    "svg{display:block;width:100%;height:auto;background:#fff}"
    "details{padding:4px 0}pre{white-space:pre-wrap;margin:4px 0;font:13px sans-serif}"
)


def write_html_sheet(
    recap: Path, target: Path, theme: str | None = None, steps: StepMode | None = None
) -> list[Path]:
    """Write the HTML contact sheet of `recap` to `target` (nothing on failure); the files
    its slides are made from."""
    from deckgen.api import check
    from deckgen.svg import checked_slides
    from deckgen.write import write_atomically

    checked = check(recap, theme)
    title = f"{checked.recap.title} ({recap.name})"
    write_atomically(html_sheet(checked_slides(checked, steps), title).encode(), target)
    return checked.inputs


def html_sheet(slides: Sequence[SvgSlide], title: str) -> str:
    """A standalone HTML page of `slides`, numbered and titled, each with its notes."""
    figures = []
    for slide in slides:
        notes = (
            f"<details><summary>Notes</summary><pre>{escape(slide.notes)}</pre></details>"
            if slide.notes
            else ""
        )
        svg = slide.svg.rstrip("\n")
        figures.append(
            f'<figure id="slide-{slide.number}"><figcaption>{slide.number}. '
            f"{escape(slide.title)}</figcaption>{svg}{notes}</figure>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        f"<title>{escape(title)}</title><style>{_PAGE_CSS}</style></head>"
        f"<body><h1>{escape(title)}</h1><main>\n" + "\n".join(figures) + "\n</main></body></html>\n"
    )


def contact_sheet(
    pptx: Path,
    columns: int = 4,
    dpi: int = _DPI,
    limit: int | None = None,
    timeout: float = SOFFICE_TIMEOUT,
) -> bytes:
    """PNG bytes of the slides of `pptx` (the first `limit`, or all), numbered,
    `columns` to a row; LibreOffice may take `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as scratch:
        work = Path(scratch)
        pdf = work / f"{pptx.stem}.pdf"
        to_pdf(pptx, pdf, timeout)
        pngs = to_pngs(pdf, work, dpi)[:limit]
        pages = [Image.open(p).convert("RGB") for p in pngs]
    width, height = pages[0].size
    rows = (len(pages) + columns - 1) // columns
    sheet = Image.new(
        "RGB", (columns * (width + _GAP) + _GAP, rows * (height + _GAP + _LABEL) + _GAP), "#D1D5DB"
    )
    draw = ImageDraw.Draw(sheet)
    for n, page in enumerate(pages):
        row, col = divmod(n, columns)
        x = _GAP + col * (width + _GAP)
        y = _GAP + row * (height + _GAP + _LABEL)
        draw.text((x, y), str(n + 1), fill="#111827")
        sheet.paste(page, (x, y + _LABEL))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
