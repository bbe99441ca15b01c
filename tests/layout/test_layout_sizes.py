"""No text under the readable sizes, in any built-in theme: body text at least 16 pt,
code, tables and captions at least 12 pt (footer and slide number excepted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.api import check
from deckgen.layout import lay_out
from deckgen.layout.frame import FOOTER_TOP
from deckgen.layout.page import Grid, TextBox
from deckgen.roles import Role
from deckgen.steps import collapse_steps
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("recap", RECAPS, ids=[r.stem for r in RECAPS])
def test_text_is_never_too_small(recap: Path, theme: str) -> None:
    checked = check(recap, theme)
    model, _ = collapse_steps(checked.recap, "collapse")
    small = []
    for page in lay_out(model, checked.theme):
        for element in page.elements:
            if isinstance(element, TextBox) and element.rect.y < FOOTER_TOP:
                for p in element.paras:
                    # body text 16 pt; code, and an address printed under its link, 12 pt
                    secondary = all(r.url for r in p.runs) or all(
                        r.font == checked.theme.fonts.code for r in p.runs
                    )
                    floor = 16 if element.role is Role.BODY and not secondary else 12
                    small += [(page.title, r.text, r.size) for r in p.runs if r.size < floor - 0.05]
            elif isinstance(element, Grid):
                small += [
                    (page.title, r.text, r.size)
                    for row in element.cells
                    for cell in row
                    for p in cell.paras
                    for r in p.runs
                    if r.size < 12 - 0.05
                ]
    assert small == []
