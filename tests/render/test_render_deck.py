"""Rendering (stage 6): the .pptx a build writes, read back with python-pptx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.api import build, check
from deckgen.layout import Page, lay_out
from deckgen.steps import collapse_steps

EMU_PER_PT = 12700
LOKI = "https://youtu.be/w62T1SN4g6Y?t=42"
CNCF = "https://youtu.be/vdxcaR3I2ic"
IMAGE_SIZE = (500, 200)

RECAP = """\
title: Summary KubeCon 2019
subtitle: What we saw in Barcelona
footer: KubeCon Europe 2019 recap
presenters:
  - name: Bryan
    topics:
      - title: Serverless Summit
        slides:
          - title: Basic facts
            notes: Count the bullets.
            bullets:
              - text: Helm 3
                bullets:
                  - bye bye Tiller
                  - text: OCI repos
                    bullets: [Alpha 1 available now]
              - "Read [the Loki docs](https://grafana.com/docs/loki/) first"
              - Knative serving and eventing
      - title: Grafana Loki
        speakers: [Tom Wilkie, Grafana Labs]
        video: https://www.youtube.com/watch?v=w62T1SN4g6Y&t=42s
        slides:
          - title: Pods
            notes: Two pods, one pending.
            table:
              columns: [NAME, READY, STATUS]
              rows:
                - [web-1, 1/1, Running]
                - [web-2, 0/1, Pending]
          - title: Dockerfile
            code:
              language: python
              source: |
                import os

                def main(argv: list[str]) -> int:
                    # print the arguments
                    print("args:", len(argv), os.sep)
                    return 0
          - title: Logo
            image: {path: logo.png, caption: A wide logo}
          - title: Other sessions
            video:
              url: https://www.youtube.com/watch?v=vdxcaR3I2ic
              title: CNCF Project Update
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Page], int]:
    folder = tmp_path_factory.mktemp("render")
    PILImage.new("RGB", IMAGE_SIZE, "#326CE5").save(folder / "logo.png")
    source = folder / "recap.yaml"
    source.write_text(RECAP, encoding="utf-8")
    result = build(source, folder / "out" / "recap.pptx")
    checked = check(source)
    recap, _ = collapse_steps(checked.recap, "collapse")
    return result.output, lay_out(recap, checked.theme), result.slides


@pytest.fixture(scope="module")
def prs(built: tuple[Path, list[Page], int]) -> Any:
    return Presentation(str(built[0]))


@pytest.fixture(scope="module")
def pages(built: tuple[Path, list[Page], int]) -> list[Page]:
    return built[1]


def slide_titled(prs: Any, title: str) -> Any:
    found = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title]
    assert len(found) == 1, title
    return found[0]


def text_frames(slide: Any) -> Iterator[Any]:
    for shape in slide.shapes:
        if shape.has_text_frame:
            yield shape.text_frame
        if shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield cell.text_frame


def runs(slide: Any) -> Iterator[Any]:
    for frame in text_frames(slide):
        for paragraph in frame.paragraphs:
            yield from paragraph.runs


def test_one_slide_per_page(prs: Any, built: tuple[Path, list[Page], int]):
    _, pages, count = built
    assert len(prs.slides) == len(pages) == count


def test_slides_are_16_by_9(prs: Any):
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_every_slide_title_is_in_its_title_placeholder(prs: Any, pages: list[Page]):
    for slide, page in zip(prs.slides, pages, strict=True):
        title = slide.shapes.title
        assert title is not None, page.title
        assert title.is_placeholder
        assert title.text_frame.text == page.title


def test_speaker_notes_are_in_notes_slides(prs: Any, pages: list[Page]):
    for slide, page in zip(prs.slides, pages, strict=True):
        if page.notes:
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text == page.notes
        else:
            assert not slide.has_notes_slide or slide.notes_slide.notes_text_frame.text == ""
    assert slide_titled(prs, "Pods").notes_slide.notes_text_frame.text == "Two pods, one pending."


def bullet_paragraphs(slide: Any) -> list[tuple[str, str | None, int]]:
    """(text, bullet character, marL in EMU) of every paragraph with a bullet or an indent."""
    out = []
    for frame in text_frames(slide):
        for paragraph in frame.paragraphs:
            ppr = paragraph._p.pPr
            if ppr is None or ppr.get("marL") in (None, "0"):
                continue
            char = ppr.find(qn("a:buChar"))
            out.append(
                (paragraph.text, None if char is None else char.get("char"), int(ppr.get("marL")))
            )
    return out


def test_bullets_are_paragraphs_with_level_indents_and_bullet_chars(prs: Any):
    paragraphs = bullet_paragraphs(slide_titled(prs, "Basic facts"))
    assert [(text, char) for text, char, _ in paragraphs] == [
        ("Helm 3", "•"),
        ("bye bye Tiller", "\u2013"),
        ("OCI repos", "\u2013"),
        ("Alpha 1 available now", "▪"),
        ("Read the Loki docs first", "•"),
        ("Knative serving and eventing", "•"),
    ]
    margins = {text: mar for text, _, mar in paragraphs}
    assert margins["Helm 3"] == margins["Knative serving and eventing"] > 0
    assert margins["Helm 3"] < margins["bye bye Tiller"] == margins["OCI repos"]
    assert margins["OCI repos"] < margins["Alpha 1 available now"]
    step = margins["bye bye Tiller"] - margins["Helm 3"]
    assert margins["Alpha 1 available now"] - margins["OCI repos"] == step
    for paragraph in (
        p for f in text_frames(slide_titled(prs, "Basic facts")) for p in f.paragraphs
    ):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.find(qn("a:buChar")) is not None:
            assert int(ppr.get("indent")) < 0  # a hanging indent: the bullet sits left


