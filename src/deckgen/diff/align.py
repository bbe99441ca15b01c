"""Which slides two versions of a deck added, removed or changed, aligned by content.

Slides are compared by a fingerprint of what they show (`deckgen.diff.slides`), so a
slide added early does not make every later slide "changed". `difflib` aligns the two
sequences of fingerprints; inside a block it cannot match, slides are paired by title
(a slide whose bullets were edited keeps its title), and a block of as many slides
before as after is a run of edited slides; what is left was added or removed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Status = Literal["changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    """One slide that differs: its index before (None when added) and after (None when
    removed)."""

    status: Status
    old: int | None
    new: int | None


def align(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    old_titles: Sequence[str],
    new_titles: Sequence[str],
) -> list[Change]:
    """The slides that differ between two decks, in deck order (keys: fingerprints)."""
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = range(i1, i2), range(j1, j2)
        out += _paired(olds, news, [old_titles[i] for i in olds], [new_titles[j] for j in news])
    return out


def _paired(
    olds: range, news: range, old_titles: list[str], new_titles: list[str]
) -> Iterator[Change]:
    """The changes of one unmatched block: same titles pair up, as do equal-sized runs."""
    matcher = difflib.SequenceMatcher(None, old_titles, new_titles, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                yield Change("changed", olds[i], news[j])
            continue
        for i in range(i1, i2):
            yield Change("removed", olds[i], None)
        for j in range(j1, j2):
            yield Change("added", None, news[j])
