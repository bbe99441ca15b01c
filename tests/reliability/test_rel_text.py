"""Text safety: characters a deck cannot hold are refused in every field (and key) with a
clear message; text that looks like markup reaches the slides literally."""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageFont
from pptx import Presentation
from rel_common import deck_problems, dump_yaml

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.load import format_path

T = "plain text"
YOUTUBE = "https://youtu.be/w62T1SN4g6Y"
URL = "https://example.com/page"

# a recap with every string field the format has (one of each)
FULL: dict[str, Any] = {
    "title": T,
    "subtitle": T,
    "event": {"name": T, "location": T, "dates": T, "url": URL},
    "date": "2019-06-12",
    "theme": "default",
    "footer": T,
    "presenters": [
        {
            "name": T,
            "affiliation": T,
            "tagline": T,
            "topics": [
                {
                    "title": T,
                    "speakers": [T],
                    "video": YOUTUBE,
                    "slides_url": URL,
                    "summary": T,
                    "slides": [
                        {"title": T, "notes": T, "bullets": [T, {"text": T, "bullets": [T]}]},
                        {"bullets": [{"text": T, "code": T}]},
                        {"text": T},
                        {"quote": {"text": T, "source": T}},
                        {"code": {"source": T, "language": "python", "caption": T}},
                        {"code": T},
                        {"table": {"columns": [T, T], "rows": [[T, 1]]}},
                        {"image": {"path": "pic.png", "caption": T, "alt": T}},
                        {"video": {"url": YOUTUBE, "title": T, "speakers": T, "summary": T}},
                        {"links": [{"label": T, "url": URL}]},
                        {"stats": [{"value": T, "label": T}]},
                    ],
                }
            ],
        },
        {"name": T, "topics": [{"title": T, "speakers": T}]},  # two presenters: dividers
    ],
    "closing": {"title": T, "links": [{"label": T, "url": URL}]},
}
URL_KEYS = {"url", "video", "slides_url"}


