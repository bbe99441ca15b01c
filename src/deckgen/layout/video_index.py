"""The video index: every recording of the recap as a card, its QR code above its title and
speakers, in rows of up to `index.columns` cards.

A slide holds as many rows as fit the body with every code at the side that scans
(`qr_codes.scannable`), at most `index.per_slide` cards. Slides share the cards evenly
(13 by 3: 3, 3, 3, 2, 2) and rows hold as many cards as each other, so no card is ever
alone on a row or on the last slide. Every card has the same size and type sizes, every
slide starts at the body's top, and every title takes at most `index.title_lines` lines
(cut with an ellipsis: the full title is on the talk card)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.layout.cards import Card, balanced
from deckgen.layout.continued import clamped
from deckgen.layout.fit import text_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Element, Para, Rect, Shape, TextBox
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.roles import Role


@dataclass(frozen=True)
class _Shape:
    """The size of every card of the index, and of their QR codes."""

    w: float
    h: float
    side: float


def index_bodies(ctx: Context, cards: Sequence[Card]) -> list[list[Element]]:
    """The bodies of the video index slides."""
    tokens, body, gap = ctx.theme.components.index, ctx.body, ctx.theme.spacing.gap * INCH
    shape = _shape(ctx, cards)
    rows = max(1, int((body.h + gap) // (shape.h + gap)))
    most = min(tokens.per_slide, rows * tokens.columns)
    bodies: list[list[Element]] = []
    start = 0
    for count in balanced(len(cards), most):
        chunk = cards[start : start + count]
        start += count
        bodies.append(_page(ctx, chunk, balanced(count, tokens.columns), shape))
    return bodies


def _shape(ctx: Context, cards: Sequence[Card]) -> _Shape:
    """The cards' size: a column's width, and as tall as the tallest card's text needs
    under a code of the side every code of the index scans at."""
    tokens, body = ctx.theme.components.index, ctx.body
    gap, pad = ctx.theme.spacing.gap * INCH, ctx.theme.spacing.padding * INCH
    codes = [card.link for card in cards if gets_qr(ctx, card.link)]
    side = scannable(ctx, codes) if codes else 0.0
    w = (body.w - gap * (tokens.columns - 1)) / tokens.columns
    room = Rect(0, 0, w - 2 * pad, body.h - side - 3 * pad)
    text_h = max(text_height(_index_paras(ctx, card, room), room.w) for card in cards)
    return _Shape(w, min(body.h, side + text_h + 1 + 3 * pad), side)  # 1 pt spare


def _page(ctx: Context, cards: Sequence[Card], rows: list[int], shape: _Shape) -> list[Element]:
    """One slide of the index: rows from the body's top, the cards centred in a row."""
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    elements: list[Element] = []
    y, start = body.y, 0
    for count in rows:
        x = body.x + (body.w - count * shape.w - (count - 1) * gap) / 2
        for card in cards[start : start + count]:
            elements += _index_card(ctx, card, Rect(x, y, shape.w, shape.h), shape.side)
            x += shape.w + gap
        start += count
        y += shape.h + gap
    return elements


def _index_card(ctx: Context, card: Card, rect: Rect, side: float) -> list[Element]:
    """A card of the index: its QR code on top, its title and speakers under it."""
    pad = ctx.theme.spacing.padding * INCH
    elements: list[Element] = [Shape(rect, ctx.theme.colors.surface, rounded=True)]
    top = rect.y + pad
    if side and gets_qr(ctx, card.link):
        code = Rect(rect.x + (rect.w - side) / 2, top, side, side)
        elements.append(qr_image(card.link, code, card.qr_alt))
        top = code.bottom + pad
    text = Rect(rect.x + pad, top, rect.w - 2 * pad, rect.bottom - pad - top)
    paras = _index_paras(ctx, card, text)
    lines = (Role.CARD_TITLE, *(Role.SPEAKER for _ in paras[1:]))
    elements.append(TextBox(text, paras, role=Role.CARD, lines=lines))
    return elements


def _index_paras(ctx: Context, card: Card, rect: Rect) -> tuple[Para, ...]:
    """Title clamped to `index.title_lines` lines, then as many speakers as fit."""
    theme, tokens = ctx.theme, ctx.theme.components.index
    runs = ctx.spans(card.title, tokens.title, theme.colors.title, bold=True)
    paras = [clamped(Para(runs, align="center"), rect.w, tokens.title_lines)]
    for line in card.details:
        runs = ctx.spans(line, tokens.detail, theme.colors.muted)
        detail = Para(runs, align="center", space_before=tokens.detail * 0.25)
        if text_height((*paras, detail), rect.w) > rect.h:
            break
        paras.append(detail)
    return tuple(paras)
