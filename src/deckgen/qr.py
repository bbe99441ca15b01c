"""QR codes as PNG bytes, generated once per link (cached by content)."""

from __future__ import annotations

import io
from functools import cache


@cache
def qr_png(url: str, dark: str = "000000", light: str = "FFFFFF") -> bytes:
    """A QR code of `url`: 10 px modules, the 4-module quiet zone the standard asks for."""
    import qrcode  # only decks with links to scan need it
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color=f"#{dark}", back_color=f"#{light}").get_image()
    out = io.BytesIO()
    image.convert("1").save(out, format="PNG", optimize=True)
    return out.getvalue()
