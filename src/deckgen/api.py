"""The library façade: what the command line, tests and other programs call.

Each function imports the stages it runs when it runs (`check` needs no layout or
rendering), so that importing the façade costs nothing and `deckgen --version` or
`deckgen validate` start quickly.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.checking import Validated as Validated
from deckgen.checking import validate as validate
from deckgen.errors import DeckgenError, Position, Problem, ThemeError
from deckgen.options import BuildOptions
from deckgen.roles import Role

if TYPE_CHECKING:
    from deckgen.layout import Page
    from deckgen.load import Document
    from deckgen.model import Recap
    from deckgen.model.types import StepMode
    from deckgen.render import RenderCache
    from deckgen.steps import Collapse
    from deckgen.svg import SvgSlide
    from deckgen.theme import Theme

ProgressCallback = Callable[[float, str], None]  # (fraction of the recap's decks done, stage)


@dataclass(frozen=True)
class Checked:
    """A recap that passed validation, with its warnings."""

    recap: Recap
    theme: Theme
    warnings: list[Problem] = field(default_factory=list)
    document: Document | None = field(default=None, compare=False, repr=False)

    @property
    def inputs(self) -> list[Path]:
        """Every file the deck is made from: the recap, its includes, images and theme."""
        from deckgen.inputs import document_inputs, theme_files

        if self.document is None:
            return [self.recap.source, *theme_files(self.theme.folder)]
        return document_inputs(self.document, self.theme.folder)

    @property
    def digests(self) -> dict[Path, str]:
        """The SHA-256 of the bytes loaded of each recap file and theme.yaml."""
        loaded = self.document.digests if self.document is not None else {}
        return {**loaded, **dict(self.theme.digests)}


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
    up_to_date: bool = False  # an incremental build found the deck current: not written
    inputs: tuple[Path, ...] = ()  # the files the deck is made from (see `Checked.inputs`)
    parts: tuple[BuildResult, ...] = ()  # `split="presenters"`: one deck per presenter
    presenter: str | None = None  # the presenter of a part


def check(path: Path, theme: str | None = None, strict: bool = False) -> Checked:
    """`validate`, then make the recap's model."""
    from deckgen.model import recap_from_document

    valid = validate(path, theme, strict)
    recap = recap_from_document(valid.document, valid.images)
    return Checked(recap, valid.theme, valid.warnings, valid.document)


@dataclass(frozen=True)
class Job:
    """One deck to build: `build(recap, output, options)`."""

    recap: Path
    output: Path
    options: BuildOptions = field(default_factory=BuildOptions)


def build_many(
    jobs: Sequence[Job],
    workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[BuildResult | Exception]:
    """Build several recaps, one process per core (or `workers`); each job's result or
    error, in the order given (`on_done(i)` is called as job i finishes). The decks are
    the same bytes as serial builds make."""
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    done = on_done or (lambda index: None)
    outcomes: list[BuildResult | Exception] = []
    if workers < 2:
        for index, job in enumerate(jobs):
            outcomes.append(_outcome(job))
            done(index)
        return outcomes
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_outcome, job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            done(futures[future])
        return [future.result() for future in futures]


def _outcome(job: Job) -> BuildResult | Exception:
    try:
        return build(job.recap, job.output, job.options)
    except Exception as exc:  # reported by the caller, in order
        return exc


def output_clashes(jobs: Sequence[Job]) -> list[Problem]:
    """Decks that two jobs of one build would write to the same file (`team.yaml`'s deck of
    presenter Andre and `team-andre.yaml`'s deck), found before anything is written; a
    recap that does not load is left to its build to report."""
    writers: dict[str, tuple[str, Position, str]] = {}
    problems: list[Problem] = []
    for job in jobs:
        for target, who, where, path in _planned(job):
            key = target.as_posix().casefold()
            if key in writers and writers[key][0] != who:
                first, first_where, first_path = writers[key]
                message = (
                    f"{target.as_posix()} would be written for both {first} and {who};"
                    " rename a recap or a presenter, or build them into different folders"
                )
                # named at the presenter's line (the deck a name made)
                at = (where, path) if path or not first_path else (first_where, first_path)
                problems.append(Problem(at[0], message, at[1]))
            writers.setdefault(key, (who, where, path))
    return problems


def _planned(job: Job) -> list[tuple[Path, str, Position, str]]:
    """Every deck a job writes: (file, whose deck, where it is named, data path)."""
    from deckgen.load import load_recap
    from deckgen.split import outputs_of_names

    recap = job.recap.as_posix()
    out = [(job.output, recap, Position(recap), "")]
    if job.options.split != "presenters":
        return out
    try:
        doc = load_recap(job.recap)
    except DeckgenError:
        return out
    presenters = doc.data.get("presenters")
    items = presenters if isinstance(presenters, list) else []
    names = [str(p.get("name", "")) if isinstance(p, dict) else "" for p in items]
    for i, target in enumerate(outputs_of_names(names, job.output)):
        at = ("presenters", i, "name")
        who = f"presenter {names[i]} of {recap}"
        out.append((target, who, doc.position(at), f"presenters[{i}].name"))
    return out


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Run without the cyclic garbage collector: a build allocates hundreds of thousands
    of objects that live until it ends and makes almost no cycles (834 objects at 1,600
    slides), so the collector's passes over them (7 % of a build, even 100 times rarer
    than by default) find nothing to free; reference counting frees the rest as always.
    The collector is switched on again after (`deckgen watch`), if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@_without_cycle_collector()
