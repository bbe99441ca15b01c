"""What one build rendered, kept for the next build of the same deck (`deckgen watch`):
the themed base it started from, the XML of each slide by the content it was made from,
and each compressed zip member by its bytes. The caller owns the cache and passes it in;
a build keeps only what it used, so the cache holds one deck."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deckgen.render.archive import Member

if TYPE_CHECKING:
    from deckgen.errors import Problem
    from deckgen.render.package import Base

# a slide's XML, its relationships (type, target, external) in order, and the pictures it
# stored (part name, bytes, extension) in order
Drawn = tuple[str, tuple[tuple[str, str, bool], ...], tuple[tuple[str, bytes, str], ...]]


@dataclass
class RenderCache:
    """Slides and zip members of the previous build; `hits` counts reuses (for tests)."""

    slides: dict[Hashable, Drawn] = field(default_factory=dict)
    members: dict[tuple[str, bytes], Member] = field(default_factory=dict)
    bases: dict[str, tuple[Base, list[Problem]]] = field(default_factory=dict)  # by theme key
    hits: int = 0
