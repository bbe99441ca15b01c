"""Plain data (dicts, lists, scalars) plus the source position of every value and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deckgen.errors import Position

DataPath = tuple[str | int, ...]
DEFAULT_THEME = "default"  # the theme of a recap without `theme:`


def format_path(path: DataPath) -> str:
    """Render a data path as in error messages: `presenters[0].topics[2].title`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class Document:
    """A loaded YAML document: its data, and positions keyed by data path (a plain class:
    see `deckgen.record`)."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.files: list[Path] = []
        self.sources: dict[str, Path] = {}  # shown file name -> resolved path
        self.digests: dict[Path, str] = {}  # resolved path -> SHA-256 read
        # the source text of every scalar that is not a string (`1.10`, `0x1F`, `007`, `true`)
        self.texts: dict[DataPath, str] = {}

    def with_data(self, data: Any) -> Document:
        """The document holding `data` instead, with the same positions (not copied)."""
        other = Document(data)
        other.values, other.keys, other.files = self.values, self.keys, self.files
        other.sources, other.digests, other.texts = self.sources, self.digests, self.texts
        return other

    def position(self, path: DataPath) -> Position:
        """Position of the value at `path`, or of its nearest located ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Position(next(iter(self.sources), "<recap>"))

    def key_position(self, path: DataPath) -> Position:
        """Position of the key naming `path` (falls back to the value's position)."""
        return self.keys.get(path) or self.position(path)

    def graft(self, at: DataPath, other: Document) -> None:
        """Place `other`'s data at `at`, keeping its own positions (used for `include:`)."""
        parent = self.data
        for part in at[:-1]:
            parent = parent[part]
        parent[at[-1]] = other.data
        for path, pos in other.values.items():
            self.values[at + path] = pos
        for path, pos in other.keys.items():
            self.keys[at + path] = pos
        for path, text in other.texts.items():
            self.texts[at + path] = text
        self.files.extend(f for f in other.files if f not in self.files)
        self.sources.update(other.sources)
        self.digests.update(other.digests)

    def text(self, path: DataPath) -> str:
        """The value at `path` as the presenter wrote it (a number keeps its form; `null`
        is empty)."""
        value: Any = self.data
        for part in path:
            value = value[part]
        if value is not None and path in self.texts:
            return self.texts[path]
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else str(value)

    def source_of(self, path: DataPath) -> Path:
        """The resolved file that holds the value at `path`."""
        return self.sources[self.position(path).file]
