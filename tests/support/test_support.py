"""Tests of the test support: decks built with python-pptx directly, never with deckgen."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qrcode  # type: ignore[import-untyped, unused-ignore]
from PIL import Image
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.slide import Slide
from pptx.util import Inches, Pt

from . import ooxml
from .ooxml import SchemaUnavailableError, validate_pptx
from .render import (
    TOOLS,
    RenderError,
    decode_qr,
    overlapping_words,
    page_count,
    page_texts,
    rasterize,
    render_pdf,
    words_off_page,
    words_with_boxes,
)

SHORT_URL = "https://youtu.be/dQw4w9WgXcQ"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


# --- Building decks ---------------------------------------------------------------


def _png(color: str = "red", size: int = 40) -> io.BytesIO:
    stream = io.BytesIO()
    Image.new("RGB", (size, size), color).save(stream, "PNG")
    stream.seek(0)
    return stream


def _qr_png(url: str, level: int) -> io.BytesIO:
    code = qrcode.QRCode(error_correction=level, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    stream = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(stream)
    stream.seek(0)
    return stream


def _text_box(
    slide: Slide,
    left: float,
    top: float,
    width: float,
    height: float,
    text: str,
    *,
    size: int = 24,
    line_spacing: float | None = None,
) -> None:
    """A text box (inches) with word wrap on and autofit off, so text may overflow it."""
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.text = text
    for paragraph in frame.paragraphs:
        if line_spacing is not None:
            paragraph.line_spacing = line_spacing
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _plain_deck(path: Path) -> Path:
    """python-pptx's default template: text slides with notes, a table, a picture."""
    deck = Presentation()
    for number in range(1, 4):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        assert slide.shapes.title is not None
        slide.shapes.title.text = f"Slide {number}"
        slide.placeholders[1].text_frame.text = f"Point {number}\nAnother point"
        slide.notes_slide.notes_text_frame.text = f"Notes for slide {number}"
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    table = slide.shapes.add_table(2, 3, Inches(0.5), Inches(0.5), Inches(6), Inches(1.5)).table
    for row in range(2):
        for column in range(3):
            table.cell(row, column).text = f"r{row}c{column}"
    slide.shapes.add_picture(_png(), Inches(7), Inches(0.5), Inches(2))
    deck.save(str(path))
    return path


def _rewrite(
    source: Path,
    target: Path,
    *,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    add: tuple[tuple[str, bytes], ...] = (),
) -> Path:
    """A copy of package ``source`` with members replaced, dropped or added."""
    replace = replace or {}
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename not in drop:
                copy.writestr(
                    info.filename, replace.get(info.filename, original.read(info.filename))
                )
        for name, data in add:
            copy.writestr(name, data)
    return target


