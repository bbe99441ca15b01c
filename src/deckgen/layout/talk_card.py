"""The talk card, a hero slide: the title large across the slide at the same place on every
card, an accent bar, then the speakers, summary and links beside the QR code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from deckgen.layout.cards import (
    Card,
    card_paras,
    card_qr_side,
    fitted,
    labelled_qr,
    rule_under,
    talk_lines,
    talk_paras,
)
from deckgen.layout.continued import continued_card, fits
from deckgen.layout.fit import INSET_X, INSET_Y, count_lines, fit, text_height
from deckgen.layout.fonts import line_height
from deckgen.layout.frame import INCH, SLIDE_W, Context
from deckgen.layout.page import Element, Para, Rect, TextBox
from deckgen.layout.typography import balanced
from deckgen.roles import Role

_TOP = 1.2 * INCH  # a talk card's title starts here (it has no title bar)
_TOP_LONG = 0.6 * INCH  # or here, when the card's text needs the room
_UNDER_TITLE = 0.42 * INCH  # from the title to the speakers (the bar between)
_BESIDE = 0.5 * INCH  # between the text and the QR code


@dataclass(frozen=True)
class _Hero:
    """What a talk card shows: its title, laid out, and the paragraphs under it."""

    heading: tuple[Para, ...]
    card: Card | None
    paras: list[Para]
    lines: tuple[Role, ...]


def hero(
    ctx: Context,
    title: str,
    card: Card | None,
    speakers: Sequence[str] = (),
    summary: str | None = None,
) -> list[list[Element]]:
    """A talk card: the title in two balanced lines (smaller only beyond them), the
    speakers (their affiliation quieter), summary and links on the left and the QR code
    on the right, labelled "Watch the recording" (or "Speaker slides"). Without a code (a
    talk without links, or a link the recap gives no code) the text spans the slide. A
    long text moves the title up, then takes the smallest code that scans, then continues
    on more slides of the card, titled "Title (2/3)"."""
    paras = card_paras(ctx, card, False) if card else talk_paras(ctx, speakers, summary)
    lines = card.lines(False) if card else talk_lines(speakers, summary)
    shown = _Hero(_title(ctx, title, SLIDE_W - 2 * ctx.margin), card, paras, lines)
    for top, least in ((_TOP, False), (_TOP_LONG, False), (_TOP_LONG, True)):
        elements = _laid_out(ctx, shown, top, least)
        text = [e for e in elements if isinstance(e, TextBox) and e.role is Role.CARD]
        if all(fits(e) for e in text):
            return [elements]
    boxes = continued_card(text[0])
    total = len(boxes)
    pages = [[boxes[0] if e is text[0] else e for e in elements]]
    for n, box in enumerate(boxes[1:], start=2):
        heading = _title(ctx, f"{title} ({n}/{total})", SLIDE_W - 2 * ctx.margin)
        frame = _laid_out(
            ctx, replace(shown, heading=heading, card=None, paras=[]), _TOP_LONG, True
        )
        pages.append([*frame, box])
    return pages


def _laid_out(ctx: Context, shown: _Hero, top: float, least: bool) -> list[Element]:
    """The card with its title at `top` (and, with `least`, the smallest code that scans)."""
    m, bottom = ctx.margin, ctx.body.bottom
    full = SLIDE_W - 2 * m
    first = shown.heading[0]
    width = balanced(first, full, count_lines(first, full - 2 * INSET_X))
    box = TextBox(Rect(m, top, width, text_height(shown.heading, width)), shown.heading)
    title = replace(box, role=Role.TITLE)
    y = title.rect.bottom + _UNDER_TITLE
    card = shown.card
    side = card_qr_side(ctx, card, bottom - y, least) if card else 0.0
    column = full - (side + _BESIDE if side else 0)
    elements: list[Element] = [title, rule_under(ctx, title.rect)]
    if shown.paras:  # `import` reads the lines' roles
        text = fitted(ctx, shown.paras, Rect(m, y, column, bottom - y), "top")
        elements.append(replace(text, role=Role.CARD, lines=shown.lines))
    if card and side:
        elements += labelled_qr(ctx, card, Rect(SLIDE_W - m - side, y, side, side))
    return elements


def _title(ctx: Context, text: str, width: float) -> tuple[Para, ...]:
    """A talk card's title, large, in up to `card.title_lines` lines; it shrinks (to the
    theme's title minimum) only beyond them, and wraps further only below that."""
    theme = ctx.theme
    size = theme.components.card.title
    runs = ctx.spans(text, size, theme.colors.title, bold=True, font=theme.fonts.heading)
    para = Para(runs)
    room = theme.components.card.title_lines * size * line_height(theme.fonts.heading)
    return fit([para], width, room + 2 * INSET_Y, size, theme.sizes.title_min) or (para,)
