"""Native tables: the largest size at which the columns fit, rows continued on further
slides with the header repeated and the same column widths."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.layout.fit import INSET_X, INSET_Y, longest_line, para_height
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Cell, Element, Grid, Page, Para, Rect
from deckgen.layout.pages import content_pages
from deckgen.model import Slide, Table


@dataclass(frozen=True)
class _Setting:
    """A table's type size, column widths, row heights and the rows of each slide."""

    size: float
    widths: list[float]
    header: float
    heights: list[float]
    chunks: list[list[int]]


def table(ctx: Context, slide: Slide) -> list[Page]:
    """A native table; rows continue on further slides (header repeated) when needed.

    The table takes as few slides as it must, its rows shared evenly between them (18 on
    two slides: 9 and 9), at the largest size (`table.size` down to `table.size_min`) at
    which every column fits unwrapped and the rows fit; failing that, columns share the
    width and cells wrap. Every continuation slide has the size and widths of the first.
    """
    assert isinstance(slide.content, Table)
    content = slide.content
    body = ctx.body
    setting = _setting(ctx, content)
    size, widths, header, heights = setting.size, setting.widths, setting.header, setting.heights
    bodies: list[list[Element]] = []
    for chunk in setting.chunks:
        rows = [content.rows[i] for i in chunk]
        cells = [_cells(ctx, content.columns, size, header=True, stripe=False)]
        cells += [
            _cells(ctx, row, size, header=False, stripe=n % 2 == 1) for n, row in enumerate(rows)
        ]
        row_heights = (header, *(heights[i] for i in chunk))
        rect = Rect(body.x, body.y, sum(widths), sum(row_heights))
        bodies.append([Grid(rect, tuple(widths), row_heights, tuple(cells))])
    return content_pages(ctx, slide, bodies)


def _setting(ctx: Context, content: Table) -> _Setting:
    """The largest size at which the rows, shared evenly over the fewest slides they
    need, fit the body."""
    tokens, body = ctx.theme.components.table, ctx.body
    candidates = []  # (size, widths), largest first: sizes at which no column wraps
    size = tokens.size
    while size >= tokens.size_min:
        natural = _natural_widths(ctx, content, size)
        if sum(natural) <= body.w:
            candidates.append((size, _spread(natural, body.w)))
        size -= 1
    if not candidates:  # too wide even at the minimum size: wrap inside cells
        natural = _natural_widths(ctx, content, tokens.size_min)
        candidates = [(tokens.size_min, _shared_widths(natural, body.w))]
    smallest, widths = candidates[-1]
    header, heights = _heights(ctx, content, widths, smallest)
    greedy = _row_chunks(heights, body.h - header)
    for size, widths in candidates:
        head, rows = _heights(ctx, content, widths, size)
        chunks = _even_chunks(len(rows), len(greedy))
        if all(head + sum(rows[i] for i in chunk) <= body.h for chunk in chunks):
            return _Setting(size, widths, head, rows, chunks)
    return _Setting(smallest, candidates[-1][1], header, heights, greedy)


def _even_chunks(count: int, parts: int) -> list[list[int]]:
    """`count` rows in `parts` runs as even as can be, the longer first (17 in 2: 9, 8)."""
    size, extra = divmod(count, parts)
    cuts = list(itertools.accumulate([0] + [size + 1] * extra + [size] * (parts - extra)))
    return [list(range(a, b)) for a, b in itertools.pairwise(cuts)]


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
