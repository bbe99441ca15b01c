"""Lay out a whole recap: the generated slides and every topic's slides, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from deckgen.layout.agenda import agenda_pages
from deckgen.layout.callouts import quote, stats
from deckgen.layout.cards import video
from deckgen.layout.closing import closing_pages
from deckgen.layout.code import code
from deckgen.layout.fit import copy_with
from deckgen.layout.frame import Context, deck_title_size, footer_band, slide_number
from deckgen.layout.generated import divider_page, talk_card, title_page, video_index_pages
from deckgen.layout.links import links
from deckgen.layout.page import Element, Page
from deckgen.layout.pictures import image
from deckgen.layout.section import announces_topic, opening_title, topic_page
from deckgen.layout.tables import table
from deckgen.layout.text_kinds import bullets, statement
from deckgen.model import Recap, Slide, Topic
from deckgen.theme import Theme

SlideLayout = Callable[[Context, Slide], list[Page]]

# one layout per slide kind of the recap format
LAYOUTS: dict[str, SlideLayout] = {
    "bullets": bullets,
    "text": statement,
    "quote": quote,
    "code": code,
    "table": table,
    "image": image,
    "video": video,
    "links": links,
    "stats": stats,
}


def lay_out(recap: Recap, theme: Theme, dividers: bool | None = None) -> list[Page]:
    """Every page of the deck, in the order the recap format gives, with footers.

    `dividers`: a divider slide before each presenter's slides; by default only when
    there are several presenters (a presenter's own deck of `build --split presenters`
    has its divider too)."""
    ctx = Context(theme, recap, title_size=deck_title_size(theme, recap))
    if dividers is None:
        dividers = len(recap.presenters) > 1
    pages = [title_page(ctx)]
    if recap.options.agenda:
        pages += agenda_pages(ctx)
    for presenter in recap.presenters:
        if dividers:
            pages.append(divider_page(ctx, presenter))
        for topic in presenter.topics:
            pages += _topic_pages(ctx, topic)
    if recap.options.video_index:
        pages += video_index_pages(ctx)
    if recap.closing is not None:
        pages += closing_pages(ctx)
    bands: dict[str | None, list[Element]] = {}  # a talk's slides share their footer band
    return [_with_footer(ctx, page, n, bands) for n, page in enumerate(pages, start=1)]


def _topic_pages(ctx: Context, topic: Topic) -> list[Page]:
    """A topic's talk card or opening page (when it has one), then its slides."""
    link = topic.video.url if topic.video else None
    quiet = not topic.is_talk and not announces_topic(ctx.recap, topic)
    pages = [] if quiet else talk_card(ctx, topic) if topic.is_talk else [topic_page(ctx, topic)]
    within = replace(ctx, topic=topic)
    for n, slide in enumerate(topic.slides):
        laid = [copy_with(p, footer_link=link) for p in LAYOUTS[slide.content.kind](within, slide)]
        pages += opening_title(laid, topic) if quiet and n == 0 else laid
    return pages


def _with_footer(
    ctx: Context, page: Page, number: int, bands: dict[str | None, list[Element]]
) -> Page:
    if page.layout != "content":
        return page
    link = page.footer_link
    if link not in bands:
        bands[link] = footer_band(ctx, link)
    return copy_with(page, elements=(*page.elements, *bands[link], *slide_number(ctx, number)))
