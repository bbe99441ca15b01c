"""The measurable rules of the design system, on the built decks of the examples and the
stress recap in every built-in theme: one title size per deck, body text and code over
their floors, no raw address over the limit in text, topic labels where a topic is not
announced by the slide's own title."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pytest

from deckgen.api import check
from deckgen.layout import lay_out
from deckgen.layout.deck import LAYOUTS
from deckgen.layout.page import Page, Shape, TextBox
from deckgen.layout.typography import is_raw_url
from deckgen.roles import Role
from deckgen.steps import collapse_steps
from deckgen.theme import Theme, builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
CASES = [(r, t) for r in RECAPS for t in THEMES]
IDS = [f"{r.stem}-{t}" for r, t in CASES]


@cache
def deck(recap: Path, theme: str) -> tuple[list[Page], Theme]:
    checked = check(recap, theme)
    model, _ = collapse_steps(checked.recap, "collapse")
    return lay_out(model, checked.theme), checked.theme


def boxes(page: Page) -> list[TextBox]:
    return [e for e in page.elements if isinstance(e, TextBox)]


def title_sizes(pages: list[Page], resolved: Theme) -> dict[str, float]:
    """The size of each slide title of the recap's slides."""
    return {
        page.title: max(run.size for para in box.paras for run in para.runs)
        for page in pages
        if page.kind in LAYOUTS
        for box in boxes(page)
        if box.role is Role.TITLE
        if box.paras[0].runs[0].size != resolved.sizes.topic_label  # a statement's label
    }


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_one_title_size_per_deck(recap: Path, theme: str) -> None:
    """Every slide title at the deck's size but a few long ones (`grid.title_outliers`),
    each set smaller on its own."""
    pages, resolved = deck(recap, theme)
    sizes = title_sizes(pages, resolved)
    common = max(set(sizes.values()), key=list(sizes.values()).count)
    assert resolved.sizes.title_min <= common <= resolved.sizes.title
    outliers = {t: s for t, s in sizes.items() if s != common}
    # the size is chosen before slides split: a continuation's "(1/2)" can add one
    assert len(outliers) <= math.ceil(resolved.grid.title_outliers * len(sizes)), outliers
    assert all(s < common for s in outliers.values()), outliers


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_titles_take_at_most_two_lines_at_that_size(recap: Path, theme: str) -> None:
    from deckgen.layout.fit import INSET_X, count_lines

    pages, resolved = deck(recap, theme)
    common = max(title_sizes(pages, resolved).values())
    long = [
        (page.title, count_lines(box.paras[0], box.rect.w - 2 * INSET_X))
        for page in pages
        if page.kind in LAYOUTS
        for box in boxes(page)
        if box.role is Role.TITLE and box.paras[0].runs[0].size == common
        if count_lines(box.paras[0], box.rect.w - 2 * INSET_X) > resolved.grid.title_lines
    ]
    assert long == []


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_body_text_and_code_stay_over_their_floors(recap: Path, theme: str) -> None:
    pages, resolved = deck(recap, theme)
    sizes, small = resolved.sizes, []
    for page in (p for p in pages if p.kind in ("bullets", "text", "quote", "code")):
        for box in boxes(page):
            if box.rect.y >= resolved.spacing.footer_top * 72 or box.role is Role.TITLE:
                continue
            for run in (r for p in box.paras for r in p.runs if r.text.strip()):
                code = run.font == resolved.fonts.code
                floor = sizes.code_min if code else sizes.detail_min
                if box.role is Role.BODY and not code and not run.url:
                    floor = sizes.body_min
                if run.size < floor - 0.05:
                    small.append((page.title, run.text, run.size))
    assert small == []


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_no_raw_address_over_the_limit_in_text(recap: Path, theme: str) -> None:
    pages, resolved = deck(recap, theme)
    limit = resolved.grid.url_chars
    raw = [
        (page.title, run.text)
        for page in pages
        if page.kind in LAYOUTS and page.kind != "links"  # a links slide lists addresses
        for box in boxes(page)
        for para in box.paras
        for run in para.runs
        if run.url and is_raw_url(run.text, run.url) and len(run.text) > limit
    ]
    assert raw == []


def test_the_twelve_factor_slides_are_labelled_with_their_talk() -> None:
    """eu2019's 12-Factor slides follow the Spotify talk: their label says whose they are."""
    pages, _ = deck(ROOT / "recaps/eu2019.yaml", "default")
    labels = {
        page.title: "".join(r.text for p in box.paras for r in p.runs)
        for page in pages
        for box in boxes(page)
        if box.role is Role.TOPIC_LABEL
    }
    twelve = "Learn how to Leverage Kubernetes to Support 12 Factor for Enterprise Apps"
    assert labels["Why 12 factor apps?"] == twelve
    assert (
        labels["Will managed K8s save us?"]
        == "Kubernetes Failure Stories and How to Crash Your Clusters"
    )
    # a topic named like the deck, and a slide titled like its topic, get no label
    assert "Tracks" not in labels
    assert all(title != label for title, label in labels.items())


@pytest.mark.parametrize("count", range(1, 14))
def test_stats_sit_in_a_balanced_grid(tmp_path: Path, count: int) -> None:
    """Rows as even as can be (2 + 2, not 3 + 1), slides as even (4 + 3, not 6 + 1), and
    one figure size and one label size on a slide."""
    stats = [{"value": str(n), "label": f"label {n}"} for n in range(count)]
    data = {"title": "T", "presenters": [{"name": "P", "topics": [{"title": "S"}]}]}
    data["presenters"][0]["topics"][0]["slides"] = [{"stats": stats}]
    recap = tmp_path / "stats.yaml"
    recap.write_text(json.dumps(data), encoding="utf-8")
    checked = check(recap)
    pages = [p for p in lay_out(checked.recap, checked.theme) if p.kind == "stats"]
    per_page = []
    for page in pages:
        cells = [e.rect for e in page.elements if isinstance(e, Shape) and e.rounded]
        rows = sorted({round(r.y) for r in cells})
        in_rows = [sum(1 for r in cells if round(r.y) == y) for y in rows]
        assert max(in_rows) - min(in_rows) <= 1, in_rows
        per_page.append(len(cells))
        top = min(r.y for r in cells)
        figures = {b.paras[0].runs[0].size for b in boxes(page) if top <= b.rect.y < 7 * 72}
        assert len(figures) <= 2  # figures at one size, labels at one size
    assert sum(per_page) == count
    assert max(per_page) - min(per_page) <= 1, per_page
