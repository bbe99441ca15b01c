"""Faults around incremental builds: the fingerprint records the inputs as they were
loaded (a recap replaced during a build is rebuilt next time), a deck and its fingerprint
are written together or not at all, and what a killed build left is removed even when
the next build finds the deck up to date."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import deckgen.api
from deckgen import api
from deckgen.errors import BuildError
from deckgen.fingerprint import sidecar
from deckgen.options import BuildOptions

RECAP = """\
title: {title}
presenters:
  - name: A
    topics:
      - title: X
        slides:
          - bullets: [one, two]
"""


def _recap(folder: Path, title: str) -> Path:
    path = folder / "talk.yaml"
    path.write_text(RECAP.format(title=title), encoding="utf-8")
    return path


def _title(deck: Path) -> str:
    from pptx import Presentation

    return str(Presentation(str(deck)).core_properties.title)


def test_a_recap_replaced_during_a_build_is_rebuilt_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    recap, deck = _recap(tmp_path, "Old"), tmp_path / "out" / "talk.pptx"
    check = api.check

    def check_then_replace(*args: Any, **kwargs: Any) -> api.Checked:
        checked = check(*args, **kwargs)
        _recap(tmp_path, "New")  # the editor saves while deckgen lays out the old text
        return checked

    monkeypatch.setattr(deckgen.api, "check", check_then_replace)
    first = api.build(recap, deck, BuildOptions(incremental=True))
    monkeypatch.undo()
    assert not first.up_to_date and _title(deck) == "Old"
    second = api.build(recap, deck, BuildOptions(incremental=True))
    assert not second.up_to_date
    assert _title(deck) == "New"
    assert api.build(recap, deck, BuildOptions(incremental=True)).up_to_date


def test_a_fingerprint_that_cannot_be_written_leaves_the_old_deck(tmp_path: Path):
    recap, deck = _recap(tmp_path, "Old"), tmp_path / "out" / "talk.pptx"
    api.build(recap, deck)  # without a fingerprint
    old = deck.read_bytes()
    sidecar(deck).mkdir()  # the fingerprint's name is taken by a folder
    _recap(tmp_path, "New")
    with pytest.raises(BuildError) as caught:
        api.build(recap, deck, BuildOptions(incremental=True))
    assert [str(p) for p in caught.value.problems] == [
        f"{sidecar(deck).as_posix()}: error: is a folder; cannot write a deck there"
    ]
    assert deck.read_bytes() == old
    assert sorted(p.name for p in deck.parent.iterdir()) == [sidecar(deck).name, "talk.pptx"]


def test_a_failed_rename_of_the_fingerprint_restores_deck_and_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    recap, deck = _recap(tmp_path, "Old"), tmp_path / "out" / "talk.pptx"
    api.build(recap, deck, BuildOptions(incremental=True))
    old_deck, old_record = deck.read_bytes(), sidecar(deck).read_bytes()
    _recap(tmp_path, "New")
    replace = os.replace

    def replace_but_not_the_fingerprint(source: Any, target: Any) -> None:
        if str(target).endswith(".deckgen.json"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace(source, target)

    monkeypatch.setattr(os, "replace", replace_but_not_the_fingerprint)
    with pytest.raises(BuildError) as caught:
        api.build(recap, deck, BuildOptions(incremental=True))
    monkeypatch.undo()
    assert [str(p) for p in caught.value.problems] == [
        f"{sidecar(deck).as_posix()}: error: cannot write: No space left on device"
    ]
    assert deck.read_bytes() == old_deck
    assert sidecar(deck).read_bytes() == old_record
    assert sorted(p.name for p in deck.parent.iterdir()) == [sidecar(deck).name, "talk.pptx"]
    assert api.build(recap, deck, BuildOptions(incremental=True)).up_to_date is False


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_an_up_to_date_build_removes_what_a_killed_build_left(tmp_path: Path):
    recap, deck = _recap(tmp_path, "Old"), tmp_path / "out" / "talk.pptx"
    api.build(recap, deck, BuildOptions(incremental=True))
    pid = _dead_pid()
    stale = [
        deck.with_name(f".talk.pptx.{pid}.k2j3h4.tmp"),
        deck.with_name(f".{sidecar(deck).name}.{pid}.x9y8z7.tmp"),
    ]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    mine = deck.with_name(f".talk.pptx.{os.getpid()}.mine.tmp")  # a live writer's: kept
    mine.write_bytes(b"x")
    assert api.build(recap, deck, BuildOptions(incremental=True)).up_to_date
    assert sorted(p.name for p in deck.parent.iterdir()) == sorted(
        [sidecar(deck).name, "talk.pptx", mine.name]
    )
