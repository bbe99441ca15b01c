"""Golden cases a person can review: each file of tests/golden/cases/ is a tiny recap and
the excerpt of the deck it must give (slide kinds, titles, each shape's lines by its name,
links, notes; no sizes or positions, which design work changes).

`DECKGEN_UPDATE_GOLDEN=1` rewrites the `expect:` part of every case (everything above it
stays as written) and fails, saying what it wrote, as tests/test_golden.py does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from deckgen.api import build
from tests.deckdump import excerpt
from tests.test_golden import UPDATE_ENV

CASES = sorted((Path(__file__).parent / "golden" / "cases").glob("*.yaml"))


def test_there_are_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_a_tiny_recap_gives_the_deck_its_case_expects(case: Path, tmp_path: Path) -> None:
    text = case.read_text("utf-8")
    data = yaml.safe_load(text)
    recap = tmp_path / f"{case.stem}.yaml"
    recap.write_text(data["recap"], "utf-8")
    actual = excerpt(build(recap, tmp_path / f"{case.stem}.pptx").output)
    if os.environ.get(UPDATE_ENV):
        head = text[: text.index("\nexpect:") + 1]
        dumped = yaml.safe_dump({"expect": actual}, allow_unicode=True, sort_keys=False, width=88)
        case.write_text(head + dumped, "utf-8")
        pytest.fail(f"{UPDATE_ENV} is set: wrote {case.name}; review it", pytrace=False)
    assert data["expect"] is not None, f"{case.name} expects nothing; write it with {UPDATE_ENV}=1"
    assert actual == data["expect"]
