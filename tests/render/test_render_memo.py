"""A build given the previous build's `RenderCache` (as `deckgen watch` does) reuses what
did not change and writes the same bytes as a build without it; the zip writer writes
the bytes `zipfile` writes."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from deckgen.api import build
from deckgen.render import RenderCache, archive, package

ROOT = Path(__file__).resolve().parents[2]
RECAP = ROOT / "recaps" / "eu2019.yaml"


def deck(recap: Path, out: Path, cache: RenderCache | None = None) -> bytes:
    return build(recap, out, cache=cache).output.read_bytes()


def test_a_cached_rebuild_reuses_every_slide_and_gives_the_same_bytes(tmp_path: Path):
    fresh = deck(RECAP, tmp_path / "fresh.pptx")
    cache = RenderCache()
    assert deck(RECAP, tmp_path / "a.pptx", cache) == fresh
    assert cache.hits == 0
    slides = len(cache.slides)
    assert deck(RECAP, tmp_path / "b.pptx", cache) == fresh
    assert cache.hits >= slides  # every slide, and the zip members besides


def test_after_an_edit_the_cached_build_is_the_fresh_build_of_the_edit(tmp_path: Path):
    work = tmp_path / "recaps"
    shutil.copytree(ROOT / "recaps", work)
    recap = work / "eu2019.yaml"
    cache = RenderCache()
    deck(recap, tmp_path / "before.pptx", cache)
    text = recap.read_text("utf-8")
    assert "Benvinguts!" in text
    recap.write_text(text.replace("Benvinguts!", "Welcome!"), "utf-8")
    cache.hits = 0
    cached = deck(recap, tmp_path / "cached.pptx", cache)
    assert cached == deck(recap, tmp_path / "fresh.pptx")
    assert cache.hits > 0


def test_pictures_moved_to_other_slides_are_renamed_as_a_fresh_build_names_them(
    write, png, workdir: Path
):
    png("a.png", 40, 30)
    png("b.png", 30, 40)
    slides = ["- {title: A, image: {path: a.png}}", "- {title: B, image: {path: b.png}}"]

    def recap(order: list[str]) -> Path:
        body = "".join(f"          {s}\n" for s in order)
        head = "title: T\npresenters:\n  - name: P\n    topics:\n      - title: X\n"
        return write("r.yaml", f"{head}        slides:\n{body}")

    cache = RenderCache()
    deck(recap(slides), workdir / "one.pptx", cache)
    swapped = recap(slides[::-1])
    assert deck(swapped, workdir / "cached.pptx", cache) == deck(swapped, workdir / "fresh.pptx")


def test_the_zip_writer_writes_what_zipfile_writes(tmp_path: Path):
    with zipfile.ZipFile(io.BytesIO(deck(RECAP, tmp_path / "d.pptx"))) as built:
        parts = {info.filename: built.read(info) for info in built.infolist()}
    assert archive.fits(parts)
    assert archive.zip_bytes(parts, archive.compress_all(parts)) == package._zip(parts)
    assert not archive.fits({"ppt/média.xml": b""})
