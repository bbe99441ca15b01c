"""The frame's remembered parts give what fresh layout gives: a topic's label, made once
for all its slides, is the label a fresh context makes on each slide; so are the title
area, the body and the accent rule, made once per context."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.api import check
from deckgen.layout.fit import INSET_X, count_lines
from deckgen.layout.frame import Context, accent_rule, title_area, title_box, topic_label
from deckgen.layout.page import TextBox

LONG = "A topic whose name is far too long for the one line a label above the title has " * 2

RECAP = f"""\
title: Memo recap
presenters:
  - name: Ana
    topics:
      - title: Short topic
        slides:
          - {{title: One, bullets: [a]}}
      - title: {LONG.strip()}
        slides:
          - {{title: Two, bullets: [b]}}
"""


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory) -> list[Context]:
    path = Path(tmp_path_factory.mktemp("memo")) / "recap.yaml"
    path.write_text(RECAP, encoding="utf-8")
    checked = check(path)
    deck = Context(checked.theme, checked.recap)
    return [replace(deck, topic=t) for t in checked.recap.presenters[0].topics]


def fresh_label(ctx: Context, heading: str, title: TextBox) -> TextBox | None:
    """The label from a context that has made none before."""
    return topic_label(Context(ctx.theme, ctx.recap, ctx.topic, ctx.title_size), heading, title)


@pytest.mark.parametrize("titles", [("One", "Two (2/2)", "A much longer slide title " * 4)])
def test_a_topics_label_is_the_label_fresh_layout_makes(
    contexts: list[Context], titles: tuple[str, ...]
) -> None:
    for ctx in contexts:
        for heading in titles:
            title = title_box(ctx, heading)
            label = topic_label(ctx, heading, title)
            assert label is not None
            assert label == fresh_label(ctx, heading, title)
            assert label.rect.bottom == title.rect.y


def test_a_topics_label_is_made_once_and_clipped_to_one_line(contexts: list[Context]) -> None:
    short, long = contexts
    assert short.label is short.label
    width = title_area(long).w - 2 * INSET_X
    para, _ = long.label
    assert "".join(r.text for r in para.runs).endswith("…")
    assert count_lines(para, width) == 1
    assert topic_label(short, "Short topic", title_box(short, "Short topic")) is None


def test_the_frame_parts_made_once_are_what_a_fresh_context_makes(contexts: list[Context]) -> None:
    ctx = contexts[0]
    fresh = Context(ctx.theme, ctx.recap, ctx.topic, ctx.title_size)
    assert accent_rule(ctx) is accent_rule(ctx)
    assert accent_rule(ctx) == accent_rule(fresh)
    assert title_area(ctx) is ctx.title_area == title_area(fresh)
    assert ctx.body is ctx.body == fresh.body
