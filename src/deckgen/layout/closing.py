"""The closing slide: its title, a thank-you moment ("Thank you" / "Questions?"), every
closing link listed, and up to `closing.qr_links` of them as labelled QR codes."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.layout.fit import text_height
from deckgen.layout.frame import INCH, Context, accent_rule, title_box
from deckgen.layout.links import link_list
from deckgen.layout.page import Element, Page, Para, Rect, TextBox
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.links import brief
from deckgen.model import Link
from deckgen.roles import Role

THANKS = "Thank you"
QUESTIONS = "Questions?"
_LABEL_H = 0.55 * INCH
_SIDE_MIN = 4.5 * INCH  # the narrowest column the thanks and the list share beside codes


def closing_pages(ctx: Context) -> list[Page]:
    """The closing slide (continued when its list of links needs more room)."""
    closing = ctx.recap.closing
    assert closing is not None
    coded = [link for link in closing.links if gets_qr(ctx, link)]
    coded = coded[: ctx.theme.components.closing.qr_links]
    bodies = _bodies(ctx, closing.links, coded)
    total = len(bodies)
    pages = []
    for i, body in enumerate(bodies, start=1):
        title = closing.title if total == 1 else f"{closing.title} ({i}/{total})"
        elements = (title_box(ctx, title), accent_rule(ctx), *body)
        pages.append(Page("closing", title, elements))
    return pages


def _bodies(ctx: Context, links: Sequence[Link], coded: Sequence[Link]) -> list[list[Element]]:
    """The thanks and the list on the left, the codes in a row on the right; when the
    codes leave too little room beside them, the thanks above the codes and the list on
    the next slide."""
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    side = _side(ctx, coded)
    row_w = len(coded) * side + max(0, len(coded) - 1) * gap
    left_w = body.w - row_w - (2 * gap if coded else 0)
    beside = not coded or left_w >= _SIDE_MIN
    thanks = _thanks(ctx, body.w if not beside else left_w)
    row_x = body.right - row_w if beside else body.x + (body.w - row_w) / 2
    block = side + _LABEL_H
    row_y = body.y + (body.h - block) / 2 if beside else thanks.rect.bottom + gap
    first: list[Element] = [thanks, *_codes(ctx, coded, row_x, row_y, side)]
    if not links:
        return [first]
    top = thanks.rect.bottom + gap
    area = Rect(body.x, top, left_w, body.bottom - top)
    if not beside:  # the list continues on slides of its own
        return [first, *(_listed(p, body) for p in link_list(ctx, links, body))]
    pages = link_list(ctx, links, area)
    rest = [_listed(p, Rect(body.x, body.y, left_w, body.h)) for p in pages[1:]]
    return [[*first, *_listed(pages[0], area)], *rest]


def _listed(paras: tuple[Para, ...], rect: Rect) -> list[Element]:
    return [TextBox(rect, paras, role=Role.BODY)]


def _side(ctx: Context, coded: Sequence[Link]) -> float:
    """One side for all the codes: the theme's QR size, or larger when a code needs it to
    scan; never more than the body holds under the thanks."""
    if not coded:
        return 0.0
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    side = max(ctx.theme.qr_size * INCH, scannable(ctx, coded))
    widest = (body.w - gap * (len(coded) - 1)) / len(coded)
    return min(side, widest, body.h - _LABEL_H)


def _thanks(ctx: Context, width: float) -> TextBox:
    """ "Thank you" large, "Questions?" under it in the accent colour."""
    theme, tokens = ctx.theme, ctx.theme.components.closing
    thanks = ctx.spans(
        THANKS, tokens.thanks, theme.colors.title, bold=True, font=theme.fonts.heading
    )
    questions = ctx.spans(
        QUESTIONS, tokens.questions, theme.colors.accent, font=theme.fonts.heading
    )
    paras = (Para(thanks), Para(questions, space_before=tokens.questions * 0.2))
    body = ctx.body
    rect = Rect(body.x, body.y, width, text_height(paras, width))
    return TextBox(rect, paras, role=Role.MOMENT)


def _codes(ctx: Context, coded: Sequence[Link], x: float, y: float, side: float) -> list[Element]:
    """The codes side by side, each labelled with its link's label."""
    theme, gap = ctx.theme, ctx.theme.spacing.gap * INCH
    size = theme.components.card.qr_label
    out: list[Element] = []
    for link in coded:
        out.append(qr_image(link, Rect(x, y, side, side), f"QR code: {link.label}"))
        label = link.label if link.label != link.url else brief(link.url)
        text = ctx.spans(label, size, theme.colors.text, bold=True)
        rect = Rect(x - gap / 2, y + side + 4, side + gap, _LABEL_H)
        out.append(TextBox(rect, (Para(text, align="center"),), role=Role.QR_LABEL))
        x += side + gap
    return out
