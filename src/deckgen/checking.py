"""`validate`: a recap loaded and checked, its theme found (what `deckgen validate` does).

Kept apart from `deckgen.api` (which re-exports it) so that validating imports neither
the build's machinery nor `deckgen.theme`: a built-in theme is not loaded to validate a
recap that names it (every built-in theme loads: `tests/theme` loads each), while a
theme folder is loaded and checked in full, so that a recap that validates builds.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import Problem, RecapError, ThemeError

if TYPE_CHECKING:
    from deckgen.images import ImageCache
    from deckgen.load import Document
    from deckgen.theme import Theme


class Validated:
    """A recap that passed validation, with its theme and warnings: what `deckgen validate`
    reports (`check` also makes the model, which validation does not need). `images`:
    what validation inspected; `theme` is loaded when first asked for."""

    def __init__(
        self, document: Document, warnings: list[Problem], images: ImageCache, theme: Path,
        root: Path | None = None,
    ) -> None:  # fmt: skip
        self.document, self.warnings, self.images = document, warnings, images
        self.theme_folder, self._root = theme, root  # `root`: see `theme.load_theme`

    @cached_property
    def theme(self) -> Theme:
        from deckgen.theme import load_theme

        return load_theme(self.theme_folder, self._root)

    @property
    def inputs(self) -> list[Path]:
        """Every file the deck is made from (see `api.Checked.inputs`)."""
        from deckgen.inputs import document_inputs

        return document_inputs(self.document, self.theme_folder)


def validate(path: Path, theme: str | None = None, strict: bool = False) -> Validated:
    """Load and validate a recap and its theme; raise `RecapError` listing every problem
    (`ThemeError` for a theme folder that is not valid)."""
    from deckgen.images import ImageCache
    from deckgen.load import load_recap
    from deckgen.validate import at_most, check_schema, check_semantics

    doc = load_recap(path)
    problems = check_schema(doc)
    images = ImageCache()  # validation inspects the images, the model reuses what it found
    problems += check_semantics(doc, images) if not any(_is_fatal(p) for p in problems) else []
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if errors or (strict and warnings):
        raise RecapError(at_most(errors + warnings))
    valid = _with_theme(doc, path, theme, warnings, images)
    if not _builtin(theme or doc.data.get("theme")):
        _ = valid.theme  # a theme folder is loaded now: its problems are raised here
    return valid


def _with_theme(
    doc: Document, path: Path, theme: str | None, warnings: list[Problem], images: ImageCache
) -> Validated:
    """`doc` validated, with the folder of its theme: `theme` (a `--theme` value, relative
    to the current folder) or else the recap's own `theme:`."""
    from deckgen.load.document import DEFAULT_THEME
    from deckgen.load.paths import repository_root
    from deckgen.theme_folder import find_theme

    if theme:
        return Validated(doc, warnings, images, find_theme(theme, Path.cwd()))
    root = repository_root(path)
    try:
        folder = find_theme(doc.data.get("theme", DEFAULT_THEME), path.parent, root)
    except ThemeError as exc:  # name the recap's `theme:` line
        where = doc.position(("theme",))
        raise RecapError([Problem(where, p.message, "theme") for p in exc.problems]) from None
    return Validated(doc, warnings, images, folder, root)


def _builtin(spec: str | None) -> bool:
    from deckgen.theme_folder import is_builtin

    return spec is None or is_builtin(spec)


def _is_fatal(problem: Problem) -> bool:
    """Schema errors that leave the data too broken for the semantic checks."""
    return problem.path == "" and problem.severity == "error"
