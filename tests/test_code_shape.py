"""The shape of the code in src/: short functions with short parameter lists.

Rules: no function (or method) is over 60 lines, decorators included; none takes more than
5 parameters, counting `*args` and `**kwargs`, and not counting the `self` or `cls` of a
method.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 60
MAX_PARAMETERS = 5
# functions that broke the rules when the rules came, in files other work owned at the
# time; an entry goes as soon as its function keeps the rules (the last test says when)
KNOWN: set[tuple[str, str]] = set()


def broken_rules() -> dict[tuple[str, str], list[str]]:
    """(file, function) -> the rules it breaks, for every function of src/."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines = (node.end_lineno or node.lineno) - first + 1
            args = node.args
            names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
            names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
            if names[:1] in (["self"], ["cls"]):
                names = names[1:]
            broken = [f"{lines} lines"] if lines > MAX_LINES else []
            broken += [f"{len(names)} parameters"] if len(names) > MAX_PARAMETERS else []
            if broken:
                found.setdefault((name, node.name), []).extend(broken)
    return found


def test_no_function_is_long_or_takes_many_parameters() -> None:
    new = {k: v for k, v in broken_rules().items() if k not in KNOWN}
    assert not new, "\n".join(f"{f}: {fn}: {', '.join(why)}" for (f, fn), why in new.items())


def test_every_known_exception_still_breaks_a_rule() -> None:
    fixed = KNOWN - broken_rules().keys()
    assert not fixed, f"these keep the rules now; take them out of KNOWN: {sorted(fixed)}"
