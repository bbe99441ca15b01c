"""Fixtures shared by the unit tests: recap files written as YAML text into `tmp_path`."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from deckgen import api
from deckgen.errors import DeckgenError
from tests.support import programs

WriteFile = Callable[..., Path]


def pytest_configure(config: pytest.Config) -> None:
    programs.guard_subprocesses(True)


def pytest_unconfigure(config: pytest.Config) -> None:
    programs.guard_subprocesses(False)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.integration(PROGRAM, ...)`: skip locally, fail under CI, without them;
    starting a program the marker does not name fails the test (`tests/support/programs.py`)."""
    marker = item.get_closest_marker("integration")
    names: tuple[str, ...] = marker.args if marker else ()
    programs.allow(item.nodeid, names)
    if marker is not None and not names:
        pytest.fail(f"{item.nodeid}: @pytest.mark.integration needs the programs it runs")
    programs.require(names)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """deckgen's disk cache goes to a folder of the test session, never the user's."""
    os.environ["DECKGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("deckgen-cache"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tmp_path`, made the current folder so that messages show short relative names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(workdir: Path) -> WriteFile:
    """`write(name, text)`: dedent `text` and write it (UTF-8) to `name`, a relative path."""

    def write_file(name: str, text: str | bytes) -> Path:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def png(workdir: Path) -> WriteFile:
    """`png(name, width=40, height=30)`: write a small PNG made with Pillow."""

    def write_png(name: str, width: int = 40, height: int = 30) -> Path:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (width, height), "teal").save(path, "PNG")
        return path

    return write_png


def problems_of(path: Path, strict: bool = False) -> list[str]:
    """Every problem `api.check` reports for `path` (errors, or else the warnings)."""
    try:
        checked = api.check(path, strict=strict)
    except DeckgenError as exc:
        return [str(p) for p in exc.problems]
    return [str(w) for w in checked.warnings]


@pytest.fixture
def problems() -> Callable[..., list[str]]:
    """`problems(path)`: the lines deckgen prints for `path`; [] when it is valid."""
    return problems_of
