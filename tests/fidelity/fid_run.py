"""Build a recap (the full deck and, by default, one deck per presenter) and check
every deck with the fidelity checker; tally what was checked for the closing figures."""

from __future__ import annotations

import inspect
from collections import Counter
from pathlib import Path

from click.testing import CliRunner, Result
from fid_check import Report, check_deck

from deckgen import api
from deckgen.cli import main
from deckgen.load import load_recap
from deckgen.model.types import StepMode
from deckgen.options import BuildOptions

TALLY: Counter[str] = Counter()  # printed at the end of the session (`pytest -s`)


def build_checked(
    recap: Path,
    out_dir: Path,
    theme: str | None = None,
    steps: StepMode | None = None,
    split: bool = True,
) -> list[Report]:
    """Reports of the full deck and (with `split`) of each presenter's deck."""
    target = out_dir / f"{recap.stem}.pptx"
    result = api.build(
        recap, target, BuildOptions(theme, steps=steps, split="presenters" if split else None)
    )
    doc = load_recap(recap)
    reports = [check_deck(doc, result.output, result.collapsed)]
    for i, part in enumerate(result.parts):
        reports.append(check_deck(doc, part.output, part.collapsed, presenter=i))
    TALLY["recaps built"] += 1
    for report in reports:
        TALLY["decks checked"] += 1
        TALLY["texts checked"] += report.texts
        TALLY["URLs checked"] += report.urls
        TALLY["texts excused (replaced steps)"] += len(report.excused)
        TALLY["texts or URLs lost"] += len(report.missing)
    return reports


def lost(reports: list[Report]) -> str:
    """What the decks lost, one line each, the deck named ("" when nothing)."""
    names = ["full deck"] + [f"presenter {i}'s deck" for i in range(len(reports) - 1)]
    return "\n".join(
        f"{name}: {line}"
        for name, report in zip(names, reports, strict=True)
        for line in report.problems().splitlines()
    )


def run_cli(*args: str) -> Result:
    """`deckgen ARGS` in-process, stdout and stderr apart (any click 8.x)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)
