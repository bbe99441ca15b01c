"""`render_svg`: every element type of a laid-out page, drawn where the page puts it."""

from __future__ import annotations

import base64
import io
import itertools
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image as Pillow

from deckgen.layout.fit import INSET_X, INSET_Y
from deckgen.layout.page import Cell, Grid, Image, Page, Para, Rect, Run, Shape, TextBox
from deckgen.svg import render_svg
from deckgen.svg.breaking import break_lines, units, width
from deckgen.theme import Theme, builtin_themes, load_theme

SVG = "{http://www.w3.org/2000/svg}"
THEMES = {t.name: t for t in builtin_themes()}


def run(text: str, **style: object) -> Run:
    return Run(text, "Calibri", 20.0, "112233", **style)  # type: ignore[arg-type]


def page(*elements: object, background: str | None = None) -> Page:
    return Page("bullets", "A <title> & more", tuple(elements), background=background)  # type: ignore[arg-type]


def drawn(pg: Page, theme: Theme | None = None) -> etree._Element:
    (svg,) = render_svg([pg], theme or THEMES["default"])
    return etree.fromstring(svg.encode())


def texts(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{SVG}text"))


def test_a_slide_is_a_960_by_540_point_document_titled_by_its_page() -> None:
    root = drawn(page())
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "960pt",
        "540pt",
        "0 0 960 540",
    )
    assert root.findtext(f"{SVG}title") == "A <title> & more"


def test_text_is_escaped_and_styled_run_by_run() -> None:
    box = TextBox(
        Rect(100, 100, 600, 100),
        (Para((run("a < b & c > d "), run("bold", bold=True), run(" it", italic=True))),),
    )
    (text,) = texts(drawn(page(box)))
    spans = text.findall(f"{SVG}tspan")
    assert [s.text for s in spans] == ["a < b & c > d ", "bold", " it"]
    assert spans[0].get("font-family") == (
        "Calibri, Carlito, 'DejaVu Sans', Symbola, 'Noto Sans CJK SC', sans-serif"
    )
    assert (spans[0].get("font-size"), spans[0].get("fill")) == ("20", "#112233")
    assert spans[1].get("font-weight") == "bold"
    assert spans[2].get("font-style") == "italic"
    # the first line starts at the box's inset; its baseline 1.0 em below the top inset
    assert float(spans[0].get("x")) == pytest.approx(100 + INSET_X)
    assert float(text.get("y")) == pytest.approx(100 + INSET_Y + 20)
    assert float(spans[1].get("x")) > float(spans[0].get("x"))


def test_a_link_run_is_an_underlined_anchor() -> None:
    box = TextBox(
        Rect(0, 0, 600, 100), (Para((run("see "), run("here", url="https://x.org/?a=1&b=2"))),)
    )
    (text,) = texts(drawn(page(box)))
    anchor = text.find(f"{SVG}a")
    assert anchor is not None
    assert anchor.get("href") == "https://x.org/?a=1&b=2"
    assert anchor.get("target") == "_blank"
    (span,) = anchor
    assert (span.text, span.get("text-decoration")) == ("here", "underline")


def test_lines_break_at_the_box_width_and_go_down_by_1_2_em() -> None:
    words = " ".join(["word"] * 40)
    box = TextBox(Rect(0, 0, 300, 400), (Para((run(words),)),))
    lines = texts(drawn(page(box)))
    assert len(lines) > 3
    baselines = [float(t.get("y")) for t in lines]
    assert {round(b - a, 6) for a, b in itertools.pairwise(baselines)} == {24.0}
    assert " ".join(t.findtext(f"{SVG}tspan").strip() for t in lines) == words


def test_anchors_centre_and_bottom_align_the_text() -> None:
    top, middle, bottom = (
        float(
            texts(drawn(page(TextBox(Rect(0, 0, 300, 200), (Para((run("x"),)),), anchor=a))))[
                0
            ].get("y")
        )
        for a in ("top", "middle", "bottom")
    )
    assert middle - top == pytest.approx((200 - 2 * INSET_Y - 24) / 2)
    assert bottom - top == pytest.approx(200 - 2 * INSET_Y - 24)


