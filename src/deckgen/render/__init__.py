"""Stage 6: draw laid-out pages as native PowerPoint shapes with python-pptx."""

from __future__ import annotations

from deckgen.render.deck import render
from deckgen.render.memo import RenderCache

__all__ = ["RenderCache", "render"]
