"""The files a deck is made from: the recap, the files it includes, its images and its theme.

`deckgen watch` polls these files and incremental builds hash them. The recap files come
from the loader (`Document.files` records every file read), the images from the recap's
`image.path` values, and the theme files from the theme's `extends:` chain.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, ThemeError
from deckgen.load import DataPath, Document, load_recap, read_yaml
from deckgen.load.paths import PathProblem, repository_root, resolve_name
from deckgen.load.yaml_reader import MAX_FILE_BYTES
from deckgen.theme_folder import THEME_FILE, find_theme

_THEME_FILE_KEYS = ("background_image", "logo", "template")


def recap_inputs(path: Path, theme: str | None = None) -> list[Path]:
    """Every file building `path` reads (resolved, without repeats), as far as it is known.

    `theme` is a `--theme` value (a name, or a folder relative to the current folder);
    without it the recap's own `theme:` counts. A recap whose includes cannot all be read
    gives itself and the files it means to include; an unknown theme gives no theme
    files. Never raises for bad input.
    """
    try:
        doc = load_recap(path)
    except DeckgenError:
        return list(dict.fromkeys([watchable(path), *_declared_includes(path)]))
    spec, relative_to = (theme, Path.cwd()) if theme else (_theme_of(doc), path.parent)
    root = None if theme else repository_root(path)
    try:
        folder: Path | None = find_theme(spec, relative_to, root)
    except ThemeError:
        folder = None
    return document_inputs(doc, folder)


def document_inputs(doc: Document, theme_folder: Path | None) -> list[Path]:
    """The recap files of a loaded recap, its images, then the files of its theme."""
    files = [f.resolve() for f in doc.files]  # the loader resolved them: they resolve
    files += list(_images(doc))
    files += theme_files(theme_folder) if theme_folder is not None else []
    return list(dict.fromkeys(files))


def theme_files(folder: Path) -> list[Path]:
    """`theme.yaml` and the files it names, for the theme in `folder` and every theme it
    extends."""
    out: list[Path] = []
    seen: set[Path] = set()
    current: Path | None = folder.resolve()
    while current is not None and current not in seen:
        seen.add(current)
        spec = current / THEME_FILE
        out.append(spec)
        current = _theme_step(current, spec, out)
    return list(dict.fromkeys(out))


def _theme_step(folder: Path, spec: Path, out: list[Path]) -> Path | None:
    """Add the files `spec` names to `out`; return the folder of the theme it extends."""
    try:
        data = read_yaml(spec).data
    except DeckgenError:
        return None
    if not isinstance(data, dict):
        return None
    named = [_resolved(folder / data[k]) for k in _THEME_FILE_KEYS if isinstance(data.get(k), str)]
    out += [p for p in named if p is not None]
    parent = data.get("extends")
    if not isinstance(parent, str):
        return None
    try:
        return find_theme(parent, folder).resolve()
    except ThemeError:
        return None


def including_recaps(file: Path, top: Path | None = None) -> list[Path]:
    """The recaps that include `file` (directly, or through an included presenter file).

    Includes must stay inside a recap's folder tree, so only the YAML files in `file`'s
    folder and the folders above it are candidates: up to `top`, or else up to the root of
    the Git repository `file` is in (or the file system's root). A candidate is parsed only
    when the `include:` lines of its text lead to `file`; unrelated YAML files are never
    parsed. Paths are returned as `file` was given (relative stays relative).
    """
    target = file.resolve()
    if not target.is_file():
        return []
    found: list[Path] = []
    texts: dict[Path, list[Path]] = {}
    for folder in _folders_up(file, top.resolve() if top else None):
        for candidate in _yaml_files(folder):
            if not _leads_to(candidate, target, texts) or candidate.resolve() == target:
                continue
            if target in _files_read(candidate):
                found.append(candidate)
    return found


def _yaml_files(folder: Path) -> list[Path]:
    """The `*.yaml` and `*.yml` entries of `folder`, by name (none when it cannot be read)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith((".yaml", ".yml")))
    except OSError:
        return []
    return [folder / name for name in names]


def recaps_to_check(paths: Sequence[Path]) -> list[Path]:
    """Each path, or, for a file that recaps include, those recaps (without repeats):
    what `deckgen validate` checks."""
    out: list[Path] = []
    for path in paths:
        out += including_recaps(path) or [path]
    return list(dict.fromkeys(out))


