"""The importer's inline Markdown and YAML writing: whatever the deck says reads back as itself."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen import inline
from deckgen.importer.blocks import BulletLine, nest, table
from deckgen.importer.markup import escape, neutralise, shows, to_inline
from deckgen.importer.reader import Paragraph, TableShape, TextRun, clean, is_mono
from deckgen.importer.yaml_out import Item, Mapping, Sequence, dump
from deckgen.load import read_yaml
from deckgen.model import Bullet, Code, Table

# text with every character the inline parser and YAML care about, and some more
_TRICKY = st.sampled_from([*"*`[]\\<>_:#-'\"!?&|>%@{},. \t\n", "https://", "mailto:"])
_TEXT = st.lists(_TRICKY | st.characters(blacklist_categories=("Cs",)), max_size=30).map("".join)
_URLS = st.sampled_from(
    [
        None,
        "https://example.com/a",
        "https://e.org/x)y",
        "mailto:a@b.org",
        "https://youtu.be/6sDTB4eV4F8",
    ]
)
_RUNS = st.lists(
    st.builds(
        TextRun,
        text=_TEXT.map(clean),
        bold=st.booleans(),
        italic=st.booleans(),
        code=st.booleans(),
        url=_URLS,
    ),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(_RUNS)
def test_runs_as_inline_markdown_show_the_same_text(runs):
    text = to_inline(runs)
    joined = "".join(r.text for r in runs).replace("\n", " ").replace("\t", " ")
    shown = inline.plain(text).replace("\u200b", "")  # broken bare URLs are kept as text
    assert shown == joined.replace("\u200b", "").strip()
    assert "\n" not in text


@settings(max_examples=500, deadline=None)
@given(_TEXT.map(clean))
def test_escaped_text_shows_literally(text):
    assert shows(escape(text), text)
    if text == neutralise(text) and "<" not in text:
        assert inline.plain(escape(text)) == text  # as it is, bare URLs included


def test_links_bold_italic_and_code_become_markup():
    runs = [
        TextRun("See "),
        TextRun("the docs", url="https://example.com/docs"),
        TextRun(", "),
        TextRun("bold", bold=True),
        TextRun(" and "),
        TextRun("slanted", italic=True),
        TextRun(" or "),
        TextRun("kubectl", code=True),
        TextRun(" "),
        TextRun("https://example.com/x", url="https://example.com/x"),
    ]
    assert to_inline(runs) == (
        "See [the docs](https://example.com/docs), **bold** and *slanted* or `kubectl`"
        " https://example.com/x"
    )


def test_monospace_fonts():
    for name in ("Courier New", "Consolas", "Liberation Mono", "DejaVu Sans Mono", "Menlo"):
        assert is_mono(name)
    assert is_mono("Source Code Pro") and is_mono("JetBrains Mono") and is_mono("Fira Code")
    assert not is_mono("Calibri") and not is_mono("+mn-lt") and not is_mono("")


def test_bullet_levels_nest_and_code_joins_its_bullet():
    lines = [
        BulletLine(1, "starts deep"),
        BulletLine(2, "child"),
        BulletLine(2, "$ kubectl apply", code=True),
        BulletLine(0, "top"),
        BulletLine(0, "echo hi", code=True),
    ]
    assert nest(lines).items == (
        Bullet("starts deep", (Bullet("child", code=Code("$ kubectl apply")),)),
        Bullet("top", code=Code("echo hi")),
    )


def _tree(value: str) -> Mapping:
    root = Mapping()
    inner = Mapping()
    inner.add("text", value)
    inner.add("rows", Sequence([Item(Sequence([Item(value), Item(value)], flow=True))]))
    root.add("k", value)
    root.add("items", Sequence([Item(value), Item(inner)]))
    return root


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_yaml_scalars_read_back_as_themselves(value):
    text = dump(_tree(value), ["a comment"])
    expected = {"k": value, "items": [value, {"text": value, "rows": [[value, value]]}]}
    assert yaml.safe_load(text) == expected
    with tempfile.TemporaryDirectory() as folder:  # and with deckgen's own reader
        path = Path(folder) / "r.yaml"
        path.write_text(text, encoding="utf-8")
        assert read_yaml(path).data == expected


def test_yaml_style():
    root = Mapping()
    root.add("plain", "Helm 3")
    root.add("number", "8000")
    root.add("boolean", "off")
    root.add("date", "2019-06-13")
    root.add("colon", "Goals: same experience")
    root.add("quotes", '"hi" she said')
    root.add("folded", "word " * 30 + "end")
    root.add("code", "line 1\n  line 2\n")
    root.add("flags", True, comment="a comment")
    assert dump(root, ["head"]) == (
        "# head\n"
        "plain: Helm 3\n"
        'number: "8000"\n'
        'boolean: "off"\n'
        'date: "2019-06-13"\n'
        'colon: "Goals: same experience"\n'
        "quotes: '\"hi\" she said'\n"
        "folded: >-\n"
        "  " + "word " * 17 + "word\n"
        "  " + "word " * 12 + "end\n"
        "code: |\n"
        "  line 1\n"
        "    line 2\n"
        "flags: true  # a comment\n"
    )


def _cell(text: str, bold: bool = False) -> tuple[Paragraph, ...]:
    return (Paragraph((TextRun(text, bold=bold),)),)


def test_tables_take_the_first_row_as_columns_and_fit_rows_to_them():
    rows = (
        (_cell("Name", bold=True), _cell("Value", bold=True)),
        (_cell("a"), _cell("1"), _cell("extra")),
        (_cell("b"),),
        ((), ()),
        (_cell("c", bold=True), _cell("2*3")),
        (_cell("**d**", bold=True), ()),  # bold stars: markup would not read back
    )
    assert table(TableShape(rows, 0, 0)) == Table(
        ("Name", "Value"),
        (("a", "1"), ("b", ""), ("**c**", "2\\*3"), ("\\*\\*d\\*\\*", "")),
    )
