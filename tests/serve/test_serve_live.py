"""`deckgen serve` inside one process: the builds of `LiveDeck` (the last good slides
kept, the files to watch), the messages of the WebSocket and the page itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from deckgen.errors import Position, Problem
from deckgen.serve.app import Hub, make_app, message
from deckgen.serve.live import LiveDeck, Shown

RECAP = """\
title: T
presenters:
  - name: A
    topics:
      - include: topic.yaml
"""
TOPIC = """\
title: X
slides:
  - title: S
    bullets: [one, two]
"""


def live(path: Path) -> tuple[LiveDeck, list[Shown]]:
    got: list[Shown] = []
    return LiveDeck(path, None, 0.1, got.append), got


def test_a_failed_build_keeps_the_slides_and_watches_what_the_recap_names(write, workdir):
    recap, topic = write("r.yaml", RECAP), write("topic.yaml", TOPIC)
    deck, got = live(recap)
    watched = deck.build()
    assert topic.resolve() in watched and recap.resolve() in watched
    good = got[-1]
    assert good.version == 1 and good.problems == () and good.slides
    topic.unlink()
    assert topic.resolve() in deck.build()  # so that writing it again rebuilds
    assert got[-1].version == 2
    assert got[-1].slides == good.slides
    assert [str(p) for p in got[-1].problems] == [
        "r.yaml:5:18: error: presenters[0].topics[0].include: included file `topic.yaml`"
        " does not exist"
    ]


def test_a_bug_is_kept_for_the_report_and_the_slides_stay(write, workdir, monkeypatch):
    recap = write("r.yaml", RECAP.replace("- include: topic.yaml", "- " + TOPIC[:-1]))
    deck, got = live(recap)
    deck.build()

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("deckgen.api.svg_slides", broken)
    deck.build()
    assert isinstance(got[-1].bug, RuntimeError)
    assert got[-1].slides == got[0].slides
    assert message(got[-1], set())["failed"] is True


def test_a_message_sends_only_the_pictures_the_page_lacks(write, workdir):
    deck, got = live(write("r.yaml", RECAP.replace("- include: topic.yaml", "- " + TOPIC[:-1])))
    deck.build()
    full = message(got[0], set())
    keys = {s["key"] for s in full["slides"]}
    assert all(s["svg"].startswith("<svg") for s in full["slides"])
    assert not any(s["svg"] for s in message(got[0], keys)["slides"])
    failed = Shown(2, got[0].slides, (Problem(Position("r.yaml", 3, 4), "bad"),))
    assert message(failed, keys)["problems"] == ["r.yaml:3:4: error: bad"]


def test_the_page_names_the_recap_escaped():
    async def fetch() -> str:
        async with TestClient(TestServer(make_app(Hub("<a>&b.yaml")))) as client:
            response = await client.get("/")
            assert response.status == 200
            assert response.content_type == "text/html"
            return await response.text()

    page = asyncio.run(fetch())
    assert "<h1>&lt;a&gt;&amp;b.yaml</h1>" in page
    assert "new WebSocket(`ws://${location.host}/updates`)" in page
