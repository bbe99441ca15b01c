"""Accessibility of the built decks of every example in every theme: every picture has
alt text (QR codes say what they lead to), every slide has a title, and the title comes
first in reading order (the order of the slide's shape tree)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from deckgen.api import build
from deckgen.options import BuildOptions
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[1]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
TITLES = ("title", "ctrTitle")


def _slides(deck: Path) -> list[etree._Element]:
    with zipfile.ZipFile(deck) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        names.sort(key=lambda n: int(re.sub(r"\D", "", n)))
        return [etree.fromstring(archive.read(n)) for n in names]


def _pictures(deck: Path) -> list[tuple[str, str]]:
    """(part, descr) of every picture of the package: slides, layouts and masters."""
    out = []
    with zipfile.ZipFile(deck) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and name.startswith("ppt/slide"):
                root = etree.fromstring(archive.read(name))
                for pr in root.iterfind(".//p:pic/p:nvPicPr/p:cNvPr", NS):
                    out.append((name, pr.get("descr", "")))
    return out


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    return {}


def _deck(decks: dict[tuple[str, str], Path], recap: Path, theme: str, tmp: Path) -> Path:
    if (recap.stem, theme) not in decks:
        decks[recap.stem, theme] = build(
            recap, tmp / f"{recap.stem}.pptx", BuildOptions(theme=theme)
        ).output
    return decks[recap.stem, theme]


CASES = [pytest.param(r, t, id=f"{r.stem}-{t}") for r in RECAPS for t in THEMES]


@pytest.mark.parametrize(("recap", "theme"), CASES)
def test_every_picture_has_alt_text(
    recap: Path, theme: str, decks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    pictures = _pictures(_deck(decks, recap, theme, tmp_path))
    assert pictures
    assert [p for p in pictures if not p[1].strip()] == []


@pytest.mark.parametrize(("recap", "theme"), CASES)
def test_every_slide_has_a_title_first_in_reading_order(
    recap: Path, theme: str, decks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    untitled = []
    for number, slide in enumerate(_slides(_deck(decks, recap, theme, tmp_path)), start=1):
        tree = slide.find("p:cSld/p:spTree", NS)
        shapes = [e for e in tree if etree.QName(e).localname not in ("nvGrpSpPr", "grpSpPr")]
        first = shapes[0]
        ph = first.find("./p:nvSpPr/p:nvPr/p:ph", NS)
        text = "".join(first.itertext()).strip()
        if ph is None or ph.get("type") not in TITLES or not text:
            untitled.append((number, slide.find("p:cSld", NS).get("name"), text[:40]))
    assert untitled == []


def _title(slide: etree._Element) -> str:
    shape = slide.find("p:cSld/p:spTree/p:sp", NS)
    return " ".join("".join(shape.itertext()).split())


def _qr_alts(slide: etree._Element) -> list[str]:
    return [
        pr.get("descr", "")
        for pr in slide.iterfind(".//p:pic/p:nvPicPr/p:cNvPr", NS)
        if pr.get("name") == "QR code"
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_qr_codes_say_what_they_lead_to(theme: str, tmp_path: Path) -> None:
    slides = _slides(build(RECAPS[0], tmp_path / "deck.pptx", BuildOptions(theme=theme)).output)
    kinds = [s.find("p:cSld", NS).get("name") for s in slides]
    talks = [s for s, kind in zip(slides, kinds, strict=True) if kind == "talk"]
    assert talks
    for talk in talks:  # every talk of eu2019 has a recording
        assert _qr_alts(talk) == [f"QR code: recording of {_title(talk)}"]
    index = [s for s, kind in zip(slides, kinds, strict=True) if kind == "video-index"]
    alts = [alt for s in index for alt in _qr_alts(s)]
    assert len(alts) > 3
    assert all(alt.startswith("QR code: recording of ") for alt in alts)


def test_a_talk_without_a_recording_has_a_qr_code_of_its_slides(tmp_path: Path) -> None:
    recap = tmp_path / "r.yaml"
    recap.write_text(
        "title: T\noptions: {qr_codes: all}\npresenters:\n  - name: Jane\n    topics:\n"
        "      - title: A talk\n        speakers: [Jane Doe]\n"
        "        slides_url: https://example.com/talk.pdf\n",
        encoding="utf-8",
    )
    slides = _slides(build(recap, tmp_path / "deck.pptx").output)
    (talk,) = [s for s in slides if s.find("p:cSld", NS).get("name") == "talk"]
    assert _qr_alts(talk) == ["QR code: slides of A talk"]


# the examples that have continuation slides (the team recap's agenda fits one slide)
SPLIT = [c for c in CASES if "kubecon2019-team" not in c.id]  # type: ignore[operator]


@pytest.mark.parametrize(("recap", "theme"), SPLIT)
def test_continuations_are_numbered(
    recap: Path, theme: str, decks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """A run of slides with one title and a (n/N) suffix counts 1..N; the stem is kept."""
    titles = [_title(s) for s in _slides(_deck(decks, recap, theme, tmp_path))]
    parts = [re.fullmatch(r"(.*) \((\d+)/(\d+)\)", t) for t in titles]
    numbered = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in parts if m]
    assert numbered, "no continuation slides in the example"
    for stem, _, total in {(s, 0, n) for s, _, n in numbered}:
        assert [i for s, i, n in numbered if (s, n) == (stem, total)] == list(range(1, total + 1))