def test_right_and_centred_paragraphs_end_at_the_inset_or_sit_in_the_middle() -> None:
    def start(align: str) -> float:
        box = TextBox(Rect(0, 0, 400, 60), (Para((run("xx"),), align=align),))  # type: ignore[arg-type]
        return float(texts(drawn(page(box)))[0].find(f"{SVG}tspan").get("x"))

    left, centre, right = start("left"), start("center"), start("right")
    assert centre - left == pytest.approx((right - left) / 2)
    assert right > centre > left


def test_a_bullet_hangs_left_of_its_text_in_its_colour() -> None:
    para = Para((run("point"),), bullet="•", bullet_color="FF0000", indent=30)
    bullet, text = texts(drawn(page(TextBox(Rect(0, 0, 400, 60), (para,)))))
    assert (bullet.get("class"), bullet.text, bullet.get("fill")) == ("bullet", "•", "#FF0000")
    assert float(bullet.get("x")) == pytest.approx(INSET_X + 30 - 0.32 * 72)
    assert float(text.find(f"{SVG}tspan").get("x")) == pytest.approx(INSET_X + 30)
    assert float(bullet.get("y")) < float(text.get("y"))  # LibreOffice raises it a little


def test_shapes_are_rectangles_rounded_and_outlined_as_in_the_deck() -> None:
    plain, rounded = (
        e
        for e in drawn(
            page(
                Shape(Rect(10, 20, 30, 40), "ABCDEF"),
                Shape(Rect(0, 0, 200, 100), "000000", rounded=True, line="FFFFFF"),
            )
        ).iter(f"{SVG}rect")
        if e.get("width") != "960"
    )
    assert [plain.get(k) for k in ("x", "y", "width", "height", "fill")] == [
        "10",
        "20",
        "30",
        "40",
        "#ABCDEF",
    ]
    assert plain.get("rx") is None
    assert rounded.get("rx") == "8"  # 8 % of the short side, at most 8 pt
    assert (rounded.get("stroke"), rounded.get("stroke-width")) == ("#FFFFFF", "0.75")


def test_pictures_are_embedded_stretched_and_linked(tmp_path: Path) -> None:
    photo = tmp_path / "photo.tiff"
    Pillow.new("RGB", (4, 2), "red").save(photo)
    qr = io.BytesIO()
    Pillow.new("1", (3, 3)).save(qr, format="PNG")
    root = drawn(
        page(
            Image(Rect(1, 2, 300, 150), path=photo, alt="a <red> photo"),
            Image(Rect(500, 2, 200, 200), data=qr.getvalue(), url="https://youtu.be/x"),
        )
    )
    pictures = list(root.iter(f"{SVG}image"))
    assert [p.get("preserveAspectRatio") for p in pictures] == ["none", "none"]
    tiff = pictures[0].get("href")
    assert tiff.startswith("data:image/png;base64,")  # browsers show no TIFF: converted
    with Pillow.open(io.BytesIO(base64.b64decode(tiff.split(",", 1)[1]))) as shown:
        assert shown.size == (4, 2)
    assert pictures[0].findtext(f"{SVG}title") == "a <red> photo"
    assert (
        pictures[1].get("href")
        == "data:image/png;base64," + base64.b64encode(qr.getvalue()).decode()
    )
    assert pictures[1].get("image-rendering") == "pixelated"
    assert pictures[1].getparent().get("href") == "https://youtu.be/x"


def test_a_grid_fills_every_cell_and_sets_its_text_in_it() -> None:
    cells = tuple(
        tuple(Cell((Para((run(f"r{r}c{c}"),)),), "EEEEEE" if r else "0000FF") for c in range(2))
        for r in range(2)
    )
    root = drawn(page(Grid(Rect(100, 100, 300, 80), (100.0, 200.0), (30.0, 50.0), cells)))
    fills = [(e.get("x"), e.get("y"), e.get("fill")) for e in root.iter(f"{SVG}rect")][1:]
    assert fills == [
        ("100", "100", "#0000FF"),
        ("200", "100", "#0000FF"),
        ("100", "130", "#EEEEEE"),
        ("200", "130", "#EEEEEE"),
    ]
    cells_drawn = list(root.iter(f"{SVG}rect"))[1:]
    assert {e.get("shape-rendering") for e in cells_drawn} == {"crispEdges"}  # no seams
    spans = [
        (t.findtext(f"{SVG}tspan"), float(t.find(f"{SVG}tspan").get("x"))) for t in texts(root)
    ]
    assert spans == [
        ("r0c0", pytest.approx(100 + INSET_X)),
        ("r0c1", pytest.approx(200 + INSET_X)),
        ("r1c0", pytest.approx(100 + INSET_X)),
        ("r1c1", pytest.approx(200 + INSET_X)),
    ]


