"""Golden tests: the example decks, dumped (kinds, texts, fonts, positions, image hashes).

Regenerate after an intended change with:
    DECKGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
which writes tests/golden/*.json and fails, saying what it wrote (an update is never a
pass); review `git diff tests/golden` and run the tests again without the variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from deckgen.api import build
from tests.deckdump import dump

ROOT = Path(__file__).resolve().parents[1]
RECAPS = sorted((ROOT / "recaps").glob("*.yaml"))
GOLDEN = Path(__file__).parent / "golden"
UPDATE_ENV = "DECKGEN_UPDATE_GOLDEN"


def check_golden(actual: list[dict[str, Any]], golden: Path, update: bool) -> None:
    """Compare a deck's dump with `golden`, slide by slide; in update mode write `golden`
    and fail, saying so."""
    if update:
        text = json.dumps(actual, indent=1, ensure_ascii=False) + "\n"
        changed = not golden.is_file() or golden.read_text("utf-8") != text
        golden.write_text(text, "utf-8")
        what = "wrote" if changed else "left unchanged"
        pytest.fail(
            f"{UPDATE_ENV} is set: {what} {golden.name}; review `git diff {golden.parent.name}`"
            f" and run the tests again without {UPDATE_ENV}",
            pytrace=False,
        )
    if not golden.is_file():
        pytest.fail(f"{golden.name} does not exist; write it with {UPDATE_ENV}=1", pytrace=False)
    expected = json.loads(golden.read_text("utf-8"))
    assert len(actual) == len(expected), f"{len(actual)} slides, {golden.name} has {len(expected)}"
    for number, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        assert got == want, f"slide {number} ({want['kind']}) differs from {golden.name}"


@pytest.mark.parametrize("recap", RECAPS, ids=[r.stem for r in RECAPS])
def test_example_deck_matches_golden_dump(recap: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{recap.stem}.pptx"
    build(recap, out)
    actual = dump(out)
    check_golden(actual, GOLDEN / f"{recap.stem}.json", bool(os.environ.get(UPDATE_ENV)))


def test_update_mode_writes_the_golden_and_fails(tmp_path: Path) -> None:
    golden = tmp_path / "golden" / "deck.json"
    golden.parent.mkdir()
    dumped = [{"kind": "title", "texts": ["Hello"]}]
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(dumped, golden, update=True)
    assert str(failed.value) == (
        f"{UPDATE_ENV} is set: wrote deck.json; review `git diff golden` and run the tests"
        f" again without {UPDATE_ENV}"
    )
    assert json.loads(golden.read_text("utf-8")) == dumped
    with pytest.raises(pytest.fail.Exception, match=r"left unchanged deck\.json"):
        check_golden(dumped, golden, update=True)
    check_golden(dumped, golden, update=False)  # and now it passes


def test_a_missing_golden_fails_and_says_how_to_write_it(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden([], tmp_path / "deck.json", update=False)
    assert str(failed.value) == f"deck.json does not exist; write it with {UPDATE_ENV}=1"


def test_a_changed_slide_is_named(tmp_path: Path) -> None:
    golden = tmp_path / "deck.json"
    golden.write_text(json.dumps([{"kind": "title", "texts": ["Hello"]}]), "utf-8")
    with pytest.raises(AssertionError, match=r"slide 1 \(title\) differs from deck.json"):
        check_golden([{"kind": "title", "texts": ["Hi"]}], golden, update=False)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    recap = ROOT / "recaps" / "kubecon2019-team.yaml"
    build(recap, tmp_path / "a.pptx")
    build(recap, tmp_path / "b.pptx")
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()