def _member(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def _append_child(xml: bytes, child: bytes) -> bytes:
    """``xml`` with ``child`` added as the last child of its document element."""
    xml = xml.rstrip()
    if xml.endswith(b"/>"):  # an empty document element: open it up
        root = re.search(rb"<([\w:.-]+)", xml.split(b"?>", 1)[-1])
        assert root is not None
        xml = xml[:-2] + b"></" + root.group(1) + b">"
    end = xml.rindex(b"</")
    return xml[:end] + child + xml[end:]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _plain_deck(tmp_path_factory.mktemp("plain") / "plain.pptx")


def _problems_for(problems: list[str], part: str) -> list[str]:
    return [problem for problem in problems if problem.startswith(f"{part}: line ")]


# --- ooxml.validate_pptx ----------------------------------------------------------


def test_plain_python_pptx_deck_is_valid(plain: Path) -> None:
    assert validate_pptx(plain) == []


def test_plain_deck_has_every_part_kind_under_test(plain: Path) -> None:
    with zipfile.ZipFile(plain) as archive:
        names = set(archive.namelist())
    assert set(ROOT_CHILD_CASES) <= names


# Every kind of XML part of a python-pptx deck, with a child that its schema forbids.
ROOT_CHILD_CASES = {
    "ppt/slides/slide1.xml": b"<p:bogus/>",
    "ppt/slideLayouts/slideLayout1.xml": b"<p:bogus/>",
    "ppt/slideMasters/slideMaster1.xml": b"<p:bogus/>",
    "ppt/notesSlides/notesSlide1.xml": b"<p:bogus/>",
    "ppt/notesMasters/notesMaster1.xml": b"<p:bogus/>",
    "ppt/presentation.xml": b"<p:bogus/>",
    "ppt/presProps.xml": b"<p:bogus/>",
    "ppt/viewProps.xml": b"<p:bogus/>",
    "ppt/tableStyles.xml": b'<a:bogus xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>',
    "ppt/theme/theme1.xml": b"<a:bogus/>",
    "ppt/theme/theme2.xml": b"<a:bogus/>",
    "[Content_Types].xml": b"<bogus/>",
    "_rels/.rels": b"<bogus/>",
    "ppt/slides/_rels/slide1.xml.rels": b"<bogus/>",
    "docProps/core.xml": b"<cp:bogus/>",
    "docProps/app.xml": b"<bogus/>",
}


@pytest.mark.parametrize("part", sorted(ROOT_CHILD_CASES))
def test_every_part_kind_is_schema_validated(plain: Path, tmp_path: Path, part: str) -> None:
    broken = _append_child(_member(plain, part), ROOT_CHILD_CASES[part])
    problems = validate_pptx(_rewrite(plain, tmp_path / "broken.pptx", replace={part: broken}))
    assert len(problems) == 1, problems
    assert re.fullmatch(
        re.escape(part) + r": line [1-9]\d*: .*bogus.*not expected.*", problems[0]
    ), problems


def test_element_order_is_checked(plain: Path, tmp_path: Path) -> None:
    part = "ppt/slides/slide1.xml"
    xml = _member(plain, part).replace(b"<p:clrMapOvr>", b"<p:timing/><p:clrMapOvr>")
    problems = validate_pptx(_rewrite(plain, tmp_path / "order.pptx", replace={part: xml}))
    assert problems == [
        f"{part}: line 2: Element 'p:clrMapOvr': This element is not expected. "
        "Expected is ( p:extLst ). [at /p:sld/p:clrMapOvr]"
    ]


def test_invalid_attribute_value_is_reported(plain: Path, tmp_path: Path) -> None:
    part = "ppt/presentation.xml"
    xml = re.sub(rb'<p:sldSz cx="\d+"', b'<p:sldSz cx="-5"', _member(plain, part))
    problems = validate_pptx(_rewrite(plain, tmp_path / "size.pptx", replace={part: xml}))
    assert len(problems) == 1 and "p:sldSz" in problems[0] and "'-5'" in problems[0], problems


def test_xml_part_without_schema_is_reported(plain: Path, tmp_path: Path) -> None:
    deck = _rewrite(
        plain,
        tmp_path / "custom.pptx",
        add=(("customXml/item1.xml", b"<data xmlns='urn:example'/>"),),
    )
    assert validate_pptx(deck) == [
        "customXml/item1.xml: line 1: no schema for this XML part (content type "
        "'application/xml', document element {urn:example}data); it cannot be validated"
    ]


def test_document_element_must_match_content_type(plain: Path, tmp_path: Path) -> None:
    theme = _member(plain, "ppt/theme/theme1.xml")
    deck = _rewrite(plain, tmp_path / "swap.pptx", replace={"ppt/slides/slide2.xml": theme})
    problems = validate_pptx(deck)
    assert _problems_for(problems, "ppt/slides/slide2.xml") == [
        "ppt/slides/slide2.xml: line 2: document element a:theme does not match content type "
        "'application/vnd.openxmlformats-officedocument.presentationml.slide+xml' "
        "(expected p:sld)"
    ]


def test_wrong_content_type_is_reported_and_part_still_validated(
    plain: Path, tmp_path: Path
) -> None:
    types = _member(plain, "[Content_Types].xml").replace(
        b'<Override PartName="/ppt/slides/slide1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>',
        b"",
    )
    slide = _append_child(_member(plain, "ppt/slides/slide1.xml"), b"<p:bogus/>")
    deck = _rewrite(
        plain,
        tmp_path / "type.pptx",
        replace={"[Content_Types].xml": types, "ppt/slides/slide1.xml": slide},
    )
    problems = validate_pptx(deck)
    assert len(problems) == 2, problems
    assert "content type 'application/xml' is wrong for a p:sld part" in problems[0]
    assert "bogus" in problems[1]


def test_part_without_content_type_is_reported(plain: Path, tmp_path: Path) -> None:
    deck = _rewrite(plain, tmp_path / "xyz.pptx", add=(("ppt/media/extra.xyz", b"\0"),))
    assert validate_pptx(deck) == [
        "ppt/media/extra.xyz: line 0: no content type in [Content_Types].xml"
    ]


def test_duplicate_content_type_entries_are_reported(plain: Path, tmp_path: Path) -> None:
    types = _member(plain, "[Content_Types].xml").replace(
        b'<Default Extension="png" ContentType="image/png"/>',
        b'<Default Extension="png" ContentType="image/png"/>'
        b'<Default Extension="PNG" ContentType="image/png"/>',
    )
    deck = _rewrite(plain, tmp_path / "ct.pptx", replace={"[Content_Types].xml": types})
    assert validate_pptx(deck) == [
        "[Content_Types].xml: line 2: duplicate Default Extension 'png' "
        "(compared case-insensitively)"
    ]


def test_duplicate_zip_members_are_reported(plain: Path, tmp_path: Path) -> None:
    slide = _member(plain, "ppt/slides/slide1.xml")
    with pytest.warns(UserWarning, match="Duplicate name"):
        deck = _rewrite(plain, tmp_path / "dup.pptx", add=(("ppt/slides/slide1.xml", slide),))
    assert validate_pptx(deck) == [
        "ppt/slides/slide1.xml: line 0: duplicate zip member name (2 entries)"
    ]


def test_member_names_differing_in_case_are_reported(plain: Path, tmp_path: Path) -> None:
    slide = _member(plain, "ppt/slides/slide1.xml")
    deck = _rewrite(plain, tmp_path / "case.pptx", add=(("ppt/slides/Slide1.xml", slide),))
    assert validate_pptx(deck) == [
        "ppt/slides/Slide1.xml: line 0: zip member name differs from ppt/slides/slide1.xml "
        "only in case (part names are case-insensitive)"
    ]


def test_missing_relationship_target_is_reported(plain: Path, tmp_path: Path) -> None:
    deck = _rewrite(plain, tmp_path / "target.pptx", drop=("ppt/media/image1.png",))
    problems = validate_pptx(deck)
    assert len(problems) == 1, problems
    assert re.fullmatch(
        r"ppt/slides/_rels/slide4\.xml\.rels: line 2: relationship rId\d+ "
        r"\(image\) targets missing part /ppt/media/image1\.png",
        problems[0],
    )


def test_reference_to_unknown_relationship_is_reported(plain: Path, tmp_path: Path) -> None:
    part = "ppt/slides/slide4.xml"
    xml = re.sub(rb'r:embed="rId\d+"', b'r:embed="rId99"', _member(plain, part))
    problems = validate_pptx(_rewrite(plain, tmp_path / "rid.pptx", replace={part: xml}))
    assert problems == [
        f"{part}: line 2: a:blip r:embed='rId99' names no relationship in "
        "ppt/slides/_rels/slide4.xml.rels"
    ]


def test_malformed_xml_is_reported(plain: Path, tmp_path: Path) -> None:
    part = "ppt/slides/slide3.xml"
    xml = _member(plain, part).replace(b"</p:sld>", b"")
    problems = validate_pptx(_rewrite(plain, tmp_path / "bad.pptx", replace={part: xml}))
    assert len(problems) == 1 and problems[0].startswith(f"{part}: line 2: not well-formed XML")


def test_not_a_zip_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_text("not a deck")
    assert validate_pptx(path) == [
        "deck.pptx: line 0: not a readable zip file: File is not a zip file"
    ]


TRANSITION = (
    b'<mc:AlternateContent xmlns:mc="' + NS_MC.encode() + b'">'
    b'<mc:Choice xmlns:p14="' + NS_P14.encode() + b'" Requires="p14">'
    b'<p:transition spd="slow" p14:dur="2000"><p14:prism/></p:transition></mc:Choice>'
    b"<mc:Fallback>FALLBACK</mc:Fallback></mc:AlternateContent>"
)


def _with_transition(plain: Path, target: Path, fallback: bytes) -> Path:
    """Slide 1 as PowerPoint 2010+ writes a transition: p14 choice, plain fallback."""
    part = "ppt/slides/slide1.xml"
    xml = _member(plain, part).replace(
        b"<p:sld ",
        b'<p:sld xmlns:mc="'
        + NS_MC.encode()
        + b'" xmlns:p14="'
        + NS_P14.encode()
        + b'" mc:Ignorable="p14" p14:unknown="1" ',
        1,
    )
    xml = _append_child(xml, TRANSITION.replace(b"FALLBACK", fallback))
    return _rewrite(plain, target, replace={part: xml})


def test_markup_compatibility_fallback_is_validated(plain: Path, tmp_path: Path) -> None:
    good = _with_transition(
        plain, tmp_path / "good.pptx", b'<p:transition spd="slow"><p:fade/></p:transition>'
    )
    assert validate_pptx(good) == []
    bad = _with_transition(
        plain, tmp_path / "bad.pptx", b'<p:transition spd="slow"><p:prism/></p:transition>'
    )
    problems = validate_pptx(bad)
    assert len(problems) == 1 and "p:prism" in problems[0], problems


def test_core_properties_dates_need_w3cdtf(plain: Path, tmp_path: Path) -> None:
    part = "docProps/core.xml"
    xml = _member(plain, part)
    untyped = xml.replace(b'<dcterms:created xsi:type="dcterms:W3CDTF">', b"<dcterms:created>")
    assert untyped != xml
    deck = _rewrite(plain, tmp_path / "untyped.pptx", replace={part: untyped})
    assert validate_pptx(deck) == [
        f'{part}: line 2: dcterms:created must have xsi:type="dcterms:W3CDTF" (OPC)'
    ]
    not_a_date = re.sub(rb"(<dcterms:modified[^>]*>)[^<]+", rb"\1yesterday", xml)
    deck = _rewrite(plain, tmp_path / "date.pptx", replace={part: not_a_date})
    problems = validate_pptx(deck)
    assert len(problems) == 1 and "'yesterday' is not a valid value" in problems[0], problems


def test_the_schemas_are_shipped_in_the_repository() -> None:
    """Every schema a part kind needs, and every file it imports, is in the repository."""
    repository = Path(__file__).resolve().parents[2]
    assert ooxml.SCHEMA_DIR.is_relative_to(repository)
    todo = [
        ooxml.SCHEMA_DIR / kind.schema for kind in [*ooxml.KINDS.values(), ooxml.CONTENT_TYPES_KIND]
    ]
    seen: set[Path] = set()
    while todo:
        path = todo.pop().resolve()
        if path in seen:
            continue
        assert path.is_file(), path
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        for location in re.findall(r'<xsd?:(?:import|include)[^>]*schemaLocation="([^"]+)"', text):
            if not location.startswith("http"):  # the web ones are pointed at schema_stubs
                todo.append(path.parent / location)
    shipped = {p.resolve() for p in ooxml.SCHEMA_DIR.rglob("*.xsd")}
    assert shipped == seen  # nothing missing, nothing unused


def test_a_missing_schema_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plain: Path
) -> None:
    monkeypatch.setattr(ooxml, "SCHEMA_DIR", tmp_path)
    monkeypatch.setattr(ooxml, "_SCHEMAS", {})
    with pytest.raises(
        SchemaUnavailableError, match=f"schema {tmp_path}/opc/opc-contentTypes.xsd not found"
    ):
        validate_pptx(plain)


