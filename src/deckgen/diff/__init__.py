"""`deckgen diff`: the slides two versions of a recap added, removed or changed.

`compare(old, new)` takes two recap files, `against(recap, rev)` the recap and the
same recap at a Git revision; `text` reports the changes for logs, `deckgen.diff.page`
draws each changed slide before and after.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deckgen.diff.align import Change, align
from deckgen.diff.slides import Version, load_version
from deckgen.errors import DeckgenError, printable

__all__ = ["Change", "SlideDiff", "against", "compare", "diff_each", "text"]


@dataclass(frozen=True)
class SlideDiff:
    """Two versions of a deck and the slides that differ between them."""

    old: Version
    new: Version
    changes: tuple[Change, ...]


def compare(old: Path, new: Path, theme: str | None = None) -> SlideDiff:
    """The slides that differ between the recaps `old` and `new`."""
    return _diff(load_version(old, theme, old.as_posix()), load_version(new, theme, new.as_posix()))


def against(recap: Path, rev: str, theme: str | None = None) -> SlideDiff:
    """The slides that differ between `recap` at Git revision `rev` and `recap` now (a
    recap that `rev` does not have yet is all added slides)."""
    from deckgen.diff.gitrev import at_revision, relabel

    new = load_version(recap, theme, recap.as_posix())
    with tempfile.TemporaryDirectory(prefix="deckgen-diff-") as scratch:
        copy = at_revision(recap, rev, Path(scratch))
        label = f"{rev}:{copy.relative_to(Path(scratch).resolve()).as_posix()}" if copy else rev
        if copy is None:
            return _diff(Version(label, missing=True), new)
        try:
            old = load_version(copy, theme, label)
        except DeckgenError as exc:
            raise relabel(exc, Path(scratch), rev) from None
    return _diff(old, new)


def diff_each(
    recaps: Sequence[Path], rev: str | None, theme: str | None
) -> list[tuple[Path, Callable[[], SlideDiff]]]:
    """What `deckgen diff RECAPS` compares: each recap against `rev`, or without `rev`
    the second of two recaps against the first; each with the recap to report it under."""
    if rev is not None:
        return [(r, functools.partial(against, r, rev, theme)) for r in recaps]
    old, new = recaps
    return [(new, functools.partial(compare, old, new, theme))]


def _diff(old: Version, new: Version) -> SlideDiff:
    return SlideDiff(old, new, tuple(align(old.keys, new.keys, old.titles, new.titles)))


def text(diff: SlideDiff) -> str:
    """The changes, a line each, in a stable format for logs (and tests)::

    --- origin/main:recaps/eu2019.yaml (23 slides)
    +++ recaps/eu2019.yaml (24 slides)
    changed   7 -> 7   BuildKit
    added     - -> 9   What is new
    1 changed, 1 added, 0 removed
    """
    old, new = diff.old, diff.new
    was = "not there" if old.missing else _slides(len(old.slides))
    lines = [f"--- {old.label} ({was})", f"+++ {new.label} ({_slides(len(new.slides))})"]
    for change in diff.changes:
        before = "-" if change.old is None else str(change.old + 1)
        after = "-" if change.new is None else str(change.new + 1)
        slide = new.slides[change.new] if change.new is not None else old.slides[change.old or 0]
        lines.append(f"{change.status:<9} {before:>3} -> {after:<4} {printable(slide.title)}")
    counts = [sum(c.status == s for c in diff.changes) for s in ("changed", "added", "removed")]
    lines.append("{} changed, {} added, {} removed".format(*counts))
    return "\n".join(lines) + "\n"


def _slides(n: int) -> str:
    return f"{n} slide{'' if n == 1 else 's'}"
