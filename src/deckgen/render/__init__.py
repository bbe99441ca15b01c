"""Stage 6: draw laid-out pages as native PowerPoint shapes: slide XML written directly
onto a themed base that python-pptx makes (see deck.py and package.py)."""

from __future__ import annotations

from deckgen.render.deck import render
from deckgen.render.memo import RenderCache

__all__ = ["RenderCache", "render"]
