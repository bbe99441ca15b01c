"""The frame every content slide shares: title, accent rule, body area and footer band."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen import inline
from deckgen.layout.fit import fit, run, scaled
from deckgen.layout.page import Align, Element, Para, Rect, Run, Shape, TextBox
from deckgen.links import brief, normalised
from deckgen.model import Recap
from deckgen.roles import Role
from deckgen.theme import Theme

SLIDE_W = 960.0  # 13.333 in: 16:9
SLIDE_H = 540.0  # 7.5 in
INCH = 72.0
TITLE_TOP = 0.3 * INCH
TITLE_H = 1.15 * INCH
BODY_TOP = 1.7 * INCH
FOOTER_TOP = 7.0 * INCH
FOOTER_H = 0.38 * INCH
BODY_BOTTOM = 6.85 * INCH
SMALL_MIN = 12.0  # the floor for captions, code, tables and other secondary text


@dataclass(frozen=True)
class Context:
    """What every layout function needs: the theme and deck-wide settings."""

    theme: Theme
    recap: Recap

    @property
    def margin(self) -> float:
        return self.theme.margin * INCH

    @property
    def body(self) -> Rect:
        """The area below the title and above the footer."""
        m = self.margin
        return Rect(m, BODY_TOP, SLIDE_W - 2 * m, BODY_BOTTOM - BODY_TOP)

    def spans(
        self,
        text: str,
        size: float,
        color: str | None = None,
        bold: bool = False,
        italic: bool = False,
        font: str | None = None,
    ) -> tuple[Run, ...]:
        """Inline Markdown as runs: code in the code font, links in the link colour."""
        theme = self.theme
        out = []
        for span in inline.parse(text):
            out.append(
                Run(
                    span.text,
                    theme.fonts.code if span.code else (font or theme.fonts.body),
                    size * 0.92 if span.code else size,
                    theme.colors.link if span.url else (color or theme.colors.text),
                    bold=bold or span.bold,
                    italic=italic or span.italic,
                    url=normalised(span.url) if span.url else None,
                )
            )
        return tuple(out)


LOGO_H = 0.55 * INCH


def logo_rect(theme: Theme) -> Rect:
    """Where a theme's logo goes: the top-right corner, 0.55 in high."""
    width_px, height_px = theme.logo_size
    w = LOGO_H * width_px / height_px if height_px else 0.0
    w = min(w, 2.5 * INCH)
    m = theme.margin * INCH
    return Rect(SLIDE_W - m - w, 0.3 * INCH, w, LOGO_H)


def title_box(ctx: Context, title: str, rect: Rect | None = None) -> TextBox:
    """The slide title, shrunk (down to the theme's minimum) and wrapped to fit."""
    theme, sizes = ctx.theme, ctx.theme.sizes
    m = ctx.margin
    logo = logo_rect(theme).w + 0.3 * INCH if theme.logo else 0.0
    rect = rect or Rect(m, TITLE_TOP, SLIDE_W - 2 * m - logo, TITLE_H)
    para = Para(
        ctx.spans(title, sizes.title, theme.colors.title, bold=True, font=theme.fonts.heading)
    )
    paras = fit([para], rect.w, rect.h, sizes.title, sizes.title_min)
    if paras is None:  # very long titles: smaller still (to 20 pt, or a lower theme minimum)
        paras = fit([para], rect.w, rect.h, sizes.title, min(20.0, sizes.title_min)) or (para,)
    return TextBox(rect, paras, anchor="bottom", role=Role.TITLE)


def accent_rule(ctx: Context) -> Shape:
    """The short accent bar under the title."""
    return Shape(Rect(ctx.margin, TITLE_TOP + TITLE_H + 4, 1.1 * INCH, 4), ctx.theme.colors.accent)


def footer(ctx: Context, number: int | None, link: str | None) -> list[Element]:
    """Footer text, the talk's recording link and the slide number."""
    theme, recap = ctx.theme, ctx.recap
    size, color, m = theme.sizes.footer, theme.colors.muted, ctx.margin
    width = SLIDE_W - 2 * m
    out: list[Element] = []
    if recap.footer:
        out.append(
            _footer_text(
                ctx,
                Rect(m, FOOTER_TOP, width * 0.42, FOOTER_H),
                ctx.spans(recap.footer, size, color),
                "left",
                Role.FOOTER,
            )
        )
    if link:
        runs = labelled_link(ctx, "Recording: ", link, size)
        out.append(
            _footer_text(
                ctx,
                Rect(m + width * 0.43, FOOTER_TOP, width * 0.45, FOOTER_H),
                runs,
                "left",
                Role.FOOTER_LINK,
            )
        )
    if number is not None and recap.options.slide_numbers:
        number_runs = (run(str(number), theme.fonts.body, size, color),)
        out.append(
            _footer_text(
                ctx,
                Rect(m + width * 0.9, FOOTER_TOP, width * 0.1, FOOTER_H),
                number_runs,
                "right",
                Role.SLIDE_NUMBER,
            )
        )
    return out


def labelled_link(ctx: Context, label: str, url: str, size: float) -> tuple[Run, Run]:
    """`Label: address` with the address printed short (`links.brief`), as a link."""
    theme = ctx.theme
    return (
        run(label, theme.fonts.body, size, theme.colors.muted),
        run(brief(url), theme.fonts.body, size, theme.colors.link, url=url),
    )


def _footer_text(
    ctx: Context, rect: Rect, runs: tuple[Run, ...], align: Align, role: Role
) -> TextBox:
    """Footer text: one line at the footer size, shrinking (to 7 pt) and wrapping to two."""
    para = Para(runs, align=align)
    paras = fit([para], rect.w, rect.h, runs[0].size, 7) or scaled([para], 7 / runs[0].size)
    return TextBox(rect, paras, anchor="middle", role=role)
