"""Building many recaps as `deckgen build` does (in parallel or one by one, telling how far
it is), the PDF of each deck, and contact-sheet previews."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Literal, NamedTuple

from deckgen.api import BuildResult, Job, build, build_many
from deckgen.options import BuildOptions

Tell = Callable[[float, str], None]  # (decks done, what runs now)


def jobs(recaps: Sequence[Path], out_dir: Path, options: BuildOptions) -> list[Job]:
    """One job per recap: its deck is `out_dir/<recap name>.pptx`."""
    return [Job(recap, out_dir / f"{recap.stem}.pptx", options) for recap in recaps]


def name_clash(recaps: Sequence[Path]) -> str | None:
    """Why two of `recaps` cannot be built into one folder (their names are the same), or
    None."""
    seen: dict[str, Path] = {}
    for recap in recaps:
        if recap.stem in seen and seen[recap.stem] != recap:
            return f"{seen[recap.stem]} and {recap} would both be written as {recap.stem}.pptx"
        seen[recap.stem] = recap
    return None


def builds(batch: Sequence[Job], parallel: bool, tell: Tell) -> list[Callable[[], BuildResult]]:
    """The call that builds each job (returning its result or raising its error), in order.

    `parallel`: every job is built now, one process per core, and the calls hand out the
    outcomes; else each call builds its job. `tell(done, label)` hears how far it is.
    """
    finished: list[int] = []

    def built(index: int) -> None:
        finished.append(index)
        tell(len(finished), f"{batch[index].recap.name}: built")

    if not parallel:
        return [partial(_build, job, n, tell) for n, job in enumerate(batch)]
    return [partial(_handed, outcome) for outcome in build_many(batch, on_done=built)]


def _build(job: Job, n: int, tell: Tell) -> BuildResult:
    def stage(fraction: float, label: str) -> None:
        tell(n + fraction, f"{job.recap.name}: {label}")

    return build(job.recap, job.output, job.options, progress=stage)


def _handed(outcome: BuildResult | Exception) -> BuildResult:
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


class Pdf(NamedTuple):
    """The PDF of a deck: `written`, `up to date`, or `missing` (no LibreOffice)."""

    path: Path
    state: Literal["written", "up to date", "missing"]


def write_pdf(result: BuildResult, options: BuildOptions) -> Pdf:
    """Write the PDF beside a deck, unless the deck is up to date and the PDF is newer than
    it (`options.force` writes it anyway)."""
    from deckgen.office import missing, to_pdf

    deck = result.output
    pdf = deck.with_suffix(".pdf")
    if missing("soffice"):
        return Pdf(pdf, "missing")
    if result.up_to_date and not options.force and _newer(pdf, deck):
        return Pdf(pdf, "up to date")
    to_pdf(deck, pdf, options.pdf_timeout)
    return Pdf(pdf, "written")


def _newer(path: Path, than: Path) -> bool:
    try:
        return path.stat().st_mtime_ns >= than.stat().st_mtime_ns
    except OSError:
        return False


def write_preview(recap: Path, target: Path, options: BuildOptions) -> list[Path]:
    """Show every slide of `recap` on one contact sheet at `target`, with `options.theme`:
    HTML of SVG slides (`deckgen.preview`), or, for a .png, LibreOffice's rendering of the
    deck built in a scratch folder (needs LibreOffice and poppler); the files the slides
    are made from."""
    from deckgen.office import need_programs

    if target.suffix.lower() != ".png":
        from deckgen.preview import write_html_sheet

        return write_html_sheet(recap, target, options.theme, options.steps)
    with tempfile.TemporaryDirectory() as scratch:
        need_programs(target, ["soffice", "pdftoppm"])
        deck = Path(scratch) / f"{recap.stem}.pptx"
        result = build(recap, deck, BuildOptions(theme=options.theme))
        from deckgen.preview import contact_sheet  # Pillow drawing: only for previews
        from deckgen.write import write_atomically

        write_atomically(contact_sheet(deck, timeout=options.pdf_timeout), target)
    return list(result.inputs)
