"""Layouts of the text slide kinds: bullets, text statements, quotes and stats."""

from __future__ import annotations

from dataclasses import replace

from deckgen.layout.fit import fit, run, text_height
from deckgen.layout.flow import Group, paginate
from deckgen.layout.frame import INCH, SMALL_MIN, Context
from deckgen.layout.page import Element, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.model import Bullet, Bullets, Quote, Slide, Stat, Statement, Stats
from deckgen.roles import Role
from deckgen.steps import bullet_order

_LEVEL_SCALE = (1.0, 0.88, 0.8)
BODY_FLOOR = 16.0  # bullets shrink no further (every level); cards and captions go to 12 pt
_BULLET_CHARS = ("•", "–", "▪")
_HANG = 0.32 * INCH  # room for the bullet character
_STEP = 0.42 * INCH  # extra indent per level


def bullets(ctx: Context, slide: Slide) -> list[Page]:
    """A bulleted list; long lists shrink, then continue on further slides."""
    assert isinstance(slide.content, Bullets)
    size = ctx.theme.sizes.body
    order = bullet_order(slide.content.items)
    # `steps: true`: one click a top-level bullet; else the bullets a collapse reveals
    reveal = [i for i, (_, lv) in enumerate(order) if lv == 0] if slide.steps else slide.reveal
    clicks = {index: n for n, index in enumerate(sorted(reveal), start=1)}
    groups: list[Group] = []
    index = 0
    for item in slide.content.items:
        paras, index = _revealed(ctx, item, size, clicks, index, 0)
        groups.append(paras)
    body = ctx.body
    # sub-bullets are smaller: shrink no further than keeps the deepest level at 16 pt
    deepest = max((p.level for group in groups for p in group if p.bullet), default=0)
    minimum = max(ctx.theme.sizes.body_min, BODY_FLOOR / _LEVEL_SCALE[min(deepest, 2)])
    pages = paginate(groups, body.w, body.h, size, minimum)
    return content_pages(ctx, slide, [[TextBox(body, _renumber(p), role=Role.BODY)] for p in pages])


def _revealed(
    ctx: Context, item: Bullet, size: float, clicks: dict[int, int], index: int, click: int
) -> tuple[Group, int]:
    """A top-level bullet's paragraphs, each at the click of its bullet (`index` in
    `bullet_order`) or of the nearest revealed bullet above it; the next index."""
    out: list[Para] = []
    stack = [(item, 0, click)]
    while stack:
        bullet, level, inherited = stack.pop()
        own = clicks.get(index, inherited)
        index += 1
        alone = replace(bullet, children=())
        out += [replace(p, step=own) for p in bullet_group(ctx, alone, level, size)]
        stack += [(child, level + 1, own) for child in reversed(bullet.children)]
    return tuple(out), index


def bullet_group(ctx: Context, item: Bullet, level: int, size: float) -> Group:
    """A bullet, its code snippet and its sub-bullets, at `size` for level 0."""
    theme = ctx.theme
    scale = _LEVEL_SCALE[min(level, 2)]
    indent = _HANG + level * _STEP
    paras: list[Para] = []
    if item.text:
        paras.append(
            Para(
                ctx.spans(item.text, size * scale),
                level=level,
                bullet=_BULLET_CHARS[min(level, 2)],
                bullet_color=theme.colors.accent,
                indent=indent,
                space_before=size * (0.45 if level == 0 else 0.18),
            )
        )
    if item.code:
        for n, line in enumerate(item.code.source.splitlines() or [""]):
            paras.append(
                Para(
                    (run(line or " ", theme.fonts.code, size * 0.72, theme.colors.code_text),),
                    level=level,
                    indent=indent,
                    space_before=size * 0.1 if n == 0 else 0,
                )
            )
    for child in item.children:
        paras.extend(bullet_group(ctx, child, level + 1, size))
    return tuple(paras)


def _renumber(paras: tuple[Para, ...]) -> tuple[Para, ...]:
    """Clicks on a page count from 1, whatever page of a split slide it is."""
    steps = sorted({p.step for p in paras if p.step})
    order = {step: n for n, step in enumerate(steps, start=1)}
    first = paras[0].space_before if paras else 0
    out = [replace(p, step=order.get(p.step, 0)) for p in paras]
    if out:
        out[0] = replace(out[0], space_before=min(first, 6.0))
    return tuple(out)


