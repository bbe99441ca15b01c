"""Several recaps build in parallel processes, with the same decks as serial builds."""

from __future__ import annotations

import pickle
from pathlib import Path

from deckgen.api import BuildResult, Job, build_many
from deckgen.errors import Position, Problem, RecapError

ROOT = Path(__file__).resolve().parents[1]
RECAPS = sorted((ROOT / "recaps").glob("*.yaml"))


def test_parallel_builds_give_the_serial_bytes(tmp_path: Path) -> None:
    serial = build_many([Job(r, tmp_path / "s" / f"{r.stem}.pptx") for r in RECAPS], workers=1)
    parallel = build_many([Job(r, tmp_path / "p" / f"{r.stem}.pptx") for r in RECAPS], workers=2)
    assert len(parallel) == len(RECAPS)
    for one, other in zip(serial, parallel, strict=True):
        assert isinstance(one, BuildResult) and isinstance(other, BuildResult)
        assert one.output.read_bytes() == other.output.read_bytes()
        assert one.slides == other.slides


def test_errors_come_back_in_order(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    outcomes = build_many(
        [Job(RECAPS[0], tmp_path / "a.pptx"), Job(bad, tmp_path / "bad.pptx")], workers=2
    )
    assert isinstance(outcomes[0], BuildResult)
    assert isinstance(outcomes[1], RecapError)
    assert [str(p) for p in outcomes[1].problems] == [
        f"{bad.as_posix()}:2:1: error: invalid YAML: while parsing a flow node"
        " did not find expected node content"
    ]
    assert not (tmp_path / "bad.pptx").exists()


def test_deckgen_errors_survive_pickling() -> None:
    error = RecapError([Problem(Position("r.yaml", 3, 5), "unknown key `x`", "x")])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is RecapError
    assert copy.problems == error.problems
    assert str(copy) == "r.yaml:3:5: error: x: unknown key `x`"
