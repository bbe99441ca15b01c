"""deckgen: conference-recap YAML files become PowerPoint decks."""

from __future__ import annotations

__version__ = "0.1.0"
