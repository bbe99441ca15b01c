"""Golden tests: the example decks, dumped (kinds, texts, fonts, positions, image hashes).

Regenerate after an intended change with:
    DECKGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff of tests/golden/*.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from deckgen.api import build
from tests.deckdump import dump

ROOT = Path(__file__).resolve().parents[1]
RECAPS = sorted((ROOT / "recaps").glob("*.yaml"))
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("recap", RECAPS, ids=[r.stem for r in RECAPS])
def test_example_deck_matches_golden_dump(recap: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{recap.stem}.pptx"
    build(recap, out)
    actual = dump(out)
    golden = GOLDEN / f"{recap.stem}.json"
    if os.environ.get("DECKGEN_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(golden.read_text("utf-8"))
    assert len(actual) == len(expected)
    for number, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        assert got == want, f"slide {number} ({want['kind']}) differs from {golden.name}"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    recap = ROOT / "recaps" / "kubecon2019-team.yaml"
    build(recap, tmp_path / "a.pptx")
    build(recap, tmp_path / "b.pptx")
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()
