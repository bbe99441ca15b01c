"""The strict YAML reader: plain YAML only, exact positions, bounded work."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import RecapError
from deckgen.load import read_yaml


def read_errors(path: Path) -> list[str]:
    with pytest.raises(RecapError) as caught:
        read_yaml(path)
    return [str(p) for p in caught.value.problems]


# --- plain data and positions ------------------------------------------------------


def test_reads_plain_data_with_positions(write):
    path = write(
        "r.yaml",
        """\
        title: KubeCon
        presenters:
          - name: Bryan
            topics: [Loki]
        """,
    )
    doc = read_yaml(path)
    assert doc.data == {"title": "KubeCon", "presenters": [{"name": "Bryan", "topics": ["Loki"]}]}
    assert str(doc.position(("title",))) == "r.yaml:1:8"
    assert str(doc.position(("presenters", 0, "topics", 0))) == "r.yaml:4:14"
    assert str(doc.key_position(("presenters", 0, "name"))) == "r.yaml:3:5"
    assert doc.files == [path.resolve()]


def test_display_name_is_used_in_positions(write):
    path = write("r.yaml", "title: x\n")
    assert str(read_yaml(path, "shown/as.yaml").position(("title",))) == "shown/as.yaml:1:8"


def test_utf8_bom_is_accepted(write):
    path = write("r.yaml", b"\xef\xbb\xbftitle: caf\xc3\xa9\n")
    assert read_yaml(path).data == {"title": "café"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("collapse_steps: off", "off"),
        ("value: NO", "NO"),
        ("value: no", "no"),
        ("value: yes", "yes"),
        ("value: On", "On"),
        ("value: y", "y"),
        ("value: true", True),
        ("value: False", False),
        ("value: ~", None),
        ("value: 42", 42),
        ("value: 1.5", 1.5),
    ],
)
def test_only_yaml_1_2_booleans(write, text, value):
    path = write("r.yaml", text + "\n")
    assert list(read_yaml(path).data.values()) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "date: 2019-06-13",
        "date: 2019-02-30",
        "date: 2019-06-13 10:00:00",
        "date: 2019-06-13T10:00Z",
    ],
)
def test_dates_stay_strings(write, text):
    path = write("r.yaml", text + "\n")
    assert read_yaml(path).data == {"date": text.removeprefix("date: ")}


def test_times_of_day_stay_strings(write):
    path = write("r.yaml", "start: 10:30\nlength: 1:30:00\n")
    assert read_yaml(path).data == {"start": "10:30", "length": "1:30:00"}


# --- refused input -----------------------------------------------------------------


def test_scalars_that_are_not_strings_keep_their_source_text(write, workdir):
    write("r.yaml", "cells: [1.10, 1e3, 0x1F, 007, 0o17, -0, 0.50, true, ~, text]\n")
    doc = read_yaml(Path("r.yaml"))  # a null is empty, as the recap format says
    assert [doc.text(("cells", i)) for i in range(10)] == [
        "1.10", "1e3", "0x1F", "007", "0o17", "-0", "0.50", "true", "", "text"
    ]  # fmt: skip
    assert doc.data["cells"][:2] == [1.1, 1000.0]  # the schema still sees numbers


def test_duplicate_key_points_at_second_and_names_first_line(write):
    path = write(
        "r.yaml",
        """\
        title: One
        subtitle: x
        title: Two
        """,
    )
    assert read_errors(path) == ["r.yaml:3:1: error: duplicate key `title` (first at line 1)"]


def test_duplicate_key_in_nested_mapping(write):
    path = write(
        "r.yaml",
        """\
        presenters:
          - name: A
            topics: []
            name: B
        """,
    )
    assert read_errors(path) == ["r.yaml:4:5: error: duplicate key `name` (first at line 2)"]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["echo hi"]', "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!foo bar", "!foo"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
    ],
)
def test_custom_tags_are_refused(write, value, tag):
    path = write("r.yaml", f"title: {value}\n")
    hint = "; if `!foo bar` is text, put it in quotes" if tag == "!foo" else ""
    assert read_errors(path) == [
        f"r.yaml:1:8: error: tag `{tag}` is not allowed: recaps are plain YAML{hint}"
    ]


def test_python_tag_is_never_executed(write, workdir):
    path = write("r.yaml", 'title: !!python/object/apply:os.system ["touch pwned"]\n')
    read_errors(path)
    assert not (workdir / "pwned").exists()


def test_every_bad_tag_of_a_file_is_reported(write):
    path = write(
        "r.yaml",
        """\
        a: !foo x
        b: !!binary aGVsbG8=
        """,
    )
    assert read_errors(path) == [
        "r.yaml:1:4: error: tag `!foo` is not allowed: recaps are plain YAML;"
        " if `!foo x` is text, put it in quotes",
        "r.yaml:2:4: error: tag `!!binary` is not allowed: recaps are plain YAML",
    ]


def test_non_string_keys_are_refused(write):
    path = write("r.yaml", "title: x\n1: one\n")
    assert read_errors(path) == ["r.yaml:2:1: error: keys must be plain strings"]


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_fails_quickly(write):
    path = write("r.yaml", BILLION_LAUGHS)
    assert read_errors(path) == ["r.yaml:1:64: error: more than 200000 values (alias expansion?)"]


def test_a_few_aliases_are_fine(write):
    path = write("r.yaml", "a: &x [1, 2]\nb: *x\n")
    assert read_yaml(path).data == {"a": [1, 2], "b": [1, 2]}


def test_not_utf8_points_at_the_bad_byte(write):
    path = write("r.yaml", b"title: x\nsubtitle: caf\xe9\n")
    assert read_errors(path) == ["r.yaml:2:14: error: not UTF-8 text"]


def test_not_utf8_column_counts_characters_not_bytes(write):
    path = write("r.yaml", "title: \u00e9\u00e9".encode() + b"\xff\n")
    assert read_errors(path) == ["r.yaml:1:10: error: not UTF-8 text"]


def test_nul_byte_is_a_binary_file(write):
    path = write("r.yaml", b"title: x\nsub\x00title: y\n")
    assert read_errors(path) == ["r.yaml:2:4: error: binary file"]


def test_utf16_file_is_a_binary_file(write):
    path = write("r.yaml", "title: x\n".encode("utf-16"))
    assert read_errors(path) == ["r.yaml:1:4: error: binary file"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(write, text):
    path = write("r.yaml", text)
    assert read_errors(path) == ["r.yaml:1:1: error: the file is empty; expected a mapping"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_must_be_a_mapping(write, text):
    path = write("r.yaml", text)
    assert read_errors(path) == ["r.yaml:1:1: error: expected a mapping at the top"]


def test_invalid_yaml_reports_position(write):
    path = write(
        "r.yaml",
        """\
        title: x
        subtitle: [a, b
        """,
    )
    assert read_errors(path) == [
        "r.yaml:3:1: error: invalid YAML: while parsing a flow sequence"
        " did not find expected ',' or ']'"
    ]


def test_invalid_indentation_reports_position(write):
    path = write(
        "r.yaml",
        """\
        title: x
         subtitle: y
        """,
    )
    assert read_errors(path) == [
        "r.yaml:2:2: error: invalid YAML: `subtitle` is indented more than `title` on line 1;"
        " line them up"
    ]


def test_two_documents_are_refused(write):
    path = write("r.yaml", "title: a\n---\ntitle: b\n")
    lines = read_errors(path)
    assert len(lines) == 1
    assert lines[0].startswith("r.yaml:2:1: error: invalid YAML: expected a single document")


def test_nesting_deeper_than_the_limit(write):
    path = write("r.yaml", "a: " + "[" * 100 + "]" * 100 + "\n")
    assert read_errors(path) == ["r.yaml:1:67: error: nesting deeper than 64 levels"]


def test_nesting_at_the_limit_is_fine(write):
    path = write("r.yaml", "a: " + "[" * 63 + "]" * 63 + "\n")
    read_yaml(path)


def test_one_empty_collection_past_the_limit(write):
    path = write("r.yaml", "a: " + "[" * 64 + "]" * 64 + "\n")
    assert read_errors(path) == ["r.yaml:1:67: error: nesting deeper than 64 levels"]


DEEP = "[" * 70 + "]" * 70


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (f"a: {DEEP}\nb: [\n", "1:67"),  # before a syntax error
        (f"a: *nope\nb: {DEEP}\n", "2:67"),  # after an undefined alias
        (f"? {DEEP}\n: 1\n", "1:66"),  # in a key that is not a string
        (f"a: 1\na: {DEEP}\n", "2:67"),  # under a duplicate key
        (f"a: !!set {{x: {DEEP}}}\n", "1:76"),  # under a tag that is refused
    ],
)
def test_too_deep_nesting_is_the_error_reported(write, text, where):
    path = write("r.yaml", text)
    assert read_errors(path) == [f"r.yaml:{where}: error: nesting deeper than 64 levels"]


def test_very_deep_nesting_does_not_crash(write):
    path = write("r.yaml", "a: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert read_errors(path) == ["r.yaml:1:67: error: nesting deeper than 64 levels"]


def test_missing_file(workdir):
    assert read_errors(Path("nope.yaml")) == ["nope.yaml: error: no such file"]


def test_folder_instead_of_file(workdir):
    (workdir / "dir.yaml").mkdir()
    assert read_errors(Path("dir.yaml")) == ["dir.yaml: error: is a folder, not a file"]


def test_file_too_large(write, monkeypatch):
    monkeypatch.setattr("deckgen.load.yaml_reader.MAX_FILE_BYTES", 1_000_000)
    path = write("r.yaml", "title: " + "x" * 1_000_000 + "\n")
    assert read_errors(path) == ["r.yaml: error: file is larger than 1 MB"]
