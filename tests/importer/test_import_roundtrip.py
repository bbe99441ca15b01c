"""Round trip as a property: build -> import -> build gives the deck of the first build.

Recaps come from the reliability suite's schema strategies (clean ones: usable images,
URLs and text); the `ci` Hypothesis profile runs them derandomised. Both decks are
compared as a normalised dump: each slide's kind, texts, notes, links and pictures.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from pptx import Presentation
from tests.reliability.rel_common import (
    SchemaStrategies,
    dump_yaml,
    fuzz_settings,
    write_strategy_files,
)

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.importer import import_deck

IMAGES = ("img/small.png", "img/tall.png", "img/wide.jpg")
INCLUDES = {"presenters": ("people/presenter.yaml",), "topics": ("topics/topic.yaml",)}
RECAPS = SchemaStrategies(IMAGES, INCLUDES, clean=True)


def content(deck: Path) -> list[dict[str, Any]]:
    """Each slide's kind, paragraph texts (slide numbers aside), notes, links, pictures."""
    out = []
    for slide in Presentation(str(deck)).slides:
        texts, links, pictures = [], set(), []
        for shape in slide.shapes:
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    text = " ".join(p.text.split())
                    if text and not text.isdigit():
                        texts.append(text)
                    links |= {r.hyperlink.address for r in p.runs if r.hyperlink.address}
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
            if shape.shape_type == 13:  # a picture
                pictures.append(hashlib.sha1(shape.image.blob).hexdigest())
                if shape.click_action.hyperlink.address:
                    links.add(shape.click_action.hyperlink.address)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
        out.append(
            {
                "kind": slide._element.cSld.get("name"),
                "texts": texts,
                "notes": notes or None,
                "links": sorted(links),
                "pictures": pictures,
            }
        )
    return out


@pytest.fixture(scope="module")
def recap_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recap folder with the images and include files the strategies name."""
    base = tmp_path_factory.mktemp("roundtrip")
    write_strategy_files(base)
    return base


def round_trip(recap: Path, work: Path) -> tuple[Path, Path]:
    """Build `recap`, import the deck, build the import: the two decks."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    first = work / "first.pptx"
    try:
        api.build(recap, first)
    except DeckgenError:
        assume(False)  # a recap deckgen refuses has nothing to round-trip
    imported = work / "back" / "back.yaml"
    imported.parent.mkdir()
    import_deck(first, imported)
    second = work / "second.pptx"
    api.build(imported, second)
    return first, second


@fuzz_settings(ci_examples=60)
@given(data=RECAPS.recap())
def test_build_import_build_gives_the_same_deck(recap_dir: Path, data: dict[str, Any]) -> None:
    recap = recap_dir / "recap.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    first, second = round_trip(recap, recap_dir / "work")
    assert content(second) == content(first)