# --- decode_qr without LibreOffice --------------------------------------------------

needs_zbar = pytest.mark.integration("zbarimg")


@needs_zbar
def test_decode_qr_reads_a_qr_code(tmp_path: Path) -> None:
    path = tmp_path / "qr.png"
    path.write_bytes(_qr_png(SHORT_URL, qrcode.constants.ERROR_CORRECT_M).getvalue())
    assert decode_qr(path) == [SHORT_URL]


@needs_zbar
def test_decode_qr_gives_nothing_for_an_image_without_qr_code(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    path.write_bytes(_png("white", 200).getvalue())
    assert decode_qr(path) == []


@needs_zbar
def test_decode_qr_fails_on_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"not an image")
    with pytest.raises(RenderError, match="zbarimg"):
        decode_qr(path)


# --- Rendering with LibreOffice -----------------------------------------------------

renders = pytest.mark.integration(*TOOLS)

# One deck, one slide per case, rendered once for all integration tests.
SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5


def _clean(slide: Slide) -> None:
    _text_box(slide, 1, 1, 6, 1, "Alpha clean slide")
    _text_box(slide, 1, 2.5, 6, 1, "Beta second box")
    # Tight line spacing: the pdftotext boxes of consecutive lines overlap a little.
    _text_box(
        slide,
        8,
        1,
        4,
        4,
        "Tight lines at eighty percent wrap onto several lines of body text in this box",
        size=24,
        line_spacing=0.8,
    )
    _text_box(
        slide,
        1,
        4,
        6,
        3,
        "A title at ninety percent wraps onto two lines",
        size=40,
        line_spacing=0.9,
    )


