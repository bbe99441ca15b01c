"""Layouts of tables, images, video cards, link lists and QR-code tiles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from deckgen.layout.fit import (
    INSET_X,
    INSET_Y,
    fit,
    longest_line,
    para_height,
    run,
    scaled,
    text_height,
)
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, SMALL_MIN, Context, labelled_link
from deckgen.layout.page import Cell, Element, Grid, Image, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.links import shown
from deckgen.model import Link, Links, Picture, Slide, Table, Video
from deckgen.qr import qr_png
from deckgen.roles import Role

TILES_PER_PAGE = 3
_TABLE_SIZES = (22.0, 12.0)  # start and minimum font size of table text


def gets_qr(ctx: Context, link: Link) -> bool:
    """Whether the recap's `qr_codes` option gives this link a QR code."""
    mode = ctx.recap.options.qr_codes
    return mode == "all" or (mode == "youtube" and link.is_youtube)


def qr_image(link: Link, rect: Rect, alt: str) -> Image:
    """A QR code of the link; the picture itself is a clickable link too."""
    return Image(rect, data=qr_png(link.url), alt=alt, url=link.url, role=Role.QR_CODE)


# --- tables -----------------------------------------------------------------------------


def table(ctx: Context, slide: Slide) -> list[Page]:
    """A native table; rows continue on further slides (header repeated) when needed.

    The largest size (22 down to 12 pt) at which every column fits unwrapped and all
    rows fit the slide wins; failing that, columns share the width and cells wrap.
    """
    assert isinstance(slide.content, Table)
    content = slide.content
    body = ctx.body
    start, minimum = _TABLE_SIZES
    natural_fit = None
    size = start
    while size >= minimum:
        natural = _natural_widths(ctx, content, size)
        if sum(natural) <= body.w:
            widths = _spread(natural, body.w)
            header, heights = _heights(ctx, content, widths, size)
            natural_fit = (size, widths, header, heights)  # the smallest so far
            if header + sum(heights) <= body.h:
                break
        size -= 1
    if natural_fit is None:  # too wide even at the minimum size: wrap inside cells
        size = minimum
        widths = _shared_widths(_natural_widths(ctx, content, size), body.w)
        header, heights = _heights(ctx, content, widths, size)
    else:
        size, widths, header, heights = natural_fit
    bodies: list[list[Element]] = []
    for chunk in _row_chunks(heights, body.h - header):
        rows = [content.rows[i] for i in chunk]
        cells = [_cells(ctx, content.columns, size, header=True, stripe=False)]
        cells += [
            _cells(ctx, row, size, header=False, stripe=n % 2 == 1) for n, row in enumerate(rows)
        ]
        row_heights = (header, *(heights[i] for i in chunk))
        rect = Rect(body.x, body.y, sum(widths), sum(row_heights))
        bodies.append([Grid(rect, tuple(widths), row_heights, tuple(cells))])
    return content_pages(ctx, slide, bodies)


def _heights(
    ctx: Context, content: Table, widths: list[float], size: float
) -> tuple[float, list[float]]:
    header = _row_height(ctx, content.columns, widths, size, bold=True)
    return header, [_row_height(ctx, row, widths, size) for row in content.rows]


def _natural_widths(ctx: Context, table: Table, size: float) -> list[float]:
    """Each column's width when no cell wraps."""
    rows = [table.columns, *table.rows]
    return [
        max(
            longest_line(para)
            for i, row in enumerate(rows)
            for para in _cell_paras(ctx, row[c], size, bold=i == 0)
        )
        + 2 * INSET_X
        + 2
        for c in range(len(table.columns))
    ]


def _spread(natural: list[float], total: float) -> list[float]:
    extra = (total - sum(natural)) / len(natural)
    return [w + extra for w in natural]


def _shared_widths(natural: list[float], total: float) -> list[float]:
    """Widths weighted towards wider content, none narrower than an inch."""
    floor = min(1.0 * INCH, total / len(natural))
    weights = [math.sqrt(w) for w in natural]
    widths = [max(floor, total * w / sum(weights)) for w in weights]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _row_height(
    ctx: Context, row: Sequence[str], widths: Sequence[float], size: float, bold: bool = False
) -> float:
    tallest = 0.0
    for text, width in zip(row, widths, strict=True):
        paras = _cell_paras(ctx, text, size, bold)
        inner = width - 2 * INSET_X
        tallest = max(tallest, sum(para_height(p, inner) for p in paras))
    return tallest + 2 * INSET_Y + 4


