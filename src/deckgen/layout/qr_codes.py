"""QR codes on slides: which links get one, how large each is drawn, and its label."""

from __future__ import annotations

from collections.abc import Iterable

from deckgen.layout.continued import clamped
from deckgen.layout.fit import INSET_Y, fit, run, scaled, text_height
from deckgen.layout.fonts import line_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Image, Para, Rect, TextBox
from deckgen.model import Link
from deckgen.qr import qr_modules, qr_png
from deckgen.roles import Role

WATCH = "Watch the recording"  # the label of a recording's QR code
OPEN = "Open the link"  # of any other link's
_LABEL_LINES = 1  # a label takes one line (a long one is cut: the slide lists it whole)


def gets_qr(ctx: Context, link: Link) -> bool:
    """Whether the recap's `qr_codes` option gives this link a QR code."""
    mode = ctx.recap.options.qr_codes
    return mode == "all" or (mode == "youtube" and link.is_youtube)


def qr_image(link: Link, rect: Rect, alt: str) -> Image:
    """A QR code of the link; the picture itself is a clickable link too."""
    return Image(rect, data=qr_png(link.url), alt=alt, url=link.url, role=Role.QR_CODE)


def scannable(ctx: Context, links: Iterable[Link]) -> float:
    """The side, in points, at which every one of `links`' QR codes still decodes from a
    rendering of the slide at the theme's `qr.scan_dpi` (`qr.module_px` pixels a module)."""
    tokens = ctx.theme.components.qr
    modules = max((qr_modules(link.url) for link in links), default=0)
    return modules * tokens.module_px / tokens.scan_dpi * INCH


def qr_label(ctx: Context, text: str, rect: Rect, size: float) -> TextBox:
    """The words under a QR code: what scanning it opens, in one line, smaller
    (to the theme's `detail_min`) when long, and cut with an ellipsis beyond that (a
    link's label: the slide lists it whole)."""
    theme = ctx.theme
    para = Para((run(text, theme.fonts.body, size, theme.colors.muted),), align="center")
    floor = theme.sizes.detail_min
    room = _LABEL_LINES * size * line_height(theme.fonts.body) + 2 * INSET_Y
    fitted = fit([para], rect.w, room, size, floor)
    if fitted is None:
        fitted = (clamped(scaled([para], floor / size)[0], rect.w, _LABEL_LINES),)
    height = max(rect.h, text_height(fitted, rect.w))
    return TextBox(Rect(rect.x, rect.y, rect.w, height), fitted, role=Role.QR_LABEL)


def label_for(link: Link) -> str:
    """`Watch the recording` for a YouTube link, `Open the link` for any other."""
    return WATCH if link.is_youtube else OPEN