def _right_edge(slide: Slide) -> None:
    _text_box(slide, 1, 1, 4, 1, "Inside")
    _text_box(slide, 11, 1, 5, 1, "Rightedge overflowing phrase")


def _flow(slide: Slide) -> None:
    _text_box(slide, 1, 5, 6, 1, " ".join(f"flow{number}" for number in range(120)))


def _overlap(slide: Slide) -> None:
    _text_box(slide, 1, 1, 6, 1, "Overlap first text")
    _text_box(slide, 1.05, 1.05, 6, 1, "Covering other words")


def _twins(slide: Slide) -> None:
    _text_box(slide, 1, 1, 6, 1, "Twin exact")
    _text_box(slide, 1, 1, 6, 1, "Twin exact")


def _qr(width: float) -> Callable[[Slide], None]:
    def build(slide: Slide) -> None:
        left = Inches((SLIDE_WIDTH_IN - width) / 2)
        top = Inches((SLIDE_HEIGHT_IN - width) / 2)
        slide.shapes.add_picture(
            _qr_png(SHORT_URL, qrcode.constants.ERROR_CORRECT_M),
            left,
            top,
            Inches(width),
            Inches(width),
        )

    return build


SLIDES: dict[str, Callable[[Slide], None]] = {
    "clean": _clean,
    "right edge": _right_edge,
    "flow": _flow,
    "overlap": _overlap,
    "twins": _twins,
    "qr 3.0": _qr(3.0),
    "qr 2.3": _qr(2.3),
    "qr 1.6": _qr(1.6),
}
PAGE = {name: number for number, name in enumerate(SLIDES, start=1)}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("render")
    deck = Presentation()
    deck.slide_width = Inches(SLIDE_WIDTH_IN)
    deck.slide_height = Inches(SLIDE_HEIGHT_IN)
    for build in SLIDES.values():
        build(deck.slides.add_slide(deck.slide_layouts[6]))
    deck.save(str(folder / "cases.pptx"))
    assert validate_pptx(folder / "cases.pptx") == []
    yield render_pdf(folder / "cases.pptx", folder / "pdf")


