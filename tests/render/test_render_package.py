"""The package writer: every name and id unique, pictures stored once, every part typed,
and python-pptx reads the result back whole."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.api import build
from deckgen.options import BuildOptions

ROOT = Path(__file__).resolve().parents[2]
RECAPS = sorted((ROOT / "recaps").glob("*.yaml"))


@pytest.fixture(scope="module", params=RECAPS, ids=[r.stem for r in RECAPS])
def deck(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    recap: Path = request.param
    out = tmp_path_factory.mktemp("deck") / f"{recap.stem}.pptx"
    build(recap, out)
    return out


def members(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names))
        assert len({n.lower() for n in names}) == len(names)
        return {name: archive.read(name) for name in names}


def test_slide_ids_and_relationship_ids_are_unique(deck: Path) -> None:
    parts = members(deck)
    presentation = parts["ppt/presentation.xml"].decode()
    ids = re.findall(r'<p:sldId id="(\d+)" r:id="(rId\d+)"', presentation)
    assert len({i for i, _ in ids}) == len(ids) == len(Presentation(str(deck)).slides)
    assert len({r for _, r in ids}) == len(ids)
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    rel_ids = re.findall(r'Id="(rId\d+)"', rels)
    assert len(rel_ids) == len(set(rel_ids))
    assert {r for _, r in ids} <= set(rel_ids)


def test_shape_ids_are_unique_on_every_slide(deck: Path) -> None:
    for name, data in members(deck).items():
        if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
            ids = re.findall(r'<p:cNvPr id="(\d+)"', data.decode())
            assert len(ids) == len(set(ids)), name


def test_every_relationship_target_exists(deck: Path) -> None:
    parts = members(deck)
    for name, data in parts.items():
        if not name.endswith(".rels") or not name.startswith("ppt/slides/"):
            continue
        for target, mode in re.findall(r'Target="([^"]+)"( TargetMode="External")?', data.decode()):
            if not mode:
                resolved = (Path("ppt/slides") / target).as_posix()
                resolved = re.sub(r"[^/]+/\.\./", "", resolved)
                assert resolved in parts, (name, target)


def test_pictures_are_stored_once(deck: Path) -> None:
    media = {n: d for n, d in members(deck).items() if n.startswith("ppt/media/")}
    digests = [hashlib.sha1(d).hexdigest() for d in media.values()]
    assert len(digests) == len(set(digests))
    # a video's QR code shows on its talk card and in the video index: one part
    assert len(media) < sum(
        1 for slide in Presentation(str(deck)).slides for s in slide.shapes if s.name == "QR code"
    )


def test_every_part_has_a_content_type(deck: Path) -> None:
    parts = members(deck)
    types = parts["[Content_Types].xml"].decode()
    defaults = set(re.findall(r'Default Extension="([^"]+)"', types))
    overrides = set(re.findall(r'Override PartName="([^"]+)"', types))
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
    for slide in (n for n in parts if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", n)):
        assert f"/{slide}" in overrides, slide


def test_python_pptx_reads_every_slide_back(deck: Path) -> None:
    prs = Presentation(str(deck))
    kinds = [slide._element.cSld.get("name") for slide in prs.slides]
    assert kinds[0] == "title"
    assert all(kinds)
    notes = [s for s in prs.slides if s.has_notes_slide]
    assert notes and all(s.notes_slide.notes_text_frame.text for s in notes)


THEMES = sorted(p.parent for p in (ROOT / "themes").glob("*/theme.yaml"))


def _pictures_of_master_and_layouts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Each picture the slide master and layouts show: part name -> bytes."""
    out: dict[str, bytes] = {}
    for name, data in parts.items():
        if re.fullmatch(r"ppt/(slideMasters|slideLayouts)/_rels/\w+\.xml\.rels", name):
            for target in re.findall(r'Target="\.\./(media/[^"]+)"', data.decode()):
                out[f"ppt/{target}"] = parts[f"ppt/{target}"]
    return out


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_master_and_layout_pictures_are_the_themes_own_files(theme: Path, tmp_path: Path):
    # the team recap has pictures and QR codes that must not take the logo's part name
    out = tmp_path / "deck.pptx"
    build(ROOT / "recaps/kubecon2019-team.yaml", out, BuildOptions(theme=str(theme)))
    parts = members(out)
    own = {p.read_bytes() for p in theme.glob("*.png")}
    if (theme / "template.pptx").exists():
        own |= set(_pictures_of_master_and_layouts(members(theme / "template.pptx")).values())
    shown = _pictures_of_master_and_layouts(parts)
    assert all(data in own for data in shown.values()), sorted(shown)
    if (theme / "logo.png").exists():
        assert (theme / "logo.png").read_bytes() in shown.values()
    slide_pictures = {
        f"ppt/{t}"
        for name, data in parts.items()
        if name.startswith("ppt/slides/_rels/")
        for t in re.findall(r'Target="\.\./(media/[^"]+)"', data.decode())
    }
    assert not slide_pictures & set(shown)  # no part name shared
