"""Every QR code of the built examples decodes from a 30-dpi rendering of its slide (a
phone at the back of a room sees about that much): each code's square, cut from the page
with a little of the slide around it as a phone aims at one code, gives its link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as Pillow
from tests.support.render import decode_qr, rasterize, render_pdf

from deckgen.api import build, check
from deckgen.layout import lay_out
from deckgen.layout.page import Image
from deckgen.links import as_uri
from deckgen.options import BuildOptions
from deckgen.roles import Role
from deckgen.steps import collapse_steps

ROOT = Path(__file__).resolve().parents[2]
DPI = 30
CASES = [
    (ROOT / "recaps/eu2019.yaml", "default"),
    (ROOT / "recaps/eu2019.yaml", "dark"),
    (ROOT / "recaps/kubecon2019-team.yaml", "corporate"),
    (ROOT / "tests/fixtures/stress/stress.yaml", "dark"),  # qr_codes: all, long links
]


def codes(recap: Path, theme: str) -> list[list[Image]]:
    """The QR codes of each page, as laid out."""
    checked = check(recap, theme)
    model, _ = collapse_steps(checked.recap, "collapse")
    return [
        [e for e in page.elements if isinstance(e, Image) and e.role is Role.QR_CODE]
        for page in lay_out(model, checked.theme)
    ]


@pytest.mark.integration("soffice", "pdfinfo", "pdftoppm", "zbarimg")
@pytest.mark.parametrize(("recap", "theme"), CASES, ids=[f"{r.stem}-{t}" for r, t in CASES])
def test_every_qr_code_decodes_at_30_dpi(recap: Path, theme: str, tmp_path: Path) -> None:
    deck = tmp_path / f"{recap.stem}.pptx"
    build(recap, deck, BuildOptions(theme=theme))
    pngs = rasterize(render_pdf(deck, tmp_path), DPI, tmp_path / "png")
    pages = codes(recap, theme)
    assert len(pngs) == len(pages)
    scale, margin = DPI / 72, 6  # pixels of slide kept round a code
    unread = []
    for number, (png, found) in enumerate(zip(pngs, pages, strict=True), start=1):
        with Pillow.open(png) as page:
            for code in found:
                r = code.rect
                box = (r.x * scale, r.y * scale, r.right * scale, r.bottom * scale)
                crop = tuple(
                    round(v) + d
                    for v, d in zip(box, (-margin, -margin, margin, margin), strict=True)
                )
                path = tmp_path / f"code-{number}-{round(r.x)}.png"
                page.crop(crop).save(path)
                assert code.url is not None
                if decode_qr(path) != [as_uri(code.url)]:
                    unread.append((number, code.url, round(r.w / 72, 2)))
    assert sum(len(f) for f in pages) > 0
    assert unread == []
