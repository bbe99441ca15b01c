"""The "did you mean …?" of an error: the choice a mistyped word was most likely meant to be."""

from __future__ import annotations

from collections.abc import Sequence


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to `word` if one is close enough (difflib's ratio ≥ 0.6)."""
    import difflib  # only a recap with a mistake needs it (a few ms of every validate)

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None
