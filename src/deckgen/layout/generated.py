"""Slides deckgen makes itself: title, agenda, presenter dividers, talk cards, video index,
closing."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from deckgen import inline
from deckgen.layout.cards import Card
from deckgen.layout.fit import fit, run
from deckgen.layout.frame import (
    INCH,
    SLIDE_H,
    SLIDE_W,
    SMALL_MIN,
    Context,
    accent_rule,
    title_box,
)
from deckgen.layout.links import link_runs
from deckgen.layout.page import Element, Page, Para, Rect, Run, Shape, TextBox
from deckgen.layout.talk_card import hero
from deckgen.layout.typography import people_date
from deckgen.layout.video_index import index_bodies
from deckgen.model import Link, Presenter, Topic, Video
from deckgen.roles import Role

TITLE_DESCR = "Title slide: "  # + "subtitle, presenter, ...": the lines under the title
DIVIDER_DESCR = "Presenter's "  # + "tagline, affiliation": the lines of a divider
_LAST_RESORT = 8.0  # pt: the title slide's smallest text when every field is at its limit


def title_page(ctx: Context) -> Page:
    """The deck's first slide: title, subtitle, event line and date."""
    recap, theme, sizes = ctx.recap, ctx.theme, ctx.theme.sizes
    m = ctx.margin
    band = Shape(Rect(0, 0, 0.35 * INCH, SLIDE_H), theme.colors.accent)
    width = SLIDE_W - 2 * m - 0.4 * INCH
    x = m + 0.4 * INCH
    title = Para(
        ctx.spans(
            recap.title, sizes.title * 1.5, theme.colors.title, bold=True, font=theme.fonts.heading
        )
    )
    title_rect = Rect(x, 1.5 * INCH, width, 2.4 * INCH)
    elements: list[Element] = [
        TextBox(  # first: the title leads the reading order
            title_rect,
            fit([title], width, title_rect.h, title.runs[0].size, sizes.title_min) or (title,),
            anchor="bottom",
            role=Role.TITLE,
        ),
        band,
        Shape(Rect(x + 7.2, title_rect.bottom + 8, 1.4 * INCH, 5), theme.colors.accent),
    ]
    lines = _under_title(ctx)
    if lines:
        rect = Rect(x, title_rect.bottom + 0.35 * INCH, width, 2.45 * INCH)
        start = lines[0].runs[0].size
        # long texts everywhere (subtitle, presenter, event): smaller, down to the floor,
        # and below it only when every one of them is as long as the format allows
        lines_fit = (
            fit(lines, rect.w, rect.h, start, sizes.body_min)
            or fit(lines, rect.w, rect.h, start, SMALL_MIN)
            or fit(lines, rect.w, rect.h, start, _LAST_RESORT)
        )
        descr = _title_lines(ctx)
        elements.append(TextBox(rect, lines_fit or tuple(lines), role=Role.SUBTITLE, descr=descr))
    return Page("title", recap.title, tuple(elements), layout="title")


def _under_title(ctx: Context) -> list[Para]:
    """Two groups under the title: the subtitle with the presenter and their tagline, then
    the event and the date as one muted line (the event's name its link)."""
    recap, theme, tokens = ctx.recap, ctx.theme, ctx.theme.components.opening
    lines: list[Para] = []
    if recap.subtitle:
        lines.append(Para(ctx.spans(recap.subtitle, tokens.subtitle, theme.colors.text)))
    lines += _presented_by(ctx)
    event = _event_runs(ctx)
    if event:
        lines.append(Para(event, space_before=tokens.event * 1.2 if lines else 0))
    return lines


def _event_parts(ctx: Context) -> list[tuple[str, str]]:
    """The event line's parts, keyed as `import` reads them: name, location, dates, date,
    and the event's address when its name cannot be the link (none, or links of its own)."""
    recap = ctx.recap
    event = recap.event
    date = people_date(recap.date) if recap.date else None
    parts = [("name", event.name), ("location", event.location), ("dates", event.dates)]
    parts.append(("date", date))
    if event.url and not _links_name(ctx):
        parts.append(("url", event.url.url))
    return [(key, value) for key, value in parts if value]


def _links_name(ctx: Context) -> bool:
    """Whether the event line's name is the event's link."""
    name = ctx.recap.event.name
    return bool(ctx.recap.event.url and name and not inline.urls(name))


def _event_runs(ctx: Context) -> tuple[Run, ...]:
    theme, size = ctx.theme, ctx.theme.components.opening.event
    muted, url = theme.colors.muted, ctx.recap.event.url
    out: list[Run] = []
    for key, value in _event_parts(ctx):
        if out:
            out.append(run(" · ", theme.fonts.body, size, muted))
        if key == "url" and url:
            out += link_runs(ctx, url, size)
        elif key == "name" and url and _links_name(ctx):
            out += [replace(r, url=url.url) for r in ctx.spans(value, size, theme.colors.link)]
        else:
            out += ctx.spans(value, size, muted)
    return tuple(out)


