"""Tests that run external programs (LibreOffice, poppler, zbar, pandoc, node) carry one
marker, ``@pytest.mark.integration("soffice", "pdftotext", ...)``, naming the programs.

``tests/conftest.py`` applies it: before the test, a named program that is missing is a
skip locally and a failure under CI (``in_ci``). A name holding ``/`` is a file relative
to the repository (a program npm installed there). During every test, starting one of
``GUARDED`` that the test's marker does not name fails the test, so ``-m "not
integration"`` runs none of them and every test that runs one says so.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest

__all__ = ["GUARDED", "allow", "guard_subprocesses", "in_ci", "lacking", "missing", "require"]

REPO = Path(__file__).resolve().parents[2]
GUARDED = frozenset({
    "soffice", "libreoffice", "pdfinfo", "pdftotext", "pdftoppm", "zbarimg", "pandoc",
    "node", "npm", "yaml-language-server", "chromium", "chromedriver",
})  # fmt: skip
"""The programs the suite may run only from a test marked ``integration`` with their name."""


def in_ci() -> bool:
    """Whether this is a CI run: ``CI`` set to anything but "", "0", "false" or "no"."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def lacking(what: str) -> NoReturn:
    """Skip a test for want of ``what``; under CI fail it instead."""
    if in_ci():
        pytest.fail(f"missing in CI: {what}")
    pytest.skip(f"needs {what}")


def missing(programs: Iterable[str]) -> list[str]:
    """The programs that are not on ``PATH`` (or, holding ``/``, not in the repository)."""
    return [
        name
        for name in programs
        if not ((REPO / name).is_file() if "/" in name else shutil.which(name))
    ]


def require(programs: Sequence[str]) -> None:
    """Skip (locally) or fail (under CI) unless every one of ``programs`` is there."""
    absent = missing(programs)
    if absent:
        lacking(", ".join(absent))


def _program(args: Any) -> str:
    """The name of the program a ``Popen`` call starts."""
    if isinstance(args, (str, bytes, os.PathLike)):
        text = os.fsdecode(args)
        first = shlex.split(text)[0] if text.strip() else text
    else:
        first = os.fsdecode(next(iter(args), ""))
    return Path(first).name


class _State:
    allowed: frozenset[str] = frozenset()
    test = ""


def allow(test: str, programs: Iterable[str]) -> None:
    """From now on, the running test is ``test`` and may start ``programs``."""
    _State.test = test
    _State.allowed = frozenset(Path(name).name for name in programs)


class _GuardedPopen(subprocess.Popen):  # type: ignore[type-arg]
    def __init__(self, args: Any, *rest: Any, **options: Any) -> None:
        name = _program(args)
        if name in GUARDED and name not in _State.allowed:
            pytest.fail(
                f"{_State.test} runs {name} but is not marked "
                f"@pytest.mark.integration({name!r}, ...)",
                pytrace=False,
            )
        super().__init__(args, *rest, **options)


_ORIGINAL = subprocess.Popen


def guard_subprocesses(on: bool) -> None:
    """Install (or remove) the check on every program a test starts."""
    subprocess.Popen = _GuardedPopen if on else _ORIGINAL  # type: ignore[misc]
