"""The frame every content slide shares: title, accent rule, body area and footer band."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from unicodedata import east_asian_width

from deckgen import inline
from deckgen.layout.fit import INSET_X, count_lines, fit, run, scaled, text_height
from deckgen.layout.page import Align, Element, Page, Para, Rect, Run, Shape, TextBox
from deckgen.layout.typography import balanced, is_raw_url, raw_address, smarten
from deckgen.links import brief, normalised
from deckgen.model import Recap, Topic
from deckgen.roles import Role
from deckgen.theme import Theme

SLIDE_W = 960.0  # 13.333 in: 16:9
SLIDE_H = 540.0  # 7.5 in
INCH = 72.0
# the frame of the default theme, for the layouts that do not read it from the theme yet
TITLE_TOP = 0.3 * INCH
TITLE_H = 1.15 * INCH
BODY_TOP = 1.7 * INCH
FOOTER_TOP = 7.0 * INCH
FOOTER_H = 0.38 * INCH
BODY_BOTTOM = 6.85 * INCH
SMALL_MIN = 14.0  # the floor for captions, code, tables and other secondary text


@dataclass(frozen=True)
class Context:
    """What every layout function needs: the theme, deck-wide settings, and the topic
    whose slides are laid out."""

    theme: Theme
    recap: Recap
    topic: Topic | None = None
    title_size: float = 0.0  # the one size of the deck's slide titles (0: the theme's)

    @property
    def margin(self) -> float:
        return self.theme.margin * INCH

    @cached_property
    def body(self) -> Rect:
        """The area below the title and above the footer."""
        m, spacing = self.margin, self.theme.spacing
        top, bottom = spacing.body_top * INCH, spacing.body_bottom * INCH
        return Rect(m, top, SLIDE_W - 2 * m, bottom - top)

    # the parts of the frame that are the same on every slide, made once
    @cached_property
    def title_area(self) -> Rect:
        return _title_area(self)

    @cached_property
    def rule(self) -> Shape:
        return _accent_rule(self)

    @cached_property
    def label(self) -> tuple[Para, float]:
        """The topic's label and its height (`topic_label`)."""
        return _label(self)

    def spans(
        self,
        text: str,
        size: float,
        color: str | None = None,
        font: str | None = None,
        **emphasis: bool,
    ) -> tuple[Run, ...]:
        """Inline Markdown as runs: code in the code font, links in the link colour; text
        with typographic quotes and dashes, raw addresses printed short; `emphasis`
        (`bold`, `italic`) applies to every run."""
        bold, italic = emphasis.get("bold", False), emphasis.get("italic", False)
        theme, before = self.theme, ""
        out = []
        for span in inline.parse(text):
            shown = span.text
            if span.url and is_raw_url(span.text, span.url):  # a topic's slides note it
                shown = raw_address(span.text, theme.grid.url_chars, self.topic is not None)
            elif not span.code:
                shown = smarten(span.text, before)
            before = span.text[-1:]
            out.append(
                Run(
                    shown,
                    theme.fonts.code if span.code else (font or theme.fonts.body),
                    size * theme.sizes.inline_code_scale if span.code else size,
                    theme.colors.link if span.url else (color or theme.colors.text),
                    bold=bold or span.bold,
                    # East Asian scripts have no italics: no synthetic slant for them
                    italic=(italic or span.italic) and not has_east_asian(shown),
                    url=normalised(span.url) if span.url else None,
                )
            )
        return tuple(out)


def has_east_asian(text: str) -> bool:
    """True when `text` holds a wide East Asian character (Chinese, Japanese, Korean)."""
    return not text.isascii() and any(is_wide(ch) for ch in text)


def is_wide(ch: str) -> bool:
    """True for a wide East Asian character (a line may break before or after it)."""
    return east_asian_width(ch) in ("W", "F")


BARE_KINDS = frozenset({"closing"})  # pages shown without the layout's art (the logo)


def hides_art(page: Page) -> bool:
    """True for a page drawn without its master's and layout's art (a template's rules,
    the theme's logo): a page of its own colour, and the closing."""
    return bool(page.background) or page.kind in BARE_KINDS


LOGO_MAX_W = 2.5 * INCH  # a very wide logo is kept to this width


