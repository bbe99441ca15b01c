"""QR codes as PNG bytes, made once per link: cached in memory, and on disk by content
(the link and the versions of deckgen, qrcode and Pillow), so rebuilds skip the work."""

from __future__ import annotations

import io
import struct
from functools import cache

from deckgen import __version__
from deckgen import cache as disk_cache
from deckgen.links import as_uri
from deckgen.versions import version

_BOX = 10  # pixels a module


@cache
def qr_png(url: str) -> bytes:
    """A QR code of `url`: error correction M, 10 px modules, the 4-module quiet zone the
    standard asks for, black on white (inverted codes defeat many phone scanners). A
    non-ASCII link is encoded as a URI (`links.as_uri`): scanners read QR bytes as
    Latin-1 or guess, and would open another page."""
    uri = as_uri(url)
    name = disk_cache.key(*_versions(), uri)
    stored = disk_cache.load("qr", name)
    if stored is not None and stored.startswith(b"\x89PNG"):
        return stored
    data = _make(uri)
    disk_cache.store("qr", name, data)
    return data


def qr_modules(url: str) -> int:
    """The side of `url`'s QR code in modules, its quiet zone included (what sets how
    large it must be drawn to scan)."""
    width = struct.unpack(">I", qr_png(url)[16:20])[0]  # the PNG header's IHDR width
    return int(width) // _BOX


@cache
def _versions() -> tuple[str, str, str]:
    """What a QR code's bytes depend on besides the link (reading package metadata is
    slow: once per process)."""
    return __version__, version("qrcode"), version("Pillow")


def _make(url: str) -> bytes:
    import qrcode  # only decks with links to scan need it
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=_BOX, border=4)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="#000000", back_color="#FFFFFF").get_image()
    out = io.BytesIO()
    image.convert("1").save(out, format="PNG", optimize=True)
    return out.getvalue()
