"""The web side of `deckgen serve` (aiohttp): the page, and a WebSocket that pushes
each build to every open page.

A message holds the slides in order, each with a key (a hash of what it shows); the
SVG of a slide is sent only when the page does not have it from the previous message,
so a save that changes one slide sends one slide.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, web

from deckgen.serve.live import Shown

if TYPE_CHECKING:
    from deckgen.svg import SvgSlide

HEARTBEAT = 10.0  # seconds between pings: a page closed without a word is noticed
HUB: web.AppKey[Hub] = web.AppKey("hub")


class Hub:
    """The open pages and what they show."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.pages: set[web.WebSocketResponse] = set()
        self.shown = Shown(0)

    async def publish(self, shown: Shown) -> None:
        """Send `shown` to every open page (only the slides they do not have)."""
        text = json.dumps(message(shown, _keys(self.shown)))
        self.shown = shown
        for page in list(self.pages):
            try:
                await page.send_str(text)
            except ConnectionError:  # the page went away meanwhile
                self.pages.discard(page)

    async def close(self) -> None:
        for page in list(self.pages):
            await page.close(code=WSCloseCode.GOING_AWAY, message=b"deckgen serve stopped")


def message(shown: Shown, known: set[str]) -> dict[str, Any]:
    """The JSON message of a build, for a page that has the slides keyed `known`."""
    return {
        "version": shown.version,
        "problems": [str(p) for p in shown.problems],
        "failed": shown.bug is not None,
        "slides": [_slide(s, known) for s in shown.slides],
    }


def _slide(slide: SvgSlide, known: set[str]) -> dict[str, Any]:
    key = _key(slide)
    return {
        "key": key,
        "number": slide.number,
        "title": slide.title,
        "kind": slide.kind,
        "notes": slide.notes,
        "svg": None if key in known else slide.svg,
    }


def _key(slide: SvgSlide) -> str:
    shown = json.dumps([slide.number, slide.title, slide.kind, slide.notes, slide.svg])
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:32]


def _keys(shown: Shown) -> set[str]:
    return {_key(s) for s in shown.slides}


def make_app(hub: Hub) -> web.Application:
    app = web.Application()
    app[HUB] = hub
    app.router.add_get("/", _page)
    app.router.add_get("/updates", _updates)
    return app


async def _page(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    html = resources.files("deckgen.serve").joinpath("page.html").read_text(encoding="utf-8")
    return web.Response(
        text=html.replace("{{title}}", escape(hub.title)), content_type="text/html", charset="utf-8"
    )


async def _updates(request: web.Request) -> web.WebSocketResponse:
    """The push channel: the current build at once, then every later one."""
    hub = request.app[HUB]
    page = web.WebSocketResponse(heartbeat=HEARTBEAT, compress=False)  # local: no CPU on it
    await page.prepare(request)
    hub.pages.add(page)  # before the first await: no build is missed
    try:
        await page.send_str(json.dumps(message(hub.shown, set())))
        async for _ in page:  # the page sends nothing; this waits for it to close
            pass
    finally:
        hub.pages.discard(page)
    return page
