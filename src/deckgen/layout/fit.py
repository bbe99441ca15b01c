"""Measure wrapped text and find the largest font size at which it fits a box.

PowerPoint applies autofit only after an edit and LibreOffice ignores
`fontScale`, so deckgen writes explicit sizes, measured here with real metrics.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from deckgen.layout.fonts import face, line_height, text_width
from deckgen.layout.page import Para, Run

INSET_X = 7.2  # text box insets we write, in points (0.1 in)
INSET_Y = 3.6
_SAFETY = 0.95  # renderers differ in kerning and rounding: keep 5 % spare width
_WORD = re.compile(r"(?:\S|\xa0)+[^\S\xa0]*|[^\S\xa0]+")  # no break at a no-break space
_T = TypeVar("_T")


def para_height(para: Para, width: float) -> float:
    """Height of `para` wrapped into `width` points (a box's inner width)."""
    return para.space_before + _measured(para.runs, width - para.indent)[1] * para.line_spacing


def text_height(paras: Sequence[Para], box_width: float) -> float:
    """Height of paragraphs in a text box `box_width` points wide, insets included."""
    inner = box_width - 2 * INSET_X
    return sum(para_height(p, inner) for p in paras) + 2 * INSET_Y


def count_lines(para: Para, width: float) -> int:
    """How many lines `para` takes when wrapped greedily at word boundaries (no newlines)."""
    return _measured(para.runs, width)[0]


def _measured(runs: tuple[Run, ...], width: float) -> tuple[int, float]:
    """The lines of `runs` wrapped into `width`, and their height at single spacing
    (layout measures a paragraph several times at one width: remembered)."""
    key = (runs, width)
    found = _MEASURED.get(key)
    if found is None:
        if len(_MEASURED) >= _MEASURED_LIMIT:
            _MEASURED.clear()
        lines = _wrapped(runs, width * _SAFETY)
        size = max((r.size for r in runs), default=12.0)
        family = runs[0].font if runs else "Calibri"
        found = _MEASURED[key] = (lines, lines * line_height(family) * size)
    return found


_MEASURED: dict[tuple[tuple[Run, ...], float], tuple[int, float]] = {}
_MEASURED_LIMIT = 100_000  # paragraphs remembered; then the memo starts again


def _wrapped(runs: tuple[Run, ...], width: float) -> int:
    lines, used = 1, 0.0
    for run in runs:
        for w_em, bare_em in _words(run.text, run.font, run.bold, run.italic):
            w, bare = w_em * run.size, bare_em * run.size
            if used + bare <= width:
                used += w
            elif bare <= width:
                lines, used = lines + 1, w
            else:  # a word longer than the line breaks anywhere
                extra, used = divmod(used + w, width)
                lines += int(extra)
    return lines


@lru_cache(maxsize=4096)  # fitting measures a text at several sizes in a row
def _words(text: str, font: str, bold: bool, italic: bool) -> tuple[tuple[float, float], ...]:
    """The width in ems of each word of `text` with its trailing space and without (a
    text is measured once, whatever sizes fitting tries)."""
    words = _WORD.findall(text.replace("\n", " "))  # a line break is drawn as a space
    return tuple(map(face(font, bold, italic).word_em, words))


def longest_line(para: Para) -> float:
    """Width of the widest line of `para` when nothing wraps, in points."""
    widest = sum(text_width(r.text, r.font, r.size, r.bold, r.italic) for r in para.runs)
    return widest / _SAFETY


def scaled(paras: Sequence[Para], factor: float) -> tuple[Para, ...]:
    """`paras` with every run's size (and spacing) multiplied by `factor`."""
    return tuple(_scaled_para(p, factor) for p in paras)


def _scaled_para(para: Para, factor: float) -> Para:
    runs = tuple(_scaled_run(r, factor) for r in para.runs)
    space = para.space_before * factor
    if _same(space, para.space_before) and all(map(operator.is_, runs, para.runs)):
        return para  # nothing changes (fitting tries the full size first)
    return copy_with(para, runs=runs, space_before=space)


def _scaled_run(run: Run, factor: float) -> Run:
    size = round(run.size * factor, 1)
    return run if _same(size, run.size) else copy_with(run, size=size)


def _same(a: float, b: float) -> bool:
    """Equal and of one type: 28 and 28.0 are written differently."""
    return a == b and type(a) is type(b)


def copy_with(item: _T, **changes: object) -> _T:
    """`dataclasses.replace` of a frozen layout dataclass, without its checks: fitting
    copies tens of thousands of runs, and `replace` was a third of layout's time."""
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__, **changes)
    return new


def fit(
    paras: Sequence[Para], width: float, height: float, size: float, minimum: float
) -> tuple[Para, ...] | None:
    """The paragraphs scaled down (in 1-point steps from `size`) until they fit, or None.

    `paras` are given at `size` points for their main text; other runs scale along, and
    no run ends smaller than `minimum`.
    """
    smallest = min((r.size for p in paras for r in p.runs), default=size)
    current = size
    while smallest * current / size >= minimum - 1e-6:
        candidate = scaled(paras, current / size) if current != size else tuple(paras)
        if text_height(candidate, width) <= height:
            return candidate
        current -= 1
    return None


def run(text: str, font: str, size: float, color: str, **style: object) -> Run:
    """Shorthand for a `Run`."""
    return Run(text, font, size, color, **style)  # type: ignore[arg-type]
