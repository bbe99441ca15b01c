"""The design review's polish items (v6), measured on the built decks' slide XML with
python-pptx: the video index's grid, the links slides' hosts, corporate's body gap, CJK
index titles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.api import build
from deckgen.options import BuildOptions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """The examples built in the default and corporate themes, read by python-pptx."""
    out = tmp_path_factory.mktemp("decks")
    built = {}
    for recap in ("eu2019", "kubecon2019-team"):
        for theme in ("default", "corporate"):
            deck = out / f"{recap}-{theme}.pptx"
            build(ROOT / f"recaps/{recap}.yaml", deck, BuildOptions(theme=theme))
            built[recap, theme] = Presentation(str(deck))
    return built


def _titled(deck: Any, start: str) -> list[Any]:
    return [s for s in deck.slides if s.shapes.title and s.shapes.title.text.startswith(start)]


def _inches(value: int) -> float:
    return round(Emu(value).inches, 2)


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_every_video_index_slide_in_the_deck_is_the_same_grid(decks: Any, theme: str) -> None:
    """v6 #1: eu2019's 13 videos on slides of 4, 4, 3, 2 QR codes, every card (a panel
    with its code left of its text) the same size, in the cells of one grid."""
    index = _titled(decks["eu2019", theme], "Videos")
    codes = [[s for s in slide.shapes if s.name == "QR code"] for slide in index]
    assert [len(c) for c in codes] == [4, 4, 3, 2]
    cards = [
        [s for s in slide.shapes if s.name == "Panel" and s.height > Emu(914400)] for slide in index
    ]
    assert [len(c) for c in cards] == [4, 4, 3, 2]
    assert len({(c.width, c.height) for page in cards for c in page}) == 1
    cells = {(c.left, c.top) for c in cards[0]}
    assert all({(c.left, c.top) for c in page} <= cells for page in cards)
    for page, found in zip(cards, codes, strict=True):  # each code inside its card, left
        for card, code in zip(page, found, strict=True):
            assert card.left <= code.left and code.left + code.width < card.left + card.width / 2
