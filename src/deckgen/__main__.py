"""`python -m deckgen` runs the command line."""

from __future__ import annotations

from deckgen.entry import main

main()
