"""`build --split presenters`: one deck per presenter, besides the full deck.

A presenter's deck is the recap with only that presenter: the title slide, the
presenter's divider, their talks and slides, the video index of their videos and the
closing slide (no agenda: the divider says who presents). Layout gives it the divider
(`lay_out(..., dividers=True)`); this module picks the presenter and names the decks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from deckgen.model import Recap
from deckgen.steps import Collapse

# Latin letters that Unicode does not decompose into a base letter and an accent
_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
     "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i"}
)  # fmt: skip


def slug(name: str) -> str:
    """A file-name part for `name`: lowercase ASCII, accents stripped, other characters
    as `-` (`André Müller` -> `andre-muller`, `Łukasz` -> `lukasz`)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    ascii_name = decomposed.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def presenter_outputs(recap: Recap, output: Path) -> list[Path]:
    """`<stem>-<presenter slug>.pptx` beside `output` for each presenter, in order; a
    name without ASCII letters or digits becomes `presenter-N`, a repeated slug gets
    `-2`, `-3`, ..."""
    return outputs_of_names([p.name for p in recap.presenters], output)


def outputs_of_names(names: list[str], output: Path) -> list[Path]:
    """`presenter_outputs` for presenters of these names."""
    seen: set[str] = set()
    out = []
    for n, presenter in enumerate(names, start=1):
        base = slug(presenter) or f"presenter-{n}"
        name, count = base, 1
        while name in seen:
            count += 1
            name = f"{base}-{count}"
        seen.add(name)
        out.append(output.with_name(f"{output.stem}-{name}{output.suffix}"))
    return out


def presenter_recap(recap: Recap, index: int) -> Recap:
    """`recap` with only its presenter number `index` (0-based) and no agenda."""
    return replace(
        recap,
        presenters=(recap.presenters[index],),
        options=replace(recap.options, agenda=False),
    )


def presenter_collapses(collapsed: list[Collapse], index: int) -> list[Collapse]:
    """The collapsed step runs that lie in presenter number `index`."""
    prefix = f"presenters[{index}]"
    return [c for c in collapsed if c.origin.path.startswith((f"{prefix}.", f"{prefix}["))]