def logo_rect(theme: Theme) -> Rect:
    """Where a theme's logo goes: the top-right corner of content slides."""
    width_px, height_px = theme.logo_size
    spacing = theme.spacing
    height = spacing.logo_height * INCH
    w = min(height * width_px / height_px if height_px else 0.0, LOGO_MAX_W)
    m = theme.margin * INCH
    return Rect(SLIDE_W - m - w, spacing.logo_top * INCH, w, height)


def title_area(ctx: Context) -> Rect:
    """Where slide titles go: above the body, the full width below a logo band (beside
    the logo when it reaches into the title area)."""
    return ctx.title_area


def _title_area(ctx: Context) -> Rect:
    theme, spacing = ctx.theme, ctx.theme.spacing
    m = ctx.margin
    top = spacing.title_top * INCH
    logo = 0.0
    if theme.logo and logo_rect(theme).bottom > top:
        logo = logo_rect(theme).w + 0.3 * INCH
    return Rect(m, top, SLIDE_W - 2 * m - logo, spacing.title_height * INCH)


def deck_title_size(theme: Theme, recap: Recap) -> float:
    """The one size of the deck's slide titles: the largest (down to the theme's
    minimum) at which all but a few of them (`grid.title_outliers`) take at most
    `grid.title_lines` lines; those few shrink alone (`title_box`). Only the recap's
    slide titles count: a topic's title is set on its own slide or talk card, larger."""
    sizes, grid = theme.sizes, theme.grid
    width = Context(theme, recap).title_area.w - 2 * INSET_X
    titles = sorted({s.title for p in recap.presenters for t in p.topics for s in t.slides})
    allowed = int(grid.title_outliers * len(titles))
    size = sizes.title
    while size > sizes.title_min and allowed < sum(
        count_lines(_title_para(theme, t, size), width) > grid.title_lines for t in titles
    ):
        size -= 1
    return size


def _title_para(theme: Theme, title: str, size: float) -> Para:
    """A title as one run (for measuring)."""
    return Para((run(title, theme.fonts.heading, size, theme.colors.title, bold=True),))


def title_box(ctx: Context, title: str, rect: Rect | None = None) -> TextBox:
    """The slide title at the deck's title size, on lines as even as its words allow;
    a title longer than two lines shrinks (down to the theme's minimum, and beyond that
    never below 20 pt)."""
    theme, sizes = ctx.theme, ctx.theme.sizes
    rect = rect or ctx.title_area
    size = ctx.title_size or sizes.title
    para = Para(ctx.spans(title, size, theme.colors.title, bold=True, font=theme.fonts.heading))
    lines = count_lines(para, rect.w - 2 * INSET_X)
    if lines <= theme.grid.title_lines and text_height([para], rect.w) <= rect.h:
        width = balanced(para, rect.w, lines) if lines > 1 else rect.w
        return _on_bottom(Rect(rect.x, rect.y, width, rect.h), (para,))
    paras = fit([para], rect.w, rect.h, size, sizes.title_min)
    if paras is None:  # very long titles: smaller still (never below 20 pt)
        paras = fit([para], rect.w, rect.h, size, min(20.0, sizes.title_min)) or (para,)
    return _on_bottom(rect, paras)


def _on_bottom(rect: Rect, paras: tuple[Para, ...]) -> TextBox:
    """A title box as tall as its text, on the bottom of `rect` (room above for a label)."""
    height = min(rect.h, text_height(paras, rect.w))
    box = Rect(rect.x, rect.bottom - height, rect.w, height)
    return TextBox(box, paras, anchor="bottom", role=Role.TITLE)


def topic_label(ctx: Context, heading: str, title: TextBox) -> TextBox | None:
    """The topic's name, small, above the slide title `heading` when that is not the
    topic's own (nor the deck's: a topic named like the deck needs no announcing)."""
    topic = ctx.topic
    if topic is None or topic.title in (ctx.recap.title, heading):
        return None
    area = ctx.title_area
    para, line = ctx.label
    rect = Rect(area.x, title.rect.y - line, area.w, line)
    return TextBox(rect, (para,), anchor="bottom", role=Role.TOPIC_LABEL)


def _label(ctx: Context) -> tuple[Para, float]:
    """The topic's name as a label: one line (clipped), and the height of that line."""
    assert ctx.topic is not None
    theme = ctx.theme
    para = Para(ctx.spans(ctx.topic.title, theme.sizes.topic_label, theme.colors.accent, bold=True))
    area = ctx.title_area
    line = text_height([para], area.w)
    if count_lines(para, area.w - 2 * INSET_X) > 1:
        para = _clipped(para, area.w - 2 * INSET_X)
    return para, line