def _cell_paras(ctx: Context, text: str, size: float, bold: bool = False) -> tuple[Para, ...]:
    return tuple(Para(ctx.spans(line, size, bold=bold)) for line in (text.split("\n") or [""]))


def _cells(
    ctx: Context, row: Sequence[str], size: float, header: bool, stripe: bool
) -> tuple[Cell, ...]:
    colors = ctx.theme.colors
    if header:
        return tuple(
            Cell(
                tuple(
                    Para(ctx.spans(t, size, colors.table_header_text, bold=True))
                    for t in (text.split("\n") or [""])
                ),
                colors.table_header,
            )
            for text in row
        )
    fill = colors.table_stripe if stripe else colors.background
    return tuple(Cell(_cell_paras(ctx, text, size), fill) for text in row)


def _row_chunks(heights: Sequence[float], room: float) -> list[list[int]]:
    chunks: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if chunks[-1] and used + h > room:
            chunks.append([])
            used = 0.0
        chunks[-1].append(i)
        used += h
    return chunks


# --- images -----------------------------------------------------------------------------


def image(ctx: Context, slide: Slide) -> list[Page]:
    """A picture scaled to fit its area (aspect ratio kept), centred, caption below."""
    assert isinstance(slide.content, Picture)
    picture, sizes = slide.content, ctx.theme.sizes
    body = ctx.body
    elements: list[Element] = []
    caption_h = 0.0
    if picture.caption:
        para = Para(
            ctx.spans(picture.caption, sizes.caption * 1.15, ctx.theme.colors.muted, italic=True),
            align="center",
        )
        caption_h = 0.75 * INCH
        rect = Rect(body.x, body.bottom - caption_h, body.w, caption_h)
        elements.append(
            TextBox(
                rect,
                fit([para], rect.w, rect.h, para.runs[0].size, SMALL_MIN) or (para,),
                anchor="middle",
            )
        )
    area = Rect(body.x, body.y, body.w, body.h - caption_h - 0.1 * INCH)
    scale = min(area.w / picture.width, area.h / picture.height)
    w, h = picture.width * scale, picture.height * scale
    rect = Rect(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)
    alt = picture.alt or picture.caption or slide.title
    elements.insert(
        0,
        Image(
            rect, path=picture.path, name=picture.path.name, alt=alt, extension=picture.extension
        ),
    )
    return content_pages(ctx, slide, [elements])


# --- video cards and QR tiles -------------------------------------------------------------

_LINK_ROLE = {"recording": Role.RECORDING_LINK, "slides": Role.SLIDES_LINK, "link": Role.LINK}


@dataclass(frozen=True)
class Card:
    """A recording or link shown with its QR code: title, detail lines and the link."""

    title: str
    link: Link
    details: tuple[str, ...] = ()
    summary: str | None = None
    slides: Link | None = None  # the speakers' own slides
    leads_to: Literal["recording", "slides", "link"] = "link"  # what `link` is, for alt text

    @property
    def qr_alt(self) -> str:
        """The QR code's alt text: "QR code: recording of <title>", or of a link its label."""
        of = "" if self.leads_to == "link" else f"{self.leads_to} of "
        return f"QR code: {of}{self.title}"

    def lines(self, show_title: bool) -> tuple[Role, ...]:
        """The roles of the card's paragraphs (read back by `import`)."""
        title = (Role.CARD_TITLE,) if show_title else ()
        summary = (Role.SUMMARY,) if self.summary else ()
        slides = (Role.SLIDES_LINK,) if self.slides else ()
        link = _LINK_ROLE[self.leads_to]
        return (*title, *(Role.SPEAKER for _ in self.details), *summary, link, *slides)


def video(ctx: Context, slide: Slide) -> list[Page]:
    """A card for one recording: title, speakers, summary and the QR code."""
    assert isinstance(slide.content, Video)
    v = slide.content
    card = Card(v.title or slide.title, v.link, v.speakers, v.summary, leads_to="recording")
    return content_pages(ctx, slide, [card_body(ctx, card, show_title=v.title is not None)])


