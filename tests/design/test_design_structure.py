"""Structure slides on built decks: topic pages, the deck's own topic, closing and links,
the title slide, and how addresses are printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.design.test_design_slides import ROOT, laid_out, texts

from deckgen import api
from deckgen.importer import import_deck
from deckgen.layout.page import Page, TextBox
from deckgen.layout.section import OPENS_TOPIC
from deckgen.roles import Role


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "recap.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return path


def _titles(page: Page) -> list[TextBox]:
    return [e for e in page.elements if isinstance(e, TextBox) and e.role is Role.TITLE]


def test_a_topic_named_like_the_deck_gets_no_page_of_its_own() -> None:
    pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    assert [p.kind for p in pages[:3]] == ["title", "agenda", "stats"]
    assert not [p for p in pages if p.kind == "topic" and p.title == "KubeCon Europe 2019"]
    [opening] = _titles(pages[2])
    assert opening.descr == OPENS_TOPIC + "KubeCon Europe 2019"


def test_topic_pages_are_numbered_as_the_agenda_numbers_them() -> None:
    pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    topics = {p.title: texts(p) for p in pages if p.kind == "topic"}
    assert "Topic 2 of 16" in topics["Kubernetes history"]  # 1: "Why containers?"
    agenda = next(p for p in pages if p.kind == "agenda")
    assert "Kubernetes history" in texts(agenda) and "KubeCon Europe 2019" not in texts(agenda)


def _deck_topic_in_the_middle() -> dict[str, Any]:
    slides = [{"title": "Numbers", "bullets": ["8000 people"]}, {"text": "A short claim."}]
    return {
        "title": "Recap",
        "presenters": [
            {
                "name": "Ana",
                "topics": [
                    {"title": "Before", "slides": [{"title": "First", "bullets": ["a"]}]},
                    {"title": "recap", "slides": slides},  # named like the deck
                    {"title": "After", "slides": [{"title": "Last", "bullets": ["b"]}]},
                ],
            }
        ],
    }


def test_the_deck_s_own_topic_survives_build_import_build(tmp_path: Path) -> None:
    recap = _write(tmp_path, _deck_topic_in_the_middle())
    first = tmp_path / "one.pptx"
    api.build(recap, first)
    import_deck(first, tmp_path / "back" / "recap.yaml")
    back = api.check(tmp_path / "back" / "recap.yaml").recap
    assert [t.title for t in back.topics] == ["Before", "recap", "After"]
    assert [s.title for s in back.topics[1].slides] == ["Numbers", "recap"]
    second = tmp_path / "two.pptx"
    api.build(tmp_path / "back" / "recap.yaml", second)
    assert first.read_bytes() == second.read_bytes()
