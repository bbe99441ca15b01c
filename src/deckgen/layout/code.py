"""Code listings: Pygments-coloured runs in the code font on a background panel."""

from __future__ import annotations

from functools import cache

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name, guess_lexer
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

from deckgen.layout.fit import INSET_X, fit, longest_line, run, scaled
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, SMALL_MIN, Context
from deckgen.layout.page import Element, Page, Para, Rect, Run, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.model import Code, Slide

_PAD = 0.18 * INCH


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
            TextBox(area, paras),
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


def highlight(
    source: str, language: str | None, style: str, font: str, size: float, default: str
) -> list[Para]:
    """One paragraph per source line, each a list of coloured runs."""
    colors = _colors(style)
    lines: list[list[Run]] = [[]]
    for token, text in _lexer(language, source).get_tokens(source):
        color = _color_of(token, colors) or default
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append(run(part, font, size, color))
    if lines and not lines[-1]:
        lines.pop()  # Pygments ends the stream with a newline
    return [Para(tuple(runs) or (run(" ", font, size, default),)) for runs in lines]


def _lexer(language: str | None, source: str) -> Lexer:
    if language:
        return _named_lexer(language)
    lexer: Lexer
    try:
        lexer = guess_lexer(source)
    except ClassNotFound:
        lexer = TextLexer()
    return lexer


@cache
def _named_lexer(language: str) -> Lexer:
    lexer: Lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    return lexer


@cache
def _colors(style: str) -> dict[_TokenType, str]:
    meta: StyleMeta = get_style_by_name(style)
    return {token: spec["color"] for token, spec in meta if spec["color"]}


def _color_of(token: _TokenType, colors: dict[_TokenType, str]) -> str | None:
    current: _TokenType | None = token
    while current is not None and current is not Token:
        if current in colors:
            return colors[current]
        current = current.parent
    return colors.get(Token)
