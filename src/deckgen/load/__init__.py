"""Stage 1: read recap files into plain data that remembers where every value stood."""

from __future__ import annotations

from deckgen.load.document import DataPath, Document, format_path
from deckgen.load.recap import load_recap
from deckgen.load.yaml_reader import read_yaml

__all__ = ["DataPath", "Document", "format_path", "load_recap", "read_yaml"]
