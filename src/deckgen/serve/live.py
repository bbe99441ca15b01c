"""The deck `deckgen serve` shows: built again, in a thread of its own, whenever one of
its files changes (`deckgen.watch` polls them, as for `deckgen watch`).

Each build gives a `Shown`: the slides of the last build that worked and the problems
of this one (none when it worked), so that a save with a mistake keeps the slides on the
page and shows what to fix.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError

if TYPE_CHECKING:
    from deckgen.errors import Problem
    from deckgen.svg import SvgSlide


@dataclass(frozen=True)
class Shown:
    """What the page shows after build number `version` (0: nothing built yet)."""

    version: int
    slides: tuple[SvgSlide, ...] = ()
    problems: tuple[Problem, ...] = ()  # why this build failed; the slides are older
    bug: Exception | None = None  # a bug in deckgen stopped this build; the slides are older


class LiveDeck:
    """Builds `recap` as SVG slides now and after each change until `stop()`, telling
    `on_build` (in the building thread) each new `Shown`."""

    def __init__(
        self,
        recap: Path,
        theme: str | None,
        interval: float,
        on_build: Callable[[Shown], None],
    ) -> None:
        self.recap, self.theme, self.interval = recap, theme, interval
        self.on_build = on_build
        self.shown = Shown(0)
        self._watched: list[Path] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deckgen-serve-build")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; returns once a build under way has finished."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        from deckgen.watch import watch

        watch(self.build, self.interval, sleep=self._pause, keep_going=self._going)

    def _pause(self, seconds: float) -> None:
        self._stop.wait(seconds)  # ends early on `stop()`

    def _going(self) -> bool:
        return not self._stop.is_set()

    def build(self) -> list[Path]:
        """Build once, tell `on_build`, and return the files to watch."""
        from deckgen.api import svg_slides
        from deckgen.inputs import recap_inputs, watchable

        version, last = self.shown.version + 1, self.shown.slides
        try:
            shown = Shown(version, tuple(svg_slides(self.recap, self.theme)))
        except DeckgenError as exc:
            shown = Shown(version, last, tuple(exc.problems))
        except Exception as exc:  # a bug in deckgen: say so, and keep watching
            shown = Shown(version, last, bug=exc)
        known = self._watched if shown.problems or shown.bug else []
        inputs = [watchable(self.recap), *known, *recap_inputs(self.recap, self.theme)]
        self._watched = list(dict.fromkeys(inputs))
        self.shown = shown
        self.on_build(shown)
        return self._watched