def kicker_title(ctx: Context, title: str) -> TextBox:
    """A slide title set small, like a topic label, where the slide's content is its
    headline (a statement under its topic's name)."""
    theme = ctx.theme
    para = Para(ctx.spans(title, theme.sizes.topic_label, theme.colors.accent, bold=True))
    area = ctx.title_area
    paras = fit([para], area.w, area.h, theme.sizes.topic_label, theme.sizes.detail_min)
    return TextBox(area, paras or (para,), anchor="bottom", role=Role.TITLE)


def _clipped(para: Para, width: float) -> Para:
    """A one-line paragraph: `para` cut at a word and ended with `…` (a label; the
    topic's full name is on its own slide)."""
    words = "".join(r.text for r in para.runs).split()
    first = para.runs[0]
    while len(words) > 1:
        words.pop()
        candidate = Para((replace(first, text=" ".join(words) + "…"),), align=para.align)
        if count_lines(candidate, width) == 1:
            return candidate
    return Para((replace(first, text=words[0] + "…"),), align=para.align)


def accent_rule(ctx: Context) -> Shape:
    """The short accent bar under the title."""
    return ctx.rule


def _accent_rule(ctx: Context) -> Shape:
    spacing = ctx.theme.spacing
    top = (spacing.title_top + spacing.title_height + spacing.rule_gap) * INCH
    # under the title's first letter (the text boxes' inset), like the body text
    left = ctx.margin + INSET_X
    rect = Rect(left, top, spacing.rule_width * INCH, spacing.rule_height * INCH)
    return Shape(rect, ctx.theme.colors.accent)


def footer_band(ctx: Context, link: str | None) -> list[Element]:
    """The footer's text and the talk's recording link (the same on each of its slides)."""
    theme, recap, grid = ctx.theme, ctx.recap, ctx.theme.grid
    size, color, m = theme.sizes.footer, theme.colors.muted, ctx.margin
    width = SLIDE_W - 2 * m
    top, height = theme.spacing.footer_top * INCH, theme.spacing.footer_height * INCH
    link_x = m + width * (1 - grid.footer_number - grid.footer_link)
    out: list[Element] = []
    if recap.footer:
        rect = Rect(m, top, width * grid.footer_text, height)
        spans = ctx.spans(recap.footer, size, color)
        out.append(_footer_text(ctx, rect, spans, "left", Role.FOOTER))
    if link:
        runs = labelled_link(ctx, "Recording: ", link, size)
        rect = Rect(link_x, top, width * grid.footer_link, height)
        out.append(_footer_text(ctx, rect, runs, "left", Role.FOOTER_LINK))
    return out


def slide_number(ctx: Context, number: int | None) -> list[Element]:
    """The slide number in the footer, when the recap shows them."""
    if number is None or not ctx.recap.options.slide_numbers:
        return []
    theme, grid, m = ctx.theme, ctx.theme.grid, ctx.margin
    size, width = theme.sizes.footer, SLIDE_W - 2 * m
    top, height = theme.spacing.footer_top * INCH, theme.spacing.footer_height * INCH
    number_runs = (run(str(number), theme.fonts.body, size, theme.colors.muted),)
    rect = Rect(m + width * (1 - grid.footer_number), top, width * grid.footer_number, height)
    return [_footer_text(ctx, rect, number_runs, "right", Role.SLIDE_NUMBER)]


def labelled_link(ctx: Context, label: str, url: str, size: float) -> tuple[Run, Run]:
    """`Label: address` with the address printed short (`links.brief`), as a link."""
    theme = ctx.theme
    return (
        run(label, theme.fonts.body, size, theme.colors.muted),
        run(brief(url, theme.grid.url_chars), theme.fonts.body, size, theme.colors.link, url=url),
    )


def _footer_text(
    ctx: Context, rect: Rect, runs: tuple[Run, ...], align: Align, role: Role
) -> TextBox:
    """Footer text: one line at the footer size, shrinking (to the theme's minimum) and
    wrapping to two."""
    para, least = Para(runs, align=align), ctx.theme.sizes.footer_min
    paras = fit([para], rect.w, rect.h, runs[0].size, least) or scaled([para], least / runs[0].size)
    return TextBox(rect, paras, anchor="middle", role=role)
