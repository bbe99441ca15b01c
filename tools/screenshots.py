"""Regenerate the README screenshots of `deckgen serve` and `deckgen diff --html`.

    .venv/bin/python tools/screenshots.py

Needs Debian's chromium and chromedriver (in .ci/debian-packages; Selenium downloads
nothing). Works on a copy of the example recaps in a scratch folder and writes
docs/screenshots/serve.png, serve-error.png and slides-diff.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ecosystem.test_eco_diff import ADDED, EDITED  # noqa: E402
from tests.ecosystem.test_eco_serve import TYPO  # noqa: E402
from tests.support.serving import Server, chromium  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
RECAP = "recaps/eu2019.yaml"


def edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def wait_for(what: str, probe: Callable[[], Any], timeout: float = 120.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if found := probe():
            return found
        time.sleep(0.2)
    raise SystemExit(f"screenshots: gave up waiting for {what}")


def serve_shots(folder: Path, browser: Any) -> None:
    server = Server([RECAP, "--interval", "0.1"], folder)
    try:
        browser.get(server.url)
        wait_for("the first build", lambda: browser.execute_script(
            "return Number(document.body.dataset.version||0)"))  # fmt: skip
        browser.execute_script("document.querySelector('#slides details')?.setAttribute('open','')")
        time.sleep(1.0)  # the SVGs' pictures decode
        browser.save_screenshot(str(OUT / "serve.png"))
        edit(folder / RECAP, TYPO)
        wait_for("the error", lambda: browser.execute_script(
            "return document.getElementById('problems').innerText.trim()"))  # fmt: skip
        browser.save_screenshot(str(OUT / "serve-error.png"))
        edit(folder / RECAP, (TYPO[1], TYPO[0]))
    finally:
        server.kill()


def diff_shot(folder: Path, browser: Any) -> None:
    new = "recaps/eu2019-new.yaml"
    shutil.copy(folder / RECAP, folder / new)
    edit(folder / new, EDITED, ADDED)
    page = folder / "slides-diff.html"
    command = [sys.executable, "-m", "deckgen", "diff", RECAP, new, "--html", str(page)]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=300)
    browser.get(page.as_uri())
    time.sleep(1.0)
    browser.save_screenshot(str(OUT / "slides-diff.png"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-shots-") as scratch:
        folder = Path(scratch) / "examples"
        shutil.copytree(ROOT / "recaps", folder / "recaps")
        with chromium(Path(scratch) / "profile") as browser:
            serve_shots(folder, browser)
            diff_shot(folder, browser)
    for name in ("serve.png", "serve-error.png", "slides-diff.png"):
        print(f"docs/screenshots/{name}")


if __name__ == "__main__":
    main()
