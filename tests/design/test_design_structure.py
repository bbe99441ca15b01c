"""Structure slides on built decks: topic pages, the deck's own topic, closing and links,
the title slide, and how addresses are printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.design.test_design_slides import CASES, IDS, ROOT, laid_out, texts

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


def _runs(page: Page) -> list[tuple[str, str | None, Role]]:
    return [
        (r.text, r.url, e.role)
        for e in page.elements
        if isinstance(e, TextBox)
        for p in e.paras
        for r in p.runs
    ]


def test_links_print_their_labels_and_the_notes_every_address() -> None:
    pages, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    page = next(p for p in pages if p.title == "More information")
    body = [e for e in page.elements if isinstance(e, TextBox) and e.role is Role.BODY]
    shown = ["".join(r.text for r in p.runs).replace("\u200b", "") for b in body for p in b.paras]
    assert shown[:2] == [
        "CNCF Serverless working group ·\u00a0github.com",  # the label, then the host (muted)
        "#serverless Slack channel ·\u00a0slack.cncf.io",
    ]
    first = [r for r in body[0].paras[0].runs if r.text.strip()]
    assert all(r.url for r in first[:-1]) and first[-1].url is None  # the label is the link
    assert page.notes is not None
    assert "CNCF Serverless working group: https://github.com/cncf/wg-serverless" in page.notes


def test_a_links_slide_s_lone_qr_code_is_labelled_with_its_link() -> None:
    pages, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    page = next(p for p in pages if p.kind == "links" and p.title == "Storage")
    labels = [t for t, _, role in _runs(page) if role is Role.QR_LABEL]
    # one line under the code, cut at a word (the list beside it has the label whole)
    assert labels == ["Keynote: Debunking the Myth:…"]


def test_the_title_slide_sets_two_groups_without_an_event_address_line() -> None:
    pages, ctx = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    [box] = [e for e in pages[0].elements if isinstance(e, TextBox) and e.role is Role.SUBTITLE]
    lines = ["".join(r.text for r in p.runs) for p in box.paras]
    assert lines == [
        "June 2019 – Kubernetes User Group",
        "Kubernetes User Group",
        "Benvinguts! Keep Cloud Native",
        "KubeCon + CloudNativeCon Europe 2019 · Barcelona · May 20–23, 2019",
    ]
    tokens = ctx.theme.components.opening
    sizes = [p.runs[0].size for p in box.paras]
    assert sizes == [tokens.subtitle, tokens.presenter, tokens.tagline, tokens.event]
    event, url = box.paras[-1].runs[0], ctx.recap.event.url
    assert url is not None and event.url == url.url  # the event's name is its link
    assert not any(r.italic for p in box.paras for r in p.runs)


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_no_printed_address_shows_its_scheme_or_runs_over_the_limit(
    recap: Path, theme: str
) -> None:
    pages, ctx = laid_out(recap, theme)
    limit = ctx.theme.grid.url_chars
    for page in pages:
        for text, url, _ in _runs(page):
            if url and " " not in text.strip() and "." in text:  # an address printed
                assert "://" not in text, (page.title, text)
                assert len(text) <= limit or "…" not in text, (page.title, text)


def test_display_text_sets_ellipses_arrows_and_elided_years() -> None:
    pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    shown = [t for p in pages for t in texts(p)]
    assert "KubeCon Europe 2019 was …" in shown
    assert "Barcelona ’19: KubeCon + CloudNativeCon" in shown
    team, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    assert any("Alpha 1 available now → try it!" in t for p in team for t in texts(p))


def test_a_topic_page_without_a_summary_lists_its_slide_titles_once() -> None:
    pages, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    page = next(p for p in pages if p.kind == "topic" and p.title == "Jenkins X and Tekton")
    boxes = [e for e in page.elements if isinstance(e, TextBox) and e.role is Role.MOMENT]
    [listed] = [b for b in boxes if b.paras[0].bullet]  # (the other: the over-line)
    titles = ["".join(r.text for r in p.runs) for p in listed.paras]
    assert titles == ["Jenkins X", "Jenkins X ❤ Tekton Pipelines", "jenkins-x.yml"]


@pytest.mark.parametrize("theme", ["default", "dark", "corporate"])
def test_the_bar_under_a_hero_title_starts_under_its_first_letter(theme: str) -> None:
    from deckgen.layout.fit import INSET_X
    from deckgen.layout.page import Shape

    pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", theme)
    heroes = [p for p in pages if p.layout == "content" and p.kind in ("talk", "topic")]
    assert heroes
    for page in heroes:
        title = next(e for e in page.elements if isinstance(e, TextBox) and e.role is Role.TITLE)
        bars = [e for e in page.elements if isinstance(e, Shape) and e.rect.y > title.rect.bottom]
        assert bars[0].rect.x == title.rect.x + INSET_X, page.title
