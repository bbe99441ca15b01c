"""What layout produces and rendering draws: pages of positioned elements.

Lengths are in points (1/72 inch); colours are RRGGBB hex strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from deckgen.model import Origin
from deckgen.roles import Role

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]

# A deck makes tens of thousands of rectangles, runs, paragraphs and text boxes: their
# `__init__` is written out (`init=False`) and fills the fields in one step, where a frozen
# dataclass's sets them one `object.__setattr__` at a time (twice the instructions). It
# takes what the generated one takes (tests/layout/test_layout_page.py).


@dataclass(frozen=True, init=False)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def __init__(self, x: float, y: float, w: float, h: float) -> None:
        self.__dict__.update(x=x, y=y, w=w, h=h)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass(frozen=True, init=False)
class Run:
    text: str
    font: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    url: str | None = None

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        color: str,
        bold: bool = False,
        italic: bool = False,
        url: str | None = None,
    ) -> None:
        self.__dict__.update(
            text=text, font=font, size=size, color=color, bold=bold, italic=italic, url=url
        )


@dataclass(frozen=True, init=False)
class Para:
    runs: tuple[Run, ...]
    align: Align = "left"
    level: int = 0
    bullet: str | None = None  # the bullet character, when a bulleted paragraph
    bullet_color: str | None = None
    number: int | None = None  # numbered (`3.`) instead of a bullet: this paragraph's number
    indent: float = 0.0  # left margin of the text, in points
    space_before: float = 0.0  # in points
    line_spacing: float = 1.0
    step: int = 0  # the click on which the paragraph appears (0: shown from the start)

    def __init__(
        self,
        runs: tuple[Run, ...],
        align: Align = "left",
        level: int = 0,
        bullet: str | None = None,
        bullet_color: str | None = None,
        number: int | None = None,
        indent: float = 0.0,
        space_before: float = 0.0,
        line_spacing: float = 1.0,
        step: int = 0,
    ) -> None:
        self.__dict__.update(
            runs=runs,
            align=align,
            level=level,
            bullet=bullet,
            bullet_color=bullet_color,
            number=number,
            indent=indent,
            space_before=space_before,
            line_spacing=line_spacing,
            step=step,
        )


@dataclass(frozen=True, init=False)
class TextBox:
    rect: Rect
    paras: tuple[Para, ...]
    anchor: Anchor = "top"
    # title, subtitle and body go into the layout's placeholders of that kind, when it has one
    role: Role = Role.TEXT
    wrap: bool = True
    descr: str = ""  # the shape's description (a code listing's language, for `import`)
    lines: tuple[Role, ...] = ()  # the role of each paragraph, when they differ (a card's)

    def __init__(
        self,
        rect: Rect,
        paras: tuple[Para, ...],
        anchor: Anchor = "top",
        role: Role = Role.TEXT,
        wrap: bool = True,
        descr: str = "",
        lines: tuple[Role, ...] = (),
    ) -> None:
        self.__dict__.update(
            rect=rect, paras=paras, anchor=anchor, role=role, wrap=wrap, descr=descr, lines=lines
        )


@dataclass(frozen=True)
class Shape:
    rect: Rect
    fill: str
    rounded: bool = False
    line: str | None = None
    role: Role = Role.PANEL


@dataclass(frozen=True)
class Image:
    rect: Rect
    path: Path | None = None
    data: bytes | None = None  # generated images (QR codes), always PNG
    extension: str = "png"  # the format of the file at `path` (png, jpg, ...)
    name: str = ""  # a recap picture's file name (its shape's name; others: the role's)
    alt: str = ""
    url: str | None = None  # the picture is a clickable link
    role: Role = Role.PICTURE


@dataclass(frozen=True)
class Cell:
    paras: tuple[Para, ...]
    fill: str


@dataclass(frozen=True)
class Grid:
    """A native table."""

    rect: Rect
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    cells: tuple[tuple[Cell, ...], ...]  # the first row is the header
    role: Role = Role.TABLE


Element = TextBox | Shape | Image | Grid


@dataclass(frozen=True)
class Page:
    """One slide of the deck, fully laid out."""

    kind: str
    title: str
    elements: tuple[Element, ...]
    notes: str | None = None
    background: str | None = None
    layout: Literal["title", "section", "content"] = "content"
    footer_link: str | None = None  # the URL of the talk's recording
    origin: Origin | None = None  # the recap slide this page comes from
    part: tuple[int, int] = (1, 1)  # this page is part i of n of a split slide
    keep: bool = False  # the recap slide says `keep: true` (recorded for `import`)

    def count(self, role: Role) -> int:
        """How many of the page's elements have `role`."""
        return sum(1 for e in self.elements if e.role is role)
