"""The layout classes whose `__init__` is written out (for speed) take what the frozen
dataclass's generated `__init__` takes, make equal objects, and stay frozen."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any

import pytest

from deckgen.layout.page import Para, Rect, Run, TextBox
from deckgen.roles import Role

WRITTEN_OUT = [Rect, Run, Para, TextBox]


def generated(cls: type[Any]) -> type[Any]:
    """A twin of `cls` with the `__init__` that `@dataclass(frozen=True)` generates."""
    namespace: dict[str, Any] = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
    namespace["__annotations__"] = {f.name: f.type for f in fields(cls)}
    return dataclass(frozen=True)(type(cls.__name__, (), namespace))


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda c: c.__name__)
def test_the_written_init_takes_what_the_generated_one_takes(cls: type[Any]) -> None:
    assert "__init__" in vars(cls)
    mine = list(inspect.signature(cls).parameters.values())
    assert mine == list(inspect.signature(generated(cls)).parameters.values())


RUN = Run("text", "Calibri", 20.0, "112233")
EXAMPLES: list[tuple[type[Any], tuple[Any, ...], dict[str, Any]]] = [
    (Rect, (1.0, 2, 3.5, 4), {}),
    (Run, ("a", "Arial", 12, "000000"), {"italic": True, "url": "https://example.com"}),
    (Para, ((RUN,),), {"level": 1, "bullet": "•", "space_before": 6, "step": 2}),
    (TextBox, (Rect(0, 0, 1, 1), ()), {"role": Role.TITLE, "lines": (Role.TITLE,)}),
]


@pytest.mark.parametrize(
    ("cls", "args", "kwargs"), EXAMPLES, ids=lambda v: getattr(v, "__name__", "")
)
def test_the_written_init_makes_what_the_generated_one_makes(
    cls: type[Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    made, twin = cls(*args, **kwargs), generated(cls)(*args, **kwargs)
    assert vars(made) == vars(twin)
    assert [type(v) for v in vars(made).values()] == [type(v) for v in vars(twin).values()]
    assert list(vars(made)) == [f.name for f in fields(cls)]
    assert made == cls(*args, **kwargs) and hash(made) == hash(cls(*args, **kwargs))
    with pytest.raises(FrozenInstanceError):
        made.x = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        cls(*args, unknown=1, **kwargs)
