"""Text measuring and fitting (stage 5): font metrics, line counts, fit and pagination."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.layout.fit import count_lines, fit, para_height, text_height
from deckgen.layout.flow import paginate
from deckgen.layout.fonts import text_width
from deckgen.layout.frame import Context
from deckgen.layout.page import Para, Run
from deckgen.layout.text_kinds import bullet_group
from deckgen.layout.typography import smarten
from deckgen.model import Bullet, Recap
from deckgen.theme import Theme, builtin_themes_dir, load_theme

PROPERTIES = settings(derandomize=True, max_examples=200, deadline=None, database=None)
FAMILIES = ("Calibri", "Arial", "Courier New")
BODY_W, BODY_H = 873.6, 378.0  # the default theme's body area (0.6 in margins)

# Latin, Greek, Cyrillic, punctuation, CJK, kana, Hangul and a few symbols
TEXT = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-\u2013\u2014'\"()/"
        "éüßçøÅαβγЖЯ€™•▶→中文字漢かなカナ한국어😀"
    ),
    max_size=40,
)


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme(builtin_themes_dir() / "default")


def para(text: str, size: float = 26.0, family: str = "Calibri", **style: object) -> Para:
    return Para((Run(text, family, size, "1E293B"),), **style)  # type: ignore[arg-type]


def words_of(paras: tuple[Para, ...] | list[Para]) -> list[str]:
    return [w for p in paras for r in p.runs for w in r.text.split()]


def sizes_of(paras: tuple[Para, ...] | list[Para]) -> set[float]:
    return {r.size for p in paras for r in p.runs}


# --- font metrics ---------------------------------------------------------------------------


@PROPERTIES
@given(TEXT, TEXT, st.sampled_from(FAMILIES), st.booleans())
def test_text_width_grows_with_the_text(head: str, tail: str, family: str, bold: bool):
    assert text_width(head + tail, family, 20, bold) >= text_width(head, family, 20, bold) - 1e-9


@PROPERTIES
@given(
    TEXT,
    st.sampled_from(FAMILIES),
    st.floats(min_value=1, max_value=200),
    st.floats(min_value=0.1, max_value=10),
)
def test_text_width_scales_linearly_with_size(text: str, family: str, size: float, k: float):
    assert text_width(text, family, size * k) == pytest.approx(k * text_width(text, family, size))


@pytest.mark.parametrize("family", FAMILIES)
def test_text_width_of_latin_text_is_plausible(family: str):
    width = text_width("Kubernetes", family, 10)
    assert 30 < width < 70
    assert text_width("", family, 10) == 0
    assert text_width("Kubernetes", family, 10, bold=True) >= width


def test_family_names_are_case_insensitive():
    assert text_width("Loki", "calibri", 12) == text_width("Loki", "CALIBRI", 12)


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("char", list("中漢かカ한국Ａ\u3000😀"))
def test_cjk_characters_count_at_least_one_em(family: str, char: str):
    assert text_width(char, family, 10) >= 10 - 1e-9
    assert text_width("Loki" + char, family, 10) >= text_width("Loki", family, 10) + 10 - 1e-9


@pytest.mark.parametrize("family", FAMILIES)
def test_hangul_jamo_count_at_least_one_em(family: str):
    assert text_width("\u1100", family, 10) >= 10


# --- lines, fit -----------------------------------------------------------------------------


def test_count_lines():
    assert count_lines(para(""), 500) == 1
    assert count_lines(para("Loki"), 500) == 1
    long = para(" ".join(["logging"] * 60))
    assert count_lines(long, 2000) < count_lines(long, 800) < count_lines(long, 300)


@PROPERTIES
@given(
    st.lists(st.sampled_from(["Helm", "Tiller", "Kubernetes", "a", "chart.yaml"]), max_size=40),
    st.floats(min_value=60, max_value=900),
    st.floats(min_value=1.0, max_value=3.0),
)
def test_fewer_lines_in_a_wider_box(words: list[str], width: float, wider: float):
    p = para(" ".join(words))
    assert count_lines(p, width * wider) <= count_lines(p, width)


def test_a_word_longer_than_the_line_breaks_anywhere():
    word = "x" * 400
    width = text_width(word, "Calibri", 26)
    assert count_lines(para(word), width / 3.5) >= 4


def test_text_height_adds_the_insets():
    assert text_height([], 500) == pytest.approx(7.2)
    one = para("Loki")
    assert text_height([one], 500) == pytest.approx(para_height(one, 500 - 14.4) + 7.2)


def test_fit_keeps_the_size_when_the_text_fits():
    paras = [para("Like Prometheus, but for logs"), para("Grafana Loki")]
    assert fit(paras, BODY_W, BODY_H, 26, 18) == tuple(paras)


def test_fit_shrinks_in_one_point_steps_down_to_the_minimum():
    paras = [para(" ".join(["observability"] * 14)) for _ in range(8)]
    fitted = fit(paras, BODY_W, BODY_H, 26, 18)
    assert fitted is not None
    (size,) = sizes_of(fitted)
    assert 18 <= size < 26
    assert size == int(size)
    assert text_height(fitted, BODY_W) <= BODY_H
    # one point larger does not fit
    bigger = fit(paras, BODY_W, BODY_H, 26, size + 1)
    assert bigger is None


def test_fit_gives_none_when_even_the_minimum_is_too_large():
    paras = [para(" ".join(["observability"] * 40)) for _ in range(10)]
    assert fit(paras, BODY_W, BODY_H, 26, 18) is None


# --- pagination -----------------------------------------------------------------------------


def test_a_paragraph_that_fits_stays_one_page_at_full_size():
    pages = paginate([(para("Like Prometheus, but for logs"),)], BODY_W, BODY_H, 26, 18)
    assert len(pages) == 1
    assert sizes_of(pages[0]) == {26}


BULLETS = [
    f"Bullet {n}: {topic}"
    for n, topic in enumerate(
        [
            "bye bye Tiller",
            "some CLI changes",
            "Namespaced releases",
            "Chart dependencies are in chart.yaml now",
            "No autogenerated names by default",
            "OCI repos",
            "optional LUA templating",
            "Alpha 1 available now -> try it!",
            "Helm Summit in Amsterdam",
            "Loki: like Prometheus, but for logs",
            "Knative serving and eventing",
            "buildkit: concurrent, cache-efficient builds",
            "Operators run your complex apps",
            "Service Mesh Interface (SMI)",
        ],
        start=1,
    )
]


@pytest.fixture(scope="module")
def bullet_pages(theme: Theme) -> list[tuple[Para, ...]]:
    ctx = Context(theme, Recap("Recap", (), source=None))  # type: ignore[arg-type]
    size = theme.sizes.body
    groups = [bullet_group(ctx, Bullet(text), 0, size) for text in BULLETS]
    return paginate(groups, BODY_W, BODY_H, size, theme.sizes.body_min)


def test_a_long_bullet_list_continues_on_further_pages(bullet_pages: list[tuple[Para, ...]]):
    assert len(bullet_pages) >= 2


def test_every_bullet_appears_once_in_order(bullet_pages: list[tuple[Para, ...]]):
    texts = ["".join(r.text for r in p.runs) for page in bullet_pages for p in page]
    assert texts == [smarten(b) for b in BULLETS]  # "->" set as "→"
    assert all(p.bullet == "•" for page in bullet_pages for p in page)


def test_no_page_is_taller_than_its_box(bullet_pages: list[tuple[Para, ...]]):
    for page in bullet_pages:
        assert text_height(page, BODY_W) <= BODY_H


def test_pages_keep_one_size_at_least_the_minimum(
    bullet_pages: list[tuple[Para, ...]], theme: Theme
):
    sizes = set().union(*(sizes_of(page) for page in bullet_pages))
    assert len(sizes) == 1
    assert min(sizes) >= theme.sizes.body_min


def test_the_fewest_pages_then_the_largest_size(bullet_pages: list[tuple[Para, ...]], theme: Theme):
    """One point larger would need more pages."""
    (size,) = sizes_of(bullet_pages[0])
    if size < theme.sizes.body:
        ctx = Context(theme, Recap("Recap", (), source=None))  # type: ignore[arg-type]
        groups = [bullet_group(ctx, Bullet(t), 0, size + 1) for t in BULLETS]
        assert len(paginate(groups, BODY_W, BODY_H, size + 1, size + 1)) > len(bullet_pages)


@PROPERTIES
@given(
    st.lists(
        st.lists(st.sampled_from(["Helm", "Tiller", "observability", "a", "OCI"]), max_size=30),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([(26.0, 18.0), (44.0, 18.0), (18.0, 12.0)]),
)
def test_paginated_pages_fit_and_keep_every_word(paragraphs: list[list[str]], sizes: tuple):
    size, minimum = sizes
    groups = [(para(" ".join(words), size),) for words in paragraphs]
    pages = paginate(groups, BODY_W, BODY_H, size, minimum)
    assert words_of([p for page in pages for p in page]) == [w for ws in paragraphs for w in ws]
    for page in pages:
        assert page
        assert text_height(page, BODY_W) <= BODY_H
        assert min(sizes_of(page)) >= minimum - 1e-9


VOCABULARY = (
    *("Kubernetes", "cluster", "operator", "Helm", "chart", "Tiller", "logging", "backend"),
    *("Prometheus", "Grafana", "Loki", "serverless", "Knative", "buildkit", "containers"),
)


def test_an_enormous_paragraph_is_cut_into_pieces_that_each_fit():
    words = [VOCABULARY[(i * 7) % len(VOCABULARY)] for i in range(3000)]
    pages = paginate([(para(" ".join(words), bullet="•", indent=23.04),)], BODY_W, BODY_H, 26, 18)
    assert len(pages) > 5
    for page in pages:
        assert len(page) == 1
        assert text_height(page, BODY_W) <= BODY_H
        assert sizes_of(page) == {18}
    assert words_of([p for page in pages for p in page]) == words
    # only the first piece carries the bullet
    assert [page[0].bullet for page in pages] == ["•"] + [None] * (len(pages) - 1)


def test_cutting_a_paragraph_keeps_its_text():
    runs: list[Run] = []
    for i in range(40):
        runs += [
            Run(f"word{i % 5} see ", "Calibri", 26, "1E293B"),
            Run("Loki", "Calibri", 26, "1E293B", bold=True),
            Run(", the end. ", "Calibri", 26, "1E293B"),
        ]
    pages = paginate([(Para(tuple(runs)),)], 400, 150, 26, 18)
    assert len(pages) > 1
    pieces = ["".join(r.text for r in page[0].runs) for page in pages]
    assert " ".join(p.strip() for p in pieces) == "".join(r.text for r in runs).strip()