def card_body(ctx: Context, card: Card, show_title: bool = True) -> list[Element]:
    """Text on the left, the QR code (when the link gets one) on the right."""
    theme, sizes, body = ctx.theme, ctx.theme.sizes, ctx.body
    with_qr = gets_qr(ctx, card.link)
    qr_side = min(theme.qr_size * INCH, body.h - 0.9 * INCH)
    text_w = body.w - (qr_side + 0.6 * INCH if with_qr else 0)
    paras: list[Para] = []
    if show_title:
        paras.append(
            Para(
                ctx.spans(
                    card.title,
                    sizes.body * 1.1,
                    theme.colors.title,
                    bold=True,
                    font=theme.fonts.heading,
                )
            )
        )
    for line in card.details:
        paras.append(
            Para(
                ctx.spans(line, sizes.body * 0.9, theme.colors.accent, bold=True),
                space_before=sizes.body * 0.3,
            )
        )
    if card.summary:
        paras.append(Para(ctx.spans(card.summary, sizes.body), space_before=sizes.body * 0.6))
    label = "Recording: " if card.link.is_youtube else "Link: "
    paras.append(
        Para(
            labelled_link(ctx, label, card.link.url, sizes.body * 0.8),
            space_before=sizes.body * 0.7,
        )
    )
    if card.slides:
        paras.append(
            Para(
                labelled_link(ctx, "Slides: ", card.slides.url, sizes.body * 0.7),
                space_before=sizes.body * 0.3,
            )
        )
    text_rect = Rect(body.x, body.y, text_w, body.h)
    fitted = fit(paras, text_w, body.h, sizes.body, sizes.body_min)
    if fitted is None:
        fitted = fit(paras, text_w, body.h, sizes.body, SMALL_MIN) or scaled(
            paras, SMALL_MIN / sizes.body
        )
    box = TextBox(text_rect, fitted, anchor="middle", role=Role.CARD, lines=card.lines(show_title))
    elements: list[Element] = [box]
    if with_qr:
        x = body.right - qr_side
        y = body.y + (body.h - qr_side - 0.5 * INCH) / 2
        elements.append(qr_image(card.link, Rect(x, y, qr_side, qr_side), card.qr_alt))
        elements.append(
            _qr_label(
                ctx, card.link, Rect(x - 0.3 * INCH, y + qr_side, qr_side + 0.6 * INCH, 0.45 * INCH)
            )
        )
    return elements


def links(ctx: Context, slide: Slide) -> list[Page]:
    """A list of links, or QR tiles when any of them gets a QR code."""
    assert isinstance(slide.content, Links)
    return content_pages(ctx, slide, link_bodies(ctx, slide.content.items))


def link_bodies(ctx: Context, items: Sequence[Link]) -> list[list[Element]]:
    """Page bodies for a collection of links (links slides, the closing slide).

    Two or more links with QR codes: tiles. One: the list, with its QR code beside it.
    """
    qr_links = [link for link in items if gets_qr(ctx, link)]
    if len(qr_links) >= 2:
        cards = [
            Card(link.label if link.label != link.url else shown(link.url), link) for link in items
        ]
        return tile_bodies(ctx, cards)
    theme, sizes, body = ctx.theme, ctx.theme.sizes, ctx.body
    qr_side = min(theme.qr_size * INCH, body.h - 0.9 * INCH)
    area = Rect(body.x, body.y, body.w - (qr_side + 0.6 * INCH if qr_links else 0), body.h)
    groups = [_link_group(ctx, link) for link in items]
    pages = paginate(groups, area.w, area.h, sizes.body, sizes.body_min)
    bodies: list[list[Element]] = [[TextBox(area, page, role=Role.BODY)] for page in pages]
    if qr_links:
        link = qr_links[0]
        x, y = body.right - qr_side, body.y + (body.h - qr_side - 0.5 * INCH) / 2
        bodies[0] += [
            qr_image(link, Rect(x, y, qr_side, qr_side), f"QR code: {link.label}"),
            _qr_label(
                ctx, link, Rect(x - 0.3 * INCH, y + qr_side, qr_side + 0.6 * INCH, 0.45 * INCH)
            ),
        ]
    return bodies


def _link_group(ctx: Context, link: Link) -> tuple[Para, ...]:
    """A link as a bullet: its label in bold, the address below; or the address alone."""
    theme, size = ctx.theme, ctx.theme.sizes.body
    indent = 0.32 * INCH
    if link.label == link.url:
        return (
            Para(
                (run(link.url, theme.fonts.body, size, theme.colors.link, url=link.url),),
                bullet="•",
                bullet_color=theme.colors.accent,
                indent=indent,
                space_before=size * 0.45,
            ),
        )
    label = Para(
        ctx.spans(link.label, size, theme.colors.text, bold=True),
        bullet="•",
        bullet_color=theme.colors.accent,
        indent=indent,
        space_before=size * 0.45,
    )
    url = Para(
        (run(link.url, theme.fonts.body, size * 0.7, theme.colors.link, url=link.url),),
        indent=indent,
    )
    return (label, url)


