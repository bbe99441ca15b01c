"""Cards of recordings and links: the talk card (a hero slide) and the card of a video
slide (the video index's cards are in `video_index`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from deckgen.layout.continued import continued_card, fits
from deckgen.layout.fit import INSET_X, fit, scaled
from deckgen.layout.frame import INCH, Context, labelled_link
from deckgen.layout.page import Element, Page, Para, Rect, Shape, TextBox
from deckgen.layout.pages import content_pages
from deckgen.layout.qr_codes import gets_qr, label_for, qr_image, qr_label, scannable
from deckgen.model import Link, Slide, Video
from deckgen.roles import Role

LABEL_H = 0.5 * INCH  # the label under a QR code


SLIDES = "Speaker slides"  # the label of a talk's slides link's QR code
_LINK_ROLE = {"recording": Role.RECORDING_LINK, "slides": Role.SLIDES_LINK, "link": Role.LINK}


@dataclass(frozen=True)
class Card:
    """A recording or link shown with its QR code: title, detail lines and the link."""

    title: str
    link: Link
    details: tuple[str, ...] = ()
    summary: str | None = None
    slides: Link | None = None  # the speakers' own slides
    leads_to: Literal["recording", "slides", "link"] = "link"  # what `link` is, for alt text

    @property
    def qr_alt(self) -> str:
        """The QR code's alt text: "QR code: recording of <title>", or of a link its label."""
        of = "" if self.leads_to == "link" else f"{self.leads_to} of "
        return f"QR code: {of}{self.title}"

    def lines(self, show_title: bool) -> tuple[Role, ...]:
        """The roles of the card's paragraphs (read back by `import`)."""
        title = (Role.CARD_TITLE,) if show_title else ()
        summary = (Role.SUMMARY,) if self.summary else ()
        slides = (Role.SLIDES_LINK,) if self.slides else ()
        link = _LINK_ROLE[self.leads_to]
        return (*title, *(Role.SPEAKER for _ in self.details), *summary, link, *slides)

    @property
    def qr_label(self) -> str:
        """What scanning the card's code opens: a link's own label, when it has one."""
        if self.leads_to == "slides":
            return SLIDES
        labelled = self.leads_to == "link" and self.link.label != self.link.url
        return self.link.label if labelled else label_for(self.link)


def video(ctx: Context, slide: Slide) -> list[Page]:
    """A card for one recording: title, speakers, summary and the QR code."""
    assert isinstance(slide.content, Video)
    v = slide.content
    card = Card(v.title or slide.title, v.link, v.speakers, v.summary, leads_to="recording")
    return content_pages(ctx, slide, card_bodies(ctx, card, show_title=v.title is not None))


def card_bodies(ctx: Context, card: Card, show_title: bool = True) -> list[list[Element]]:
    """A video slide's body: the card's text on the left, its labelled QR code right; for
    a long text the code as small as still scans, then the text continued on more
    slides."""
    body = ctx.body
    for least in (False, True):
        side = card_qr_side(ctx, card, body.h, least)
        text = Rect(body.x, body.y, body.w - (side + 0.5 * INCH if side else 0), body.h)
        box = _card_text(ctx, card, text, show_title, "middle")
        if fits(box):
            break
    first, *rest = continued_card(box)
    elements: list[Element] = [first]
    more: list[Element] = list(rest)
    if side:
        y = body.y + (body.h - side - LABEL_H) / 2
        elements += labelled_qr(ctx, card, Rect(body.right - side, y, side, side))
    return [elements, *([page] for page in more)]


def rule_under(ctx: Context, rect: Rect) -> Shape:
    """The accent bar under a hero title, under its first letter (the text box's inset)."""
    theme = ctx.theme
    bar = Rect(rect.x + INSET_X, rect.bottom + 0.12 * INCH, theme.spacing.rule_width * INCH, 5)
    return Shape(bar, theme.colors.accent)


def card_qr_side(ctx: Context, card: Card, room: float, least: bool = False) -> float:
    """The side of a card's QR code: the theme's size, larger when the code needs it to
    scan (with `least`: the smallest that scans); 0 without a code."""
    if not gets_qr(ctx, card.link):
        return 0.0
    side = scannable(ctx, [card.link])
    side = side if least else max(ctx.theme.qr_size * INCH, side)
    return min(side, room - LABEL_H)


