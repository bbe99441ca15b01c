"""Stage 5: lay out the recap as pages of positioned, sized elements (fitting text)."""

from __future__ import annotations

from deckgen.layout.deck import lay_out
from deckgen.layout.page import Page

__all__ = ["Page", "lay_out"]
