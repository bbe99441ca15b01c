"""Stage 3: the typed, immutable recap (frozen dataclasses) between validation and rendering."""

from __future__ import annotations

from deckgen.model.from_data import recap_from_document
from deckgen.model.types import (
    Bullet,
    Bullets,
    Closing,
    Code,
    Content,
    Event,
    Link,
    Links,
    Options,
    Origin,
    Picture,
    Presenter,
    Quote,
    Recap,
    Slide,
    Stat,
    Statement,
    Stats,
    Table,
    Topic,
    Video,
)

__all__ = [
    "Bullet",
    "Bullets",
    "Closing",
    "Code",
    "Content",
    "Event",
    "Link",
    "Links",
    "Options",
    "Origin",
    "Picture",
    "Presenter",
    "Quote",
    "Recap",
    "Slide",
    "Stat",
    "Statement",
    "Stats",
    "Table",
    "Topic",
    "Video",
    "recap_from_document",
]
