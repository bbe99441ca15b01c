"""A one-line progress bar on a terminal's stderr, for builds that take a while.

It appears only on a terminal (never in logs, pipes or CI) and only once a build has run
for `delay` seconds, so quick builds print nothing extra. Lines printed while it is shown
must call `clear()` first.
"""

from __future__ import annotations

import shutil
import time
from types import TracebackType
from typing import TextIO

_WIDTH = 24  # characters of the bar itself
_REDRAW = 0.1  # seconds between redraws at most


class Progress:
    """Progress over `total` units of work (decks), drawn on `stream` when `enabled`."""

    def __init__(self, total: int, stream: TextIO, enabled: bool, delay: float = 0.5) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self.shown = False
        self.drawn_at = 0.0
        self.done = 0.0
        self.label = ""

    def update(self, done: float, label: str) -> None:
        """`done` units of `total` are finished; `label` says what runs now."""
        self.done, self.label = min(max(done, 0.0), float(self.total)), label
        now = time.monotonic()
        if not self.enabled or now - self.started < self.delay or now - self.drawn_at < _REDRAW:
            return
        self.drawn_at = now
        self._draw()

    def clear(self) -> None:
        """Remove the bar from the terminal (before printing a line)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def line(self) -> str:
        """The bar as text, e.g. `[#######-----------------]  1/3  eu2019.yaml: rendering`."""
        filled = round(_WIDTH * self.done / self.total)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        return f"[{bar}] {int(self.done)}/{self.total}  {self.label}"

    def _draw(self) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r\x1b[K" + self.line()[: max(columns - 1, 10)])
        self.stream.flush()
        self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.clear()
