"""Code listings: Pygments-coloured runs in the code font on a background panel."""

from __future__ import annotations

from deckgen.highlight import highlight_lines
from deckgen.layout.fit import INSET_X, fit, longest_line, run, scaled
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, SMALL_MIN, Context
from deckgen.layout.page import Element, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.model import Code, Slide

_PAD = 0.18 * INCH
CODE_DESCR = "Code listing in "


def code(ctx: Context, slide: Slide) -> list[Page]:
    """A listing: as large as fits (no wrapping when possible), split at line boundaries."""
    assert isinstance(slide.content, Code)
    listing, theme = slide.content, ctx.theme
    sizes = theme.sizes
    body = ctx.body
    caption_h = 0.75 * INCH if listing.caption else 0
    panel = Rect(body.x, body.y, body.w, body.h - caption_h)
    area = panel.inset(_PAD)
    lines = highlight(
        listing.source,
        listing.language,
        theme.pygments_style,
        theme.fonts.code,
        sizes.code,
        theme.colors.code_text,
    )
    # the largest size at which the longest line fits without wrapping (down to the minimum)
    widest = max((longest_line(p) for p in lines), default=0.0)
    size = sizes.code
    while size > sizes.code_min and widest * size / sizes.code > area.w - 2 * INSET_X:
        size -= 1
    lines = list(scaled(lines, size / sizes.code))
    pages = paginate([(p,) for p in lines], area.w, area.h, size, sizes.code_min)
    bodies: list[list[Element]] = []
    for paras in pages:
        elements: list[Element] = [
            Shape(panel, theme.colors.code_background, rounded=True, line=theme.colors.surface),
            TextBox(area, paras, descr=code_descr(listing.language)),
        ]
        if listing.caption:
            caption = Para(
                ctx.spans(listing.caption, sizes.caption, theme.colors.muted, italic=True)
            )
            rect = Rect(body.x, panel.bottom, body.w, caption_h)
            fitted = fit([caption], rect.w, rect.h, sizes.caption, SMALL_MIN) or (caption,)
            elements.append(TextBox(rect, fitted, anchor="middle"))
        bodies.append(elements)
    return content_pages(ctx, slide, bodies)


def code_descr(language: str | None) -> str:
    """The description of a listing's text box: its language, which `import` reads back."""
    return f"{CODE_DESCR}{language}" if language else ""


def highlight(
    source: str, language: str | None, style: str, font: str, size: float, default: str
) -> list[Para]:
    """One paragraph per source line, each a list of coloured runs."""
    return [
        Para(
            tuple(run(text, font, size, color or default) for text, color in line)
            or (run(" ", font, size, default),)
        )
        for line in highlight_lines(source, language, style)
    ]