def _title_lines(ctx: Context) -> str:
    """What the lines under the title are, in order (`deckgen import` reads it back)."""
    recap = ctx.recap
    one = recap.presenters[0] if len(recap.presenters) == 1 else None
    event = "/".join(key for key, _ in _event_parts(ctx))
    linked = " linked" if _links_name(ctx) else ""
    shown = [
        ("subtitle", recap.subtitle),
        ("presenter", one),
        ("tagline", one and one.tagline),
        (f"event {event}{linked}", event),
    ]
    return TITLE_DESCR + ", ".join(key for key, value in shown if value)


def _presented_by(ctx: Context) -> list[Para]:
    """The presenter of a one-person recap: `NAME · AFFILIATION`, the tagline below."""
    if len(ctx.recap.presenters) != 1:
        return []
    presenter, theme, tokens = ctx.recap.presenters[0], ctx.theme, ctx.theme.components.opening
    size = tokens.presenter
    who = ctx.spans(presenter.name, size, theme.colors.text, bold=True)
    if presenter.affiliation:
        who += ctx.spans(f" · {presenter.affiliation}", size, theme.colors.text)
    lines = [Para(who, space_before=tokens.subtitle * 0.4)]
    if presenter.tagline:
        lines.append(Para(ctx.spans(presenter.tagline, tokens.tagline, theme.colors.muted)))
    return lines


def divider_page(ctx: Context, presenter: Presenter) -> Page:
    """A presenter's section slide: name, affiliation and tagline on the accent colour."""
    theme, sizes = ctx.theme, ctx.theme.sizes
    m = ctx.margin
    colors = theme.colors
    name = Para(
        ctx.spans(
            presenter.name,
            sizes.title * 1.6,
            colors.divider_text,
            bold=True,
            font=theme.fonts.heading,
        )
    )
    rect = Rect(m, 1.8 * INCH, SLIDE_W - 2 * m, 2.0 * INCH)
    elements: list[Element] = [
        TextBox(
            rect,
            fit([name], rect.w, rect.h, name.runs[0].size, sizes.title_min) or (name,),
            anchor="bottom",
            role=Role.TITLE,
        ),
    ]
    shown = [
        (k, t)
        for k, t in (("tagline", presenter.tagline), ("affiliation", presenter.affiliation))
        if t
    ]
    lines = [Para(_on_divider(ctx, t, sizes.body * 1.1), space_before=6) for _, t in shown]
    if lines:
        sub = Rect(m, rect.bottom + 0.3 * INCH, rect.w, 2.0 * INCH)
        elements.append(
            TextBox(
                sub,
                fit(lines, sub.w, sub.h, lines[0].runs[0].size, sizes.body_min)
                or fit(lines, sub.w, sub.h, lines[0].runs[0].size, sizes.detail_min)
                or tuple(lines),
                role=Role.BODY,
                descr=DIVIDER_DESCR + ", ".join(k for k, _ in shown),  # read by `import`
            )
        )
    return Page(
        "divider",
        presenter.name,
        tuple(elements),
        background=colors.divider_background,
        layout="section",
    )


def _on_divider(ctx: Context, text: str, size: float) -> tuple[Run, ...]:
    """Text on the divider colour: its links too (viewers underline a link),
    since the link colour is made for the slide background, not for the divider's."""
    color = ctx.theme.colors.divider_text
    return tuple(replace(r, color=color) for r in ctx.spans(text, size, color))


def talk_card(ctx: Context, topic: Topic) -> list[Page]:
    """A talk's opening card, a hero slide: its title large, the speakers (affiliation in
    the quieter colour), summary and links, and the recording's QR code, labelled."""
    link = topic.video or topic.slides_url or None
    if link is None:  # speakers but no links: the title over them
        card = None
    else:
        slides = topic.slides_url if topic.video else None
        leads_to: Literal["recording", "slides"] = "recording" if topic.video else "slides"
        card = Card(topic.title, link, topic.speakers, topic.summary, slides, leads_to)
    bodies = hero(ctx, topic.title, card, topic.speakers, topic.summary)
    total = len(bodies)
    return [
        Page(
            "talk",
            topic.title if i == 1 else f"{topic.title} ({i}/{total})",
            tuple(b),
            part=(i, total),
        )
        for i, b in enumerate(bodies, start=1)
    ]


def video_index_pages(ctx: Context) -> list[Page]:
    """Every recording of the recap with its QR code: rows of cards (`video_index`)."""
    cards = []
    seen: set[str] = set()
    for topic in ctx.recap.topics:
        for title, link, speakers in _videos(topic):
            if link.url not in seen:
                seen.add(link.url)
                cards.append(Card(title, link, speakers, leads_to="recording"))
    if not cards:
        return []
    bodies = index_bodies(ctx, cards)
    total = len(bodies)
    return [
        _simple_page(ctx, "video-index", "Videos" if total == 1 else f"Videos ({i}/{total})", b)
        for i, b in enumerate(bodies, start=1)
    ]


def _videos(topic: Topic) -> list[tuple[str, Link, tuple[str, ...]]]:
    out = [(topic.title, topic.video, topic.speakers)] if topic.video else []
    for slide in topic.slides:
        if isinstance(slide.content, Video):
            v = slide.content
            out.append((v.title or slide.title, v.link, v.speakers))
    return out


def _simple_page(ctx: Context, kind: str, title: str, body: list[Element]) -> Page:
    return Page(kind, title, (title_box(ctx, title), accent_rule(ctx), *body))
