"""JSON-schema errors, translated into located, helpful one-line messages."""

from __future__ import annotations

import pytest

SLIDE = "presenters[0].topics[0].slides[0]"


def one_slide(slide: str) -> str:
    """A recap whose only slide is `slide` (YAML text at the indent of a slide's keys)."""
    first, *rest = slide.splitlines()
    body = "".join(f"\n{' ' * 12}{line}" for line in rest)
    return (
        "title: T\n"
        "presenters:\n"
        "  - name: A\n"
        "    topics:\n"
        "      - title: X\n"
        "        slides:\n"
        f"          - {first}{body}\n"
    )


def test_minimal_recap_is_valid(write, problems):
    assert problems(write("r.yaml", one_slide("text: hi"))) == []


def test_unknown_key_with_did_you_mean(write, problems):
    path = write("r.yaml", one_slide("bulets: [a, b]"))
    assert problems(path) == [
        f"r.yaml:7:13: error: {SLIDE}.bulets: unknown key `bulets`; did you mean `bullets`?"
    ]


def test_unknown_key_without_close_match_lists_the_keys(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        colour: blue
        presenters: [{name: A, topics: [{title: X}]}]
        """,
    )
    assert problems(path) == [
        "r.yaml:2:1: error: colour: unknown key `colour`; expected one of `closing`, `date`,"
        " `event`, `footer`, `options`, `presenters`, `subtitle`, `theme`, `title`"
    ]


def test_unknown_key_at_top_level_with_did_you_mean(write, problems):
    path = write("r.yaml", "titel: T\ntitle: T\npresenters: [{name: A, topics: [{title: X}]}]\n")
    assert problems(path) == [
        "r.yaml:1:1: error: titel: unknown key `titel`; did you mean `title`?"
    ]


def test_missing_required_key(write, problems):
    path = write("r.yaml", "title: T\n")
    assert problems(path) == ["r.yaml:1:1: error: missing required key `presenters`"]


def test_each_missing_required_key_is_reported_once(write, problems):
    path = write("r.yaml", "subtitle: S\n")
    assert problems(path) == [
        "r.yaml:1:1: error: missing required key `presenters`",
        "r.yaml:1:1: error: missing required key `title`",
    ]


def test_missing_required_keys_of_nested_items(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        presenters:
          - affiliation: Team
            topics:
              - summary: what it was
        """,
    )
    assert problems(path) == [
        "r.yaml:3:5: error: presenters[0]: missing required key `name`",
        "r.yaml:5:9: error: presenters[0].topics[0]: missing required key `title`",
    ]


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ("2019", "the number `2019`"),
        ("1.5", "the number `1.5`"),
        ("true", "`true`"),
    ],
)
def test_wrong_type_hints_at_quotes(write, problems, value, got):
    path = write("r.yaml", f"title: {value}\npresenters: [{{name: A, topics: [{{title: X}}]}}]\n")
    assert problems(path) == [
        f"r.yaml:1:8: error: title: expected a string, got {got}; put it in quotes"
    ]


def test_wrong_type_without_quote_hint(write, problems):
    path = write(
        "r.yaml",
        """\
        title: [a, b]
        subtitle:
        options:
          agenda: yes
        presenters: {name: A}
        """,
    )
    assert problems(path) == [
        "r.yaml:1:8: error: title: expected a string, got a list",
        "r.yaml:2:10: error: subtitle: expected a string, got nothing",
        "r.yaml:4:11: error: options.agenda: expected true or false, got `yes`",
        "r.yaml:5:13: error: presenters: expected a list, got a mapping",
    ]


def test_enum_with_suggestion(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        options:
          qr_codes: youtub
          collapse_steps: colapse
        presenters: [{name: A, topics: [{title: X}]}]
        """,
    )
    assert problems(path) == [
        "r.yaml:3:13: error: options.qr_codes: must be one of `youtube`, `all`, `none`,"
        " got `youtub`; did you mean `youtube`?",
        "r.yaml:4:19: error: options.collapse_steps: must be one of `collapse`, `animate`,"
        " `off`, got `colapse`; did you mean `collapse`?",
    ]


def test_enum_without_suggestion(write, problems):
    path = write(
        "r.yaml",
        "title: T\noptions: {qr_codes: 3}\npresenters: [{name: A, topics: [{title: X}]}]\n",
    )
    assert problems(path) == [
        "r.yaml:2:21: error: options.qr_codes: must be one of `youtube`, `all`, `none`,"
        " got the number `3`"
    ]


def test_yaml_1_2_off_is_a_valid_collapse_steps(write, problems):
    path = write(
        "r.yaml",
        "title: T\noptions: {collapse_steps: off}\npresenters: [{name: A, topics: [{title: X}]}]\n",
    )
    assert problems(path) == []


def test_min_items(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        presenters:
          - name: A
            topics: []
        """,
    )
    assert problems(path) == ["r.yaml:4:13: error: presenters[0].topics: needs at least 1 item"]


def test_min_items_of_presenters_and_bullets(write, problems):
    path = write("r.yaml", "title: T\npresenters: []\n")
    assert problems(path) == ["r.yaml:2:13: error: presenters: needs at least 1 item"]
    path = write("s.yaml", one_slide("bullets: []"))
    assert problems(path) == [f"s.yaml:7:22: error: {SLIDE}.bullets: needs at least 1 item"]


