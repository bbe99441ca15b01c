"""A topic's opening page (a topic that is not a talk), one section layout for all: a
small over-line ("Topic 3 of 14"), the title large at a fixed place, an accent bar, then
the summary and the labelled slides link (with its QR code when the recap gives it one).
A topic named like the deck gets none (the title slide announced it): its first slide's
title says in its description which topic it opens, for `import`."""

from __future__ import annotations

from dataclasses import replace

from deckgen.layout.agenda import agenda_number, names_deck
from deckgen.layout.cards import Card, labelled_qr, rule_under
from deckgen.layout.fit import fit, run, scaled, text_height
from deckgen.layout.frame import INCH, SLIDE_H, Context, labelled_link
from deckgen.layout.page import Element, Page, Para, Rect, TextBox
from deckgen.layout.qr_codes import gets_qr, scannable
from deckgen.model import Recap, Topic
from deckgen.roles import Role

_TOP = 0.36 * SLIDE_H  # the title starts here on every topic page
_TITLE_H = 2.2 * INCH  # room for two lines at the hero size
_OVER_H = 0.45 * INCH  # the over-line above the title
_UNDER = 0.45 * INCH  # from the title to the summary (the accent bar between)
_QR_LABEL_H = 0.5 * INCH
_CONTENTS = 3  # slide titles named on a topic page without a summary
OPENS_TOPIC = "Opens the topic: "  # + its title: the description of a slide title that
# opens a topic without a page of its own


def announces_topic(recap: Recap, topic: Topic) -> bool:
    """Whether a topic that is not a talk opens with its own page: when it has no slides,
    a summary or a slides link to show, or no slide that carries its title; never a topic
    named like the deck with nothing but slides (the title slide announced it)."""
    if topic.summary is not None or topic.slides_url is not None or not topic.slides:
        return True
    if names_deck(topic.title, recap.title):
        return False
    return all(slide.title != topic.title for slide in topic.slides)


def opening_title(pages: list[Page], topic: Topic) -> list[Page]:
    """`pages` (a topic's first slide) with the first title saying which topic it opens:
    the topic has no page of its own, and `import` reads its title back from here."""
    if not pages:
        return pages
    first = pages[0]
    elements = tuple(
        replace(e, descr=OPENS_TOPIC + topic.title)
        if isinstance(e, TextBox) and e.role is Role.TITLE
        else e
        for e in first.elements
    )
    return [replace(first, elements=elements), *pages[1:]]


def topic_page(ctx: Context, topic: Topic) -> Page:
    """A topic's opening page: over-line, title, summary and slides link."""
    body, theme = ctx.body, ctx.theme
    side = _qr_side(ctx, topic)
    width = body.w - (side + 0.5 * INCH if side else 0)
    size = theme.components.card.title
    heading = Para(
        ctx.spans(topic.title, size, theme.colors.title, bold=True, font=theme.fonts.heading)
    )
    low = theme.sizes.title_min
    fitted = fit([heading], width, _TITLE_H, size, low) or fit(
        [heading], width, _TITLE_H, size, min(20.0, low)
    )
    fitted = fitted or (heading,)
    title = TextBox(Rect(body.x, _TOP, width, text_height(fitted, width)), fitted, role=Role.TITLE)
    over = _over_line(ctx, topic, width)
    elements: list[Element] = [title, *([over] if over else []), rule_under(ctx, title.rect)]
    below = Rect(body.x, title.rect.bottom + _UNDER, width, 0)
    text = _text(ctx, topic, below) or _contents(ctx, topic, below)
    if text is not None:
        elements.append(text)
    if side and topic.slides_url:
        card = Card(topic.title, topic.slides_url, leads_to="slides")
        y = _TOP + (body.bottom - _TOP - side - _QR_LABEL_H) / 2
        elements += labelled_qr(ctx, card, Rect(body.right - side, y, side, side))
    return Page("topic", topic.title, tuple(elements))


