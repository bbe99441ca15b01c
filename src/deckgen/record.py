"""`Record`: the base of the small value classes every command loads (problems, spans,
images, links) and of the theme's sections, which compare, hash and print by their fields
as a frozen dataclass does, without importing `dataclasses` (with the `inspect` it
imports, and the methods each dataclass compiles, that costs `deckgen validate` a sixth
of its time)."""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    """Equal to a record of its own class with equal fields (`field_names`: `__slots__`,
    in their order), hashed by them, shown as `Name(field=value, ...)`. Subclasses set the
    fields once, in `__init__`, and never change them."""

    __slots__: tuple[str, ...] = ()
    _uncompared: ClassVar[frozenset[str]] = frozenset()  # fields equality leaves out

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return cls.__slots__

    def field_values(self) -> tuple[Any, ...]:
        """The values of the fields equality compares."""
        return tuple(getattr(self, n) for n in self.field_names() if n not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return False
        return self.field_values() == other.field_values()

    def __hash__(self) -> int:
        return hash(self.field_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.field_names())
        return f"{type(self).__qualname__}({shown})"
