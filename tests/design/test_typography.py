"""Display text is typeset: typographic quotes and dashes (never in code or addresses),
long raw addresses printed short, dates for people, statements told from paragraphs,
titles on balanced lines."""

from __future__ import annotations

import pytest

from deckgen.layout.fit import INSET_X, count_lines, longest_line
from deckgen.layout.page import Para, Run
from deckgen.layout.typography import (
    balanced,
    is_statement,
    iso_date,
    long_url,
    long_url_texts,
    people_date,
    short_url,
    smarten,
)
from deckgen.model import Bullet, Bullets, Code


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ('it\'s "quoted"', "it’s “quoted”"),
        ("'single' and users' logs", "‘single’ and users’ logs"),
        ("May 20-23, 2019", "May 20–23, 2019"),
        ("before - after", "before – after"),
        (
            "2019-06-13, v1-0-a, 1.10-2, x86-64, a -- b",
            "2019-06-13, v1-0-a, 1.10-2, x86-64, a -- b",
        ),
        ('("a")', "(“a”)"),
    ],
)
def test_smarten(text: str, typeset: str) -> None:
    assert smarten(text) == typeset
    assert smarten(typeset) == typeset  # a typeset text stays as it is


def test_a_quote_after_a_span_follows_the_text_before_it() -> None:
    assert smarten('" ok', before="x") == "” ok"
    assert smarten('"ok', before=" ") == "“ok"


def test_long_raw_addresses_are_printed_short_at_a_separator() -> None:
    rook = "https://blog.rook.io/rook-v1-0-a-major-milestone-689ca4c75508"
    assert short_url(rook, 40) == "blog.rook.io/rook-v1-0-a-major-…"
    assert len(short_url(rook, 40)) <= 40
    assert long_url("https://github.com/moby/buildkit", 40) == "https://github.com/moby/buildkit"
    assert long_url(rook, 40) == short_url(rook, 40)
    assert short_url("https://www.example.com/", 40) == "example.com"
    assert short_url("https://" + "a" * 50 + ".com/x", 40) == "a" * 39 + "…"


def test_texts_with_a_long_raw_address_go_to_the_notes_whole() -> None:
    rook = "https://blog.rook.io/rook-v1-0-a-major-milestone-689ca4c75508"
    content = Bullets(
        (
            Bullet(f"Release post: {rook}"),
            Bullet(f"[the post]({rook})"),  # a label: nothing printed raw
            Bullet("see https://rook.io", code=Code(rook)),
        )
    )
    assert long_url_texts(content, 40) == [f"Release post: {rook}"]


def test_dates_for_people_and_back() -> None:
    assert people_date("2019-06-13") == "13 June 2019"
    assert iso_date("13 June 2019") == "2019-06-13"
    assert people_date("June 2019") == "June 2019"
    assert iso_date("31 February 2019") == "31 February 2019"


def test_statements_are_short_single_paragraphs() -> None:
    assert is_statement("I WANT TO KNOW WHY!", 12)
    assert is_statement("**CPU** throttling", 12)
    assert not is_statement(" ".join(["word"] * 13), 12)
    assert not is_statement("One.\n\nTwo.", 12)


def test_a_balanced_title_has_no_orphan() -> None:
    words = "How Spotify Accidentally Deleted All its Kube Clusters with No User Impact"
    para = Para((Run(words, "Calibri", 32, "000000", bold=True),))
    width = 820.0
    assert count_lines(para, width - 2 * INSET_X) == 2
    narrow = balanced(para, width, 2)
    assert narrow < width
    assert count_lines(para, narrow - 2 * INSET_X) == 2
    assert count_lines(para, narrow - 10 - 2 * INSET_X) == 3  # the narrowest that holds two
    # so the lines are even: each about half the text, not a full line and an orphan
    assert narrow < 0.6 * longest_line(para) + 2 * INSET_X + 20