def labelled_qr(ctx: Context, card: Card, rect: Rect) -> list[Element]:
    """A card's QR code and, under it, what scanning it opens."""
    label = Rect(rect.x - 0.4 * INCH, rect.bottom + 4, rect.w + 0.8 * INCH, LABEL_H)
    size = ctx.theme.components.card.qr_label
    return [qr_image(card.link, rect, card.qr_alt), qr_label(ctx, card.qr_label, label, size)]


def _card_text(
    ctx: Context, card: Card, rect: Rect, show_title: bool, anchor: Literal["top", "middle"]
) -> TextBox:
    """Title (of a video slide's card), speakers, summary and the link lines."""
    box = fitted(ctx, card_paras(ctx, card, show_title), rect, anchor)
    return replace(box, role=Role.CARD, lines=card.lines(show_title))


def fitted(
    ctx: Context, paras: list[Para], rect: Rect, anchor: Literal["top", "middle"]
) -> TextBox:
    """`paras` at their sizes, or smaller to fit, never under the theme's `detail_min`."""
    floor = ctx.theme.sizes.detail_min
    fitted = fit(paras, rect.w, rect.h, paras[0].runs[0].size, floor) if paras else ()
    if fitted is None:
        fitted = scaled(paras, floor / min(r.size for p in paras for r in p.runs))
    return TextBox(rect, fitted, anchor=anchor)


def speaker_paras(ctx: Context, speakers: Sequence[str]) -> list[Para]:
    """A line a speaker: the name, and after its comma the affiliation, quieter."""
    colors, size = ctx.theme.colors, ctx.theme.components.card.speaker
    paras: list[Para] = []
    for line in speakers:
        name, comma, affiliation = line.partition(", ")
        runs = ctx.spans(name, size, colors.title, bold=True)
        if comma:  # still bold: `import` reads a card's bold lines as its speakers
            runs += ctx.spans(comma + affiliation, size, colors.muted, bold=True)
        paras.append(Para(runs, space_before=size * 0.3 if paras else 0))
    return paras


def talk_paras(ctx: Context, speakers: Sequence[str], summary: str | None) -> list[Para]:
    """A talk without links: its speakers and summary."""
    paras = speaker_paras(ctx, speakers)
    return [*paras, _summary(ctx, summary, bool(paras))] if summary else paras


def talk_lines(speakers: Sequence[str], summary: str | None) -> tuple[Role, ...]:
    return (*(Role.SPEAKER for _ in speakers), *((Role.SUMMARY,) if summary else ()))


def _summary(ctx: Context, text: str, after: bool) -> Para:
    size = ctx.theme.components.card.summary
    runs = ctx.spans(text, size, ctx.theme.colors.text)
    return Para(runs, space_before=size * 0.8 if after else 0)


def card_paras(ctx: Context, card: Card, show_title: bool) -> list[Para]:
    theme, size = ctx.theme, ctx.theme.components.card.link
    paras: list[Para] = []
    if show_title:
        title = ctx.spans(card.title, theme.sizes.body, theme.colors.title, bold=True)
        paras.append(Para(title))
    speakers = speaker_paras(ctx, card.details)
    if paras and speakers:  # room between the title's last line and the speakers
        speakers[0] = replace(speakers[0], space_before=speakers[0].runs[0].size * 0.6)
    paras += speakers
    if card.summary:
        paras.append(_summary(ctx, card.summary, bool(paras)))
    label = "Slides: " if card.leads_to == "slides" else "Link: "
    label = "Recording: " if card.link.is_youtube or card.leads_to == "recording" else label
    link = labelled_link(ctx, label, card.link.url, size)
    paras.append(Para(link, space_before=size * 1.2 if paras else 0))
    if card.slides:
        slides = labelled_link(ctx, "Slides: ", card.slides.url, size)
        paras.append(Para(slides, space_before=size * 0.3))
    return paras


def balanced(total: int, most: int) -> list[int]:
    """`total` things in the fewest groups of at most `most`, as even as can be (13 by
    6: 5, 4, 4; 7 by 6: 4, 3 — never a lone one after a full group)."""
    if total <= 0:
        return []
    groups = math.ceil(total / most)
    size, extra = divmod(total, groups)
    return [size + 1] * extra + [size] * (groups - extra)
