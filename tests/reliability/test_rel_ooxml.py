"""Valid OOXML: every deck deckgen builds passes the ISO/IEC 29500 schemas and the packaging
rules (`tests.support.ooxml.validate_pptx`) and has no duplicate zip member.

The examples in every built-in theme and every steps mode, and edge-case recaps (every
slide kind, content that splits, CJK, emoji and right-to-left text, tables with empty
cells, images of every shape and format, QR codes for all links or none, animations) in
every theme.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from rel_common import EXAMPLES, STEP_MODES, THEMES, deck_problems, dump_yaml, run_deckgen

from deckgen import api
from deckgen.options import BuildOptions

YOUTUBE = "https://www.youtube.com/watch?v=w62T1SN4g6Y"
PLAYLIST = "https://www.youtube.com/playlist?list=PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3"


@pytest.mark.parametrize("steps", STEP_MODES)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_are_valid_ooxml(tmp_path: Path, example: Path, theme: str, steps: Any):
    deck = tmp_path / f"{example.stem}.pptx"
    api.build(example, deck, BuildOptions(theme=theme, steps=steps))
    assert deck_problems(deck) == []


def _topic(title: str, slides: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"title": title, "slides": slides, **extra}


def _recap(*topics: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"title": "Edge cases", "presenters": [{"name": "Ann", "topics": list(topics)}], **top}


BULLETS = [
    "Loki",
    {
        "text": "**Helm** 3",
        "bullets": ["Tiller *removed*", {"text": "deep", "bullets": ["deepest"]}],
    },
]
EVERY_KIND = [
    {"bullets": BULLETS, "notes": "Speaker notes"},
    {"bullets": [{"text": "with code", "code": "kubectl get pods"}]},
    {"text": "I WANT TO KNOW WHY!"},
    {"quote": {"text": "Loki is a logging backend", "source": "Tom Wilkie"}},
    {
        "code": {
            "source": "FROM alpine\nRUN apk add curl\n",
            "language": "dockerfile",
            "caption": "A Dockerfile",
        }
    },
    {"code": "def f():\n\treturn 1\n"},
    {
        "table": {
            "columns": ["NAME", "READY", "OK"],
            "rows": [["web-1", 1, True], ["web-2", None, False]],
        }
    },
    {"image": {"path": "pics/small.png", "caption": "A caption", "alt": "Alt text"}},
    {
        "video": {
            "url": YOUTUBE,
            "title": "A talk",
            "speakers": ["Ann", "Bob"],
            "summary": "About it",
        }
    },
    {"video": {"url": "https://vimeo.com/123", "title": "Not YouTube"}},
    {"links": [{"label": "One", "url": "https://example.com/"}]},
    {
        "links": [
            {"url": YOUTUBE},
            {"label": "Playlist", "url": PLAYLIST},
            {"label": "Mail", "url": "mailto:a@example.com"},
        ]
    },
    {
        "stats": [
            {"value": 8000, "label": "people"},
            {"value": "2.66 million", "label": "contributions"},
            {"value": 1.5, "label": "x"},
        ]
    },
]
LONG = [
    {"title": "Many bullets", "bullets": [f"Bullet number {i} with some words" for i in range(60)]},
    {
        "title": "Long code",
        "code": {
            "source": "\n".join(f"print({i})  # line" for i in range(300)),
            "language": "python",
        },
    },
    {
        "title": "Long table",
        "table": {"columns": ["n", "square"], "rows": [[i, i * i] for i in range(80)]},
    },
    {"title": "Long text", "text": "word " * 1000},
    {"title": "Long quote", "quote": {"text": "quoted words " * 300, "source": "Someone"}},
    {
        "title": "Wide table",
        "table": {
            "columns": [f"col {i}" for i in range(12)],
            "rows": [[f"c{j}" for j in range(12)]],
        },
    },
    {"title": "One column", "table": {"columns": ["only"], "rows": [[None], [""], ["x"]]}},
    {"title": "A long unbroken word", "bullets": ["x" * 400]},
]
SCRIPTS = [
    {
        "title": "日本語のスライド",
        "bullets": ["中文字符和日本語", "한국어 텍스트", "混在 mixed テキスト"],
    },
    {
        "title": "Emoji 🚀",
        "bullets": ["🔥 hot", "👩\u200d💻 dev", "flags 🇪🇸🇩🇪"],
        "notes": "😀 notes",
    },
    {"title": "مرحبا", "text": "שלום עולם — مرحبا بالعالم"},
    {"title": "Combining", "stats": [{"value": "e\u0301", "label": "Zalgo-ish a\u0308\u0308"}]},
    {"title": "Markup", "table": {"columns": ["<b>", "&amp;"], "rows": [["]]>", "<a:t>x</a:t>"]]}},
]
IMAGES = [
    {"image": {"path": f"pics/{name}"}}
    for name in [
        *("tall.png", "wide.png", "tiny.png", "photo.jpg", "anim.gif", "old.bmp"),
        *("scan.tiff", "palette.png", "alpha.png", "cmyk.jpg", "gray16.png"),
    ]
]
STEPS = [
    {"title": "Steps", "bullets": ["one"]},
    {"title": "Steps", "bullets": ["one", "two"]},
    {"title": "Steps", "bullets": ["one", "two", "three"]},
    {"title": "Click", "steps": True, "bullets": ["a", {"text": "b", "bullets": ["c"]}]},
    {"title": "Same", "text": "Statement"},
    {"title": "Same", "text": "Statement, longer"},
]

EDGE_CASES: dict[str, dict[str, Any]] = {
    "every-kind-qr-all": _recap(
        _topic("Talk", EVERY_KIND, speakers="Ann", video=YOUTUBE, summary="Sum"),
        options={"qr_codes": "all"},
        closing={"links": [{"label": "Home", "url": "https://example.com/"}]},
        subtitle="Sub",
        event={"name": "KubeCon", "location": "Barcelona", "dates": "May", "url": YOUTUBE},
        date="2019-06-12",
        footer="Footer",
    ),
    "every-kind-qr-none": _recap(_topic("Talk", EVERY_KIND), options={"qr_codes": "none"}),
    "long-content-splits": _recap(_topic("Long", LONG)),
    "cjk-emoji-rtl": _recap(_topic("世界", SCRIPTS, speakers=["李小龍"], video=YOUTUBE)),
    "images": _recap(_topic("Pictures", IMAGES)),
    "animate": _recap(_topic("Steps", STEPS), options={"collapse_steps": "animate"}),
    "minimal": _recap(
        {"title": "Only a title"},
        options={"agenda": False, "slide_numbers": False, "video_index": False},
    ),
    "many-presenters": {
        "title": "Team",
        "presenters": [
            {"name": f"Person {i}", "affiliation": "Team", "topics": [{"title": f"T{i}"}]}
            for i in range(12)
        ],
    },
}


def _pictures(folder: Path) -> None:
    pics = folder / "pics"
    pics.mkdir()
    Image.new("RGB", (40, 30), "teal").save(pics / "small.png")
    Image.new("RGB", (30, 2000), "navy").save(pics / "tall.png")
    Image.new("RGB", (3000, 30), "orange").save(pics / "wide.png")
    Image.new("RGB", (1, 1), "red").save(pics / "tiny.png")
    Image.new("RGB", (320, 200), "green").save(pics / "photo.jpg")
    Image.new("P", (50, 50), 3).save(pics / "anim.gif")
    Image.new("RGB", (50, 50), "blue").save(pics / "old.bmp")
    Image.new("RGB", (50, 50), "purple").save(pics / "scan.tiff")
    Image.new("P", (50, 50), 1).save(pics / "palette.png", transparency=1)
    Image.new("RGBA", (50, 50), (255, 0, 0, 80)).save(pics / "alpha.png")
    Image.new("CMYK", (50, 50), (0, 255, 0, 0)).save(pics / "cmyk.jpg")
    Image.new("I;16", (50, 50), 30000).save(pics / "gray16.png")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_edge_cases_are_valid_ooxml(tmp_path: Path, case: str, theme: str):
    _pictures(tmp_path)
    recap = tmp_path / f"{case}.yaml"
    recap.write_text(dump_yaml(EDGE_CASES[case]), encoding="utf-8")
    deck = tmp_path / f"{case}.pptx"
    api.build(recap, deck, BuildOptions(theme=theme))
    assert deck_problems(deck) == []


def test_a_damaged_tiff_builds_without_library_warnings(tmp_path: Path):
    stream = io.BytesIO()
    Image.new("I;16", (64, 48), 1).save(stream, "TIFF")
    data = bytearray(stream.getvalue())
    data[39] = 13  # a tag whose data would lie past the end of the file
    (tmp_path / "damaged.tiff").write_bytes(bytes(data))
    (tmp_path / "r.yaml").write_text(
        "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"
        "        slides:\n          - image: {path: damaged.tiff}\n",
        encoding="utf-8",
    )
    done = run_deckgen("build", "r.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""
