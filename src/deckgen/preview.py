"""Contact sheets: every slide of a deck as one PNG, for reviewing a pull request."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from deckgen.office import SOFFICE_TIMEOUT, to_pdf, to_pngs

_GAP = 12
_DPI = 36  # 480 x 270 px a slide
_LABEL = 20


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