def test_a_coloured_page_shows_its_colour_only_and_others_the_theme_backdrop() -> None:
    coloured = drawn(page(background="326CE5"), THEMES["corporate"])
    assert [e.get("fill") for e in coloured.iter(f"{SVG}rect")] == ["#326CE5"]
    assert not list(coloured.iter(f"{SVG}image"))
    plain = drawn(page(), THEMES["corporate"])
    # the template's rule and the theme's logo, from the deck's own content layout
    assert [e.get("fill") for e in plain.iter(f"{SVG}rect")] == ["#FFFFFF", "#D9E2EC"]
    (logo,) = plain.iter(f"{SVG}image")
    assert logo.get("href").startswith("data:image/png;base64,")
    assert [e.get("fill") for e in drawn(page(), THEMES["dark"]).iter(f"{SVG}rect")] == ["#0F172A"]


def test_the_same_pages_give_the_same_svg() -> None:
    pages = [
        page(
            TextBox(Rect(0, 0, 500, 300), (Para((run("same " * 30),)),)),
            Shape(Rect(1, 1, 2, 2), "000000"),
        )
    ]
    assert render_svg(pages, THEMES["default"]) == render_svg(pages, THEMES["default"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two words", ["two ", "words"]),
        ("wait ... now", ["wait ... ", "now"]),  # no break before closing punctuation
        ("GPU-powered 20-30", ["GPU-", "powered ", "20-30"]),
        ("日本語です", ["日", "本", "語", "で", "す"]),
        ("終わり。", ["終", "わ", "り。"]),
    ],
)
def test_break_opportunities(text: str, expected: list[str]) -> None:
    assert ["".join(t for _, t in unit) for unit in units([run(text)])] == expected


def test_a_link_breaks_only_between_its_characters_when_it_is_wider_than_the_line() -> None:
    url = "https://example.org/" + "-".join(["segment"] * 12)
    rows = break_lines(Para((run("see "), run(url, url=url))), 300)
    assert rows[0].pieces[0].text == "see "
    assert "".join(p.text for r in rows[1:] for p in r.pieces) == url
    assert all(r.used <= 300 for r in rows)
    assert [r.continued for r in rows] == [False, False] + [True] * (len(rows) - 2)


def test_a_word_that_would_leave_under_0_15_percent_of_the_line_spare_wraps() -> None:
    para = Para((run("Storage is Hard"),))
    used = width("Storage is Hard", para.runs[0])
    assert len(break_lines(para, used * 1.001)) == 2  # 0.1 % spare: LibreOffice wraps
    assert len(break_lines(para, used * 1.002)) == 1  # 0.2 % spare: it fits


def test_a_theme_background_picture_is_stretched_over_the_slide(tmp_path: Path) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "theme.yaml").write_text("extends: default\nbackground_image: paper.png\n")
    paper = io.BytesIO()
    Pillow.new("RGB", (160, 90), "#F5F0E6").save(paper, format="PNG")
    (folder / "paper.png").write_bytes(paper.getvalue())
    (picture,) = drawn(page(), load_theme(folder)).iter(f"{SVG}image")
    assert [picture.get(k) for k in ("x", "y", "width", "height")] == ["0", "0", "960", "540"]
    assert (
        picture.get("href")
        == "data:image/png;base64," + base64.b64encode(paper.getvalue()).decode()
    )


def test_a_box_that_does_not_wrap_keeps_each_paragraph_on_one_line() -> None:
    words = " ".join(["word"] * 40)
    box = TextBox(Rect(0, 0, 100, 60), (Para((run(words),)),), wrap=False)
    (text,) = texts(drawn(page(box)))
    assert text.findtext(f"{SVG}tspan") == words


def test_characters_xml_cannot_hold_are_dropped() -> None:
    box = TextBox(Rect(0, 0, 300, 60), (Para((run("a\x0bb\tc"),)),))
    (text,) = texts(drawn(page(box)))
    assert text.findtext(f"{SVG}tspan") == "ab    c"