def build(
    path: Path,
    output: Path,
    options: BuildOptions | None = None,
    progress: ProgressCallback | None = None,
    cache: RenderCache | None = None,
) -> BuildResult:
    """Build one recap into `output` (a .pptx path) as `options` say (the defaults of
    `BuildOptions` without); nothing is written on failure.

    `options.incremental`: keep a fingerprint of the inputs beside each deck (see
    `deckgen.fingerprint`) and leave a deck whose fingerprint matches as it is
    (`up_to_date`), unless `options.force`. `options.split="presenters"`: also one deck
    per presenter, `<stem>-<presenter slug>.pptx` (in `parts`). `progress(fraction,
    stage)` is told how far the build is. `cache`: what this deck's previous build
    rendered, reused where the content is the same (`deckgen watch`; see
    `deckgen.render.memo`). PDFs are `deckgen.batch.write_pdf`'s.
    """
    chosen = options or BuildOptions()
    started = time.perf_counter()
    tell = progress or _silent
    tell(0.0, f"checking {path.name}")
    checked = check(path, chosen.theme, chosen.strict)
    decks = _plan(path, output, checked, chosen)
    results = []
    for n, deck in enumerate(decks):

        def stage(part: float, label: str, n: int = n) -> None:
            tell((n + part) / len(decks), label)

        result = _deck(deck, checked, chosen, stage, cache)
        results.append(replace(result, seconds=time.perf_counter() - started))
        started = time.perf_counter()
    tell(1.0, "done")
    return replace(results[0], parts=tuple(results[1:]))


@dataclass(frozen=True)
class _Deck:
    """One deck a build writes: the full one, or presenter number `presenter`'s."""

    source: Path
    recap: Recap  # with the steps collapsed (and only the presenter's, for a part)
    collapsed: list[Collapse]
    output: Path
    presenter: int | None
    key: str | None  # the fingerprint of an incremental build
    inputs: tuple[Path, ...]


def _plan(path: Path, output: Path, checked: Checked, options: BuildOptions) -> list[_Deck]:
    """The decks to write: the full deck, then (when split) each presenter's."""
    from deckgen import fingerprint as fp
    from deckgen.split import presenter_collapses, presenter_outputs, presenter_recap
    from deckgen.steps import collapse_steps

    mode = options.steps or checked.recap.options.collapse_steps
    recap, report = collapse_steps(checked.recap, mode)
    inputs = tuple(checked.inputs)
    choices: dict[str, str | int | None] = {
        "recap": path.as_posix(),
        "theme": options.theme,
        "theme_folder": checked.theme.folder.as_posix(),
        "steps": mode,
    }

    def deck(recap: Recap, collapsed: list[Collapse], target: Path, index: int | None) -> _Deck:
        key = None
        if options.incremental:
            key = fp.fingerprint(inputs, {**choices, "presenter": index}, checked.digests)
        return _Deck(path, recap, collapsed, target, index, key, inputs)

    decks = [deck(recap, report, output, None)]
    if options.split == "presenters":
        for i, target in enumerate(presenter_outputs(recap, output)):
            decks.append(deck(presenter_recap(recap, i), presenter_collapses(report, i), target, i))
    return decks


