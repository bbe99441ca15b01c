"""Helpers that wrap laid-out content into pages with the common frame."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.layout.frame import Context, accent_rule, kicker_title, title_box, topic_label
from deckgen.layout.page import Element, Page, TextBox
from deckgen.layout.typography import address_notes, long_url_texts
from deckgen.model import Links, Slide


def content_pages(
    ctx: Context,
    slide: Slide,
    bodies: Sequence[Sequence[Element]],
    kind: str | None = None,
    kicker: bool = False,
) -> list[Page]:
    """One page per body; split slides are titled "Title (2/3)", under the topic's label;
    notes go on the first, with the texts whose long addresses the slide prints short.
    With `kicker`, a one-page slide titled like its topic shows its title small (the
    topic's own slide said it large)."""
    total = len(bodies)
    pages = []
    for i, body in enumerate(bodies, start=1):
        title = slide.title if total == 1 else f"{slide.title} ({i}/{total})"
        if kicker and total == 1 and ctx.topic and ctx.topic.title == title:
            frame: tuple[Element, ...] = (kicker_title(ctx, title),)
        else:
            heading = title_box(ctx, title)
            label = topic_label(ctx, slide.title, heading)
            frame = (heading, *head(label), accent_rule(ctx))
        pages.append(
            Page(
                kind=kind or slide.content.kind,
                title=title,
                elements=(*frame, *body),
                notes=slide_notes(ctx, slide) if i == 1 else None,
                origin=slide.origin,
                part=(i, total),
                keep=slide.keep,
            )
        )
    return pages


def head(label: TextBox | None) -> tuple[TextBox, ...]:
    """The topic label, when there is one, after the title in reading order."""
    return (label,) if label else ()


def slide_notes(ctx: Context, slide: Slide) -> str | None:
    """The slide's notes, then each text of it whose long address the slide prints
    short, whole (the address in full); a links slide's: the list of its addresses."""
    content = slide.content
    full: list[str | None] = (
        [address_notes(content.items)]  # it prints labels, and addresses short
        if isinstance(content, Links)
        else list(long_url_texts((slide.title, content), ctx.theme.grid.url_chars))
    )
    return "\n\n".join(n for n in (slide.notes, *full) if n) or None
