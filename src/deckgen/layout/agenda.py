"""The agenda: the recap's topics, numbered, under their presenters' names, in up to
`agenda.columns` columns so that it stays on one slide (more slides only when even the
smallest size does not hold it)."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen import inline
from deckgen.layout.fit import INSET_X, INSET_Y, para_height, text_height
from deckgen.layout.flow import Group, paginate
from deckgen.layout.frame import INCH, Context, accent_rule, title_box
from deckgen.layout.page import Element, Page, Para, Rect, TextBox
from deckgen.model import Recap, Topic
from deckgen.roles import Role

NUMBER_HANG = 0.5 * INCH  # room for an item's number ("12."), as the renderer hangs it
_ROLES = (Role.BODY, Role.TEXT)  # the first column (the body placeholder), the others


def agenda_pages(ctx: Context) -> list[Page]:
    """The agenda slides: one when the items fit `agenda.columns` columns."""
    tokens, body = ctx.theme.components.agenda, ctx.body
    gap = ctx.theme.spacing.gap * INCH
    width = (body.w - gap * (tokens.columns - 1)) / tokens.columns
    columns = _columns(ctx, width)
    slides = [columns[i : i + tokens.columns] for i in range(0, len(columns), tokens.columns)]
    pages = []
    for n, slide in enumerate(slides, start=1):
        title = "Agenda" if len(slides) == 1 else f"Agenda ({n}/{len(slides)})"
        w = body.w if len(slide) == 1 and len(slides) == 1 else width
        boxes: list[Element] = [
            TextBox(Rect(body.x + i * (w + gap), body.y, w, body.h), paras, role=_ROLES[i > 0])
            for i, paras in enumerate(slide)
        ]
        elements = (title_box(ctx, title), accent_rule(ctx), *boxes)
        pages.append(Page("agenda", title, elements))
    return pages


def _columns(ctx: Context, width: float) -> list[tuple[Para, ...]]:
    """The agenda's columns at the largest size at which all of it fits one slide: one
    column of the body's width, or `agenda.columns` columns of `width`, as even as can be;
    at the smallest size, as many slides of columns as it takes."""
    tokens, body = ctx.theme.components.agenda, ctx.body
    size = tokens.size
    while size >= tokens.size_min:
        groups = agenda_groups(ctx, size)
        if text_height([p for g in groups for p in g], body.w) <= body.h:
            return [tuple(p for g in groups for p in g)]
        columns = even_columns(groups, width, body.h, tokens.columns)
        if columns is not None:
            return columns
        size -= 1
    groups = agenda_groups(ctx, tokens.size_min)
    return paginate(groups, width, body.h, tokens.size_min, tokens.size_min)


def even_columns(
    groups: Sequence[Group], width: float, height: float, count: int
) -> list[tuple[Para, ...]] | None:
    """`groups` in at most `count` columns no taller than `height`, the tallest as short as
    can be (a group stays in one column); None when they do not fit."""
    inner = width - 2 * INSET_X  # a column is one text box: its insets count once
    heights = [sum(para_height(p, inner) for p in g) for g in groups]
    target = max(sum(heights) / count, *heights)
    while target <= height - 2 * INSET_Y:
        columns: list[list[Para]] = [[]]
        used = 0.0
        for group, h in zip(groups, heights, strict=True):
            if columns[-1] and used + h > target:
                columns.append([])
                used = 0.0
            columns[-1] += group
            used += h
        if len(columns) <= count:
            return [tuple(c) for c in columns]
        target += 2.0
    return None


def agenda_groups(ctx: Context, size: float) -> list[Group]:
    """Each presenter's name (when several present) with their topics, numbered 1, 2, …
    through the whole deck; a topic named like the deck is not listed (it is the deck)."""
    recap = ctx.recap
    several = len(recap.presenters) > 1
    groups: list[Group] = []
    number = 0
    for presenter in recap.presenters:
        items = []
        for topic in presenter.topics:
            if names_deck(topic.title, recap.title):
                continue
            number += 1
            items.append(_item(ctx, topic.title, size, number, several))
        if several:
            groups.append((_presenter(ctx, presenter.name, size, bool(groups)), *items))
        else:
            groups += [(item,) for item in items]
    return groups


def _item(ctx: Context, text: str, size: float, number: int, nested: bool) -> Para:
    theme = ctx.theme
    spacing = theme.spacing
    return Para(
        ctx.spans(text, size),
        number=number,
        bullet_color=theme.colors.accent,
        indent=NUMBER_HANG + (spacing.bullet_indent * INCH if nested else 0),
        space_before=size * spacing.sub_paragraph_em * 2,
    )


def _presenter(ctx: Context, name: str, size: float, after: bool) -> Para:
    colors, spacing = ctx.theme.colors, ctx.theme.spacing
    runs = ctx.spans(name, size, colors.title, bold=True)
    return Para(runs, space_before=size * spacing.paragraph_em * 2 if after else 0)


def agenda_number(recap: Recap, topic: Topic) -> tuple[int, int] | None:
    """The topic's number in the agenda and how many topics it lists (None: a topic
    named like the deck, which the agenda leaves out)."""
    listed = [t for t in recap.topics if not names_deck(t.title, recap.title)]
    number = next((i for i, t in enumerate(listed, start=1) if t is topic), None)
    return None if number is None else (number, len(listed))


def names_deck(topic: str, deck: str) -> bool:
    """Whether a topic is named like the deck (the agenda leaves it out): the same plain
    text, case and spacing ignored."""
    return _key(topic) == _key(deck)


def _key(title: str) -> str:
    return " ".join(inline.plain(title).casefold().split())
