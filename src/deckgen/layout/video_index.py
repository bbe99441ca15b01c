"""The video index: every recording of the recap as a card with its QR code, a few a slide.

Slides share the cards evenly (13 by 4: 4, 3, 3, 3) and rows hold as many cards as each
other, so no card is ever alone on a row or on the last slide (two rows of three would
need codes smaller than scan at `qr.scan_dpi`). A slide of up to `index.row`
cards sets them in one row, each QR code above its title; a fuller slide is a grid of
`index.columns`, each QR code beside its title. Every card has the same type sizes, and every
title at most `index.title_lines` lines (the full title is on the talk card)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.layout.cards import Card, balanced
from deckgen.layout.continued import clamped
from deckgen.layout.fit import text_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Align, Anchor, Element, Para, Rect, Shape, TextBox
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.roles import Role

_INSET = 0.05 * INCH  # the least room between a card's edge and its QR code


@dataclass(frozen=True)
class _Shape:
    """The cards of one kind of index slide: their size, their QR codes' side, and where
    the code sits (above the title on a one-row slide, else beside it)."""

    w: float
    h: float
    side: float
    above: bool


def index_bodies(ctx: Context, cards: Sequence[Card]) -> list[list[Element]]:
    """The bodies of the video index slides, `index.per_slide` cards at most (fewer when
    the QR codes need the room)."""
    tokens = ctx.theme.components.index
    codes = [card.link for card in cards if gets_qr(ctx, card.link)]
    side = scannable(ctx, codes) if codes else 0.0
    grid, most = _grid_shape(ctx, side)
    row = _row_shape(ctx, cards, side)
    bodies: list[list[Element]] = []
    start = 0
    for count in balanced(len(cards), min(tokens.per_slide, most)):
        chunk = cards[start : start + count]
        start += count
        one_row = count <= tokens.row
        rows = [count] if one_row else balanced(count, tokens.columns)
        bodies.append(_page(ctx, chunk, rows, row if one_row else grid))
    return bodies


def _grid_shape(ctx: Context, side: float) -> tuple[_Shape, int]:
    """The cards of a grid slide (code beside the title), and how many a slide holds."""
    tokens, body, gap = ctx.theme.components.index, ctx.body, ctx.theme.spacing.gap * INCH
    fit_rows = int((body.h + gap) // (side + 2 * _INSET + gap)) if side else 3
    rows = max(1, min(fit_rows, -(-tokens.per_slide // tokens.columns)))
    w = (body.w - gap * (tokens.columns - 1)) / tokens.columns
    h = (body.h - gap * (rows - 1)) / rows
    return _Shape(w, h, side, above=False), rows * tokens.columns


def _row_shape(ctx: Context, cards: Sequence[Card], side: float) -> _Shape:
    """The cards of a one-row slide: the code on top, under it the title and speakers;
    as tall as the tallest card's text needs (the same for every card of the deck)."""
    tokens, body = ctx.theme.components.index, ctx.body
    gap, pad = ctx.theme.spacing.gap * INCH, ctx.theme.spacing.padding * INCH
    w = (body.w - gap * (tokens.row - 1)) / tokens.row
    room = Rect(0, 0, w - 2 * pad, body.h - side - 3 * pad)
    text_h = max(text_height(_index_paras(ctx, card, room, "center"), room.w) for card in cards)
    return _Shape(w, min(body.h, side + text_h + 1 + 3 * pad), side, above=True)  # 1 pt spare


def _page(ctx: Context, cards: Sequence[Card], rows: list[int], shape: _Shape) -> list[Element]:
    """One slide of the index: rows from the body's top (as every index slide), the
    cards centred in a row."""
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    y = body.y
    elements: list[Element] = []
    start = 0
    for count in rows:
        x = body.x + (body.w - count * shape.w - (count - 1) * gap) / 2
        for card in cards[start : start + count]:
            elements += _index_card(ctx, card, Rect(x, y, shape.w, shape.h), shape)
            x += shape.w + gap
        start += count
        y += shape.h + gap
    return elements


def _index_card(ctx: Context, card: Card, rect: Rect, shape: _Shape) -> list[Element]:
    """A card of the index: its QR code, and its title and speakers beside or under it."""
    pad = ctx.theme.spacing.padding * INCH
    elements: list[Element] = [Shape(rect, ctx.theme.colors.surface, rounded=True)]
    coded = shape.side > 0 and gets_qr(ctx, card.link)
    if shape.above:
        code = Rect(rect.x + (rect.w - shape.side) / 2, rect.y + pad, shape.side, shape.side)
        top = code.bottom + pad if coded else rect.y + pad
        text = Rect(rect.x + pad, top, rect.w - 2 * pad, rect.bottom - pad - top)
    else:  # as much room round the code as above it
        inset = max(_INSET, min(pad, (rect.h - shape.side) / 2))
        code = Rect(rect.x + inset, rect.y + (rect.h - shape.side) / 2, shape.side, shape.side)
        left = code.right + pad if coded else rect.x + pad
        text = Rect(left, rect.y + pad, rect.right - pad - left, rect.h - 2 * pad)
    if coded:
        elements.append(qr_image(card.link, code, card.qr_alt))
    paras = _index_paras(ctx, card, text, "center" if shape.above else "left")
    lines = (Role.CARD_TITLE, *(Role.SPEAKER for _ in paras[1:]))
    anchor: Anchor = "top" if shape.above and coded else "middle"
    elements.append(TextBox(text, paras, anchor=anchor, role=Role.CARD, lines=lines))
    return elements


def _index_paras(ctx: Context, card: Card, rect: Rect, align: Align) -> tuple[Para, ...]:
    """Title clamped to `index.title_lines` lines, then as many speakers as fit."""
    theme, tokens = ctx.theme, ctx.theme.components.index
    runs = ctx.spans(card.title, tokens.title, theme.colors.title, bold=True)
    paras = [clamped(Para(runs, align=align), rect.w, tokens.title_lines)]
    for line in card.details:
        runs = ctx.spans(line, tokens.detail, theme.colors.muted)
        detail = Para(runs, align=align, space_before=tokens.detail * 0.25)
        if text_height((*paras, detail), rect.w) > rect.h + 0.5:
            break
        paras.append(detail)
    return tuple(paras)