def _string_paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _string_paths(v, (*at, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _string_paths(v, (*at, i))]
    return [at] if isinstance(data, str) else []


def _set(data: Any, at: tuple[Any, ...], value: Any) -> None:
    for part in at[:-1]:
        data = data[part]
    data[at[-1]] = value


FIELDS = _string_paths(FULL)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Image.new("RGB", (64, 48), "teal").save(tmp_path / "pic.png")
    return tmp_path


def problems_of(path: Path) -> list[str]:
    try:
        api.check(path)
    except DeckgenError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_full_recap_is_valid(folder: Path):
    recap = folder / "full.yaml"
    recap.write_text(dump_yaml(FULL), encoding="utf-8")
    assert problems_of(recap) == []
    assert len(FIELDS) > 40


# (character, how PyYAML writes it in a double-quoted string, its kind)
FORBIDDEN = [
    ("\x00", "U+0000", "control character"),
    ("\x01", "U+0001", "control character"),
    ("\x1b", "U+001B", "control character"),
    ("\r", "U+000D", "control character"),
    ("\x7f", "U+007F", "control character"),
    ("\x9b", "U+009B", "control character"),
    ("\ufffe", "U+FFFE", "non-character"),
    ("\uffff", "U+FFFF", "non-character"),
]


@pytest.mark.parametrize("field", FIELDS, ids=format_path)
def test_every_field_refuses_forbidden_characters(folder: Path, field: tuple[Any, ...]):
    recap = folder / "evil.yaml"
    for char, code, kind in FORBIDDEN:
        data = copy.deepcopy(FULL)
        value = f"https://exa{char}mple.com/" if field[-1] in URL_KEYS else f"ab{char}c"
        if field[-1] == "path":
            value = f"pic{char}.png"
        _set(data, field, value)
        recap.write_text(dump_yaml(data), encoding="utf-8")
        problems = problems_of(recap)
        at = value.index(char) + 1
        expected = f"error: {format_path(field)}: contains the {kind} {code} at character {at}"
        assert [p for p in problems if p.split(": ", 1)[1] == f"{expected}; remove it"], (
            field,
            code,
            problems,
        )
        assert all(p.startswith("evil.yaml:") or p.startswith(f"{recap}:") for p in problems)


@pytest.mark.parametrize(
    "where",
    [(), ("presenters", 0), ("presenters", 0, "topics", 0, "slides", 0)],
    ids=["top", "presenter", "slide"],
)
def test_a_key_with_a_control_character_is_refused(folder: Path, where: tuple[Any, ...]):
    data = copy.deepcopy(FULL)
    target: Any = data
    for part in where:
        target = target[part]
    target["bad\x07key"] = "x"
    recap = folder / "key.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    shown = format_path((*where, "bad\\x07key"))
    problems = [p.split(": ", 1)[1] for p in problems_of(recap)]
    assert (
        f"error: {shown}: key contains the control character U+0007 at character 4; remove it"
    ) in problems


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


RAW_TOP = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"


def test_a_raw_control_character_in_the_file_names_its_line(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)
    _write(folder, "raw.yaml", RAW_TOP + "        summary: a\x1bb\n")
    assert problems_of(Path("raw.yaml")) == [
        "raw.yaml:6:19: error: contains the control character U+001B; remove it"
    ]


def test_a_raw_non_character_in_the_file_names_its_line(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)
    _write(folder, "raw.yaml", RAW_TOP + "        summary: a\ufffeb\n")
    assert problems_of(Path("raw.yaml")) == [
        "raw.yaml:6:19: error: contains the non-character U+FFFE; remove it"
    ]


def test_a_lone_surrogate_escape_is_refused(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)
    _write(folder, "sur.yaml", RAW_TOP + '        summary: "a\\ud800b"\n')
    (problem,) = problems_of(Path("sur.yaml"))
    if getattr(yaml, "__with_libyaml__", False):  # libyaml refuses the escape itself
        assert problem == (
            "sur.yaml:6:22: error: invalid YAML: while parsing a quoted scalar"
            " found invalid Unicode character escape code"
        )
    else:
        assert problem == (
            "sur.yaml:6:18: error: presenters[0].topics[0].summary:"
            " contains the lone surrogate U+D800 at character 2; remove it"
        )


def test_a_file_that_is_not_utf8_names_the_place(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)
    (folder / "latin.yaml").write_bytes(RAW_TOP.encode() + b"        summary: caf\xe9\n")
    assert problems_of(Path("latin.yaml")) == ["latin.yaml:6:21: error: not UTF-8 text"]


def test_messages_escape_what_they_quote(folder: Path, monkeypatch):
    """A message quotes the input; escape sequences and line breaks are shown escaped."""
    monkeypatch.chdir(folder)
    _write(folder, "esc.yaml", 'title: T\n"\\e[2J\\nx": 1\npresenters: []\n')
    problems = problems_of(Path("esc.yaml"))
    assert problems[0] == (
        "esc.yaml:2:1: error: \\x1b[2J\\nx: key contains the control character U+001B at"
        " character 1; remove it"
    )
    assert all("\x1b" not in p and "\n" not in p for p in problems)


# --- text that looks like markup is shown literally ---------------------------------------

MARKUP = ["<b>bold</b>", "&amp; &lt;", "]]>", "<a:t>run</a:t>", "\"quoted\" & 'single'"]


def _texts(deck: Path) -> list[str]:
    """Every paragraph of every slide, table cell and notes page of `deck`."""
    out: list[str] = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out += [p.text for p in shape.text_frame.paragraphs]
            if getattr(shape, "has_table", False) and shape.has_table:
                out += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            out += [p.text for p in slide.notes_slide.notes_text_frame.paragraphs]
    return out


def test_markup_lookalikes_are_shown_literally(folder: Path):
    data = copy.deepcopy(FULL)
    for i, field in enumerate(FIELDS):
        if field[-1] not in URL_KEYS | {"path", "date", "theme", "language"}:
            _set(data, field, f"{MARKUP[i % len(MARKUP)]} #{i}")
    recap = folder / "markup.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    deck = folder / "markup.pptx"
    api.build(recap, deck)
    assert deck_problems(deck) == []
    # display text gets typographic quotes: they count as the straight ones typed
    texts = "\n".join(_texts(deck)).translate(str.maketrans("‘’“”", "''\"\""))
    for i, field in enumerate(FIELDS):
        if field[-1] in URL_KEYS | {"path", "date", "theme", "language", "alt"}:
            continue  # not shown as slide text (alt text is the picture's description)
        assert f"{MARKUP[i % len(MARKUP)]} #{i}" in texts, format_path(field)


# --- line breaks in text ------------------------------------------------------------------


def _measuring_refuses_line_breaks() -> bool:
    """True when Pillow cannot measure text with a line break (Pillow 13 with raqm 0.11
    raises; Pillow 12.3 with raqm 0.10 measures it)."""
    with resources.as_file(resources.files("deckgen.fonts") / "Carlito-Regular.ttf") as path:
        font = ImageFont.truetype(str(path), 20)
    try:
        font.getlength("a\nb")
    except RuntimeError:
        return True
    return False


def test_a_line_break_in_slide_text_builds(folder: Path):
    recap = _write(
        folder,
        "lines.yaml",
        RAW_TOP
        + "        slides:\n          - text: |\n              first line\n"
        + "              second line\n",
    )
    deck = folder / "lines.pptx"
    api.build(recap, deck)
    assert deck_problems(deck) == []
    texts = _texts(deck)
    assert any("first line" in t for t in texts) and any("second line" in t for t in texts)


# --- line and paragraph separators ----------------------------------------------------------

SEPARATORS = [("\u2028", "U+2028", "line separator"), ("\u2029", "U+2029", "paragraph separator")]
ONE_LINE = {"path", "date", "theme", "language"}  # URLs refuse them as they refuse spaces


# NEL (U+0085) written raw is a line break to YAML itself (the escape `\\N` is refused as a
# control character)
NEL = ("\x85", "U+0085", "next line")


@pytest.mark.parametrize(("sep", "code", "kind"), [*SEPARATORS, NEL], ids=["LS", "PS", "NEL"])
def test_separators_in_slide_text_are_line_breaks(folder: Path, sep: str, code: str, kind: str):
    """In every field of slide text U+2028, U+2029 and U+0085 read as a typed line break: the
    recap validates and builds (Pillow's raqm layout fails on U+2029), and the text on
    either side reaches the deck."""
    data = copy.deepcopy(FULL)
    shown = [f for f in FIELDS if f[-1] not in URL_KEYS | ONE_LINE | {"alt"}]
    for i, field in enumerate(shown):
        _set(data, field, f"left{i}{sep}right{i}")
    recap = folder / "sep.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    assert problems_of(recap) == []
    deck = folder / "sep.pptx"
    api.build(recap, deck)
    assert deck_problems(deck) == []
    texts = "\n".join(_texts(deck))
    assert sep not in texts
    missing = [format_path(f) for i, f in enumerate(shown) if f"left{i}" not in texts]
    assert missing == []
    assert [format_path(f) for i, f in enumerate(shown) if f"right{i}" not in texts] == []


@pytest.mark.parametrize(("sep", "code", "kind"), SEPARATORS, ids=["LS", "PS"])
@pytest.mark.parametrize("key", sorted(ONE_LINE))
def test_separators_in_one_line_values_are_refused(
    folder: Path, key: str, sep: str, code: str, kind: str
):
    data = copy.deepcopy(FULL)
    (field,) = [f for f in FIELDS if f[-1] == key]
    _set(data, field, f"ab{sep}c")
    recap = folder / "one.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    expected = f"error: {format_path(field)}: contains the {kind} {code} at character 3; remove it"
    assert expected in [p.split(": ", 1)[1] for p in problems_of(recap)]
