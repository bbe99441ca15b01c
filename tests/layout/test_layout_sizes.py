"""No text under the readable sizes, in any built-in theme: body text at least the
theme's `body_min` (20 pt), code, tables and captions at least its `detail_min` (14 pt)
(footer and slide number excepted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.api import check
from deckgen.layout import lay_out
from deckgen.layout.frame import FOOTER_TOP
from deckgen.layout.page import Grid, Run, TextBox
from deckgen.roles import Role
from deckgen.steps import collapse_steps
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
TEXT_KINDS = ("bullets", "text", "quote")
TABLE_MIN = 12  # tables keep their own floor until layout/media.py reads `detail_min`


def _host(run: Run) -> bool:
    """A link's host after its label on a links slide (" ", "· github.com"): a detail."""
    return (run.text == " " or run.text.startswith("·\u00a0")) and run.url is None


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("recap", RECAPS, ids=[r.stem for r in RECAPS])
def test_text_is_never_too_small(recap: Path, theme: str) -> None:
    checked = check(recap, theme)
    model, _ = collapse_steps(checked.recap, "collapse")
    small, sizes = [], checked.theme.sizes
    for page in lay_out(model, checked.theme):
        for element in page.elements:
            if isinstance(element, TextBox) and element.rect.y < FOOTER_TOP:
                for p in element.paras:
                    # body text; code, and an address printed under its link
                    secondary = all(r.url for r in p.runs) or all(
                        r.font == checked.theme.fonts.code for r in p.runs
                    )
                    body = element.role is Role.BODY and not secondary
                    # slides' body text, its floor; the generated slides' (agenda) 16 pt
                    text_floor = sizes.body_min if page.kind in TEXT_KINDS else 16
                    floor = text_floor if body else sizes.detail_min
                    small += [
                        (page.title, r.text, r.size)
                        for r in p.runs
                        if r.size < (sizes.detail_min if _host(r) else floor) - 0.05
                    ]
            elif isinstance(element, Grid):
                small += [
                    (page.title, r.text, r.size)
                    for row in element.cells
                    for cell in row
                    for p in cell.paras
                    for r in p.runs
                    if r.size < TABLE_MIN - 0.05
                ]
    assert small == []
