"""The video index: every recording of the recap as a card with its QR code, a few a slide.

Every slide is one grid of `index.columns` columns, each QR code beside its title, and
every card of the index is the same size. Slides are filled front to back, except that
the last slide never holds a card alone (13 by 4: 4, 4, 3, 2); a slide's cards fill its
grid row by row (3 cards: 2 + 1). Every card has the same type sizes, every title at most
`index.title_lines` lines (the full title is on the talk card), and no East Asian title
leaves a character alone on its last line (its box narrower: `cjk_wrap`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from deckgen.layout.cards import Card
from deckgen.layout.cjk_wrap import no_lone_last_char
from deckgen.layout.continued import clamped
from deckgen.layout.fit import text_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Element, Para, Rect, Shape, TextBox
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.roles import Role

_INSET = 0.05 * INCH  # the least room between a card's edge and its QR code


@dataclass(frozen=True)
class _Shape:
    """The cards of the index: their size and their QR codes' side."""

    w: float
    h: float
    side: float


def index_bodies(ctx: Context, cards: Sequence[Card]) -> list[list[Element]]:
    """The bodies of the video index slides, `index.per_slide` cards at most (fewer when
    the QR codes need the room)."""
    codes = [card.link for card in cards if gets_qr(ctx, card.link)]
    shape, most = _grid_shape(ctx, scannable(ctx, codes) if codes else 0.0)
    columns = ctx.theme.components.index.columns
    groups = filled(len(cards), most)
    bodies: list[list[Element]] = []
    start = 0
    for count in groups:
        rows = [columns] * (count // columns) + ([count % columns] if count % columns else [])
        # an index of one slide has no other slides to line up with: its cards sit in the
        # middle of the body (one card is not left in the top-left cell of an empty grid)
        origin = _centred(ctx, rows, shape) if len(groups) == 1 else (ctx.body.x, ctx.body.y)
        bodies.append(_page(ctx, cards[start : start + count], rows, shape, origin))
        start += count
    return bodies


def _centred(ctx: Context, rows: list[int], shape: _Shape) -> tuple[float, float]:
    """The top-left of `rows` of cards set in the middle of the body."""
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    w = max(rows) * (shape.w + gap) - gap
    h = len(rows) * (shape.h + gap) - gap
    return body.x + (body.w - w) / 2, body.y + (body.h - h) / 2


def filled(total: int, most: int) -> list[int]:
    """`total` things in groups of `most` front to back, the last group never alone when
    it can borrow one from the group before (13 by 4: 4, 4, 3, 2; 5 by 4: 3, 2)."""
    groups = [most] * (total // most) + ([total % most] if total % most else [])
    if len(groups) > 1 and groups[-1] == 1 and most > 2:
        groups[-2:] = [most - 1, 2]
    return groups


def _grid_shape(ctx: Context, side: float) -> tuple[_Shape, int]:
    """The cards of every index slide (code beside the title), and how many a slide holds."""
    tokens, body, gap = ctx.theme.components.index, ctx.body, ctx.theme.spacing.gap * INCH
    fit_rows = int((body.h + gap) // (side + 2 * _INSET + gap)) if side else 3
    rows = max(1, min(fit_rows, -(-tokens.per_slide // tokens.columns)))
    w = (body.w - gap * (tokens.columns - 1)) / tokens.columns
    h = (body.h - gap * (rows - 1)) / rows
    return _Shape(w, h, side), min(tokens.per_slide, rows * tokens.columns)


def _page(
    ctx: Context,
    cards: Sequence[Card],
    rows: list[int],
    shape: _Shape,
    origin: tuple[float, float],
) -> list[Element]:
    """One slide of the index: its cards in the grid's cells, row by row from `origin`
    (the body's top-left on every slide of an index of several)."""
    gap = ctx.theme.spacing.gap * INCH
    elements: list[Element] = []
    start = 0
    for row, count in enumerate(rows):
        y = origin[1] + row * (shape.h + gap)
        for column, card in enumerate(cards[start : start + count]):
            x = origin[0] + column * (shape.w + gap)
            elements += _index_card(ctx, card, Rect(x, y, shape.w, shape.h), shape.side)
        start += count
    return elements


def _index_card(ctx: Context, card: Card, rect: Rect, side: float) -> list[Element]:
    """A card of the index: its QR code, and its title and speakers beside it (as much
    room round the code as above it)."""
    pad, tokens = ctx.theme.spacing.padding * INCH, ctx.theme.components.index
    elements: list[Element] = [Shape(rect, ctx.theme.colors.surface, rounded=True)]
    coded = side > 0 and gets_qr(ctx, card.link)
    inset = max(_INSET, min(pad, (rect.h - side) / 2))
    code = Rect(rect.x + inset, rect.y + (rect.h - side) / 2, side, side)
    left = code.right + pad if coded else rect.x + pad
    text = Rect(left, rect.y + pad, rect.right - pad - left, rect.h - 2 * pad)
    if coded:
        elements.append(qr_image(card.link, code, card.qr_alt))
    title = Para(ctx.spans(card.title, tokens.title, ctx.theme.colors.title, bold=True))
    text = replace(text, w=no_lone_last_char(title, text.w, tokens.title_lines))
    paras = _index_paras(ctx, card, title, text)
    lines = (Role.CARD_TITLE, *(Role.SPEAKER for _ in paras[1:]))
    elements.append(TextBox(text, paras, anchor="middle", role=Role.CARD, lines=lines))
    return elements


def _index_paras(ctx: Context, card: Card, title: Para, rect: Rect) -> tuple[Para, ...]:
    """Title clamped to `index.title_lines` lines, then as many speakers as fit."""
    theme, tokens = ctx.theme, ctx.theme.components.index
    paras = [clamped(title, rect.w, tokens.title_lines)]
    for line in card.details:
        runs = ctx.spans(line, tokens.detail, theme.colors.muted)
        detail = Para(runs, space_before=tokens.detail * 0.25)
        if text_height((*paras, detail), rect.w) > rect.h + 0.5:
            break
        paras.append(detail)
    return tuple(paras)
