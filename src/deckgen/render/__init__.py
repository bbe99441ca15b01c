"""Stage 6: draw laid-out pages as native PowerPoint shapes with python-pptx."""

from __future__ import annotations

from deckgen.render.deck import render

__all__ = ["render"]