def _folders_up(file: Path, top: Path | None) -> Iterator[Path]:
    """`file`'s folder, then each folder above it: up to `top` when given, else up to the
    folder that holds `.git` (a repository's root) or the file system's root."""
    for folder in [file.parent, *file.parent.parents]:
        resolved = folder.resolve()
        if top is not None and not resolved.is_relative_to(top):
            return
        yield folder
        if top is None and (resolved / ".git").exists():
            return


# `include: path` in block or flow style, quoted or not (read from the text, not parsed)
_INCLUDE = re.compile(
    r"""\binclude[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,\]}#'"][^,\]}#\n]*))"""
)


def _leads_to(path: Path, target: Path, seen: dict[Path, list[Path]]) -> bool:
    """Whether the `include:` lines of `path`'s text, followed through the files they name,
    reach `target` (a quick, textual test: `_files_read` confirms)."""
    todo, visited = [path], set()  # (`path` is resolved only when it names a file)
    while todo:
        current = todo.pop()
        if current in visited:
            continue
        visited.add(current)
        if current not in seen:
            seen[current] = _named_includes(current)
        if target in seen[current]:
            return True
        todo += seen[current]
    return False


def _named_includes(path: Path) -> list[Path]:
    """The files the `include:` lines of `path` name, resolved; none for a file that cannot
    be read or is too large to be a recap."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return []
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    if "include" not in text:
        return []
    names = ((a or b or c).strip() for a, b, c in _INCLUDE.findall(text))
    folder = path.resolve().parent
    return [(folder / name).resolve() for name in names if name]


def _files_read(recap: Path) -> set[Path]:
    """The files that loading `recap` reads, including an include that fails to load."""
    try:
        return {f.resolve() for f in load_recap(recap).files}
    except DeckgenError as exc:  # a broken include is still included
        return {
            Path(p.position.file).resolve()
            for p in exc.problems
            if os.path.normpath(p.position.file) != os.path.normpath(recap.as_posix())
        }


def _declared_includes(path: Path) -> list[Path]:
    """The files `path` includes and the files those include, whether or not they exist
    or can be read (for a recap that does not load)."""
    try:
        data = read_yaml(path).data
    except DeckgenError:
        return []
    out: list[Path] = []
    for presenter in _items(data, "presenters"):
        holder, topics = path, _items(presenter, "topics")
        if isinstance(presenter, dict) and isinstance(presenter.get("include"), str):
            found = _resolved(path.parent / presenter["include"])
            if found is None:
                continue
            holder = found
            out.append(holder)
            try:
                topics = _items(read_yaml(holder).data, "topics")
            except DeckgenError:
                topics = []
        included = [
            _resolved(holder.parent / t["include"])
            for t in topics
            if isinstance(t, dict) and isinstance(t.get("include"), str)
        ]
        out += [p for p in included if p is not None]
    return out


def watchable(path: Path) -> Path:
    """`path` resolved, or only made absolute when it cannot be resolved (a symlink loop)."""
    return _resolved(path) or path.absolute()


def _resolved(path: Path) -> Path | None:
    """`path` resolved; None for a name that cannot be (a NUL in it, a symlink loop)."""
    try:
        return resolve_name(path, "file", path.as_posix())
    except PathProblem:
        return None


def _theme_of(doc: Document) -> str:
    spec = doc.data.get("theme") if isinstance(doc.data, dict) else None
    return spec if isinstance(spec, str) and spec else "default"


def _images(doc: Document) -> Iterator[Path]:
    """The image files a loaded recap names (`slides[*].image.path`), resolved."""
    for at, slide in _slides(doc.data):
        image = slide.get("image")
        if isinstance(image, dict) and isinstance(image.get("path"), str):
            try:
                base = doc.source_of((*at, "image", "path")).parent
            except KeyError:
                continue
            found = _resolved(base / image["path"])
            if found is not None:
                yield found


def _slides(data: Any) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    for i, presenter in enumerate(_items(data, "presenters")):
        for j, topic in enumerate(_items(presenter, "topics")):
            for k, slide in enumerate(_items(topic, "slides")):
                if isinstance(slide, dict):
                    yield ("presenters", i, "topics", j, "slides", k), slide


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []
