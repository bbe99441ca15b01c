"""Quotes and stats: a quotation under its mark with its source, big figures in a grid."""

from __future__ import annotations

import itertools
import math

from deckgen.layout.fit import INSET_X, count_lines, fit, run, text_height
from deckgen.layout.flow import paginate
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Element, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.layout.text_kinds import paragraphs, renumber
from deckgen.layout.typography import balanced, is_statement
from deckgen.model import Quote, Slide, Stat, Stats

_MARK_W = 0.75  # the quote mark's column, in ems of the mark
_MARK_RISE = 0.3  # the mark's line box starts this far (ems) above the text: a mark sits high


def quote(ctx: Context, slide: Slide) -> list[Page]:
    """A quotation beside a large quote mark, its source under it; the block centred."""
    assert isinstance(slide.content, Quote)
    sizes, spacing = ctx.theme.sizes, ctx.theme.spacing
    body = ctx.body
    mark_w = sizes.quote_mark * _MARK_W
    area = Rect(body.x + mark_w, body.y, body.w - mark_w - spacing.statement_inset * INCH, body.h)
    source = _source(ctx, slide.content.source, area.w)
    room = area.h - (text_height(source, area.w) + spacing.gap * INCH if source else 0)
    # a short quotation is set as large as a statement, a long one upright and smaller
    grid, text = ctx.theme.grid, slide.content.text
    short = is_statement(text, grid.statement_words)
    long = len(text.split()) > grid.quote_words
    size = sizes.statement if short else sizes.quote_long if long else sizes.quote
    groups = [
        (Para(ctx.spans(t, size, italic=not long), space_before=size * spacing.paragraph_em),)
        for t in paragraphs(text)
    ]
    pages = paginate(groups, area.w, room, size, sizes.body_min)
    bodies = [
        _quote_block(ctx, area, renumber(paras), source if n == len(pages) else ())
        for n, paras in enumerate(pages, start=1)
    ]
    return content_pages(ctx, slide, bodies, kicker=True)  # titled like its topic: small


def _source(ctx: Context, source: str | None, width: float) -> tuple[Para, ...]:
    """The attribution line, `— Source`, at the caption size (smaller when long)."""
    if not source:
        return ()
    sizes = ctx.theme.sizes
    para = Para(ctx.spans(f"— {source}", sizes.caption, ctx.theme.colors.muted))
    return fit([para], width, 3 * sizes.caption * 1.3, sizes.caption, sizes.detail_min) or (para,)


def _quote_block(
    ctx: Context, area: Rect, paras: tuple[Para, ...], source: tuple[Para, ...]
) -> list[Element]:
    """The mark, the text and the source, as one block centred in the body height."""
    theme = ctx.theme
    gap = theme.spacing.gap * INCH if source else 0.0
    text_h = text_height(paras, area.w)
    source_h = text_height(source, area.w) if source else 0.0
    top = area.y + (area.h - text_h - gap - source_h) / 2
    size = theme.sizes.quote_mark
    mark = Para((run("“", theme.fonts.heading, size, theme.colors.accent, bold=True),))
    mark_rect = Rect(area.x - size * _MARK_W, top - size * _MARK_RISE, size * _MARK_W, size * 1.3)
    lines = count_lines(paras[0], area.w - 2 * INSET_X) if len(paras) == 1 else 1
    width = balanced(paras[0], area.w, lines) if lines > 1 else area.w  # no orphan word
    out: list[Element] = [
        TextBox(mark_rect, (mark,)),
        TextBox(Rect(area.x, top, width, text_h), paras),
    ]
    if source:
        out.append(TextBox(Rect(area.x, top + text_h + gap, area.w, source_h), source))
    return out


def stats(ctx: Context, slide: Slide) -> list[Page]:
    """Big figures with their labels in a balanced grid (2 + 2, not 3 + 1), as few a
    slide as the theme allows, one figure size and one label size on a slide."""
    assert isinstance(slide.content, Stats)
    items = list(slide.content.items)
    grid = ctx.theme.grid
    count = math.ceil(len(items) / grid.stats_per_slide)
    cuts = [round(i * len(items) / count) for i in range(count + 1)]
    chunks = [items[a:b] for a, b in itertools.pairwise(cuts)]
    return content_pages(ctx, slide, [_stat_grid(ctx, chunk) for chunk in chunks])


def _cells(ctx: Context, count: int) -> list[Rect]:
    """The cells of `count` stats: rows as even as can be, a shorter last row centred."""
    body, grid, spacing = ctx.body, ctx.theme.grid, ctx.theme.spacing
    rows = math.ceil(count / grid.stats_columns)
    columns = math.ceil(count / rows)
    gap = spacing.gap * INCH
    cell_w = (body.w - gap * (columns - 1)) / columns
    cell_h = min((body.h - gap * (rows - 1)) / rows, grid.stat_height * INCH)
    top = body.y + (body.h - (cell_h * rows + gap * (rows - 1))) / 2
    out = []
    for n in range(count):
        r, c = divmod(n, columns)
        in_row = min(columns, count - r * columns)
        left = body.x + (body.w - (cell_w * in_row + gap * (in_row - 1))) / 2
        out.append(Rect(left + c * (cell_w + gap), top + r * (cell_h + gap), cell_w, cell_h))
    return out


def _stat_grid(ctx: Context, items: list[Stat]) -> list[Element]:
    theme, sizes = ctx.theme, ctx.theme.sizes
    cells = _cells(ctx, len(items))
    pad = theme.spacing.padding * INCH
    # the band of the figure, below the cell's top padding
    value_h = cells[0].h * theme.grid.stat_value_share - pad
    label_h = cells[0].h - value_h - 2 * pad
    inner = cells[0].w - 2 * pad
    value = _common_size(
        [_value_para(ctx, i.value, sizes.stat_value) for i in items], inner, value_h, sizes.body_min
    )
    label = _common_size(
        [_label_para(ctx, i.label, sizes.stat_label) for i in items],
        inner,
        label_h,
        sizes.detail_min,
    )
    out: list[Element] = []
    for item, cell in zip(items, cells, strict=True):
        out.append(Shape(cell, theme.colors.surface, rounded=True))
        value_rect = Rect(cell.x + pad, cell.y + pad, inner, value_h)
        out.append(TextBox(value_rect, (_value_para(ctx, item.value, value),), anchor="bottom"))
        label_rect = Rect(cell.x + pad, value_rect.bottom, inner, label_h)
        out.append(TextBox(label_rect, (_label_para(ctx, item.label, label),)))
    return out


def _common_size(paras: list[Para], width: float, height: float, minimum: float) -> float:
    """The largest size (from the paragraphs' own, down to `minimum`) at which every one of
    `paras` fits its box."""
    size = paras[0].runs[0].size
    factors = []
    for para in paras:
        fitted = fit([para], width, height, size, minimum)
        factors.append(fitted[0].runs[0].size / para.runs[0].size if fitted else minimum / size)
    return size * min(factors)


def _value_para(ctx: Context, value: str, size: float) -> Para:
    """A stat's figure, inline Markdown like every other text (a link in it is clickable)."""
    theme = ctx.theme
    spans = ctx.spans(value, size, theme.colors.accent, bold=True, font=theme.fonts.heading)
    return Para(spans, align="center")


def _label_para(ctx: Context, label: str, size: float) -> Para:
    return Para(ctx.spans(label, size, ctx.theme.colors.text), align="center")