def test_empty_string(write, problems):
    path = write(
        "r.yaml",
        'title: T\nsubtitle: ""\npresenters: [{name: A, topics: [{title: X}]}]\n',
    )
    assert problems(path) == ["r.yaml:2:11: error: subtitle: must not be empty"]


@pytest.mark.parametrize("date", ["2019-02-30", "2019-13-01", "13.06.2019", "2019-6-13"])
def test_impossible_or_malformed_date(write, problems, date):
    path = write(
        "r.yaml",
        f"title: T\ndate: {date}\npresenters: [{{name: A, topics: [{{title: X}}]}}]\n",
    )
    assert problems(path) == [
        f"r.yaml:2:7: error: date: expected a real date as YYYY-MM-DD, got `{date}`"
    ]


def test_real_date_is_fine(write, problems):
    path = write(
        "r.yaml", "title: T\ndate: 2020-02-29\npresenters: [{name: A, topics: [{title: X}]}]\n"
    )
    assert problems(path) == []


def test_slide_without_content_key(write, problems):
    path = write("r.yaml", one_slide("title: Only a title"))
    assert problems(path) == [
        f"r.yaml:7:13: error: {SLIDE}: needs exactly one of `bullets`, `text`, `quote`, `code`,"
        " `table`, `image`, `video`, `links`, `stats`; found none"
    ]


def test_slide_with_two_content_keys(write, problems):
    path = write("r.yaml", one_slide("bullets: [a]\ntext: hi"))
    assert problems(path) == [
        f"r.yaml:7:13: error: {SLIDE}: needs exactly one of `bullets`, `text`, `quote`, `code`,"
        " `table`, `image`, `video`, `links`, `stats`; found `bullets` and `text`"
    ]


def test_mistyped_content_key_is_reported_once(write, problems):
    path = write("r.yaml", one_slide("title: Facts\nstat: [{value: 1, label: x}]"))
    assert problems(path) == [
        f"r.yaml:8:13: error: {SLIDE}.stat: unknown key `stat`; did you mean `stats`?"
    ]


def test_bullet_item_needs_text_or_code(write, problems):
    path = write("r.yaml", one_slide("bullets:\n  - bullets: [a]"))
    assert problems(path) == [
        f"r.yaml:8:17: error: {SLIDE}.bullets[0]: needs one of `text`, `code`; found none"
    ]


@pytest.mark.parametrize("speakers", ['"Henning Jacobs, Zalando SE"', "[Jane, John]"])
def test_speakers_as_string_or_list(write, problems, speakers):
    path = write(
        "r.yaml",
        f"title: T\npresenters: [{{name: A, topics: [{{title: X, speakers: {speakers}}}]}}]\n",
    )
    assert problems(path) == []


def test_speakers_must_not_be_a_number(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        presenters:
          - name: A
            topics:
              - title: X
                speakers: [Jane, 42]
        """,
    )
    assert problems(path) == [
        "r.yaml:6:26: error: presenters[0].topics[0].speakers[1]: expected a string,"
        " got the number `42`; put it in quotes"
    ]


def test_long_values_are_shortened(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        options: {qr_codes: %s}
        presenters: [{name: A, topics: [{title: X}]}]
        """
        % ("x" * 60),
    )
    assert problems(path) == [
        "r.yaml:2:21: error: options.qr_codes: must be one of `youtube`, `all`, `none`,"
        f" got `{'x' * 37}...`"
    ]


def test_all_problems_of_a_file_at_once_sorted_by_position(write, problems):
    path = write(
        "r.yaml",
        """\
        title: 2019
        options:
          qr_codes: youtub
        date: 2019-02-30
        presenters:
          - name: A
            topics:
              - title: X
                slides:
                  - bulets: [a]
                  - text: ""
          - name: B
            topics: []
        """,
    )
    assert problems(path) == [
        "r.yaml:1:8: error: title: expected a string, got the number `2019`; put it in quotes",
        "r.yaml:3:13: error: options.qr_codes: must be one of `youtube`, `all`, `none`,"
        " got `youtub`; did you mean `youtube`?",
        "r.yaml:4:7: error: date: expected a real date as YYYY-MM-DD, got `2019-02-30`",
        "r.yaml:10:13: error: presenters[0].topics[0].slides[0].bulets: unknown key `bulets`;"
        " did you mean `bullets`?",
        "r.yaml:11:19: error: presenters[0].topics[0].slides[1].text: must not be empty",
        "r.yaml:13:13: error: presenters[1].topics: needs at least 1 item",
    ]


def test_schema_errors_in_an_included_file_name_that_file(write, problems):
    write(
        "rec/team/bryan.yaml",
        """\
        name: Bryan
        topics:
          - title: Loki
            bulets: [a]
        """,
    )
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/bryan.yaml\n")
    assert problems(path) == [
        "rec/team/bryan.yaml:4:5: error: presenters[0].topics[0].bulets: unknown key `bulets`;"
        " expected one of `slides`, `slides_url`, `speakers`, `summary`, `title`, `video`"
    ]


def test_include_must_be_a_string(write, problems):
    path = write("r.yaml", "title: T\npresenters:\n  - include: 5\n")
    assert problems(path) == [
        "r.yaml:3:14: error: presenters[0].include: expected a string, got the number `5`;"
        " put it in quotes"
    ]
