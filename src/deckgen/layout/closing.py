"""The closing slide: the thank-you moment ("Thank you" / "Questions?") over a row of up
to `closing.qr_links` labelled QR tiles, the closing's title a small over-line above it;
every link on one "Links" slide after it unless the tiles show them all."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.layout.fit import text_height
from deckgen.layout.frame import INCH, SLIDE_W, TITLE_TOP, Context, accent_rule, title_box
from deckgen.layout.links import link_list, link_runs
from deckgen.layout.page import Element, Page, Para, Rect, TextBox
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.layout.typography import address_notes
from deckgen.model import Link
from deckgen.roles import Role

THANKS = "Thank you"
QUESTIONS = "Questions?"
LINKS = "Links"  # the title of the slide with the links that get no QR tile
_TILE_H = 0.85 * INCH  # a tile's label and address under its code


def closing_pages(ctx: Context) -> list[Page]:
    """The thank-you slide, then (when some links get no tile) one slide of every link."""
    closing = ctx.recap.closing
    assert closing is not None
    links = closing.links
    most = ctx.theme.components.closing.qr_links
    coded = [link for link in links if gets_qr(ctx, link)][:most]
    tiled = len(coded) == len(links)  # the tiles show every link: no list
    listed = [] if coded or len(links) > most else list(links)  # a short list, no codes
    thanks = _thanks_page(ctx, coded, listed, Role.BODY if tiled else Role.QR_LABEL)
    notes = address_notes(links)  # every address whole: the slides print labels
    pages = [Page("closing", closing.title, tuple(thanks), notes=notes)]
    if tiled or listed:
        return pages
    bodies = link_list(ctx, links, ctx.body)  # every link, in order (`import` reads them)
    for i, paras in enumerate(bodies, start=1):
        title = LINKS if len(bodies) == 1 else f"{LINKS} ({i}/{len(bodies)})"
        box = TextBox(ctx.body, paras, role=Role.BODY)
        elements = (title_box(ctx, title), accent_rule(ctx), box)
        pages.append(Page("closing", title, elements, notes=notes))
    return pages


def _thanks_page(
    ctx: Context, coded: Sequence[Link], listed: Sequence[Link], tile_role: Role
) -> list[Element]:
    """Over-line, the moment and the tiles (or a short list), centred on the slide."""
    closing, body = ctx.recap.closing, ctx.body
    assert closing is not None
    own = closing.title.strip().casefold() != THANKS.casefold()
    title, moment = _moment(ctx, closing.title, own)
    side = _side(ctx, coded)
    gap = ctx.theme.spacing.gap * INCH
    under: list[Para] = [p for group in link_list(ctx, listed, body)[:1] for p in group]
    under_h = side + _TILE_H if coded else text_height(under, body.w) if under else 0.0
    heights = [title.rect.h if own else 0.0, title.rect.h if not own else 0.0, moment.rect.h]
    top = TITLE_TOP + (body.bottom - TITLE_TOP - sum(heights) - gap - under_h) / 2
    title = _at(title, top)
    moment = _at(moment, title.rect.bottom)
    y = moment.rect.bottom + gap
    out: list[Element] = [title, moment]
    if coded:
        out += _tiles(ctx, coded, (y, side), tile_role)
    elif under:
        width = min(body.w, 8 * INCH)
        out.append(
            TextBox(Rect((SLIDE_W - width) / 2, y, width, under_h), tuple(under), role=Role.BODY)
        )
    return out


def _at(box: TextBox, y: float) -> TextBox:
    return TextBox(Rect(box.rect.x, y, box.rect.w, box.rect.h), box.paras, box.anchor, box.role)


def _moment(ctx: Context, closing_title: str, own: bool) -> tuple[TextBox, TextBox]:
    """The slide's title (the closing's own title as a small over-line, or "Thank you"
    itself) and the moment's words under it, both centred."""
    theme, tokens, body = ctx.theme, ctx.theme.components.closing, ctx.body
    heading, title_color = theme.fonts.heading, theme.colors.title
    thanks = Para(
        ctx.spans(THANKS, tokens.thanks, title_color, bold=True, font=heading), align="center"
    )
    questions = ctx.spans(QUESTIONS, tokens.questions, theme.colors.accent, font=heading)
    ask = Para(questions, align="center", space_before=tokens.questions * 0.2)
    title_paras: tuple[Para, ...]
    moment_paras: tuple[Para, ...]
    if own:
        size = theme.components.card.speaker
        over = Para(ctx.spans(closing_title, size, theme.colors.accent, bold=True), align="center")
        title_paras, moment_paras = (over,), (thanks, ask)
    else:
        title_paras, moment_paras = (thanks,), (Para(questions, align="center"),)
    title = TextBox(
        Rect(body.x, 0, body.w, text_height(title_paras, body.w)), title_paras, role=Role.TITLE
    )
    moment = TextBox(
        Rect(body.x, 0, body.w, text_height(moment_paras, body.w)), moment_paras, role=Role.MOMENT
    )
    return title, moment


def _side(ctx: Context, coded: Sequence[Link]) -> float:
    """One side for all the codes: the theme's QR size, or larger when a code needs it to
    scan; never more than a third of the body's width."""
    if not coded:
        return 0.0
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    side = max(ctx.theme.qr_size * INCH, scannable(ctx, coded))
    return min(side, (body.w - 2 * gap) / 3)


def _tiles(
    ctx: Context, coded: Sequence[Link], at: tuple[float, float], role: Role
) -> list[Element]:
    """The codes in one centred row, each with its link's label (or short address) under
    it (a body text when the tiles show every closing link: `import` reads them)."""
    y, side = at
    tokens = ctx.theme.components.card
    pitch = side + 1.2 * INCH
    x = (SLIDE_W - pitch * len(coded)) / 2
    out: list[Element] = []
    for link in coded:
        code = Rect(x + (pitch - side) / 2, y, side, side)
        out.append(qr_image(link, code, f"QR code: {link.label}"))
        para = Para(link_runs(ctx, link, tokens.qr_label), align="center")
        rect = Rect(x, code.bottom + 4, pitch, _TILE_H)
        out.append(TextBox(rect, (para,), role=role))
        x += pitch
    return out
