"""The closing slide: the thank-you moment ("Thank you", or the closing's own title, over
"Questions?"), a row of up to `closing.qr_links` labelled QR tiles for the first links,
and the others on one line under them ("More: …"), the block centred on the slide. Only
when that line does not fit do the links go on a "Links" slide of their own."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.layout.fit import fit, run, text_height
from deckgen.layout.frame import (
    INCH,
    SLIDE_W,
    SMALL_MIN,
    TITLE_TOP,
    Context,
    accent_rule,
    logo_rect,
    title_box,
)
from deckgen.layout.links import link_list, link_runs
from deckgen.layout.page import Element, Page, Para, Rect, Run, TextBox
from deckgen.layout.qr_codes import qr_image, scannable
from deckgen.layout.typography import address_notes
from deckgen.links import shown
from deckgen.model import Link
from deckgen.roles import Role

THANKS = "Thank you"
QUESTIONS = "Questions?"
LINKS = "Links"  # the closing's default title, and that of a slide of links that overflow
CLOSING_DESCR = "Closing: "  # + the closing's title, in the moment's description (`import`)
_MORE = "More: "  # before the links beyond the tiles
_QUIET = (LINKS.casefold(), THANKS.casefold())  # titles the moment says in its own words
_LABEL_H = 0.6 * INCH  # a tile's label (up to two lines) under its code
_MORE_H = 0.9 * INCH  # the most the line of further links takes
_FOOTER_ROOM = 0.3 * INCH  # above the footer band, the block's lowest point


def closing_pages(ctx: Context) -> list[Page]:
    """The thank-you slide; a "Links" slide after it only when the links beyond the tiles
    do not fit one line under them. The notes list every address whole."""
    closing = ctx.recap.closing
    assert closing is not None
    links = closing.links
    most = ctx.theme.components.closing.qr_links
    coded = [] if ctx.recap.options.qr_codes == "none" else list(links[:most])
    rest = links[len(coded) :]
    more = _more(ctx, rest, bool(coded)) if rest else None
    notes = address_notes(links)
    overflow = bool(rest) and more is None
    thanks = _thanks_page(ctx, coded, more)
    pages = [Page("closing", _words(closing.title)[0], tuple(thanks), notes=notes)]
    if not overflow:
        return pages
    bodies = link_list(ctx, links, ctx.body)  # every link, in order (`import` reads them)
    for i, paras in enumerate(bodies, start=1):
        title = LINKS if len(bodies) == 1 else f"{LINKS} ({i}/{len(bodies)})"
        box = TextBox(ctx.body, paras, role=Role.BODY)
        elements = (title_box(ctx, title), accent_rule(ctx), box)
        pages.append(Page("closing", title, elements, notes=notes))
    return pages


def _thanks_page(ctx: Context, coded: Sequence[Link], more: TextBox | None) -> list[Element]:
    """The moment, the tiles and the line of further links, centred on the slide."""
    theme = ctx.theme
    gap = theme.spacing.gap * INCH
    title, moment = _moment(ctx)
    ceiling = logo_rect(theme).bottom if theme.logo else TITLE_TOP
    bottom = theme.spacing.footer_top * INCH - _FOOTER_ROOM
    more_h = gap + more.rect.h if more else 0.0
    room = bottom - ceiling - title.rect.h - moment.rect.h - gap - more_h
    side = _side(ctx, coded, room - _LABEL_H)
    tiles_h = gap + side + _LABEL_H if coded else 0.0
    block = title.rect.h + moment.rect.h + tiles_h + more_h
    top = max(ceiling, ceiling + (bottom - ceiling - block) / 2)
    title = _at(title, top)
    moment = _at(moment, title.rect.bottom)
    y = moment.rect.bottom
    out: list[Element] = [title, moment]
    if coded:
        out += _tiles(ctx, coded, (y + gap, side))
        y += tiles_h
    if more:
        out.append(_at(more, y + gap))
    return out


def _at(box: TextBox, y: float) -> TextBox:
    rect = Rect(box.rect.x, y, box.rect.w, box.rect.h)
    return TextBox(rect, box.paras, box.anchor, box.role, descr=box.descr)


def _moment(ctx: Context) -> tuple[TextBox, TextBox]:
    """The slide's title ("Thank you", or the closing's own title in its place) and the
    question under it, both centred; the title names the closing's title for `import`."""
    closing, theme, body = ctx.recap.closing, ctx.theme, ctx.body
    assert closing is not None
    tokens, heading = theme.components.closing, theme.fonts.heading
    big, ask = _words(closing.title)
    thanks = Para(
        ctx.spans(big, tokens.thanks, theme.colors.title, bold=True, font=heading), align="center"
    )
    one_line = text_height([thanks], body.w * 4)  # on one line: smaller, down to title size
    fitted = (
        fit([thanks], body.w, one_line, tokens.thanks, theme.sizes.title)
        or fit([thanks], body.w, 2 * one_line, theme.sizes.title, theme.sizes.title_min)
        or (thanks,)
    )
    question = ctx.spans(ask, tokens.questions, theme.colors.accent, font=heading)
    asked = (Para(question, align="center", space_before=tokens.questions * 0.2),)
    title = TextBox(
        Rect(body.x, 0, body.w, text_height(fitted, body.w)),
        fitted,
        role=Role.TITLE,
        descr=CLOSING_DESCR + closing.title,
    )
    moment = TextBox(Rect(body.x, 0, body.w, text_height(asked, body.w)), asked, role=Role.MOMENT)
    return title, moment


