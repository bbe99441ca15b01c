"""YAML mistakes people make are told in plain words, at the line that holds the mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import problems_of

from deckgen.errors import RecapError
from deckgen.load import read_yaml

SLIDE = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        slides:
          - title: S
"""


def error_of(write, text: str) -> str:
    path = write("r.yaml", text)
    with pytest.raises(RecapError) as caught:
        read_yaml(path)
    (problem,) = caught.value.problems
    return str(problem)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: T\npresenters:\n\t- name: A\n", "r.yaml:3:1"),
        ("title: T\nsubtitle: x\n\tfooter: y\n", "r.yaml:3:1"),
        ("title: T\nevent:\n  \tname: x\n", "r.yaml:3:3"),
    ],
)
def test_a_tab_used_for_indentation(write, text, expected):
    assert error_of(write, text) == (
        f"{expected}: error: invalid YAML: a tab indents this line; indent with spaces"
    )


def test_a_key_indented_too_far(write):
    text = "title: T\nevent:\n  name: KubeCon\n   location: Barcelona\n"
    assert error_of(write, text) == (
        "r.yaml:4:4: error: invalid YAML: `location` is indented more than `name` on line 3;"
        " line them up"
    )


def test_a_key_indented_too_far_in_a_list_item(write):
    text = "title: T\npresenters:\n  - name: A\n     topics: []\n"
    assert error_of(write, text) == (
        "r.yaml:4:6: error: invalid YAML: `topics` is indented more than `name` on line 3;"
        " line them up"
    )


def test_a_key_indented_too_little(write):
    text = "title: T\nevent:\n    name: KubeCon\n  location: Barcelona\n"
    assert error_of(write, text) == (
        "r.yaml:4:3: error: invalid YAML: `location` is indented less than `name` on line 3;"
        " line them up"
    )


def test_a_key_indented_too_little_in_a_list_item(write):
    text = "title: T\npresenters:\n  - name: A\n   topics: []\n"
    assert error_of(write, text) == (
        "r.yaml:4:4: error: invalid YAML: `topics` is indented less than `name` on line 3;"
        " line them up"
    )


def test_a_bullet_indented_too_little(write):
    text = SLIDE + "            bullets:\n              - one\n             - two\n"
    assert error_of(write, text) == (
        "r.yaml:10:14: error: invalid YAML: `- two` is indented less than `- one` on line 9;"
        " line them up"
    )


def test_a_block_scalar_above_does_not_count_as_indentation(write):
    text = (
        SLIDE
        + "            code:\n              source: |\n                deep\n"
        + "                  deeper\n             language: go\n"
    )
    assert error_of(write, text) == (
        "r.yaml:12:14: error: invalid YAML: `language` is indented less than `source`"
        " on line 9; line them up"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Step 1: build\n", "r.yaml:1:8: error: invalid YAML: `Step 1: build`"),
        (
            SLIDE + "            text: Note: this is text\n",
            "r.yaml:8:19: error: invalid YAML: `Note: this is text`",
        ),
        (
            SLIDE + "            bullets:\n              - text: Step 2: run\n",
            "r.yaml:9:23: error: invalid YAML: `Step 2: run`",
        ),
    ],
)
def test_a_colon_in_a_value_says_quote_it(write, text, expected):
    assert error_of(write, text) == (
        f"{expected} reads as a key and a value; put the text in quotes"
    )


def test_a_colon_in_text_below_its_key_says_quote_it(write):
    write(
        "r.yaml",
        SLIDE.replace("title: S", "title:\n              Step 1: build") + "            text: t\n",
    )
    assert problems_of(Path("r.yaml")) == [
        "r.yaml:8:15: error: presenters[0].topics[0].slides[0].title:"
        " `Step 1: build` reads as a key and a value; put the text in quotes"
    ]


def test_a_colon_in_a_speaker_name_says_quote_it(write):
    write(
        "r.yaml",
        SLIDE.replace("        slides:", "        speakers: [Jane: Doe]\n        slides:")
        + "            text: t\n",
    )
    assert problems_of(Path("r.yaml")) == [
        "r.yaml:6:20: error: presenters[0].topics[0].speakers[0]:"
        " `Jane: Doe` reads as a key and a value; put the text in quotes"
    ]


@pytest.mark.parametrize(
    ("value", "col", "words"),
    [
        (
            "New certification: **CKS**",
            36,
            "`**CKS**` starts with `*`, which YAML reads as an alias",
        ),
        ("**CKS** is new", 17, "`**CKS** is new` starts with `*`, which YAML reads as an alias"),
        ("*CKS", 17, "`*CKS` starts with `*`, which YAML reads as an alias"),
        ("& friends", 17, "`& friends` starts with `&`, which YAML reads as an anchor"),
        ("@home", 17, "`@home` starts with `@`, which YAML reserves"),
        ("`kubectl` tips", 17, '"`kubectl` tips" starts with a backtick, which YAML reserves'),
        ("%d done", 17, "`%d done` starts with `%`, which YAML reads as a directive"),
    ],
)
def test_a_value_starting_with_a_reserved_character_says_quote_it(write, value, col, words):
    text = SLIDE + f"            bullets:\n              - {value}\n"
    assert error_of(write, text) == (
        f"r.yaml:9:{col}: error: invalid YAML: {words}; put the text in quotes"
    )


def test_a_value_starting_with_an_exclamation_mark_says_quote_it(write):
    path = write("r.yaml", "title: !important news\n")
    with pytest.raises(RecapError) as caught:
        read_yaml(path)
    assert [str(p) for p in caught.value.problems] == [
        "r.yaml:1:8: error: tag `!important` is not allowed: recaps are plain YAML;"
        " if `!important news` is text, put it in quotes"
    ]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_at_the_end(write, quote):
    text = f"title: T\nsubtitle: {quote}June 2019\nfooter: x\n"
    assert error_of(write, text) == (
        f"r.yaml:2:11: error: invalid YAML: the quote `{quote}` that opens this text is never"
        f" closed; add the closing `{quote}`"
    )


def test_an_unclosed_quote_closed_by_a_later_one(write):
    text = 'title: T\nsubtitle: "June 2019\nfooter: "x"\n'
    assert error_of(write, text) == (
        'r.yaml:2:11: error: invalid YAML: the quote `"` that opens this text is not closed on'
        ' its line (the text runs on into line 3); add the closing `"`'
    )


def test_a_quoted_text_over_several_lines_is_still_fine(write):
    path = write("r.yaml", 'title: "one\n  two"\nsubtitle: x\n')
    assert read_yaml(path).data == {"title": "one two", "subtitle": "x"}


def test_other_syntax_errors_keep_the_parser_words(write):
    assert error_of(write, "title: x\nsubtitle: [a, b\n") == (
        "r.yaml:3:1: error: invalid YAML: while parsing a flow sequence"
        " did not find expected ',' or ']'"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nsubtitle June 2019\nfooter: x\n",
            "r.yaml:2:1: error: invalid YAML: `subtitle June 2019`",
        ),
        (
            "title: T\nevent:\n  name: x\n  location\n",
            "r.yaml:4:3: error: invalid YAML: `location`",
        ),
    ],
)
def test_a_line_without_its_colon(write, text, expected):
    assert error_of(write, text) == (
        f"{expected} is missing the `:` after its key (or the `- ` of a list item)"
    )


def test_a_line_starting_with_a_bracket_is_not_called_an_indentation_mistake(write):
    text = SLIDE + "            bullets:\n              - one\n             [two\n"
    assert "indented" not in error_of(write, text)
