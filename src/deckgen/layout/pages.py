"""Helpers that wrap laid-out content into pages with the common frame."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.layout.frame import Context, accent_rule, title_box
from deckgen.layout.page import Element, Page
from deckgen.model import Slide


def content_pages(
    ctx: Context, slide: Slide, bodies: Sequence[Sequence[Element]], kind: str | None = None
) -> list[Page]:
    """One page per body; split slides are titled "Title (2/3)"; notes go on the first."""
    total = len(bodies)
    pages = []
    for i, body in enumerate(bodies, start=1):
        title = slide.title if total == 1 else f"{slide.title} ({i}/{total})"
        pages.append(
            Page(
                kind=kind or slide.content.kind,
                title=title,
                elements=(title_box(ctx, title), accent_rule(ctx), *body),
                notes=slide.notes if i == 1 else None,
                origin=slide.origin,
                part=(i, total),
                keep=slide.keep,
            )
        )
    return pages
