"""Properties over recaps generated from the JSON schema (the reliability suite's
`SchemaStrategies`):

- fidelity: a generated recap that validates builds decks (the full one and each
  presenter's) that hold every text and URL it wrote;
- validate passes => build passes: `deckgen validate` exits 0 or 1, and after a 0,
  `deckgen build` exits 0 (or 1 with its reasons), never 3.

Derandomised in CI (the `ci` Hypothesis profile of `rel_common`); `DECKGEN_FUZZ=thorough`
runs many more random cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fid_run import TALLY, build_checked, lost, run_cli
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from tests.reliability.rel_common import SchemaStrategies, dump_yaml, fuzz_settings

from deckgen.errors import DeckgenError

IMAGES = ("img/small.png", "img/tall.png", "img/wide.jpg", "img/missing.png", "../outside.png")
INCLUDES = {
    "presenters": ("people/presenter.yaml", "gone.yaml", "../outside.yaml"),
    "topics": ("topics/topic.yaml", "gone.yaml", "topics"),
}
CLEAN = SchemaStrategies(IMAGES, INCLUDES, clean=True)
HOSTILE = SchemaStrategies(IMAGES, INCLUDES, clean=False)


@pytest.fixture(scope="module")
def recap_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recap folder with the images and include files the strategies name."""
    outer = tmp_path_factory.mktemp("fidelity-fuzz")
    base = outer / "recap"
    (base / "img").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(base / "img/small.png")
    Image.new("RGB", (30, 600), "navy").save(base / "img/tall.png")
    Image.new("RGB", (900, 30), "orange").save(base / "img/wide.jpg")
    Image.new("RGB", (10, 10), "red").save(outer / "outside.png")
    (base / "people").mkdir()
    (base / "topics").mkdir()
    topic = {"title": "Loki", "slides": [{"bullets": ["Like Prometheus, but for logs"]}]}
    (base / "topics/topic.yaml").write_text(dump_yaml(topic), encoding="utf-8")
    presenter = {"name": "Bryan", "topics": [{"include": "../topics/topic.yaml"}]}
    (base / "people/presenter.yaml").write_text(dump_yaml(presenter), encoding="utf-8")
    (outer / "outside.yaml").write_text(dump_yaml(presenter), encoding="utf-8")
    return base


@fuzz_settings(ci_examples=40)
@given(data=CLEAN.recap())
def test_a_generated_recap_that_validates_keeps_every_text_and_link(
    recap_dir: Path, data: dict[str, Any]
) -> None:
    recap = recap_dir / "fidelity.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    try:
        reports = build_checked(recap, recap_dir / "out")
    except DeckgenError:
        TALLY["generated recaps refused"] += 1
        return
    TALLY["generated recaps built"] += 1
    assert lost(reports) == ""


@fuzz_settings(ci_examples=40)
@given(data=st.one_of(CLEAN.recap(), HOSTILE.recap()))
def test_a_recap_that_validates_builds(recap_dir: Path, data: dict[str, Any]) -> None:
    recap = recap_dir / "validated.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    checked = run_cli("validate", str(recap))
    assert checked.exit_code in (0, 1), checked.stderr
    TALLY[f"validate exit {checked.exit_code}"] += 1
    if checked.exit_code == 0:
        out = recap_dir / "validated-out"
        built = run_cli("build", str(recap), "-o", str(out), "--split", "presenters", "--force")
        assert built.exit_code in (0, 1), built.stderr
        assert built.exit_code == 0 or ": error: " in built.stderr, built.stderr
        TALLY[f"build after validate exit {built.exit_code}"] += 1