def test_every_run_has_an_explicit_font_size(prs: Any):
    count = 0
    for slide in prs.slides:
        for run in runs(slide):
            assert run.font.size is not None, run.text
            assert run.font.size.pt >= 8
            count += 1
    assert count > 50


def test_inline_links_are_run_hyperlinks(prs: Any):
    slide = slide_titled(prs, "Basic facts")
    links = {run.text: run.hyperlink.address for run in runs(slide) if run.hyperlink.address}
    assert links == {"the Loki docs": "https://grafana.com/docs/loki/"}


def test_the_recording_link_of_a_talk_is_a_footer_hyperlink(prs: Any):
    addresses = {run.hyperlink.address for run in runs(slide_titled(prs, "Pods"))}
    assert LOKI in addresses


def qr_pictures(slide: Any) -> list[Any]:
    return [
        s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.name == "QR code"
    ]


def test_qr_pictures_are_click_hyperlinks(prs: Any):
    found = {}
    for slide in prs.slides:
        for picture in qr_pictures(slide):
            address = picture.click_action.hyperlink.address
            found.setdefault(slide.shapes.title.text, []).append(address)
            assert picture.image.content_type == "image/png"
            assert picture.width == picture.height
    assert found == {"Grafana Loki": [LOKI], "Other sessions": [CNCF], "Videos": [LOKI, CNCF]}


def test_tables_are_native_with_the_header_row_first(prs: Any):
    slide = slide_titled(prs, "Pods")
    frames = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TABLE]
    assert len(frames) == 1
    assert frames[0]._element.tag == qn("p:graphicFrame")
    table = frames[0].table
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [
        ["NAME", "READY", "STATUS"],
        ["web-1", "1/1", "Running"],
        ["web-2", "0/1", "Pending"],
    ]
    header = table.rows[0].cells[0].text_frame.paragraphs[0].runs[0]
    assert header.font.bold


def test_code_uses_the_code_font_in_several_colours(prs: Any):
    slide = slide_titled(prs, "Dockerfile")
    code_runs = [r for r in runs(slide) if r.font.name == "Courier New"]
    text = "".join(r.text for r in code_runs)
    assert "def main(argv: list[str]) -> int:" in text
    assert len({str(r.font.color.rgb) for r in code_runs}) >= 3
    paragraphs = [
        p
        for f in text_frames(slide)
        for p in f.paragraphs
        if any(r.font.name == "Courier New" for r in p.runs)
    ]
    assert paragraphs[0].text == "import os"
    assert any(p.text == "    return 0" for p in paragraphs)  # indentation kept


def test_images_keep_their_aspect_ratio(prs: Any):
    slide = slide_titled(prs, "Logo")
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    ratio = picture.width / picture.height
    assert ratio == pytest.approx(IMAGE_SIZE[0] / IMAGE_SIZE[1], rel=0.01)
    assert picture.left >= 0
    assert picture.left + picture.width <= Emu(12192000)


def test_every_shape_lies_on_the_slide(prs: Any):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.width is None:
                continue
            assert shape.left >= 0, shape.name
            assert shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width + EMU_PER_PT, shape.name
            assert shape.top + shape.height <= prs.slide_height + EMU_PER_PT, shape.name


# --- bullets that appear on click -----------------------------------------------------------

STEPS = """\
title: Steps
options: {collapse_steps: animate, agenda: false, video_index: false}
presenters:
  - name: André
    topics:
      - title: Helm 3
        slides:
          - title: One per click
            steps: true
            bullets: [bye bye Tiller, some CLI changes, OCI repos]
          - title: Built up
            bullets: [bye bye Tiller]
          - title: Built up
            bullets: [bye bye Tiller, some CLI changes]
          - title: Built up
            bullets: [bye bye Tiller, some CLI changes, OCI repos]
"""


def animated_texts(slide: Any) -> list[str]:
    """The texts of the paragraphs entrance animations target, in order."""
    timing = slide._element.find(qn("p:timing"))
    if timing is None:
        return []
    shapes = {str(shape.shape_id): shape for shape in slide.shapes}
    texts = []
    for target in timing.iter(qn("p:spTgt")):
        (rg,) = target.iter(qn("p:pRg"))
        assert rg.get("st") == rg.get("end")
        paragraphs = shapes[target.get("spid")].text_frame.paragraphs
        texts.append(paragraphs[int(rg.get("st"))].text)
    return texts


def clicks(slide: Any) -> int:
    return sum(
        1 for ctn in slide._element.iter(qn("p:cTn")) if ctn.get("nodeType") == "clickEffect"
    )


def test_steps_appear_one_per_click(tmp_path: Path):
    source = tmp_path / "steps.yaml"
    source.write_text(STEPS, encoding="utf-8")
    result = build(source, tmp_path / "steps.pptx")
    assert result.collapsed[0].count == 3
    deck = Presentation(str(result.output))
    one_per_click = slide_titled(deck, "One per click")
    assert animated_texts(one_per_click) == ["bye bye Tiller", "some CLI changes", "OCI repos"]
    assert clicks(one_per_click) == 3
    built_up = slide_titled(deck, "Built up")
    assert animated_texts(built_up) == ["some CLI changes", "OCI repos"]
    assert clicks(built_up) == 2


def test_without_steps_nothing_is_animated(prs: Any):
    for slide in prs.slides:
        assert slide._element.find(qn("p:timing")) is None
