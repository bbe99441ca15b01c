"""`Record`: the base of the small value classes every command loads (problems, spans,
images, links), which compare, hash and print by their fields as a frozen dataclass does,
without importing `dataclasses` (with the `inspect` it imports, and the methods each
dataclass compiles, that costs `deckgen validate` a sixth of its time)."""

from __future__ import annotations

from typing import Any


class Record:
    """Equal to a record of its own class with equal fields (`__slots__`, in their order),
    hashed by them, shown as `Name(field=value, ...)`. Subclasses set the fields once, in
    `__init__`, and never change them."""

    __slots__: tuple[str, ...] = ()

    def field_values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return False
        return self.field_values() == other.field_values()

    def __hash__(self) -> int:
        return hash(self.field_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"
