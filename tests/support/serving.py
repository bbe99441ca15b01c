"""`deckgen serve` as a program for tests and benchmarks, and Debian's headless chromium
to look at its page (through Debian's chromedriver: Selenium downloads nothing)."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TIMEOUT = 300.0  # seconds: only a guard against a hang, far above any real wait
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)  # fmt: skip


class Server:
    """`deckgen serve ARGS` running in `folder` (stopped by `stop()` or `kill()`)."""

    def __init__(self, args: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "deckgen", "serve", "--port", "0", *args]
        self.process = subprocess.Popen(
            command, cwd=folder, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.first_line = self.process.stdout.readline()  # the address, once it listens
        found = re.search(r"http://\S+/", self.first_line)
        self.url = found.group() if found else ""

    def stop(self) -> tuple[int, str]:
        """Ctrl-C: the exit status and everything printed on stderr."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=TIMEOUT)
        return self.process.returncode, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=TIMEOUT)


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A headless chromium (a Selenium `WebDriver`) with a fresh profile in `profile`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
