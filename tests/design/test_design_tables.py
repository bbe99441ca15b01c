"""Design rules of tables and stats on the laid-out example decks in every theme: a table's
rows shared evenly over its slides at one size, stats centred in the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.design.test_design_slides import CASES, IDS, ROOT, laid_out

from deckgen.layout.page import Grid, Page, Shape

STRESS = ROOT / "tests/fixtures/stress/stress.yaml"


def tables(pages: list[Page]) -> dict[object, list[Grid]]:
    """Each recap table's grids, slide by slide."""
    out: dict[object, list[Grid]] = {}
    for page in pages:
        for grid in (e for e in page.elements if isinstance(e, Grid)):
            out.setdefault(page.origin, []).append(grid)
    return out


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_table_rows_are_shared_evenly_over_its_slides_at_one_size(recap: Path, theme: str) -> None:
    pages, ctx = laid_out(recap, theme)
    for grids in tables(pages).values():
        rows = [len(g.heights) - 1 for g in grids]
        assert max(rows) - min(rows) <= 1, rows
        sizes = {
            r.size for g in grids for row in g.cells for c in row for p in c.paras for r in p.runs
        }
        assert len(sizes) == 1
        assert all(g.rect.bottom <= ctx.body.bottom + 0.5 for g in grids)


def test_a_long_table_continues_at_a_larger_size_than_its_floor() -> None:
    """24 rows: 8 + 8 + 8 at 18 pt, not 11 + 11 + 2 at the 14 pt floor."""
    pages, ctx = laid_out(STRESS, "default")
    [grids] = [g for g in tables(pages).values() if len(g) > 1]
    assert [len(g.heights) - 1 for g in grids] == [8, 8, 8]
    size = grids[0].cells[1][0].paras[0].runs[0].size
    assert size > ctx.theme.components.table.size_min


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_stats_sit_in_the_middle_of_the_body(recap: Path, theme: str) -> None:
    pages, ctx = laid_out(recap, theme)
    body = ctx.body
    for page in (p for p in pages if p.kind == "stats"):
        cells = [e for e in page.elements if isinstance(e, Shape) and e.rounded]
        top = min(c.rect.y for c in cells) - body.y
        bottom = body.bottom - max(c.rect.bottom for c in cells)
        assert top == pytest.approx(bottom, abs=1)


def test_a_null_cell_is_empty(tmp_path: Path) -> None:
    from tests.design.test_design_slides import laid_out as lay

    recap = tmp_path / "recap.yaml"
    recap.write_text(
        "title: T\ndate: 2019-06-12\npresenters:\n  - name: P\n    topics:\n      - title: Pods\n"
        "        slides:\n          - title: Pods\n            table:\n"
        "              columns: [Name, Ready]\n              rows:\n"
        "                - [test-2, null]\n                - [test-3, ~]\n",
        encoding="utf-8",
    )
    pages, _ = lay(recap, "default")
    [grid] = [e for p in pages for e in p.elements if isinstance(e, Grid)]
    texts = [["".join(r.text for p in c.paras for r in p.runs) for c in row] for row in grid.cells]
    assert texts[1:] == [["test-2", ""], ["test-3", ""]]


def test_table_rows_split_the_longer_part_first() -> None:
    from deckgen.layout.tables import _even_chunks

    assert [len(c) for c in _even_chunks(17, 2)] == [9, 8]
    assert [len(c) for c in _even_chunks(24, 3)] == [8, 8, 8]
    assert [i for c in _even_chunks(7, 3) for i in c] == list(range(7))
