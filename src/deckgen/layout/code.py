"""Code listings: Pygments-coloured runs in the code font on a background panel."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.highlight import highlight_lines
from deckgen.layout.fit import INSET_X, fit, longest_line, run, scaled, text_height
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Element, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.model import Code, Slide
from deckgen.theme import Theme

CODE_DESCR = "Code listing in "


@dataclass(frozen=True)
class _Frame:
    """What every page of a listing shares: the text area, the caption, and the panel's
    text width and height (the widest and tallest page's), so continuation panels keep
    one size and one top."""

    area: Rect
    caption: tuple[Para, ...]
    width: float
    height: float


def code(ctx: Context, slide: Slide) -> list[Page]:
    """A listing on a panel sized to it: as large as fits (up to the theme's code size,
    no wrapping when possible), continued at line boundaries before it gets smaller
    than the theme's minimum, its lines shared evenly by the pages."""
    assert isinstance(slide.content, Code)
    listing, theme = slide.content, ctx.theme
    sizes, pad = theme.sizes, theme.spacing.code_padding * INCH
    body = ctx.body
    caption = _caption(ctx, listing.caption, body.w)
    caption_h = text_height(caption, body.w) if caption else 0.0
    area = Rect(body.x, body.y, body.w, body.h - caption_h).inset(pad)
    lines = highlight(listing.source, listing.language, theme)
    size = _widest_fit(lines, area.w - 2 * INSET_X, sizes.code, sizes.code_min)
    lines = list(scaled(lines, size / sizes.code))
    pages = _even(paginate([(p,) for p in lines], area.w, area.h, size, sizes.code_min), area)
    wide = max((longest_line(p) for page in pages for p in page), default=0.0)
    tall = max(text_height(page, area.w) for page in pages)
    frame = _Frame(area, caption, min(area.w, max(wide + 2 * INSET_X + 2, area.w / 2)), tall)
    return content_pages(ctx, slide, [_panel(ctx, listing, paras, frame) for paras in pages])


def _even(pages: list[tuple[Para, ...]], area: Rect) -> list[tuple[Para, ...]]:
    """The lines of `pages` shared evenly by as many pages (80 lines on 5 pages: 16 a
    page, not 18 and a last page of 8), when each share fits the area."""
    lines = [p for page in pages for p in page]
    per = -(-len(lines) // len(pages))
    shares = [tuple(lines[i : i + per]) for i in range(0, len(lines), per)]
    if len(shares) == len(pages) and all(text_height(s, area.w) <= area.h for s in shares):
        return shares
    return pages


def _widest_fit(lines: list[Para], width: float, size: float, minimum: float) -> float:
    """The largest size (down to `minimum`) at which the longest line needs no wrapping."""
    widest = max((longest_line(p) for p in lines), default=0.0)
    current = size
    while current > minimum and widest * current / size > width:
        current -= 1
    return current


def _panel(ctx: Context, listing: Code, paras: tuple[Para, ...], frame: _Frame) -> list[Element]:
    """One page of a listing: the panel as wide and tall as the listing's widest and
    tallest page (centred in the body height, the caption under it)."""
    theme, pad = ctx.theme, ctx.theme.spacing.code_padding * INCH
    area, caption = frame.area, frame.caption
    caption_h = text_height(caption, area.w + 2 * pad) if caption else 0.0
    block = frame.height + 2 * pad + caption_h
    top = area.y - pad + (area.h + 2 * pad + caption_h - block) / 2
    # a snippet of a few lines sits in the middle of the slide, its caption under it
    few = len(paras) <= theme.grid.snippet_lines and frame.height == text_height(paras, area.w)
    left = area.x + (area.w - frame.width) / 2 if few else area.x
    text = Rect(left, top + pad, frame.width, frame.height)
    panel = text.inset(-pad)
    elements: list[Element] = [
        Shape(panel, theme.colors.code_background, rounded=True, line=theme.colors.surface),
        TextBox(text, paras, descr=code_descr(listing.language)),
    ]
    if caption:
        rect = Rect(area.x - pad, panel.bottom, area.w + 2 * pad, caption_h)
        shown = tuple(replace(p, align="center") for p in caption) if few else caption
        elements.append(TextBox(rect, shown, anchor="middle"))
    return elements


def _caption(ctx: Context, text: str | None, width: float) -> tuple[Para, ...]:
    """A listing's caption, in italics at the caption size (smaller when long)."""
    if not text:
        return ()
    sizes = ctx.theme.sizes
    para = Para(ctx.spans(text, sizes.caption, ctx.theme.colors.muted, italic=True))
    box = 2.5 * sizes.caption * 1.3
    return fit([para], width, box, sizes.caption, sizes.detail_min) or (para,)


def code_descr(language: str | None) -> str:
    """The description of a listing's text box: its language, which `import` reads back."""
    return f"{CODE_DESCR}{language}" if language else ""


def highlight(source: str, language: str | None, theme: Theme) -> list[Para]:
    """One paragraph per source line, each a list of coloured runs, at the theme's code size."""
    font, size, default = theme.fonts.code, theme.sizes.code, theme.colors.code_text
    return [
        Para(
            tuple(run(text, font, size, color or default) for text, color in line)
            or (run(" ", font, size, default),)
        )
        for line in highlight_lines(source, language, theme.pygments_style)
    ]
