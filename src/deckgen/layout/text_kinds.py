"""Layouts of the text slide kinds: bullets, and text as a statement or as paragraphs."""

from __future__ import annotations

from deckgen.layout.fit import INSET_X, copy_with, count_lines, fit, run, text_height
from deckgen.layout.flow import Group, paginate
from deckgen.layout.frame import INCH, Context
from deckgen.layout.page import Page, Para, Rect, TextBox
from deckgen.layout.pages import content_pages
from deckgen.layout.typography import balanced, is_statement
from deckgen.model import Bullet, Bullets, Slide, Statement
from deckgen.roles import Role
from deckgen.steps import bullet_order

_BULLET_CHARS = ("•", "–", "▪")


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
        paras, index = _revealed(ctx, item, size, clicks, index)
        groups.append(paras)
    body, scale = ctx.body, ctx.theme.grid.level_scale
    # sub-bullets are smaller: shrink no further than keeps the deepest level at the floor
    deepest = max((p.level for group in groups for p in group if p.bullet), default=0)
    minimum = ctx.theme.sizes.body_min / scale[min(deepest, len(scale) - 1)]
    pages = paginate(groups, body.w, body.h, size, minimum)
    boxes = [[TextBox(body, spread(ctx, renumber(p), body), role=Role.BODY)] for p in pages]
    return content_pages(ctx, slide, boxes)


def spread(ctx: Context, paras: tuple[Para, ...], body: Rect) -> tuple[Para, ...]:
    """A short list spread down the body: more space before each top-level bullet (up
    to `spacing.paragraph_em_max` ems), keeping some of the spare room under the list."""
    starts = [i for i, p in enumerate(paras) if i and p.level == 0 and p.bullet and p.runs]
    spare = body.h - text_height(paras, body.w)
    if not starts or spare <= 0:
        return paras
    extra = spare / (len(starts) + 2)
    most = ctx.theme.spacing.paragraph_em_max
    out = list(paras)
    for i in starts:
        para = paras[i]
        room = most * para.runs[0].size - para.space_before
        out[i] = copy_with(para, space_before=para.space_before + max(0.0, min(extra, room)))
    return tuple(out)


def _revealed(
    ctx: Context, item: Bullet, size: float, clicks: dict[int, int], index: int
) -> tuple[Group, int]:
    """A top-level bullet's paragraphs, each at the click of its bullet (`index` in
    `bullet_order`) or of the nearest revealed bullet above it; the next index."""
    out: list[Para] = []
    stack = [(item, 0, 0)]  # (bullet, level, the click it inherits)
    while stack:
        bullet, level, inherited = stack.pop()
        own = clicks.get(index, inherited)
        index += 1
        out += _own_paras(ctx, bullet, level, own, size)
        stack += [(child, level + 1, own) for child in reversed(bullet.children)]
    return tuple(out), index


def bullet_group(ctx: Context, item: Bullet, level: int, size: float) -> Group:
    """A bullet, its code snippet and its sub-bullets, at `size` for level 0."""
    paras = _own_paras(ctx, item, level, 0, size)
    for child in item.children:
        paras.extend(bullet_group(ctx, child, level + 1, size))
    return tuple(paras)


def _own_paras(ctx: Context, item: Bullet, level: int, step: int, size: float) -> list[Para]:
    """A bullet's text and its code snippet (not its sub-bullets), shown on click `step`,
    at `size` for level 0."""
    theme, spacing = ctx.theme, ctx.theme.spacing
    scales = theme.grid.level_scale
    scale = scales[min(level, len(scales) - 1)]
    indent = (spacing.bullet_hang + level * spacing.bullet_indent) * INCH
    before = spacing.paragraph_em if level == 0 else spacing.sub_paragraph_em
    paras: list[Para] = []
    if item.text:
        paras.append(
            Para(
                ctx.spans(item.text, size * scale),
                level=level,
                bullet=_BULLET_CHARS[min(level, 2)],
                bullet_color=theme.colors.accent,
                indent=indent,
                space_before=size * before,
                step=step,
            )
        )
    if item.code:
        snippet = size * theme.sizes.snippet_scale
        for n, line in enumerate(item.code.source.splitlines() or [""]):
            paras.append(
                Para(
                    (run(line or " ", theme.fonts.code, snippet, theme.colors.code_text),),
                    level=level,
                    indent=indent,
                    space_before=size * 0.1 if n == 0 else 0,
                    step=step,
                )
            )
    return paras


def renumber(paras: tuple[Para, ...]) -> tuple[Para, ...]:
    """Clicks on a page count from 1, whatever page of a split slide it is."""
    steps = sorted({p.step for p in paras if p.step})
    order = {step: n for n, step in enumerate(steps, start=1)}
    first = paras[0].space_before if paras else 0
    out = [p if order.get(p.step, 0) == p.step else copy_with(p, step=order[p.step]) for p in paras]
    if out and first > 6.0:
        out[0] = copy_with(out[0], space_before=6.0)
    return tuple(out)


def statement(ctx: Context, slide: Slide) -> list[Page]:
    """A short line shown large and centred (a statement); longer text set as body text."""
    assert isinstance(slide.content, Statement)
    text = slide.content.text
    if not is_statement(text, ctx.theme.grid.statement_words):
        return _paragraph_pages(ctx, slide, paragraphs(text))
    sizes = ctx.theme.sizes
    para = Para(ctx.spans(text.strip(), sizes.statement, bold=True), align="center")
    body = ctx.body.inset(ctx.theme.spacing.statement_inset * INCH, 0)
    paras = fit([para], body.w, body.h, sizes.statement, sizes.body_min) or (para,)
    lines = count_lines(paras[0], body.w - 2 * INSET_X)
    if lines > 1:  # on lines as even as the words allow, still centred
        width = balanced(paras[0], body.w, lines)
        body = Rect(body.x + (body.w - width) / 2, body.y, width, body.h)
    return content_pages(ctx, slide, [[TextBox(body, paras, anchor="middle")]], kicker=True)


def _paragraph_pages(ctx: Context, slide: Slide, texts: list[str]) -> list[Page]:
    """Paragraphs as body text: left-aligned, as large as fits (down to the floor), then
    continued on further slides."""
    sizes, spacing = ctx.theme.sizes, ctx.theme.spacing
    groups = [
        (Para(ctx.spans(t, sizes.body), space_before=sizes.body * spacing.paragraph_em),)
        for t in texts
    ]
    lead = ctx.body.inset(spacing.statement_inset * INCH, 0)
    pages = paginate(groups, lead.w, lead.h, sizes.body, sizes.body_min)
    if len(pages) == 1:  # a lead paragraph: inset like a statement, in the middle of the body
        return content_pages(ctx, slide, [[TextBox(lead, renumber(pages[0]), anchor="middle")]])
    body = ctx.body
    pages = paginate(groups, body.w, body.h, sizes.body, sizes.body_min)
    return content_pages(ctx, slide, [[TextBox(body, renumber(p))] for p in pages])


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()] or [text]