def _qr_label(ctx: Context, link: Link, rect: Rect) -> TextBox:
    theme = ctx.theme
    text = "Scan to watch" if link.is_youtube else "Scan to open"
    para = Para(
        (run(text, theme.fonts.body, theme.sizes.caption, theme.colors.muted),), align="center"
    )
    return TextBox(rect, (para,), role=Role.QR_LABEL)


def tile_bodies(ctx: Context, cards: Sequence[Card]) -> list[list[Element]]:
    """Cards side by side, three a page: QR code on top, title and details below."""
    theme, body = ctx.theme, ctx.body
    gap = 0.35 * INCH
    tile_w = (body.w - gap * (TILES_PER_PAGE - 1)) / TILES_PER_PAGE
    qr_side = min(tile_w - 0.6 * INCH, theme.qr_size * INCH, body.h - 2.0 * INCH)
    qr_band = qr_side + 0.4 * INCH if any(gets_qr(ctx, c.link) for c in cards) else 0.25 * INCH
    text_w = tile_w - 0.2 * INCH
    # tiles as short as their text allows at 12 pt, as tall as the body when it needs that
    text_h = max(_tile_text_height(ctx, card, text_w) for card in cards)
    tile_h = min(body.h, max(qr_band + 1.7 * INCH, qr_band + text_h + 0.1 * INCH))
    top = body.y + (body.h - tile_h) / 2
    pages = []
    for start in range(0, len(cards), TILES_PER_PAGE):
        chunk = cards[start : start + TILES_PER_PAGE]
        offset = (body.w - (tile_w * len(chunk) + gap * (len(chunk) - 1))) / 2
        elements: list[Element] = []
        for n, card in enumerate(chunk):
            tile = Rect(body.x + offset + n * (tile_w + gap), top, tile_w, tile_h)
            elements.append(Shape(tile, theme.colors.surface, rounded=True))
            if gets_qr(ctx, card.link):
                qr = Rect(tile.x + (tile.w - qr_side) / 2, tile.y + 0.25 * INCH, qr_side, qr_side)
                elements.append(qr_image(card.link, qr, card.qr_alt))
            rect = Rect(
                tile.x + 0.1 * INCH,
                tile.y + qr_band,
                text_w,
                tile.bottom - tile.y - qr_band - 0.1 * INCH,
            )
            paras = _tile_paras(ctx, card)
            size = paras[0].runs[0].size
            fitted = fit(paras, rect.w, rect.h, size, SMALL_MIN) or _shortened(paras, rect)
            elements.append(TextBox(rect, fitted))
        pages.append(elements)
    return pages


def _tile_paras(ctx: Context, card: Card) -> list[Para]:
    theme, sizes = ctx.theme, ctx.theme.sizes
    return [
        Para(
            ctx.spans(card.title, sizes.caption * 1.25, theme.colors.title, bold=True),
            align="center",
        ),
        *(
            Para(ctx.spans(d, sizes.caption, theme.colors.muted), align="center")
            for d in card.details
        ),
        Para(
            (
                run(
                    shown(card.link.url),
                    theme.fonts.body,
                    sizes.caption,
                    theme.colors.link,
                    url=card.link.url,
                ),
            ),
            align="center",
            space_before=4,
        ),
    ]


def _tile_text_height(ctx: Context, card: Card, width: float) -> float:
    return text_height(_smallest(_tile_paras(ctx, card)), width)


def _shortened(paras: list[Para], rect: Rect) -> tuple[Para, ...]:
    """A tile whose text does not fit even at 12 pt: its title shortened with an ellipsis
    (tiles summarise: the full title is on the talk card or the links slide)."""
    smallest = _smallest(paras)
    title, rest = smallest[0], smallest[1:]
    words = "".join(r.text for r in title.runs).split()
    while len(words) > 1:
        words.pop()
        first = replace(title.runs[0], text=" ".join(words) + "…")
        candidate = (replace(title, runs=(first,)), *rest)
        if text_height(candidate, rect.w) <= rect.h:
            return candidate
    return smallest


def _smallest(paras: Sequence[Para]) -> tuple[Para, ...]:
    """`paras` scaled so that their smallest run is at the 12 pt floor."""
    return scaled(paras, SMALL_MIN / min(r.size for p in paras for r in p.runs))
