"""Regenerate the README gallery: the first slides of every example recap in every theme.

    .venv/bin/python tools/gallery.py

Needs LibreOffice and poppler (the packages in .ci/debian-packages). Writes
docs/gallery/<recap>-<theme>.png.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from deckgen.api import build
from deckgen.options import BuildOptions
from deckgen.preview import contact_sheet
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "gallery"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for recap in sorted((ROOT / "recaps").glob("*.yaml")):
        for theme in builtin_themes():
            with tempfile.TemporaryDirectory() as scratch:
                deck = Path(scratch) / f"{recap.stem}.pptx"
                build(recap, deck, BuildOptions(theme=theme.name))
                sheet = OUT / f"{recap.stem}-{theme.name}.png"
                sheet.write_bytes(contact_sheet(deck, columns=4, dpi=24, limit=12))
                print(f"{sheet.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
