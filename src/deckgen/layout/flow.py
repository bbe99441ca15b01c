"""Flow paragraphs over as few pages as possible, at the largest size that allows it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from deckgen.layout.fit import INSET_X, INSET_Y, para_height, scaled, text_height
from deckgen.layout.page import Para, Run

Group = tuple[Para, ...]  # paragraphs that stay on one page (a bullet and its sub-bullets)


def paginate(
    groups: Sequence[Group], width: float, height: float, size: float, minimum: float
) -> list[tuple[Para, ...]]:
    """Pages of paragraphs: the fewest pages, then the largest size (1-point steps).

    `groups` are given at `size`; a group too tall for a page on its own is broken
    into paragraphs, and a paragraph too tall into pieces at word boundaries.
    """
    if not groups:
        return [()]
    whole = _greedy(groups, width, height, 1.0)
    if whole is not None and len(whole) == 1:
        return whole  # fits one page at full size: nothing can be better
    factor_min = minimum / size
    groups = _breakable(groups, width, height, factor_min)
    fewest = len(_greedy(groups, width, height, factor_min) or groups)
    current = size
    while current > minimum:
        pages = _greedy(groups, width, height, current / size)
        if pages is not None and len(pages) <= fewest:
            return pages
        current -= 1
    return _greedy(groups, width, height, factor_min) or [scaled(g, factor_min) for g in groups]


def _greedy(
    groups: Sequence[Group], width: float, height: float, factor: float
) -> list[Group] | None:
    """Fill pages in order with the groups scaled by `factor`; None when some group alone
    is too tall."""
    pages: list[Group] = []
    page: list[Para] = []
    used = 2 * INSET_Y
    inner = width - 2 * INSET_X
    for group in groups:
        group = scaled(group, factor)
        h = sum(para_height(p, inner) for p in group)
        if 2 * INSET_Y + h > height:
            return None
        if page and used + h > height:
            pages.append(tuple(page))
            page, used = [], 2 * INSET_Y
        page.extend(group)
        used += h
    if page:
        pages.append(tuple(page))
    return pages


def _breakable(groups: Sequence[Group], width: float, height: float, factor: float) -> list[Group]:
    """Groups that each fit a page at the smallest size (breaking the ones that don't)."""
    out: list[Group] = []
    for group in groups:
        if text_height(scaled(group, factor), width) <= height:
            out.append(group)
            continue
        for para in group:
            if text_height(scaled((para,), factor), width) <= height:
                out.append((para,))
            else:
                out.extend((piece,) for piece in _pieces(para, width, height, factor))
    return out


def _pieces(para: Para, width: float, height: float, factor: float) -> list[Para]:
    """Cut one paragraph at word boundaries into pieces that each fit a page."""
    words = [(run, w) for run in para.runs for w in re.findall(r"\S+\s*|\s+", run.text)]
    pieces: list[Para] = []
    current: list[tuple[Run, str]] = []
    for item in words:
        trial = [*current, item]
        candidate = _join(para, trial)
        if current and text_height(scaled((candidate,), factor), width) > height:
            pieces.append(_join(para, current))
            current = [item]
        else:
            current = trial
    if current:
        pieces.append(_join(para, current))
    return [pieces[0], *(replace(p, bullet=None) for p in pieces[1:])]


def _join(para: Para, words: list[tuple[Run, str]]) -> Para:
    runs: list[Run] = []
    for run, word in words:  # words keep their own trailing spaces
        if runs and _same_style(runs[-1], run):
            runs[-1] = replace(runs[-1], text=runs[-1].text + word)
        else:
            runs.append(replace(run, text=word))
    return replace(para, runs=tuple(runs))


def _same_style(a: Run, b: Run) -> bool:
    return replace(a, text="") == replace(b, text="")
