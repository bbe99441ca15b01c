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
    long_url_texts,
    people_date,
    smarten,
)
from deckgen.links import brief
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
        ("Barcelona '19 and the '90s", "Barcelona ’19 and the ’90s"),
        ("And more... now -> try it, a->b, 1....2", "And more… now → try it, a->b, 1....2"),
    ],
)
def test_smarten(text: str, typeset: str) -> None:
    assert smarten(text) == typeset
    assert smarten(typeset) == typeset  # a typeset text stays as it is


def test_a_quote_after_a_span_follows_the_text_before_it() -> None:
    assert smarten('" ok', before="x") == "” ok"
    assert smarten('"ok', before=" ") == "“ok"


@pytest.mark.parametrize(
    ("url", "printed"),
    [
        ("https://github.com/moby/buildkit", "github.com/moby/buildkit"),  # never the scheme
        ("https://www.example.com/", "example.com"),
        (
            "https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG-1.15.md",
            "github.com/…/CHANGELOG-1.15.md",  # the last segment kept
        ),
        (
            "https://grafana.com/blog/2019/01/02/closer-look-at-loki/",
            "grafana.com/blog/…/closer-look-at-loki",
        ),
        (
            "https://www.youtube.com/playlist?list=PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3",
            "youtube.com/playlist?…",
        ),
        (
            "https://blog.rook.io/rook-v1-0-a-major-milestone-689ca4c75508",
            "blog.rook.io/…/rook-v1-0-a-major…",
        ),
        (
            "https://kccnceu19.sched.com/event/MPfQ/buildkit-akihiro-suda-ntt-corporation",
            "kccnceu19.sched.com/…/buildkit-akihiro…",  # the last segment's first words
        ),
        ("https://" + "a" * 50 + ".com/x", "a" * 50 + ".com/…"),  # a host is never cut
        ("mailto:ana@example.com", "ana@example.com"),
        (  # escapes decoded for people
            "https://static.sched.com/hosted_files/kccnceu19/6c/Learn%20how%20to%20Leverage.pdf",
            "static.sched.com/…/Learn how to…",
        ),
        ("https://example.org/a%0Ab", "example.org/a%0Ab"),  # not printable: as written
        ("https://example.org/%FF%FE", "example.org/%FF%FE"),  # not UTF-8: as written
    ],
)
def test_addresses_are_printed_short_at_whole_segments_or_words(url: str, printed: str) -> None:
    assert brief(url, 40) == printed
    assert len(printed) <= 40 or printed.startswith("a" * 50)
    assert "https://" not in printed


def test_texts_whose_raw_address_prints_otherwise_go_to_the_notes_whole() -> None:
    rook = "https://blog.rook.io/rook-v1-0-a-major-milestone-689ca4c75508"
    content = Bullets(
        (
            Bullet(f"Release post: {rook}"),
            Bullet(f"[the post]({rook})"),  # a label: nothing printed raw
            Bullet("see https://rook.io", code=Code(rook)),  # printed "see rook.io"
            Bullet("see rook.io/docs"),  # printed as written
        )
    )
    assert long_url_texts(content, 40) == [f"Release post: {rook}", "see https://rook.io"]


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
