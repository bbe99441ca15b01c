"""`deckgen serve` as a program: its page in a real headless chromium (Debian's, through
chromedriver), the WebSocket messages behind it, Ctrl-C and a port in use. Every wait is
bounded (a guard against a hang, never a speed check: speed is benchmarks/serve.py)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.support.serving import TIMEOUT, Server, chromium

from deckgen.api import svg_slides

BULLET = ("- CRD still beta", "- CRD now stable")
TYPO = ("title: Tracks\n            bullets:", "title: Tracks\n            bulets:")
TYPO_ERROR = (
    "recaps/eu2019.yaml:51:13: error: presenters[0].topics[0].slides[1].bulets: "
    "unknown key `bulets`; did you mean `bullets`?"
)


@pytest.fixture
def serve(examples: Path, subprocess_env) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(*args: str) -> Server:
        server = Server(list(args), examples, subprocess_env)
        started.append(server)
        assert server.url, server.first_line
        return server

    yield start
    for server in started:
        server.kill()


def edit(path: Path, change: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    path.write_text(text.replace(*change), encoding="utf-8")


class Page:
    """The WebSocket of the page, read as the page reads it."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://") + "updates"

    def messages(self, actions: list[Callable[[], None]]) -> list[dict[str, Any]]:
        """The first build's message, then the one after each action."""
        return asyncio.run(self._run(actions))

    async def _run(self, actions: list[Callable[[], None]]) -> list[dict[str, Any]]:
        import aiohttp

        async with aiohttp.ClientSession() as session, session.ws_connect(self.url) as ws:
            got = [await self._build(ws, 1)]
            for action in actions:
                action()
                got.append(await self._build(ws, got[-1]["version"] + 1))
            return got

    @staticmethod
    async def _build(ws: Any, version: int) -> dict[str, Any]:
        while True:
            message = json.loads((await ws.receive(timeout=TIMEOUT)).data)
            if message["version"] >= version:
                return message  # type: ignore[no-any-return]


def test_each_save_pushes_only_the_slides_it_changed(examples: Path, serve):
    recap = examples / "recaps/eu2019.yaml"
    slides = svg_slides(recap)
    server = serve("recaps/eu2019.yaml", "--interval", "0.1")
    assert server.url.startswith("http://127.0.0.1:")  # this computer only
    picture = examples / "recaps/images/k8s-timeline.png"
    first, bullet, image, typo, fixed = Page(server.url).messages([
        lambda: edit(recap, BULLET),
        lambda: Image.new("RGB", (64, 36), "orange").save(picture),
        lambda: edit(recap, TYPO),
        lambda: edit(recap, TYPO[::-1]),
    ])  # fmt: skip
    assert [s["title"] for s in first["slides"]] == [s.title for s in slides]
    assert all(s["svg"] for s in first["slides"]) and first["problems"] == []
    assert [s["title"] for s in bullet["slides"] if s["svg"]] == ["Extensibility"]
    assert len([s for s in image["slides"] if s["svg"]]) == 1
    # a mistake: its error, and the last good slides (the page has them all)
    assert typo["problems"] == [TYPO_ERROR]
    assert len(typo["slides"]) == len(slides) and not any(s["svg"] for s in typo["slides"])
    assert fixed["problems"] == [] and not any(s["svg"] for s in fixed["slides"])
    code, err = server.stop()
    assert code == 0
    assert err.splitlines() == [TYPO_ERROR, "deckgen: stopped serving"]


def test_a_port_in_use_is_an_error(examples: Path, serve, deckgen_cmd, subprocess_env):
    import subprocess

    port = serve("recaps/eu2019.yaml").url.rsplit(":", 1)[1].strip("/")
    done = subprocess.run(
        [*deckgen_cmd("serve", "recaps/eu2019.yaml", "--port", port)],
        cwd=examples, env=subprocess_env, capture_output=True, text=True, timeout=TIMEOUT,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        f"127.0.0.1:{port}: error: cannot serve there: in use; choose another --port\n"
    )


def wait_until(what: str, condition: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + TIMEOUT
    while not (found := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return found


@pytest.mark.integration("chromium", "chromedriver")
def test_the_page_shows_every_slide_and_each_save_without_a_reload(
    examples: Path, serve, tmp_path_factory
):
    from selenium.webdriver.common.by import By

    recap = examples / "recaps/eu2019.yaml"
    count = len(svg_slides(recap))
    server = serve("recaps/eu2019.yaml", "--interval", "0.1")
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as browser:
        browser.get(server.url)
        version = wait_until(
            "the first build",
            lambda: browser.execute_script("return Number(document.body.dataset.version||0)"),
        )
        assert len(browser.find_elements(By.CSS_SELECTOR, "#slides figure.slide svg")) == count
        browser.execute_script("window.deckgenMarker = 'not reloaded'")

        edit(recap, BULLET)
        pushed = wait_until(
            "the edited slide",
            lambda: browser.find_elements(By.XPATH, "//figure[contains(., 'CRD now stable')]"),
        )
        assert browser.execute_script("return window.deckgenMarker") == "not reloaded"
        assert browser.execute_script("return Number(document.body.dataset.version)") > version
        assert "changed" in pushed[0].get_attribute("class")
        assert "Extensibility" in pushed[0].find_element(By.TAG_NAME, "figcaption").text

        edit(recap, TYPO)
        shown = wait_until(
            "the error", lambda: browser.find_element(By.ID, "problems").text.strip()
        )
        assert shown == TYPO_ERROR
        assert len(browser.find_elements(By.CSS_SELECTOR, "#slides figure.slide svg")) == count
        assert browser.execute_script("return window.deckgenMarker") == "not reloaded"
    code, _ = server.stop()
    assert code == 0


THEME = 'name: mine\nextends: default\ncolors:\n  accent: "#FF6600"\n'


def test_a_save_of_an_include_or_the_theme_is_pushed_too(examples: Path, serve):
    (examples / "mine").mkdir()
    theme = examples / "mine/theme.yaml"
    theme.write_text(THEME, encoding="utf-8")
    topic = examples / "recaps/kubecon2019-team/topics/grafana-loki.yaml"
    server = serve("recaps/kubecon2019-team.yaml", "--theme", "./mine", "--interval", "0.1")
    _, include, themed = Page(server.url).messages([
        lambda: edit(topic, ("- No pagination", "- Pagination")),
        lambda: edit(theme, ("FF6600", "0066FF")),
    ])  # fmt: skip
    assert [s["title"] for s in include["slides"] if s["svg"]] == ["Grafana Loki: Features"]
    assert include["problems"] == [] and themed["problems"] == []
    assert len([s for s in themed["slides"] if s["svg"]]) > 1  # the accent is on many slides
    assert server.stop()[0] == 0
