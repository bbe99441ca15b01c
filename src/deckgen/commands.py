"""What a command does once its command line is read, for the commands that
`deckgen.entry` can also run without click (importing it costs more than the work)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deckgen.report import Report


def validate(recaps: Sequence[Path], report: Report, theme: str | None, strict: bool) -> None:
    """`deckgen validate`: check each recap, or for a file that recaps include, those
    recaps; report each; exit 1 when one failed."""
    from deckgen.checking import validate as validate_one
    from deckgen.inputs import recaps_to_check

    for recap in recaps_to_check(recaps):
        with report.recap(recap, strict) as record:
            report.valid(recap, validate_one(recap, theme, strict), record)
    report.finish()
