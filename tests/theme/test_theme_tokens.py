"""The design system is theme data: a type scale, spacing and grid, inherited key by key
through `extends:` (a theme that changes one token keeps every other)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import ThemeError
from deckgen.theme import builtin_themes_dir, load_theme


def theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_theme_that_sets_one_token_inherits_the_others(tmp_path: Path) -> None:
    base = load_theme(builtin_themes_dir() / "default")
    middle = theme(tmp_path / "middle", "extends: default\nspacing:\n  gap: 0.5\n")
    child = theme(tmp_path / "child", "extends: ../middle\ngrid:\n  stats_columns: 2\n")
    loaded = load_theme(child)
    assert loaded.spacing.gap == 0.5
    assert loaded.grid.stats_columns == 2
    assert loaded.spacing.padding == base.spacing.padding
    assert loaded.grid.level_scale == base.grid.level_scale
    assert loaded.sizes == base.sizes
    assert load_theme(middle).grid.stats_columns == base.grid.stats_columns


def test_a_theme_of_its_own_must_set_every_section(tmp_path: Path) -> None:
    text = (builtin_themes_dir() / "default" / "theme.yaml").read_text(encoding="utf-8")
    cut = text[: text.index("# The slide frame")] + text[text.index("margin:") :]
    folder = theme(tmp_path / "own", cut.replace("name: default", "name: own"))
    with pytest.raises(ThemeError) as caught:
        load_theme(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder.as_posix()}/theme.yaml:1:1: error: theme sets no `spacing`, `grid`, `components`"
        " (extend `default` to inherit)"
    ]


def test_a_token_of_the_wrong_kind_is_reported_at_its_line(tmp_path: Path) -> None:
    folder = theme(tmp_path / "t", "extends: default\ngrid:\n  stats_columns: 2.5\n")
    with pytest.raises(ThemeError) as caught:
        load_theme(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder.as_posix()}/theme.yaml:3:18: error: grid.stats_columns:"
        " expected a whole number, got the number `2.5`"
    ]
