"""Fixtures for the ecosystem tests: the command line in-process and as a program, the
example recaps copied into a temporary folder, and tools that CI must have."""

from __future__ import annotations

import importlib.util
import inspect
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.support.programs import lacking

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> Result:
    """`deckgen ARGS` in-process, stdout and stderr kept apart (any click 8.x)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def cli() -> Callable[..., Result]:
    """`cli(*args)`: run deckgen in-process."""
    return run_cli


def deckgen_command(*args: str) -> list[str]:
    """The command line that runs deckgen as its own process."""
    return [sys.executable, "-m", "deckgen", *args]


@pytest.fixture
def deckgen_cmd() -> Callable[..., list[str]]:
    """`deckgen_cmd(*args)`: the command line that runs deckgen as its own process."""
    return deckgen_command


@pytest.fixture
def need_module() -> Callable[[str], None]:
    """`need_module(name)`: skip when a Python module is missing locally; fail in CI."""

    def check(name: str) -> None:
        if importlib.util.find_spec(name) is None:
            lacking(f"the Python module {name}")

    return check


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder holding a copy of the repository's `recaps/`, made current."""
    shutil.copytree(REPO / "recaps", tmp_path / "recaps")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def subprocess_env() -> dict[str, str]:
    """The environment for deckgen as a program: unbuffered, without NO_COLOR or CI."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONUNBUFFERED"] = "1"
    return env
