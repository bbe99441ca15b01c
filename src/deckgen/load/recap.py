"""Load a recap file and resolve its `include:` items (presenters and topics)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from deckgen.errors import Position, Problem, RecapError
from deckgen.load.document import DataPath, Document, format_path
from deckgen.load.paths import PathProblem, confined_file, resolve_name
from deckgen.load.yaml_reader import read_yaml


class _Source(NamedTuple):
    path: Path  # resolved
    shown: str  # as printed in messages, relative to where the user pointed


def load_recap(path: Path) -> Document:
    """Read `path` and every file it includes; raise `RecapError` listing all problems.

    Included files must lie inside the recap's folder tree (symlinks resolved).
    """
    try:
        top = _Source(resolve_name(path, "recap", path.as_posix()), path.as_posix())
    except PathProblem as exc:
        raise RecapError([Problem(Position(path.as_posix()), str(exc))]) from None
    doc = read_yaml(path, top.shown)
    problems: list[Problem] = []
    presenters = doc.data.get("presenters")
    for i in range(len(presenters) if isinstance(presenters, list) else 0):
        at: DataPath = ("presenters", i)
        holder = _include(doc, at, top, [top], problems)
        topics = _get(doc.data, (*at, "topics"))
        for j in range(len(topics) if isinstance(topics, list) else 0):
            chain = [top] if holder == top else [top, holder]
            _include(doc, (*at, "topics", j), holder, chain, problems)
    if problems:
        raise RecapError(problems)
    return doc


def _get(data: Any, at: DataPath) -> Any:
    for part in at:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _include(
    doc: Document, at: DataPath, owner: _Source, chain: list[_Source], problems: list[Problem]
) -> _Source:
    """Replace an `{include: FILE}` item at `at` by FILE's mapping; return the item's file."""
    item = _get(doc.data, at)
    if not (isinstance(item, dict) and isinstance(item.get("include"), str)):
        return owner
    rel = item["include"]
    where, path = doc.position((*at, "include")), format_path((*at, "include"))
    extra = [key for key in item if key != "include"]
    if extra:
        for key in extra:
            problems.append(
                Problem(
                    doc.key_position((*at, key)),
                    f"`{key}` cannot stand beside `include:`; put it in `{rel}`",
                    format_path((*at, key)),
                )
            )
        return owner
    try:
        root = chain[0].path.parent
        resolved = confined_file(owner.path.parent / rel, "included file", rel, root)
    except PathProblem as exc:
        problems.append(Problem(where, str(exc), path))
        return owner
    target = _Source(resolved, os.path.normpath(os.path.join(os.path.dirname(owner.shown), rel)))
    if any(target.path == s.path for s in chain):
        loop = " -> ".join(s.shown for s in [*chain, target])
        problems.append(Problem(where, f"include loop: {loop}", path))
    else:
        try:
            doc.graft(at, read_yaml(target.path, target.shown))
        except RecapError as exc:
            problems.extend(exc.problems)
            return owner
        # a file that holds `include: OTHER` itself is followed (and a loop reported)
        return _include(doc, at, target, [*chain, target], problems)
    return owner
