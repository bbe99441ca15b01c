"""`deckgen serve`: every slide of a recap on a local web page, updated on each save.

The slides are drawn as SVG (`deckgen.api.svg_slides`), rebuilt whenever the recap, an
included file, an image or the theme changes (`deckgen.serve.live`), and pushed to the
open pages over a WebSocket (`deckgen.serve.app`, on aiohttp, imported only here).
"""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import BuildError, Position, Problem
from deckgen.serve.live import LiveDeck, Shown

if TYPE_CHECKING:
    from aiohttp import web

__all__ = ["Settings", "Shown", "serve"]


@dataclass(frozen=True)
class Settings:
    """Where `deckgen serve` listens, the theme it builds with and how often it looks."""

    host: str = "127.0.0.1"  # this computer only
    port: int = 8000  # 0: a free port
    theme: str | None = None
    interval: float = 0.1  # seconds between looks at the input files


def serve(
    recap: Path,
    settings: Settings,
    say: Callable[[str], None],
    on_build: Callable[[Shown], None],
) -> None:
    """Serve `recap`'s slides until Ctrl-C; `say` is told the page's address and
    `on_build` each build (in the calling thread). Raises `BuildError` when the address
    cannot be listened on."""
    try:
        asyncio.run(_serve(recap, settings, say, on_build))
    except KeyboardInterrupt:
        return


async def _serve(
    recap: Path,
    settings: Settings,
    say: Callable[[str], None],
    on_build: Callable[[Shown], None],
) -> None:
    from aiohttp import web

    from deckgen.serve.app import Hub, make_app

    loop = asyncio.get_running_loop()
    hub = Hub(recap.name)
    runner = web.AppRunner(make_app(hub), access_log=None, handle_signals=False)
    await runner.setup()

    async def publish(shown: Shown) -> None:
        on_build(shown)
        await hub.publish(shown)

    def built(shown: Shown) -> None:  # in the building thread: on to this one
        asyncio.run_coroutine_threadsafe(publish(shown), loop)

    deck = LiveDeck(recap, settings.theme, settings.interval, built)
    try:
        await _listen(runner, settings)
        host, port = runner.addresses[0][:2]
        say(f"serving {recap} at http://{_host(host)}:{port}/ ; Ctrl-C stops")
        deck.start()
        await asyncio.Event().wait()  # until Ctrl-C cancels this task
    finally:
        await asyncio.to_thread(deck.stop)
        await hub.close()
        await runner.cleanup()


async def _listen(runner: web.AppRunner, settings: Settings) -> None:
    from aiohttp import web

    site = web.TCPSite(runner, settings.host, settings.port)
    try:
        await site.start()
    except OSError as exc:
        where = Position(f"{settings.host}:{settings.port}")
        why = "in use; choose another --port" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise BuildError([Problem(where, f"cannot serve there: {why}")]) from None


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
