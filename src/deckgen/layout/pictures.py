"""Image slides: the picture as large as the body allows (aspect ratio kept), its caption
below it, or beside it when the picture is portrait; a white figure on a dark theme gets a
white frame so that it reads as a figure, not as a hole in the slide."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deckgen.layout.fit import fit, text_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Align, Element, Image, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.model import Picture, Slide

WHITE = "FFFFFF"
_DARK = 0.2  # a background of lower relative luminance makes a dark theme
_WHITE_MIN = 240  # every channel of a white pixel is at least this
_GAP = 0.25 * INCH  # between a picture and its caption
_NEAR = 10  # an edge pixel this close to the slide's L* (CIE lightness) blends in
_OPAQUE = 250  # alpha of an opaque pixel
_MOSTLY = 0.5  # the share of a picture's edge that must be near the slide's colour


def image(ctx: Context, slide: Slide) -> list[Page]:
    """A picture scaled to the body (aspect ratio kept) with its caption."""
    assert isinstance(slide.content, Picture)
    picture = slide.content
    portrait = picture.height > picture.width
    if picture.caption and portrait:
        area, caption = _beside(ctx, picture.caption)
    elif picture.caption:
        area, caption = _below(ctx, picture.caption)
    else:
        area, caption = ctx.body, None
    rect = _scaled(picture, area)
    if caption is not None and portrait:
        rect, caption = _side_by_side(rect, caption, ctx.body)
    alt = picture.alt or picture.caption or slide.title
    shown = Image(rect, path=picture.path, name=picture.path.name, alt=alt)
    elements: list[Element] = [*_frame(ctx, picture.path, rect), shown]
    if caption is not None:
        elements.append(caption)
    return content_pages(ctx, slide, [elements])


def _caption(ctx: Context, text: str, rect: Rect, align: Align) -> TextBox:
    theme = ctx.theme
    size = theme.components.picture.caption
    para = Para(ctx.spans(text, size, theme.colors.muted, italic=True), align=align)
    paras = fit([para], rect.w, rect.h, size, theme.sizes.detail_min) or (para,)
    return TextBox(rect, paras, anchor="middle")


def _below(ctx: Context, text: str) -> tuple[Rect, TextBox]:
    """The picture's area above a caption as tall as its text (two lines at most)."""
    body = ctx.body
    box = _caption(ctx, text, Rect(body.x, body.y, body.w, 0.9 * INCH), "center")
    height = min(0.9 * INCH, text_height(box.paras, body.w))
    rect = Rect(body.x, body.bottom - height, body.w, height)
    return Rect(body.x, body.y, body.w, body.h - height - _GAP / 2), TextBox(
        rect, box.paras, anchor="middle"
    )


def _beside(ctx: Context, text: str) -> tuple[Rect, TextBox]:
    """A portrait picture's area, left of a caption column."""
    body = ctx.body
    width = body.w * ctx.theme.components.picture.caption_width
    rect = Rect(body.right - width, body.y, width, body.h)
    area = Rect(body.x, body.y, body.w - width - _GAP, body.h)
    return area, _caption(ctx, text, rect, "left")


def _side_by_side(picture: Rect, caption: TextBox, body: Rect) -> tuple[Rect, TextBox]:
    """A portrait picture and its caption column next to it, centred together."""
    width = picture.w + _GAP + caption.rect.w
    x = body.x + (body.w - width) / 2
    moved = Rect(x, picture.y, picture.w, picture.h)
    column = Rect(moved.right + _GAP, body.y, caption.rect.w, body.h)
    return moved, TextBox(column, caption.paras, anchor="middle")


def _scaled(picture: Picture, area: Rect) -> Rect:
    """The picture as large as `area` allows, centred in it."""
    scale = min(area.w / picture.width, area.h / picture.height)
    w, h = picture.width * scale, picture.height * scale
    return Rect(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)


def _frame(ctx: Context, path: Path, rect: Rect) -> list[Element]:
    """On a dark theme: a white frame behind a white-background figure, a hairline round
    a picture whose edge is about the slide's colour (a dark screenshot would melt into
    the slide). A light theme's figures need neither."""
    theme, tokens = ctx.theme, ctx.theme.components.picture
    if luminance(theme.colors.background) >= _DARK:
        return []
    if white_ground(path):
        return [Shape(rect.inset(-tokens.frame * INCH), WHITE, rounded=True)]
    if not blends_in(path, theme.colors.background):
        return []
    return [Shape(rect.inset(-tokens.hairline), theme.colors.muted)]


def luminance(rgb: str) -> float:
    """WCAG relative luminance of `RRGGBB`, 0 (black) to 1 (white)."""
    channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lightness(y: float) -> float:
    """CIE L* (0 black to 100 white) of a relative luminance."""
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


@cache
def _edge(path: Path) -> tuple[tuple[int, ...], ...]:
    """The RGBA pixels round the edge of the picture scaled to 64 by 64."""
    from PIL import Image as Pillow  # only decks with images need it

    with Pillow.open(path) as opened:
        small = opened.convert("RGBA").resize((64, 64))
    edge = [(x, y) for x in range(64) for y in (0, 63)] + [
        (x, y) for y in range(64) for x in (0, 63)
    ]
    pixels = [small.getpixel(xy) for xy in edge]
    return tuple(p for p in pixels if isinstance(p, tuple))


def white_ground(path: Path) -> bool:
    """Whether the picture's edge is white and opaque all round (a figure drawn on white)."""
    return all(min(p) >= _WHITE_MIN for p in _edge(path))


@cache
def blends_in(path: Path, background: str) -> bool:
    """Whether the picture's edge is opaque and mostly (`_MOSTLY`) within `_NEAR` L* of
    `background` (`RRGGBB`)."""
    pixels = _edge(path)
    if not pixels or any(p[3] < _OPAQUE for p in pixels):
        return False
    ground = lightness(luminance(background))
    shades = [lightness(luminance(bytes(p[:3]).hex())) for p in pixels]
    near = [abs(shade - ground) <= _NEAR for shade in shades]
    return sum(near) >= _MOSTLY * len(near)
