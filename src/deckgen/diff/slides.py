"""One version of a deck for `deckgen diff`: its slides as SVG and a fingerprint of each.

A fingerprint hashes what the laid-out page shows, without its slide number (a slide
added early renumbers every later one) and without where in the recap it comes from
(lines move when others are edited); a picture counts by its bytes, not its path (the
two versions may lie in different folders).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckgen.layout import Page
    from deckgen.layout.page import Element
    from deckgen.svg import SvgSlide


@dataclass(frozen=True)
class Version:
    """A deck as `label` names it (a file, or `REV:file`); no slides when `missing`."""

    label: str
    slides: tuple[SvgSlide, ...] = ()
    keys: tuple[str, ...] = ()
    missing: bool = False

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.slides]


def load_version(path: Path, theme: str | None, label: str) -> Version:
    """The slides of the recap at `path` (raises `DeckgenError` when it is invalid)."""
    from deckgen.api import svg_slides

    keys = tuple(slide_keys(path, theme))
    return Version(label, tuple(svg_slides(path, theme)), keys)


def slide_keys(path: Path, theme: str | None) -> list[str]:
    """The fingerprint of each slide of the recap at `path`, in deck order."""
    from deckgen.api import check
    from deckgen.layout import lay_out
    from deckgen.steps import collapse_steps

    checked = check(path, theme)
    recap, _ = collapse_steps(checked.recap, checked.recap.options.collapse_steps)
    unnumbered = replace(recap, options=replace(recap.options, slide_numbers=False))
    return [page_key(page) for page in lay_out(unnumbered, checked.theme)]


def page_key(page: Page) -> str:
    """A SHA-256 of what `page` shows (see the module's docstring)."""
    shown = replace(page, origin=None, elements=tuple(_content(e) for e in page.elements))
    return hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()


def _content(element: Element) -> Element:
    from deckgen.layout.page import Image

    if not isinstance(element, Image):
        return element
    data = element.data if element.data is not None else _read(element.path)
    return replace(element, path=None, data=hashlib.sha256(data).hexdigest().encode())


def _read(path: Path | None) -> bytes:
    try:
        return path.read_bytes() if path is not None else b""
    except OSError:  # checked when the recap loaded; gone since: it shows nothing
        return b""
