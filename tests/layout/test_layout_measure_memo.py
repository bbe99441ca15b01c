"""The speed paths of measuring and fitting give what the plain ones gave: memoised
widths and line counts equal fresh measurements, and `scaled` equals
`dataclasses.replace` field by field."""

from __future__ import annotations

import re
from dataclasses import fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.layout.test_layout_fit import TEXT

from deckgen.layout import fit as fit_module
from deckgen.layout.fit import copy_with, count_lines, para_height, scaled
from deckgen.layout.fonts import Face, face, line_height, text_width
from deckgen.layout.page import Para, Run

PROPERTIES = settings(derandomize=True, max_examples=150, deadline=None, database=None)
SIZES = st.one_of(st.integers(1, 120), st.floats(1.0, 120.0, allow_nan=False))
RUNS = st.builds(
    Run, st.text(max_size=12), st.sampled_from(("Calibri", "Arial")), SIZES, st.just("000000")
)
PARAS = st.builds(
    Para, st.tuples(RUNS, RUNS) | st.tuples(RUNS), space_before=st.floats(0, 40) | st.just(0)
)
FACTORS = st.sampled_from((1.0, 0.95, 0.9, 24 / 26, 0.5)) | st.floats(0.3, 1.0)


def replaced(paras: tuple[Para, ...], factor: float) -> tuple[Para, ...]:
    """What `scaled` gave before it skipped unchanged paragraphs and copied fast."""
    return tuple(
        replace(
            p,
            runs=tuple(replace(r, size=round(r.size * factor, 1)) for r in p.runs),
            space_before=p.space_before * factor,
        )
        for p in paras
    )


def shape(value: object) -> object:
    """A value with the type of every number kept (28 and 28.0 write differently)."""
    if isinstance(value, tuple):
        return tuple(shape(v) for v in value)
    if isinstance(value, Para | Run):
        return (type(value), *(shape(getattr(value, f.name)) for f in fields(value)))
    return (type(value), value)


@PROPERTIES
@given(st.lists(PARAS, max_size=3).map(tuple), FACTORS)
def test_scaled_is_replace_field_by_field(paras: tuple[Para, ...], factor: float) -> None:
    assert shape(scaled(paras, factor)) == shape(replaced(paras, factor))


def test_scaling_by_one_keeps_paragraphs_already_at_their_size() -> None:
    kept = Para((Run("a", "Calibri", 24.0, "000000"),), space_before=6.0)
    rounded = Para((Run("b", "Calibri", 24.64, "000000"),))
    out = scaled((kept, rounded), 1.0)
    assert out[0] is kept
    assert out[1].runs[0].size == 24.6


def test_copy_with_changes_only_the_fields_named() -> None:
    run = Run("text", "Calibri", 20.0, "112233", bold=True, url="https://example.com")
    assert copy_with(run, size=12.0) == replace(run, size=12.0)
    assert run.size == 20.0


@PROPERTIES
@given(TEXT, st.sampled_from(("Calibri", "ARIAL", "courier new")), st.booleans())
def test_memoised_widths_equal_fresh_measurements(text: str, family: str, bold: bool) -> None:
    once = face(family, bold).width_em(text)
    assert face(family, bold).width_em(text) == once
    assert Face(family.lower(), bold).width_em(text) == once
    assert text_width(text, family, 18.0, bold) == once * 18.0


def test_the_width_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Face, "_LIMIT", 3)
    fresh = Face("calibri", False)
    widths = [fresh.width_em(word) for word in ("a", "bb", "ccc", "dddd", "a")]
    assert len(fresh._widths) <= 3
    assert widths[0] == widths[-1]


def wrapped_fresh(para: Para, width: float) -> int:
    """What `count_lines` gave before it remembered paragraphs and words: every word
    measured afresh, with its trailing space and without."""
    width *= 0.95
    lines, used = 1, 0.0
    for r in para.runs:
        measure = face(r.font, r.bold, r.italic).width_em
        for word in re.findall(r"\S+\s*|\s+", r.text.replace("\n", " ")):
            w, bare = measure(word) * r.size, measure(word.rstrip()) * r.size
            if used + bare <= width:
                used += w
            elif bare <= width:
                lines, used = lines + 1, w
            else:
                extra, used = divmod(used + w, width)
                lines += int(extra)
    return lines


WIDTHS = st.floats(20.0, 900.0) | st.integers(20, 900)


@PROPERTIES
@given(PARAS, WIDTHS)
def test_remembered_line_counts_and_heights_equal_fresh_wrapping(para: Para, width: float) -> None:
    lines = wrapped_fresh(para, width - para.indent)
    size = max((r.size for r in para.runs), default=12.0)
    family = para.runs[0].font if para.runs else "Calibri"
    height = para.space_before + lines * line_height(family) * size * para.line_spacing
    for _ in range(2):  # measured, then remembered
        assert count_lines(para, width - para.indent) == lines
        assert para_height(para, width) == height


def test_a_remembered_line_count_is_per_width_and_text() -> None:
    para = Para((Run("word " * 30, "Calibri", 20.0, "000000"),))
    narrow, wide = count_lines(para, 200.0), count_lines(para, 800.0)
    assert narrow > wide == count_lines(para, 800.0)
    other = Para((Run("word " * 60, "Calibri", 20.0, "000000"),))
    assert count_lines(other, 800.0) > wide


def test_the_line_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit_module, "_MEASURED_LIMIT", 2)
    fit_module._MEASURED.clear()
    paras = [Para((Run(t, "Calibri", 20.0, "000000"),)) for t in ("a b", "c d e", "f", "a b")]
    counts = [count_lines(p, 300.0) for p in paras]
    assert len(fit_module._MEASURED) <= 2
    assert counts[0] == counts[-1] == 1


@PROPERTIES
@given(TEXT, st.booleans())
def test_a_words_widths_are_its_widths_with_and_without_its_space(text: str, bold: bool) -> None:
    word = text + " "
    widths = face("Calibri", bold).word_em(word)
    assert widths == (
        face("Calibri", bold).width_em(word),
        face("Calibri", bold).width_em(text.rstrip()),
    )
    assert face("Calibri", bold).word_em(word) == widths