def _over_line(ctx: Context, topic: Topic, width: float) -> TextBox | None:
    """ "Topic 3 of 14 · Bryan" in the accent colour above the title, numbered as the
    agenda numbers it (deckgen's words: `import` leaves them out)."""
    numbered = agenda_number(ctx.recap, topic)
    parts = [f"Topic {numbered[0]} of {numbered[1]}"] if numbered else []
    presenters = ctx.recap.presenters
    by = next((p.name for p in presenters if any(t is topic for t in p.topics)), None)
    if by and len(presenters) > 1:  # whose part of the recap it opens
        parts.append(by)
    if not parts:
        return None
    words = " · ".join(parts)
    theme = ctx.theme
    para = Para(
        (
            run(
                words,
                theme.fonts.body,
                theme.components.card.speaker,
                theme.colors.accent,
                bold=True,
            ),
        )
    )
    paras = fit([para], width, _OVER_H, para.runs[0].size, theme.sizes.detail_min) or (para,)
    height = text_height(paras, width)
    rect = Rect(ctx.body.x, _TOP - height, width, height)
    return TextBox(rect, paras, anchor="bottom", role=Role.MOMENT)


def _text(ctx: Context, topic: Topic, at: Rect) -> TextBox | None:
    """The summary (muted) and the labelled slides link under the title."""
    theme, tokens = ctx.theme, ctx.theme.components.card
    paras: list[Para] = []
    if topic.summary:
        paras.append(Para(ctx.spans(topic.summary, tokens.summary, theme.colors.muted)))
    if topic.slides_url:
        link = labelled_link(ctx, "Slides: ", topic.slides_url.url, tokens.link)
        paras.append(Para(link, space_before=tokens.link * 0.6 if paras else 0))
    if not paras:
        return None
    rect = Rect(at.x, at.y, at.w, ctx.body.bottom - at.y)
    start, floor = paras[0].runs[0].size, theme.sizes.detail_min
    fitted = fit(paras, rect.w, rect.h, start, theme.sizes.body_min) or fit(
        paras, rect.w, rect.h, start, floor
    )  # a very long summary: smaller, and under the floor only as a last resort
    fitted = fitted or scaled(paras, _smallest(paras, rect))
    lines = (Role.SUMMARY,) * bool(topic.summary) + (Role.SLIDES_LINK,) * bool(topic.slides_url)
    return TextBox(rect, fitted, role=Role.TOPIC, lines=lines)


def _qr_side(ctx: Context, topic: Topic) -> float:
    """The slides link's QR code side, 0 when the recap gives it none."""
    if topic.slides_url is None or not gets_qr(ctx, topic.slides_url):
        return 0.0
    side = max(ctx.theme.qr_size * INCH, scannable(ctx, [topic.slides_url]))
    return min(side, ctx.body.bottom - _TOP - _QR_LABEL_H)


def _smallest(paras: list[Para], rect: Rect) -> float:
    """The scale at which `paras` fit `rect` (1-point steps below the size they start at)."""
    start = paras[0].runs[0].size
    size = start
    while size > 4 and text_height(scaled(paras, size / start), rect.w) > rect.h:
        size -= 1
    return size / start


def _contents(ctx: Context, topic: Topic, at: Rect) -> TextBox | None:
    """Without a summary or a link: what the topic's slides are about (their first few
    titles, muted), so that the page is not a title alone (deckgen's words: `import`
    leaves them out)."""
    titles = list(dict.fromkeys(s.title for s in topic.slides if s.title != topic.title))
    if not titles:
        return None
    theme = ctx.theme
    shown = " · ".join(titles[:_CONTENTS])
    para = Para(ctx.spans(shown, theme.components.card.summary, theme.colors.muted))
    rect = Rect(at.x, at.y, at.w, ctx.body.bottom - at.y)
    fitted = fit([para], rect.w, rect.h, para.runs[0].size, theme.sizes.detail_min)
    return TextBox(rect, fitted or (para,), role=Role.MOMENT)
