"""Where a theme lies: built-in names and theme folders, found without reading them.

`deckgen validate` and the input lists need only this; loading a theme (`deckgen.theme`,
its dataclasses) costs more than validating a 50-slide recap.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Position, Problem, ThemeError

THEME_FILE = "theme.yaml"


def builtin_themes_dir() -> Path:
    """The built-in themes: packaged in a wheel, or the repository's `themes/`."""
    packaged = Path(__file__).parent / "themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "themes"


def is_builtin(spec: str) -> bool:
    """Whether theme `spec` is a built-in theme's name (not a folder)."""
    return "/" not in spec and "\\" not in spec and not spec.startswith(".")


def find_theme(spec: str, relative_to: Path, root: Path | None = None) -> Path:
    """The folder of theme `spec`: a built-in name, or a path (relative to `relative_to`).

    With `root` (the repository of the recap that names the theme, see
    `load.paths.repository_root`) a theme folder must lie inside `root` or be a built-in
    theme's (symlinks resolved): a recap cannot make a build read files elsewhere."""
    if is_builtin(spec):
        folder = builtin_themes_dir() / spec
        if _holds_theme(folder):
            return folder
        from deckgen.theme import builtin_themes  # their names, from their files

        names = ", ".join(t.name for t in builtin_themes())
        raise ThemeError([Problem(Position(spec), f"no theme named `{spec}`; built-in: {names}")])
    folder = relative_to / spec
    if root is not None and not _allowed(folder, root):
        message = f"theme folder `{spec}` lies outside the recap's repository; use a theme"
        raise ThemeError([Problem(Position(spec), f"{message} inside it, or --theme")])
    if not _holds_theme(folder):
        raise ThemeError([Problem(Position(spec), f"no {THEME_FILE} in theme folder `{spec}`")])
    return folder.resolve()


def _allowed(folder: Path, root: Path) -> bool:
    """True when `folder` lies inside `root` or the built-in themes (or cannot be resolved:
    then it holds no theme, which `find_theme` says)."""
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError, ValueError):
        return True
    return any(resolved.is_relative_to(top.resolve()) for top in (root, builtin_themes_dir()))


def _holds_theme(folder: Path) -> bool:
    try:
        return (folder.resolve() / THEME_FILE).is_file()
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        return False