def _deck(
    deck: _Deck,
    checked: Checked,
    options: BuildOptions,
    stage: ProgressCallback,
    cache: RenderCache | None,
) -> BuildResult:
    """Build one deck unless it is up to date; the caller fills in the time."""
    from deckgen import fingerprint as fp
    from deckgen.layout import lay_out
    from deckgen.render import render
    from deckgen.write import write_together

    current = _current(deck, checked, options)
    if current is not None:
        return current
    stage(0.0, f"laying out {deck.output.name}")
    # a presenter's own deck has their divider, as decks of several presenters do
    pages = lay_out(deck.recap, checked.theme, dividers=deck.presenter is not None or None)
    stage(1 / 3, f"rendering {deck.output.name}")
    data, template_warnings = render(pages, deck.recap, checked.theme, cache)
    if options.strict and template_warnings:
        raise ThemeError(template_warnings)
    stage(2 / 3, f"writing {deck.output.name}")
    splits = _splits(pages)
    qr = sum(p.count(Role.QR_CODE) for p in pages)
    files = [(data, deck.output)]
    if deck.key is not None:  # the deck and its fingerprint are written together, or neither
        record = fp.Record(
            deck.key, fp.sha256(data), len(data), len(pages), tuple(splits), qr,
            tuple(template_warnings),
        )  # fmt: skip
        files.append((fp.record_bytes(record), fp.sidecar(deck.output)))
    write_together(files)
    warnings = checked.warnings + template_warnings
    return _result(deck, len(pages), splits, qr, warnings)


def _current(deck: _Deck, checked: Checked, options: BuildOptions) -> BuildResult | None:
    """The result of a deck whose fingerprint matches (nothing is written), else None."""
    from deckgen import fingerprint as fp
    from deckgen.write import remove_stale

    if deck.key is None or options.force:
        return None
    record = fp.up_to_date(deck.output, deck.key)
    if record is None:
        return None
    remove_stale(deck.output)  # what a killed build left
    remove_stale(fp.sidecar(deck.output))
    if options.strict and record.template_warnings:
        raise ThemeError(list(record.template_warnings))
    warnings = checked.warnings + list(record.template_warnings)
    result = _result(deck, record.slides, list(record.splits), record.qr_codes, warnings)
    return replace(result, up_to_date=True)


def _result(
    deck: _Deck, slides: int, splits: list[str], qr_codes: int, warnings: list[Problem]
) -> BuildResult:
    name = deck.recap.presenters[0].name if deck.presenter is not None else None
    return BuildResult(
        deck.source, deck.output, slides, deck.collapsed, splits, qr_codes, warnings, 0.0,
        inputs=deck.inputs, presenter=name,
    )  # fmt: skip


def _splits(pages: list[Page]) -> list[str]:
    return [
        f'{p.origin.position.file}:{p.origin.position.line}: split "{p.title.rsplit(" (", 1)[0]}"'
        f" into {p.part[1]} slides"
        for p in pages
        if p.origin is not None and p.part == (1, p.part[1]) and p.part[1] > 1
    ]


def _silent(fraction: float, stage: str) -> None:
    """The progress callback that reports nothing."""


def svg_slides(
    path: Path, theme: str | None = None, steps: StepMode | None = None
) -> list[SvgSlide]:
    """Every slide of the recap at `path` as an SVG document, with its notes (see
    `deckgen.svg`); raises `RecapError` or `ThemeError` as `check` does."""
    from deckgen.svg import svg_slides as slides

    return slides(path, theme, steps)
