"""A file with thousands of problems is reported by its first ones and a count."""

from __future__ import annotations

from collections.abc import Iterable

from deckgen.errors import Problem

PER_FILE = 100  # problems shown per file; a longer list helps no one fix a file


def at_most(problems: Iterable[Problem], per_file: int = PER_FILE) -> list[Problem]:
    """The first `per_file` problems of each file by position, then one line
    `… and N more problems` at the position of the first problem left out."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=Problem.sort_key):
        by_file.setdefault(problem.position.file, []).append(problem)
    out: list[Problem] = []
    for listed in by_file.values():
        out += listed[:per_file]
        rest = listed[per_file:]
        if rest:
            severity = "error" if any(p.severity == "error" for p in rest) else "warning"
            message = f"… and {len(rest):,} more problem{'s' if len(rest) > 1 else ''}"
            out.append(Problem(rest[0].position, message, "", severity))
    return out