def _on_page(messages: list[str], name: str) -> list[str]:
    return [message for message in messages if message.startswith(f"page {PAGE[name]}: ")]


@renders
def test_render_pdf_writes_one_page_per_slide(rendered: Path) -> None:
    assert rendered.name == "cases.pdf" and rendered.is_file()
    assert page_count(rendered) == len(SLIDES)


@renders
def test_page_texts(rendered: Path) -> None:
    texts = page_texts(rendered)
    assert len(texts) == len(SLIDES)
    assert "Alpha clean slide" in texts[PAGE["clean"] - 1]
    assert "Beta second box" in texts[PAGE["clean"] - 1]
    assert texts[PAGE["qr 3.0"] - 1].strip() == ""
    assert "Alpha clean slide" in page_texts(rendered, layout=True)[PAGE["clean"] - 1]


@renders
def test_words_with_boxes_gives_positions_in_points(rendered: Path) -> None:
    pages = words_with_boxes(rendered)
    assert [page.number for page in pages] == list(range(1, len(SLIDES) + 1))
    page = pages[PAGE["clean"] - 1]
    assert page.width == pytest.approx(SLIDE_WIDTH_IN * 72, abs=0.1)
    assert page.height == pytest.approx(SLIDE_HEIGHT_IN * 72, abs=0.1)
    alpha = next(word for word in page if word.text == "Alpha")
    # The box starts 1 in from the left and top; text is inset 0.1 in by default.
    assert alpha.x0 == pytest.approx(1.1 * 72, abs=2)
    assert 1.1 * 72 - 5 < alpha.y0 < 1.1 * 72 + 5
    assert 20 < alpha.height < 40 and alpha.width > 0


