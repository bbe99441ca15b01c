"""Fidelity of the edge recaps in `corpus/` (one recap per case found so far), in
every built-in theme (the `--split presenters` decks too in the default theme); what their
builds report about steps; and `validate` passes => `build` passes for each of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fid_run import build_checked, lost, run_cli
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen import api
from deckgen.model.types import StepMode

CORPUS = Path(__file__).resolve().parent / "corpus"
REFUSED = {"include-loop"}  # invalid on purpose: checked by the exit-status test
RECAPS = sorted(p for p in CORPUS.glob("*.yaml") if p.stem not in REFUSED)
THEMES = ("default", "dark", "corporate")

# corpus recap (stem) -> why it still fails; strict: remove the entry once it passes
KNOWN: dict[str, str] = {}


@dataclass(frozen=True)
class Steps:
    """What the build of a corpus recap must report and show about steps."""

    collapsed: int  # step runs collapsed
    animated: bool = False  # the collapsed slide reveals its steps on click
    excused: tuple[str, ...] = ()  # earlier wordings a collapse replaced


STEPS = {
    "code-same-title": Steps(collapsed=0),  # different commands: two slides
    "growing-bullet": Steps(collapsed=1),
    "sub-bullet-steps": Steps(collapsed=1, animated=True),
    "steps-identical-copy": Steps(collapsed=1, animated=True),
    "steps-collapsed": Steps(collapsed=1, excused=("bye bye Tiller", "bye bye Tiller")),
}


def _known(stem: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=KNOWN[stem])] if stem in KNOWN else []


@pytest.mark.parametrize(
    ("recap", "theme"),
    [pytest.param(r, t, id=f"{r.stem}-{t}", marks=_known(r.stem)) for r in RECAPS for t in THEMES],
)
def test_every_text_and_link_of_an_edge_recap_reaches_every_deck(
    recap: Path, theme: str, tmp_path: Path
) -> None:
    reports = build_checked(recap, tmp_path, theme, split=theme == THEMES[0])
    assert lost(reports) == ""
    expected = STEPS.get(recap.stem, Steps(collapsed=0))
    assert [x.written for x in reports[0].excused] == list(expected.excused)


@pytest.mark.parametrize(
    "stem", [pytest.param(s, marks=_known(f"{s}:steps")) for s in sorted(STEPS)]
)
def test_steps_of_an_edge_recap_are_reported_and_revealed(stem: str, tmp_path: Path) -> None:
    expected = STEPS[stem]
    result = api.build(CORPUS / f"{stem}.yaml", tmp_path / f"{stem}.pptx")
    assert len(result.collapsed) == expected.collapsed
    timings = [
        slide._element.find(qn("p:timing")) is not None
        for slide in Presentation(str(result.output)).slides
    ]
    assert any(timings) == expected.animated


EXIT_CASES = {p.stem: p for p in sorted(CORPUS.glob("*.yaml"))}


@pytest.mark.parametrize(
    "stem", [pytest.param(s, marks=_known(f"{s}:exit")) for s in sorted(EXIT_CASES)]
)
def test_what_validate_accepts_builds(
    stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS)
    checked = run_cli("validate", f"{stem}.yaml")
    built = run_cli("build", f"{stem}.yaml", "-o", str(tmp_path))
    assert (checked.exit_code, built.exit_code) == ((1, 1) if stem in REFUSED else (0, 0)), (
        checked.stderr + built.stderr
    )


def test_an_include_loop_is_reported_at_the_include_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS)
    built = run_cli("build", "include-loop.yaml", "-o", str(tmp_path))
    assert built.exit_code == 1
    assert built.stderr.splitlines() == [
        "include-loop/presenter.yaml:1:10: error: presenters[0].include: include loop: "
        "include-loop.yaml -> include-loop/presenter.yaml -> include-loop.yaml"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", ["animate", "off"])
@pytest.mark.parametrize("stem", sorted(STEPS))
def test_the_step_recaps_keep_every_text_in_every_step_mode(
    stem: str, mode: StepMode, tmp_path: Path
) -> None:
    reports = build_checked(CORPUS / f"{stem}.yaml", tmp_path, steps=mode, split=False)
    assert lost(reports) == ""
    if mode == "off":
        assert reports[0].excused == []  # nothing collapsed, nothing excused