def _words(title: str) -> tuple[str, str]:
    """The moment's two lines: "Thank you" (or the closing's own title in its place) and
    "Questions?" (or the closing's title when it is that question: said once)."""
    words = title.strip()
    asks = words.casefold() == QUESTIONS.casefold()
    big = THANKS if asks or words.casefold() in _QUIET else words
    return big, words if asks else QUESTIONS


def _side(ctx: Context, coded: Sequence[Link], room: float) -> float:
    """One side for all the codes: the theme's QR size, or larger when a code needs it to
    scan; never more than a third of the body's width, nor (unless it must, to scan) than
    the `room` left under the moment."""
    if not coded:
        return 0.0
    body, gap = ctx.body, ctx.theme.spacing.gap * INCH
    least = scannable(ctx, coded)
    side = max(ctx.theme.qr_size * INCH, least)
    return max(least, min(side, (body.w - 2 * gap) / 3, room))


def _tiles(ctx: Context, coded: Sequence[Link], at: tuple[float, float]) -> list[Element]:
    """The codes in one centred row, each with its link's label (or short address) under
    it, the hyperlink (`import` reads it), and the link's host, small, under that."""
    y, side = at
    theme = ctx.theme
    pitch = side + 1.2 * INCH
    x = (SLIDE_W - pitch * len(coded)) / 2
    size, host = theme.components.card.qr_label, theme.components.closing.host
    out: list[Element] = []
    for link in coded:
        code = Rect(x + (pitch - side) / 2, y, side, side)
        out.append(qr_image(link, code, f"QR code: {link.label}"))
        para = Para(link_runs(ctx, link, size, alone=True), align="center")
        label = Rect(x, code.bottom + 4, pitch, text_height([para], pitch))
        out.append(TextBox(label, (para,), role=Role.BODY))
        if link.label != link.url:  # where it leads (the address itself needs no host)
            where = run(_host(link), theme.fonts.body, host, theme.colors.muted)
            line = Para((where,), align="center")
            rect = Rect(x, label.bottom, pitch, text_height([line], pitch))
            out.append(TextBox(rect, (line,), role=Role.QR_LABEL))
        x += pitch
    return out


def _host(link: Link) -> str:
    """The link's host, as printed (no scheme, no `www.`)."""
    return shown(link.url).removeprefix("www.").partition("/")[0]


def _more(ctx: Context, rest: Sequence[Link], tiled: bool) -> TextBox | None:
    """The links beyond the tiles on one line ("More: A · B"), wrapping to a second and
    shrinking to the floor when need be; None when even that does not hold them."""
    theme, body = ctx.theme, ctx.body
    size = theme.components.closing.more
    lead = _MORE if tiled else f"{LINKS}: "
    runs: list[Run] = [run(lead, theme.fonts.body, size, theme.colors.muted)]
    for i, link in enumerate(rest):
        if i:
            runs.append(run(" · ", theme.fonts.body, size, theme.colors.muted))
        runs += link_runs(ctx, link, size)
    para = Para(tuple(runs), align="center")
    fitted = fit([para], body.w, _MORE_H, size, SMALL_MIN)
    if fitted is None:
        return None
    return TextBox(Rect(body.x, 0, body.w, text_height(fitted, body.w)), fitted, role=Role.BODY)