@renders
def test_pdftotext_alone_loses_text_past_the_page_edge(rendered: Path) -> None:
    """Why words_with_boxes enlarges the page: clipped, the overflow is cut or gone."""
    clipped = [word.text for word in words_with_boxes(rendered, clip=True)[PAGE["right edge"] - 1]]
    assert "phrase" not in clipped and "overflowing" not in clipped
    whole = [word.text for word in words_with_boxes(rendered)[PAGE["right edge"] - 1]]
    assert whole == ["Inside", "Rightedge", "overflowing", "phrase"]


@renders
def test_words_off_page_catches_a_box_past_the_right_edge(rendered: Path) -> None:
    messages = _on_page(words_off_page(rendered), "right edge")
    assert len(messages) == 2, messages
    assert "'overflowing'" in messages[0] and "'phrase'" in messages[1]
    assert all("past the right edge of the 960 x 540 pt page" in m for m in messages)


@renders
def test_words_off_page_catches_text_flowing_below_the_slide(rendered: Path) -> None:
    messages = _on_page(words_off_page(rendered), "flow")
    flowed = [re.search(r"'(flow\d+)'", message) for message in messages]
    names = [match.group(1) for match in flowed if match]
    assert "flow119" in names and "flow0" not in names
    assert all("past the bottom edge" in message for message in messages)
    words = {word.text for word in words_with_boxes(rendered)[PAGE["flow"] - 1]}
    assert words == {f"flow{number}" for number in range(120)}


@renders
def test_words_off_page_is_empty_for_slides_that_fit(rendered: Path) -> None:
    messages = words_off_page(rendered)
    assert {int(m.split(":")[0].split()[1]) for m in messages} == {PAGE["right edge"], PAGE["flow"]}


@renders
def test_overlapping_words_catches_stacked_text_boxes(rendered: Path) -> None:
    messages = overlapping_words(rendered)
    overlap = _on_page(messages, "overlap")
    assert any("'Overlap'" in m and "'Covering'" in m for m in overlap), overlap
    twins = _on_page(messages, "twins")
    assert len(twins) == 2, twins
    assert twins[0].startswith(f"page {PAGE['twins']}: 'Twin' at ")
    assert twins[0].count("'Twin'") == 2 and "by 100% of the smaller box" in twins[0]


@renders
def test_overlapping_words_is_empty_for_a_clean_slide(rendered: Path) -> None:
    messages = overlapping_words(rendered)
    assert _on_page(messages, "clean") == []
    assert {int(m.split(":")[0].split()[1]) for m in messages} == {PAGE["overlap"], PAGE["twins"]}
    # Without trimming, the lines of the 80% paragraph would count as overlapping.
    assert _on_page(overlapping_words(rendered, trim=0), "clean") != []


@renders
def test_rasterize_writes_one_png_per_page(rendered: Path, tmp_path: Path) -> None:
    images = rasterize(rendered, 30, tmp_path)
    assert [image.name for image in images] == [
        f"cases-30dpi-{number}.png" for number in range(1, len(SLIDES) + 1)
    ]
    with Image.open(images[0]) as image:
        assert image.size == (
            pytest.approx(SLIDE_WIDTH_IN * 30, abs=1),
            pytest.approx(SLIDE_HEIGHT_IN * 30, abs=1),
        )


@renders
def test_decode_qr_on_rendered_slides(rendered: Path, tmp_path: Path) -> None:
    sharp = rasterize(rendered, 110, tmp_path)
    coarse = rasterize(rendered, 30, tmp_path)
    for name in ("qr 3.0", "qr 2.3", "qr 1.6"):
        assert decode_qr(sharp[PAGE[name] - 1]) == [SHORT_URL], name
    assert decode_qr(coarse[PAGE["qr 3.0"] - 1]) == [SHORT_URL]
    assert decode_qr(coarse[PAGE["qr 1.6"] - 1]) == []  # 1.3 px per module: unreadable
    assert decode_qr(sharp[PAGE["clean"] - 1]) == []


@renders
def test_render_pdf_is_killed_on_timeout(plain: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"within 0\.01 s and was killed"):
        render_pdf(plain, tmp_path, timeout=0.01)
    assert not (tmp_path / "plain.pdf").exists()


def test_render_pdf_needs_an_existing_deck(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="does not exist"):
        render_pdf(tmp_path / "missing.pptx", tmp_path)
