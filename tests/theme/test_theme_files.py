"""Themes are data: validated with positions, `extends:` inheritance, templates found by
layout name (with a warning and a fallback), logos and background pictures."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from deckgen.api import build
from deckgen.errors import ThemeError
from deckgen.options import BuildOptions
from deckgen.theme import builtin_themes_dir, load_theme

ROOT = Path(__file__).resolve().parents[2]
RECAP = ROOT / "recaps" / "eu2019.yaml"


def theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(ThemeError) as caught:
        load_theme(folder)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_key_is_reported_with_its_position(tmp_path: Path) -> None:
    folder = theme(tmp_path / "t", "extends: default\ncolours:\n  accent: '#FF0000'\n")
    assert problems(folder) == [
        f"{folder.as_posix()}/theme.yaml:2:1: error: colours: unknown key `colours`;"
        " did you mean `colors`?"
    ]


def test_a_missing_template_is_reported_at_its_line(tmp_path: Path) -> None:
    folder = theme(tmp_path / "t", "extends: default\n\ntemplate: company.pptx\n")
    assert problems(folder) == [
        f"{folder.as_posix()}/theme.yaml:3:11: error: template:"
        " file `company.pptx` not found in the theme folder"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a bad colour and a small QR code
            "colors:\n  accent: red\nqr_size: 1.5\n",
            [
                "theme.yaml:3:11: error: colors.accent: expected a colour as #RRGGBB, got `red`",
                "theme.yaml:4:10: error: qr_size: must be at least 2.8, got the number `1.5`",
            ],
        ),
        (  # code and details are never set under 14 pt
            "sizes:\n  code_min: 12\n  detail_min: 13\n",
            [
                "theme.yaml:3:13: error: sizes.code_min: must be at least 14, got the number `12`",
                "theme.yaml:4:15: error: sizes.detail_min:"
                " must be at least 14, got the number `13`",
            ],
        ),
    ],
    ids=["colour_and_qr_size", "code_and_details_never_under_14_pt"],
)
def test_a_value_out_of_range_is_refused_at_its_line(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    folder = theme(tmp_path / "t", "extends: default\n" + body)
    assert problems(folder) == [f"{folder.as_posix()}/{line}" for line in expected]


def test_extends_loops_are_refused(tmp_path: Path) -> None:
    a = theme(tmp_path / "a", "extends: ../b\n")
    theme(tmp_path / "b", "extends: ../a\n")
    (message,) = problems(a)
    assert message.endswith("error: extends loop: a -> b -> a")


def test_extends_inherits_and_overrides(tmp_path: Path) -> None:
    folder = theme(tmp_path / "t", "extends: dark\nname: night\ncolors:\n  accent: '#FF8800'\n")
    night, dark = load_theme(folder), load_theme(builtin_themes_dir() / "dark")
    assert night.name == "night"
    assert night.colors.accent == "FF8800"
    assert night.colors.background == dark.colors.background
    assert night.fonts == dark.fonts


def test_a_theme_setting_the_retired_index_row_still_loads(tmp_path: Path) -> None:
    # `components.index.row` set a one-row index slide until every slide became one grid
    folder = theme(tmp_path / "t", "extends: default\ncomponents:\n  index:\n    row: 3\n")
    assert (
        load_theme(folder).components.index
        == load_theme(builtin_themes_dir() / "default").components.index
    )


def test_a_missing_layout_name_warns_and_falls_back(tmp_path: Path) -> None:
    folder = tmp_path / "corp"
    shutil.copytree(builtin_themes_dir() / "corporate", folder)
    text = (folder / "theme.yaml").read_text(encoding="utf-8")
    (folder / "theme.yaml").write_text(
        text.replace("content: Corporate Content", "content: Inhalt"), encoding="utf-8"
    )
    result = build(RECAP, tmp_path / "deck.pptx", BuildOptions(theme=str(folder)))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "content: Corporate Content" in t)
    assert [str(w) for w in result.warnings] == [
        f"{folder.as_posix()}/theme.yaml:{line}:12: warning: layouts.content:"
        ' template has no layout named "Inhalt"; using "Corporate Content"'
    ]


def test_template_slides_are_removed_and_layouts_used(tmp_path: Path) -> None:
    result = build(RECAP, tmp_path / "deck.pptx", BuildOptions(theme="corporate"))
    with zipfile.ZipFile(result.output) as deck:
        rels = deck.read("ppt/slides/_rels/slide2.xml.rels").decode()
        layout = rels.split('Target="../slideLayouts/')[1].split('"')[0]
        assert "Corporate" in deck.read(f"ppt/slideLayouts/{layout}").decode()
        slides = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == result.slides


def test_a_background_picture_fills_the_master(tmp_path: Path) -> None:
    folder = theme(tmp_path / "t", "extends: default\nbackground_image: paper.png\n")
    Image.new("RGB", (160, 90), "#F5F0E6").save(folder / "paper.png")
    result = build(RECAP, tmp_path / "deck.pptx", BuildOptions(theme=str(folder)))
    with zipfile.ZipFile(result.output) as deck:
        master = deck.read("ppt/slideMasters/slideMaster1.xml").decode()
    assert "<p:bg><p:bgPr><a:blipFill>" in master