def statement(ctx: Context, slide: Slide) -> list[Page]:
    """A short line or paragraph shown large, centred."""
    assert isinstance(slide.content, Statement)
    sizes = ctx.theme.sizes
    groups = [
        (
            Para(
                ctx.spans(text, sizes.statement, bold=True),
                align="center",
                space_before=sizes.statement * 0.4,
            ),
        )
        for text in _paragraphs(slide.content.text)
    ]
    body = ctx.body.inset(0.4 * INCH, 0)
    pages = paginate(groups, body.w, body.h, sizes.statement, sizes.body_min)
    return content_pages(
        ctx, slide, [[TextBox(body, _renumber(p), anchor="middle")] for p in pages]
    )


def quote(ctx: Context, slide: Slide) -> list[Page]:
    """A quotation with a large quote mark and its source."""
    assert isinstance(slide.content, Quote)
    theme, sizes = ctx.theme, ctx.theme.sizes
    size = sizes.statement * 0.8
    body = ctx.body
    source_h = 0.85 * INCH if slide.content.source else 0
    area = Rect(body.x + 1.0 * INCH, body.y, body.w - 1.6 * INCH, body.h - source_h)
    groups = [
        (Para(ctx.spans(text, size, italic=True), space_before=size * 0.4),)
        for text in _paragraphs(slide.content.text)
    ]
    pages = paginate(groups, area.w, area.h, size, sizes.body_min)
    bodies: list[list[Element]] = []
    for i, paras in enumerate(pages, start=1):
        mark = TextBox(
            Rect(body.x, body.y, 1.0 * INCH, 1.8 * INCH),
            (Para((run("“", theme.fonts.heading, 96, theme.colors.accent, bold=True),)),),
        )
        elements: list[Element] = [mark, TextBox(area, _renumber(paras), anchor="middle")]
        if slide.content.source and i == len(pages):
            src = Para(
                ctx.spans(f"— {slide.content.source}", sizes.caption * 1.25, theme.colors.muted),
                align="right",
            )
            rect = Rect(area.x, area.bottom, area.w, source_h)
            elements.append(
                TextBox(rect, fit([src], rect.w, rect.h, src.runs[0].size, SMALL_MIN) or (src,))
            )
        bodies.append(elements)
    return content_pages(ctx, slide, bodies)


def stats(ctx: Context, slide: Slide) -> list[Page]:
    """Big figures with their labels, up to six a slide in a grid of three columns."""
    assert isinstance(slide.content, Stats)
    items = slide.content.items
    chunks = [items[i : i + 6] for i in range(0, len(items), 6)]
    return content_pages(ctx, slide, [_stat_grid(ctx, list(chunk)) for chunk in chunks])


def _stat_grid(ctx: Context, items: list[Stat]) -> list[Element]:
    theme, sizes = ctx.theme, ctx.theme.sizes
    body = ctx.body
    columns = min(3, len(items))
    rows = (len(items) + columns - 1) // columns
    gap = 0.3 * INCH
    cell_w = (body.w - gap * (columns - 1)) / columns
    cell_h = min((body.h - gap * (rows - 1)) / rows, 2.6 * INCH)
    top = body.y + (body.h - (cell_h * rows + gap * (rows - 1))) / 2
    pad = 0.15 * INCH
    value_h = cell_h * 0.55 - pad  # the band of the figure, below the cell's top padding
    value_w = cell_w - 2 * pad
    # one size for every figure on the slide: the largest at which all of them fit
    size = sizes.stat_value
    while size > sizes.body_min and any(
        text_height([_value_para(ctx, item.value, size)], value_w) > value_h for item in items
    ):
        size -= 2
    out: list[Element] = []
    for n, item in enumerate(items):
        r, c = divmod(n, columns)
        cell = Rect(body.x + c * (cell_w + gap), top + r * (cell_h + gap), cell_w, cell_h)
        out.append(Shape(cell, theme.colors.surface, rounded=True))
        value_rect = Rect(cell.x + pad, cell.y + pad, value_w, value_h)
        out.append(TextBox(value_rect, (_value_para(ctx, item.value, size),), anchor="bottom"))
        label = Para(ctx.spans(item.label, sizes.caption * 1.4, theme.colors.text), align="center")
        label_rect = Rect(
            cell.x + pad, value_rect.bottom, value_w, cell.bottom - value_rect.bottom - pad
        )
        fitted = fit([label], label_rect.w, label_rect.h, label.runs[0].size, SMALL_MIN)
        out.append(TextBox(label_rect, fitted or (label,)))
    return out


def _value_para(ctx: Context, value: str, size: float | None = None) -> Para:
    """A stat's figure, inline Markdown like every other text (a link in it is clickable)."""
    theme = ctx.theme
    spans = ctx.spans(
        value,
        size or theme.sizes.stat_value,
        theme.colors.accent,
        bold=True,
        font=theme.fonts.heading,
    )
    return Para(spans, align="center")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()] or [text]
