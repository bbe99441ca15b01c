"""Design rules of the generated slides, measured on the laid-out and built decks of the
examples in every theme: video-index grid, agenda, tables, closing, pictures, talk cards."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from deckgen.api import build, check
from deckgen.layout import lay_out
from deckgen.layout.cards import balanced
from deckgen.layout.closing import QUESTIONS, THANKS
from deckgen.layout.frame import Context
from deckgen.layout.page import Grid, Image, Page, Shape, TextBox
from deckgen.layout.qr_codes import WATCH
from deckgen.layout.video_index import filled
from deckgen.roles import Role
from deckgen.steps import collapse_steps
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
CASES = [(r, t) for r in RECAPS for t in THEMES]
IDS = [f"{r.stem}-{t}" for r, t in CASES]


def laid_out(recap: Path, theme: str) -> tuple[list[Page], Context]:
    checked = check(recap, theme)
    model, _ = collapse_steps(checked.recap, "collapse")
    return lay_out(model, checked.theme), Context(checked.theme, model)


def texts(page: Page) -> list[str]:
    return [
        "".join(r.text for r in p.runs)
        for e in page.elements
        if isinstance(e, TextBox)
        for p in e.paras
    ]


def _card(element: object) -> bool:
    return isinstance(element, Shape) and element.rounded


def test_balanced_groups_are_as_even_as_can_be() -> None:
    assert balanced(13, 4) == [4, 3, 3, 3]
    assert balanced(13, 6) == [5, 4, 4]
    assert balanced(7, 6) == [4, 3]
    assert balanced(4, 4) == [4]
    assert balanced(1, 4) == [1]
    assert balanced(0, 4) == []


def _index_rows(page: Page) -> list[list[Shape]]:
    """The cards of a video-index page, row by row."""
    rows: dict[float, list[Shape]] = {}
    for e in page.elements:
        if _card(e):
            assert isinstance(e, Shape)
            rows.setdefault(round(e.rect.y), []).append(e)
    return [rows[y] for y in sorted(rows)]


def test_index_slides_fill_front_to_back_and_never_end_on_a_lone_card() -> None:
    assert filled(13, 4) == [4, 4, 3, 2]
    assert filled(7, 4) == [4, 3]
    assert filled(5, 4) == [3, 2]
    assert filled(9, 4) == [4, 3, 2]
    assert [filled(n, 4) for n in range(1, 5)] == [[1], [2], [3], [4]]
    assert filled(8, 4) == [4, 4]
    assert filled(3, 2) == [2, 1]  # two a slide: nothing to borrow without leaving one
    assert filled(0, 4) == []


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_every_index_slide_is_one_grid_of_one_card_size(recap: Path, theme: str) -> None:
    """v6 #1: every index slide the 2 x 2 grid of side-by-side cards (code left of the
    title), the same card size on every slide, each card in a cell of the same grid."""
    pages, ctx = laid_out(recap, theme)
    index = [p for p in pages if p.kind == "video-index"]
    tokens = ctx.theme.components.index
    counts = [sum(len(row) for row in _index_rows(p)) for p in index]
    assert counts == filled(sum(counts), tokens.per_slide)
    cards = [c for p in index for r in _index_rows(p) for c in r]
    assert len({(round(c.rect.w), round(c.rect.h)) for c in cards}) == 1
    first = _index_rows(index[0])
    xs = {round(c.rect.x) for c in first[0]}
    ys = {round(r[0].rect.y) for r in first}
    for page in index:
        rows = _index_rows(page)
        assert all(len(row) == tokens.columns for row in rows[:-1])
        assert {round(c.rect.x) for r in rows for c in r} <= xs  # the same columns
        assert {round(r[0].rect.y) for r in rows} <= ys  # and rows, from the top
        codes = [e for e in page.elements if isinstance(e, Image) and e.role is Role.QR_CODE]
        titles = [e for e in page.elements if isinstance(e, TextBox) and e.role is Role.CARD]
        for code, title in zip(codes, titles, strict=True):
            assert title.rect.x >= code.rect.right  # beside, never above
    sizes = {
        (i == 0, r.size)
        for p in index
        for e in p.elements
        if isinstance(e, TextBox) and e.role is Role.CARD
        for i, para in enumerate(e.paras)
        for r in para.runs
    }
    assert sizes <= {(True, tokens.title), (False, tokens.detail)}  # one type size a part
    assert min(s for _, s in sizes) >= 14


def test_a_video_index_of_13_videos_has_slides_of_4_4_3_2_from_one_top() -> None:
    pages, ctx = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    index = [p for p in pages if p.kind == "video-index"]
    assert [[len(r) for r in _index_rows(p)] for p in index] == [[2, 2], [2, 2], [2, 1], [2]]
    assert [p.count(Role.QR_CODE) for p in index] == [4, 4, 3, 2]
    assert {round(r[0].rect.y) for p in index for r in _index_rows(p)[:1]} == {round(ctx.body.y)}


def test_three_videos_are_two_and_one_in_the_grid_with_every_speaker() -> None:
    pages, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    [index] = [p for p in pages if p.kind == "video-index"]
    top, bottom = _index_rows(index)
    assert (len(top), len(bottom)) == (2, 1)
    assert bottom[0].rect.x == top[0].rect.x  # the lone card in the first column
    titles = [e for e in index.elements if isinstance(e, TextBox) and e.role is Role.CARD]
    assert [len(t.paras) for t in titles] == [3, 2, 2]  # every speaker of a card


def test_video_index_card_titles_are_plain_title_coloured_text() -> None:
    pages, ctx = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    for page in (p for p in pages if p.kind == "video-index"):
        for box in (e for e in page.elements if isinstance(e, TextBox) and e.role is Role.CARD):
            runs = box.paras[0].runs
            assert all(r.url is None and r.bold for r in runs)  # no URL field to break
            assert {r.color for r in runs} == {ctx.theme.colors.title}


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_video_index_titles_take_at_most_two_lines(recap: Path, theme: str) -> None:
    from deckgen.layout.fit import INSET_X, count_lines

    pages, ctx = laid_out(recap, theme)
    lines = ctx.theme.components.index.title_lines
    for page in (p for p in pages if p.kind == "video-index"):
        for box in (e for e in page.elements if isinstance(e, TextBox) and e.role is Role.CARD):
            assert count_lines(box.paras[0], box.rect.w - 2 * INSET_X) <= lines


def test_the_agenda_is_one_numbered_slide_without_the_deck_title() -> None:
    pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", "default")
    [agenda] = [p for p in pages if p.kind == "agenda"]
    paras = [p for e in agenda.elements[2:] if isinstance(e, TextBox) for p in e.paras]
    items = ["".join(r.text for r in p.runs) for p in paras if p.number is not None]
    assert [p.number for p in paras if p.number is not None] == list(range(1, 17))
    assert "KubeCon Europe 2019" not in items
    assert items[0] == "Why containers?"
    assert (
        len(
            [
                e
                for e in agenda.elements
                if isinstance(e, TextBox) and e.role is not Role.TITLE and e.rect.y < 480
            ]
        )
        == 2
    )


def test_a_team_agenda_numbers_topics_under_their_presenters() -> None:
    pages, _ = laid_out(ROOT / "recaps/kubecon2019-team.yaml", "default")
    [agenda] = [p for p in pages if p.kind == "agenda"]
    paras = [p for e in agenda.elements[2:] if isinstance(e, TextBox) for p in e.paras]
    names = ["".join(r.text for r in p.runs) for p in paras if p.number is None]
    assert names[:5] == ["Bryan", "André", "Alfred", "Peter", "Christian"]
    numbers = [p.number for p in paras if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_tables_keep_their_widths_and_text_of_14_pt_or_more(recap: Path, theme: str) -> None:
    pages, ctx = laid_out(recap, theme)
    widths: dict[object, set[tuple[float, ...]]] = {}
    for page in pages:
        for grid in (e for e in page.elements if isinstance(e, Grid)):
            widths.setdefault(page.origin, set()).add(grid.widths)
            sizes = [r.size for row in grid.cells for c in row for p in c.paras for r in p.runs]
            assert min(sizes) >= ctx.theme.components.table.size_min >= 14
    assert widths and all(len(w) == 1 for w in widths.values())


def test_table_cells_are_anchored_in_the_middle(tmp_path: Path) -> None:
    deck = tmp_path / "eu2019.pptx"
    build(ROOT / "recaps/eu2019.yaml", deck)
    with zipfile.ZipFile(deck) as z:
        slides = [
            z.read(n).decode() for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)
        ]
    cells = [tc for xml in slides for tc in re.findall(r"<a:tcPr [^>]*>", xml)]
    assert cells and all('anchor="ctr"' in tc for tc in cells)


@pytest.mark.parametrize("theme", THEMES)
def test_the_closing_slide_thanks_and_labels_its_qr_codes(theme: str) -> None:
    pages, ctx = laid_out(ROOT / "tests/fixtures/stress/stress.yaml", theme)
    [closing] = [p for p in pages if p.kind == "closing"]  # every link tiled: one slide
    assert texts(closing)[:2] == [THANKS, QUESTIONS]  # no over-line, "Thank you" once
    codes = [e for e in closing.elements if isinstance(e, Image) and e.role is Role.QR_CODE]
    tiles = [e for e in closing.elements if isinstance(e, TextBox) and e.role is Role.BODY]
    assert 1 <= len(codes) <= ctx.theme.components.closing.qr_links
    assert len({c.rect.y for c in codes}) == 1  # one row
    labels = ["".join(r.text for r in t.paras[0].runs).strip("\u200b") for t in tiles]
    assert labels == ["Schedule", "Playlist"]
    for code, tile in zip(codes, tiles, strict=True):
        assert (
            tile.rect.y >= code.rect.bottom
            and abs((tile.rect.x + tile.rect.w / 2) - (code.rect.x + code.rect.w / 2)) < 1
        )


@pytest.mark.parametrize("theme", THEMES)
def test_closing_links_beyond_the_tiles_go_on_one_line_under_them(theme: str) -> None:
    pages, ctx = laid_out(ROOT / "recaps/eu2019.yaml", theme)
    [thanks] = [p for p in pages if p.kind == "closing"]  # no "Links" slide after it
    assert texts(thanks)[:2] == ["Barcelona ’19: KubeCon + CloudNativeCon", QUESTIONS]
    codes = [e for e in thanks.elements if isinstance(e, Image) and e.role is Role.QR_CODE]
    assert len(codes) == 3  # whatever `qr_codes` says (it is `youtube`)
    assert "More: CNCF Slack (#serverless and more)\u200b" in texts(thanks)  # a link's end
    footer = (Role.FOOTER, Role.SLIDE_NUMBER)
    bottom = max(e.rect.bottom for e in thanks.elements if e.role not in footer)
    assert bottom <= ctx.theme.spacing.footer_top * 72


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_pictures_fill_70_percent_of_the_body(recap: Path, theme: str) -> None:
    pages, ctx = laid_out(recap, theme)
    body = ctx.body
    pictures = [
        e for p in pages if p.kind == "image" for e in p.elements if isinstance(e, Image) and e.path
    ]
    assert pictures
    for picture in pictures:
        assert picture.rect.w >= 0.7 * body.w or picture.rect.h >= 0.7 * body.h


def test_a_portrait_picture_sits_beside_its_caption() -> None:
    pages, _ = laid_out(ROOT / "tests/fixtures/stress/stress.yaml", "default")
    [page] = [p for p in pages if p.title == "A tall image"]
    [picture] = [e for e in page.elements if isinstance(e, Image)]
    [caption] = [e for e in page.elements[2:] if isinstance(e, TextBox) and e.rect.y < 480]
    assert caption.rect.x >= picture.rect.right
    assert caption.rect.y <= picture.rect.y + picture.rect.h / 2 <= caption.rect.bottom


def test_white_figures_get_a_frame_on_the_dark_theme_only() -> None:
    for theme, framed in (("dark", True), ("default", False), ("corporate", False)):
        pages, _ = laid_out(ROOT / "recaps/eu2019.yaml", theme)
        for page in (p for p in pages if p.kind == "image"):
            [picture] = [e for e in page.elements if isinstance(e, Image)]
            frames = [
                e
                for e in page.elements
                if isinstance(e, Shape) and e.fill == "FFFFFF" and e.rect.w > picture.rect.w
            ]
            assert bool(frames) is framed, (theme, page.title)


@pytest.mark.parametrize("theme", THEMES)
def test_the_talk_card_is_a_hero_slide(theme: str) -> None:
    pages, ctx = laid_out(ROOT / "recaps/eu2019.yaml", theme)
    cards = [p for p in pages if p.kind == "talk"]
    for card in cards:
        title = card.elements[0]
        assert isinstance(title, TextBox) and title.role is Role.TITLE
        assert title.paras[0].runs[0].size > ctx.theme.sizes.title  # larger than slide titles
        [code] = [e for e in card.elements if isinstance(e, Image)]
        assert code.rect.w >= ctx.theme.qr_size * 72
        assert WATCH in texts(card)
    [janet] = [p for p in cards if p.title == "Kubernetes Project Update"]
    box = next(e for e in janet.elements if isinstance(e, TextBox) and e.role is Role.CARD)
    speaker = box.paras[0].runs
    assert [r.text for r in speaker] == ["Janet Kuo", ", Software Engineer, Google"]
    assert speaker[1].color == ctx.theme.colors.muted


def test_links_on_dividers_take_the_divider_colour() -> None:
    recap = ROOT / "recaps/kubecon2019-team.yaml"
    checked = check(recap, "default")
    model, _ = collapse_steps(checked.recap, "collapse")
    presenter = model.presenters[0]
    from dataclasses import replace

    from deckgen.layout.generated import divider_page

    linked = replace(presenter, tagline="See [the site](https://example.com/) for more")
    page = divider_page(Context(checked.theme, model), linked)
    runs = [r for e in page.elements if isinstance(e, TextBox) for p in e.paras for r in p.runs]
    link = [r for r in runs if r.url]
    assert link and all(r.color == checked.theme.colors.divider_text for r in link)
