"""The library façade: what the command line, tests and other programs call."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import Problem, RecapError, ThemeError
from deckgen.layout import lay_out
from deckgen.load import load_recap
from deckgen.model import Recap, recap_from_document
from deckgen.model.types import StepMode
from deckgen.render import render
from deckgen.steps import Collapse, collapse_steps
from deckgen.theme import Theme, find_theme, load_theme
from deckgen.validate import check_schema, check_semantics
from deckgen.write import write_atomically


@dataclass(frozen=True)
class Checked:
    """A recap that passed validation, with its warnings."""

    recap: Recap
    theme: Theme
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BuildResult:
    """What one build did, for the summary line."""

    source: Path
    output: Path
    slides: int
    collapsed: list[Collapse]
    splits: list[str]
    qr_codes: int
    warnings: list[Problem]
    seconds: float


def check(path: Path, theme: str | None = None, strict: bool = False) -> Checked:
    """Load and validate a recap and its theme; raise `RecapError` listing every problem."""
    doc = load_recap(path)
    problems = check_schema(doc)
    problems += check_semantics(doc) if not any(_is_fatal(p) for p in problems) else []
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if errors or (strict and warnings):
        raise RecapError(errors + warnings)
    recap = recap_from_document(doc)
    if theme:
        return Checked(recap, load_theme(find_theme(theme, Path.cwd())), warnings)
    try:
        folder = find_theme(recap.theme, path.parent)
    except ThemeError as exc:  # name the recap's `theme:` line
        where = doc.position(("theme",))
        raise RecapError([Problem(where, p.message, "theme") for p in exc.problems]) from None
    return Checked(recap, load_theme(folder), warnings)


def _is_fatal(problem: Problem) -> bool:
    """Schema errors that leave the data too broken for the semantic checks."""
    return problem.path == "" and problem.severity == "error"


def build(
    path: Path,
    output: Path,
    theme: str | None = None,
    strict: bool = False,
    steps: StepMode | None = None,
) -> BuildResult:
    """Build one recap into `output` (a .pptx path); nothing is written on failure."""
    started = time.perf_counter()
    checked = check(path, theme, strict)
    recap, report = collapse_steps(checked.recap, steps or checked.recap.options.collapse_steps)
    pages = lay_out(recap, checked.theme)
    data, template_warnings = render(pages, recap, checked.theme)
    if strict and template_warnings:
        raise ThemeError(template_warnings)
    write_atomically(data, output)
    splits = [
        f'{p.origin.position.file}:{p.origin.position.line}: split "{p.title.rsplit(" (", 1)[0]}"'
        f" into {p.part[1]} slides"
        for p in pages
        if p.origin is not None and p.part == (1, p.part[1]) and p.part[1] > 1
    ]
    qr = sum(1 for p in pages for e in p.elements if getattr(e, "name", "") == "QR code")
    return BuildResult(
        path,
        output,
        len(pages),
        report,
        splits,
        qr,
        checked.warnings + template_warnings,
        time.perf_counter() - started,
    )
