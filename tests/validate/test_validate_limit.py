"""A file with very many problems: its first problems by position, then how many more."""

from __future__ import annotations

from deckgen.errors import Position, Problem
from deckgen.validate import at_most

HEAD = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n        slides:\n"
BULLETS = "presenters[0].topics[0].slides[0].bullets"


def test_wrong_typed_bullets_are_cut_after_a_hundred(write, problems):
    items = "".join("              - [1]\n" for _ in range(450))
    recap = write("r.yaml", f"{HEAD}          - title: S\n            bullets:\n{items}")
    lines = problems(recap)
    assert len(lines) == 101
    assert lines[0] == f"r.yaml:9:17: error: {BULLETS}[0]: expected a string, got a list"
    assert lines[99] == f"r.yaml:108:17: error: {BULLETS}[99]: expected a string, got a list"
    assert lines[100] == "r.yaml:109:17: error: … and 350 more problems"


def test_unknown_keys_are_cut_after_a_hundred(write, problems):
    keys = "".join(f"            odd{i:04}: x\n" for i in range(1000))
    recap = write("r.yaml", f"{HEAD}          - title: S\n            bullets: [a]\n{keys}")
    lines = problems(recap)
    assert len(lines) == 101
    assert lines[100] == "r.yaml:109:13: error: … and 900 more problems"


def test_a_hundred_problems_are_all_shown(write, problems):
    items = "".join("              - [1]\n" for _ in range(100))
    recap = write("r.yaml", f"{HEAD}          - title: S\n            bullets:\n{items}")
    lines = problems(recap)
    assert len(lines) == 100
    assert "more problem" not in lines[-1]


def test_each_file_is_cut_on_its_own():
    def many(file: str, n: int, severity: str = "error") -> list[Problem]:
        return [Problem(Position(file, line, 1), "bad", "", severity) for line in range(1, n + 1)]

    found = at_most([*many("b.yaml", 3, "warning"), *many("a.yaml", 2)], per_file=2)
    assert [str(p) for p in found] == [
        "a.yaml:1:1: error: bad",
        "a.yaml:2:1: error: bad",
        "b.yaml:1:1: warning: bad",
        "b.yaml:2:1: warning: bad",
        "b.yaml:3:1: warning: … and 1 more problem",
    ]
