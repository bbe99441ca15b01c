"""Links slides: a list of links, with the QR code of the one link that gets one beside
it (labelled with the link's label), or tiles (QR code on top, label below) when several
links get a code. A link shows its label, or its address printed short; the full
address is the hyperlink and in the notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from deckgen.layout.cards import Card, balanced, labelled_qr
from deckgen.layout.fit import fit, run, scaled, text_height
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Element, Page, Para, Rect, Run, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.layout.qr_codes import gets_qr, qr_image, scannable
from deckgen.links import brief, shown
from deckgen.model import Link, Links, Slide
from deckgen.roles import Role

_LABEL_H = 0.5 * INCH
BREAK = "\u200b"  # a zero-width space: where a printed address may wrap (after a "/")
NBSP = "\u00a0"  # a no-break space: a link's host stays with its "·"


def links(ctx: Context, slide: Slide) -> list[Page]:
    """A list of links, or QR tiles when any of them gets a QR code."""
    assert isinstance(slide.content, Links)
    return content_pages(ctx, slide, link_bodies(ctx, slide.content.items))


def link_bodies(ctx: Context, items: Sequence[Link]) -> list[list[Element]]:
    """Page bodies for a links slide: tiles when two or more links get a QR code; else the
    list, with the one QR code beside it."""
    qr_links = [link for link in items if gets_qr(ctx, link)]
    if len(qr_links) >= 2:
        return tile_bodies(ctx, [_link_card(link, ctx.theme.grid.url_chars) for link in items])
    body = ctx.body
    side = min(max(ctx.theme.qr_size * INCH, scannable(ctx, qr_links)), body.h - _LABEL_H)
    area = Rect(body.x, body.y, body.w - (side + 0.6 * INCH if qr_links else 0), body.h)
    bodies: list[list[Element]] = [
        [TextBox(area, page, role=Role.BODY)] for page in link_list(ctx, items, area)
    ]
    if qr_links:
        y = body.y + (body.h - side - _LABEL_H) / 2
        code = Rect(body.right - side, y, side, side)
        bodies[0] += labelled_qr(ctx, _link_card(qr_links[0], ctx.theme.grid.url_chars), code)
    return bodies


def _link_card(link: Link, limit: int) -> Card:
    return Card(link.label if link.label != link.url else brief(link.url, limit), link)


def link_list(ctx: Context, items: Sequence[Link], area: Rect) -> list[tuple[Para, ...]]:
    """Links as bullets (each its label, or its address), over as few pages of `area` as
    can be."""
    sizes = ctx.theme.sizes
    groups = [(_link_para(ctx, link, sizes.body),) for link in items]
    pages = paginate(groups, area.w, area.h, sizes.body, sizes.body_min)
    return [tuple(_floored(para, sizes.detail_min) for para in page) for page in pages]


def _link_para(ctx: Context, link: Link, size: float) -> Para:
    """A link as a bullet: its label in bold, or its address printed short; either is the
    hyperlink (the full address is in the notes). After a label, where it leads: its host
    at the caption's share of the label's size, tied to its "·" by a no-break space (it
    wraps whole, and "·" never ends a line)."""
    theme, labelled = ctx.theme, link.label != link.url
    spacing, runs = theme.spacing, link_runs(ctx, link, size, alone=labelled)
    if labelled:
        host = shown(link.url).removeprefix("www.").partition("/")[0]
        small = size * theme.sizes.caption / theme.sizes.body
        # a plain space: LibreOffice may wrap after a link's text whatever follows it, and
        # then drops the space; in the link's colour, it ends the link (as `link_runs`' end)
        gap = run(" ", theme.fonts.body, small, theme.colors.link)
        runs = (*runs, gap, run(f"·{NBSP}{host}", theme.fonts.body, small, theme.colors.muted))
    return Para(
        runs,
        bullet="•",
        bullet_color=ctx.theme.colors.accent,
        indent=spacing.bullet_hang * INCH,
        space_before=size * spacing.paragraph_em,
    )


def _floored(para: Para, floor: float) -> Para:
    """`para` with no run under `floor` points (a host shrunk along with its label)."""
    if all(r.size >= floor for r in para.runs):
        return para
    return replace(para, runs=tuple(replace(r, size=max(r.size, floor)) for r in para.runs))


def link_runs(ctx: Context, link: Link, size: float, alone: bool = False) -> tuple[Run, ...]:
    """What a slide prints for a link: its label (bold) or else its address printed short
    (`links.brief`), a word (or a piece of the address) a run, each the hyperlink:
    viewers break a linked run inside a word, as if it were an address. `alone`: nothing
    follows it in its paragraph."""
    theme = ctx.theme
    # LibreOffice draws a link in the colour of the text after it: a zero-width space in
    # the link's colour ends it (where text follows)
    end = run(BREAK, theme.fonts.body, size, theme.colors.link)
    ending = () if alone else (end,)
    if link.label == link.url:  # each piece a run, a break allowed after each "/"
        pieces = re.findall(r"[^/]*/|[^/]+", brief(link.url, theme.grid.url_chars))
        out: list[Run] = []
        for piece in pieces:
            if out:
                out.append(end)
            out.append(run(piece, theme.fonts.body, size, theme.colors.link, url=link.url))
        return (*out, *ending)
    runs = ctx.spans(link.label, size, theme.colors.link, bold=True)
    return (*(word for r in runs for word in _words(r, link.url)), *ending)


def _words(r: Run, url: str) -> list[Run]:
    """`r` as a run a word (with the space after it), linked to `url` (or to the label's
    own link)."""
    return [replace(r, text=part, url=r.url or url) for part in re.findall(r"\s*\S+\s*", r.text)]


def tile_bodies(ctx: Context, cards: Sequence[Card]) -> list[list[Element]]:
    """Cards side by side, `tiles.per_slide` a page (as many on each page as can be): QR
    code on top, title and address below; one QR size for all, large enough to scan."""
    theme, body = ctx.theme, ctx.body
    per_slide = theme.components.tiles.per_slide
    gap = theme.spacing.gap * INCH
    tile_w = (body.w - gap * (per_slide - 1)) / per_slide
    coded = [c.link for c in cards if gets_qr(ctx, c.link)]
    side = (
        min(
            max(scannable(ctx, coded), min(tile_w - 0.6 * INCH, theme.qr_size * INCH)),
            body.h - 1.6 * INCH,
        )
        if coded
        else 0.0
    )
    band = side + 0.4 * INCH if side else 0.25 * INCH
    text_w = tile_w - 0.2 * INCH
    text_h = max(_tile_text_height(ctx, card, text_w) for card in cards)
    tile_h = min(body.h, max(band + 1.5 * INCH, band + text_h + 0.1 * INCH))
    top = body.y + (body.h - tile_h) / 2
    pages = []
    start = 0
    for count in balanced(len(cards), per_slide):
        chunk = cards[start : start + count]
        start += count
        offset = (body.w - (tile_w * count + gap * (count - 1))) / 2
        elements: list[Element] = []
        for n, card in enumerate(chunk):
            tile = Rect(body.x + offset + n * (tile_w + gap), top, tile_w, tile_h)
            elements += _tile(ctx, card, tile, side, band)
        pages.append(elements)
    return pages


def _tile(ctx: Context, card: Card, tile: Rect, side: float, band: float) -> list[Element]:
    elements: list[Element] = [Shape(tile, ctx.theme.colors.surface, rounded=True)]
    if side and gets_qr(ctx, card.link):
        qr = Rect(tile.x + (tile.w - side) / 2, tile.y + 0.25 * INCH, side, side)
        elements.append(qr_image(card.link, qr, card.qr_alt))
    rect = Rect(tile.x + 0.1 * INCH, tile.y + band, tile.w - 0.2 * INCH, tile.h - band - 0.1 * INCH)
    paras = _tile_paras(ctx, card)
    floor = ctx.theme.sizes.detail_min
    fitted = fit(paras, rect.w, rect.h, paras[0].runs[0].size, floor) or _shortened(
        ctx, paras, rect
    )
    elements.append(TextBox(rect, fitted))
    return elements


def _tile_paras(ctx: Context, card: Card) -> list[Para]:
    """A tile's link (its label, or its address) and detail lines, centred."""
    theme = ctx.theme
    return [
        Para(link_runs(ctx, card.link, theme.components.tiles.title, alone=True), align="center"),
        *(
            Para(ctx.spans(d, theme.sizes.caption, theme.colors.muted), align="center")
            for d in card.details
        ),
    ]


def _tile_text_height(ctx: Context, card: Card, width: float) -> float:
    return text_height(_smallest(ctx, _tile_paras(ctx, card)), width)


def _shortened(ctx: Context, paras: list[Para], rect: Rect) -> tuple[Para, ...]:
    """A tile whose text does not fit even at the smallest size: its title shortened with
    an ellipsis (tiles summarise: the full title is on the links slide's notes)."""
    smallest = _smallest(ctx, paras)
    title, rest = smallest[0], smallest[1:]
    words = "".join(r.text for r in title.runs).split()
    while len(words) > 1:
        words.pop()
        first = replace(title.runs[0], text=" ".join(words) + "…")
        candidate = (replace(title, runs=(first,)), *rest)
        if text_height(candidate, rect.w) <= rect.h:
            return candidate
    return smallest


def _smallest(ctx: Context, paras: Sequence[Para]) -> tuple[Para, ...]:
    """`paras` scaled so that their smallest run is at the theme's `detail_min`."""
    floor = ctx.theme.sizes.detail_min
    return scaled(paras, floor / min(r.size for p in paras for r in p.runs))
