"""`deckgen import` keeps what a recap can hold: one step rule with build, talks written as
YouTube links, notes of every slide, code languages, `keep: true`, the presenter's lines,
slide shows, templates and macro decks; decks over the recap's limits are split."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.util import Inches, Pt

from deckgen import api
from deckgen.errors import BuildError, Position
from deckgen.importer import MACROS, import_deck
from deckgen.importer.limits import fit_limits
from deckgen.importer.structure import Draft, DraftPresenter, DraftSlide, DraftTopic
from deckgen.model import Bullet, Bullets, Code, Origin, Slide, Statement, Table, Video

NOBEL = "https://www.youtube.com/watch?v=CTfp2woVEkA"
FAILURES = "https://youtu.be/6sDTB4eV4F8"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def bullets_deck(path: Path, slides: list[tuple[str, list[str]]], title: str = "Tools") -> Path:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Recap"
    for slide_title, items in slides:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = slide_title or title
        frame = s.placeholders[1].text_frame
        frame.text = items[0]
        for item in items[1:]:
            frame.add_paragraph().text = item
    prs.save(str(path))
    return path


def content_slides(recap: Path) -> list[Slide]:
    checked = api.check(recap)
    assert checked.warnings == []
    return [s for t in checked.recap.topics for s in t.slides]


def recap_data(recap: Path) -> dict:
    return yaml.safe_load(recap.read_text(encoding="utf-8"))


# --- 1. one step rule -------------------------------------------------------------------


def test_import_groups_steps_as_build_does(tmp_path: Path) -> None:
    steps = [("", ["Loki"]), ("", ["Helm"]), ("", ["Loki", "Helm"])]
    deck = bullets_deck(tmp_path / "tools.pptx", steps)
    report = import_deck(deck, tmp_path / "tools.yaml")
    assert report.collapsed == ['slide 2: collapsed 3 step slides "Tools" into 1']
    [slide] = content_slides(tmp_path / "tools.yaml")
    assert slide.content == Bullets((Bullet("Loki"), Bullet("Helm")))
    written = tmp_path / "written.yaml"
    slides = [{"bullets": items} for _, items in steps]
    topic = {"title": "Tools", "slides": slides}
    written.write_text(
        yaml.safe_dump({"title": "T", "presenters": [{"name": "A", "topics": [topic]}]}),
        encoding="utf-8",
    )
    built = api.build(written, tmp_path / "written.pptx")
    assert [str(c).split(": ", 1)[1] for c in built.collapsed] == [
        'collapsed 3 step slides "Tools" into 1'
    ]


def test_other_sessions_each_with_a_talk_are_two_video_slides(tmp_path: Path) -> None:
    prs = Presentation()
    for talk, url in [
        ("Reperforming a Nobel Prize Discovery", NOBEL),
        ("Failure stories", FAILURES),
    ]:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = "Other sessions"
        frame = s.placeholders[1].text_frame
        frame.text = talk
        frame.add_paragraph().text = url
    prs.save(str(tmp_path / "other.pptx"))
    report = import_deck(tmp_path / "other.pptx", tmp_path / "other.yaml")
    assert (report.slides_written, report.videos, report.collapsed) == (2, 2, [])
    first, second = content_slides(tmp_path / "other.yaml")
    assert isinstance(first.content, Video) and isinstance(second.content, Video)
    assert (first.title, first.content.title, first.content.link.url) == (
        "Other sessions",
        "Reperforming a Nobel Prize Discovery",
        "https://youtu.be/CTfp2woVEkA",
    )
    assert (second.content.title, second.content.link.url) == ("Failure stories", FAILURES)


def test_parts_of_one_deck_slide_are_no_steps(tmp_path: Path) -> None:
    """A slide of text and a table, then the same table: three slides, kept apart."""
    prs = Presentation()
    for text in ("Simple tables", None):
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text = "A table"
        if text:
            box = s.shapes.add_textbox(Inches(1), Inches(1.5), Inches(8), Inches(0.5))
            box.text_frame.text = text
        grid = s.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(6), Inches(1)).table
        for i, value in enumerate(["Right", "Left", "12", "1"]):
            grid.cell(i // 2, i % 2).text = value
    prs.save(str(tmp_path / "tables.pptx"))
    report = import_deck(tmp_path / "tables.pptx", tmp_path / "tables.yaml")
    assert report.collapsed == []
    kinds = [type(s.content) for s in content_slides(tmp_path / "tables.yaml")]
    assert kinds == [Statement, Table, Table]
    built = api.build(tmp_path / "tables.yaml", tmp_path / "tables-again.pptx")
    assert built.collapsed == []


# --- 2. nothing a recap can hold is lost --------------------------------------------------


def test_notes_of_title_section_and_notes_only_slides_stay_on_slides(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Recap"
    s.notes_slide.notes_text_frame.text = "Welcome everyone."
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Basics"
    s.placeholders[1].text_frame.text = "Pods"
    s = prs.slides.add_slide(prs.slide_layouts[6])  # blank: nothing but notes
    s.notes_slide.notes_text_frame.text = "Questions so far?"
    s = prs.slides.add_slide(prs.slide_layouts[5])  # a section that gets no slide
    s.shapes.title.text = "Thank you"
    s.notes_slide.notes_text_frame.text = "Say goodbye."
    prs.save(str(tmp_path / "notes.pptx"))
    report = import_deck(tmp_path / "notes.pptx", tmp_path / "notes.yaml")
    assert report.left_out == []
    basics, thanks = content_slides(tmp_path / "notes.yaml")
    assert basics.notes == "Welcome everyone.\n\nQuestions so far?"
    assert (thanks.title, thanks.content, thanks.notes) == (
        "Thank you",
        Statement("Thank you"),
        "Say goodbye.",
    )
    text = (tmp_path / "notes.yaml").read_text(encoding="utf-8")
    assert "# the notes of slide 1 (title slide) begin the notes of this slide" in text
    assert "# slide 3 had only notes: they end the notes of this slide" in text


def test_a_deckgen_deck_keeps_code_languages_keep_and_the_presenters_lines(
    tmp_path: Path,
) -> None:
    recap = tmp_path / "r.yaml"
    recap.write_text(
        """\
title: Recap
footer: KubeCon 2019
options: {collapse_steps: collapse}
presenters:
  - name: Ann
    affiliation: Platform team
    topics:
      - title: Helm
        slides:
          - bullets: [Charts]
          - bullets: [Charts, Releases]
            keep: true
          - code: {source: "print(1)\\n", language: python}
  - name: Bob
    tagline: Serverless and more
    topics:
      - title: Knative
        slides:
          - text: Scale to zero
""",
        encoding="utf-8",
    )
    api.build(recap, tmp_path / "r.pptx")
    import_deck(tmp_path / "r.pptx", tmp_path / "back.yaml")
    data = recap_data(tmp_path / "back.yaml")
    assert data["footer"] == "KubeCon 2019"
    ann, bob = data["presenters"]
    assert (ann.get("affiliation"), ann.get("tagline")) == ("Platform team", None)
    assert (bob.get("affiliation"), bob.get("tagline")) == (None, "Serverless and more")
    charts, releases, listing = ann["topics"][0]["slides"]
    assert "keep" not in charts and releases["keep"] is True
    assert listing["code"] == {"source": "print(1)\n", "language": "python"}


def test_collapse_steps_off_is_read_back(tmp_path: Path) -> None:
    recap = tmp_path / "r.yaml"
    recap.write_text(
        "title: T\noptions: {collapse_steps: 'off'}\npresenters:\n  - name: A\n    topics:\n"
        "      - title: X\n        slides:\n          - bullets: [a]\n"
        "          - bullets: [a, b]\n",
        encoding="utf-8",
    )
    api.build(recap, tmp_path / "r.pptx")
    import_deck(tmp_path / "r.pptx", tmp_path / "back.yaml")
    data = recap_data(tmp_path / "back.yaml")
    assert data["options"]["collapse_steps"] == "off"
    assert len(data["presenters"][0]["topics"][0]["slides"]) == 2


# --- 3. slide shows, templates, macro decks; files that are no deck -----------------------


def _retyped(deck: Path, target: Path, content_type: str, macros: bool = False) -> Path:
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(_PPTX.encode(), content_type.encode())
            out.writestr(item, data)
        if macros:
            out.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    return target


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        ("ppsx", "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"),
        ("potx", "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"),
        ("pptm", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
    ],
)
def test_slide_shows_templates_and_macro_decks_are_read(
    tmp_path: Path, suffix: str, content_type: str
) -> None:
    plain = bullets_deck(tmp_path / "plain.pptx", [("Helm", ["Charts"])])
    deck = _retyped(plain, tmp_path / f"deck.{suffix}", content_type, macros=suffix == "pptm")
    report = import_deck(deck, tmp_path / "deck.yaml")
    [slide] = content_slides(tmp_path / "deck.yaml")
    assert slide.content == Bullets((Bullet("Charts"),))
    assert report.left_out == ([MACROS] if suffix == "pptm" else [])
    if suffix == "pptm":
        assert f"# {MACROS}" in (tmp_path / "deck.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        (
            {"word/document.xml": b"<w/>"},
            "a zip file without [Content_Types].xml, so no Office document",
        ),
        (
            {
                "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/'
                b'2006/content-types"><Override PartName="/word/document.xml" ContentType="'
                b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
                b"/></Types>"
            },
            "a Word document",
        ),
    ],
)
def test_a_zip_that_is_no_deck_says_what_it_is(tmp_path: Path, members, reason) -> None:
    deck = tmp_path / "report.pptx"
    with zipfile.ZipFile(deck, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    with pytest.raises(BuildError) as caught:
        import_deck(deck, tmp_path / "r.yaml")
    [problem] = caught.value.problems
    assert problem.message == f"is not a PowerPoint deck: it is {reason}"
    assert not (tmp_path / "r.yaml").exists()


# --- #10: hostile names and decks over the limits -----------------------------------------


def test_picture_names_with_line_separators_and_c1_controls(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Vector art"
    picture = s.shapes.add_picture(str(_png(tmp_path)), Inches(1), Inches(2))
    picture._element.nvPicPr.cNvPr.set("name", "logo\u2028one\u2029two\x85three\x9bfour")
    prs.save(str(tmp_path / "png.pptx"))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    png_deck, svg_deck = tmp_path / "png.pptx", tmp_path / "names.pptx"
    with zipfile.ZipFile(png_deck) as source, zipfile.ZipFile(svg_deck, "w") as target:
        for item in source.infolist():
            media = item.filename.startswith("ppt/media/")
            target.writestr(item, svg if media else source.read(item))
    report = import_deck(tmp_path / "names.pptx", tmp_path / "names.yaml")
    assert report.left_out == [
        "slide 1: picture `logo one twothreefour` left out: in a format deckgen cannot show (SVG)"
    ]
    assert api.check(tmp_path / "names.yaml").warnings == []


def _png(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "p.png"
    Image.new("RGB", (8, 8), "teal").save(path)
    return path


def test_a_recap_name_with_an_escape_character(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Screenshot"
    s.shapes.add_picture(str(_png(tmp_path)), Inches(1), Inches(2))
    prs.save(str(tmp_path / "deck.pptx"))
    recap = tmp_path / "\x1b[31mred.yaml"
    report = import_deck(tmp_path / "deck.pptx", recap)
    assert "\x1b" not in str(report) and "\\x1b[31mred.yaml" in str(report)
    assert (tmp_path / "__31mred-images" / "slide01-1.png").is_file()
    assert api.check(recap).warnings == []


def test_an_untitled_talk_card_of_a_deckgen_deck(tmp_path: Path) -> None:
    recap = tmp_path / "r.yaml"
    recap.write_text(
        f"title: T\npresenters:\n  - name: A\n    topics:\n      - title: Talk one\n"
        f"        video: {FAILURES}\n",
        encoding="utf-8",
    )
    api.build(recap, tmp_path / "r.pptx")
    prs = Presentation(str(tmp_path / "r.pptx"))
    card = next(s for s in prs.slides if s._element.cSld.get("name") == "talk")
    card.shapes.title.text_frame.text = ""
    prs.save(str(tmp_path / "edited.pptx"))
    report = import_deck(tmp_path / "edited.pptx", tmp_path / "back.yaml")
    assert report.left_out == ['slide 3: the slide has no title; the recap calls it "Talk"']
    [topic] = api.check(tmp_path / "back.yaml").recap.topics
    assert (topic.title, topic.video and topic.video.url) == ("Talk", FAILURES)


def test_a_deck_over_the_recap_limits_is_split_and_said(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Many bullets"
    frame = s.placeholders[1].text_frame
    frame.text = "bullet 0"
    for i in range(1, 600):
        frame.add_paragraph().text = f"bullet {i}"
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "A long listing"
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(4))
    listing = box.text_frame.paragraphs[0]
    listing.text = "\v".join(f"line {i}" for i in range(2500))
    for run in listing.runs:
        run.font.name, run.font.size = "Courier New", Pt(10)
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Long text"
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(4))
    box.text_frame.text = "word " * 5000  # 25,000 characters
    link = box.text_frame.add_paragraph().add_run()
    link.text = "a long link"
    link.hyperlink.address = "https://example.com/" + "a" * 100_000
    prs.save(str(tmp_path / "big.pptx"))
    report = import_deck(tmp_path / "big.pptx", tmp_path / "big.yaml")
    assert report.left_out == [
        "slide 3: a link longer than 2,000 characters left out",
        "slide 1: split into 2 slides (at most 500 bullets a slide)",
        "slide 2: split into 3 slides (at most 2,000 lines a listing)",
        "slide 3: a bullet of 24,999 characters split into 2 bullets (at most 20,000"
        " characters a text)",
    ]
    slides = content_slides(tmp_path / "big.yaml")
    assert [type(s.content) for s in slides] == [Bullets, Bullets, Code, Code, Code, Bullets]
    many, more, *listings, long = (s.content for s in slides)
    assert len(many.items) + len(more.items) == 600  # type: ignore[union-attr]
    lines = [line for c in listings for line in c.source.splitlines()]  # type: ignore[union-attr]
    assert lines == [f"line {i}" for i in range(2500)]
    words = " ".join(b.text for b in long.items).split()  # type: ignore[union-attr]
    assert words == ["word"] * 5000 + ["a", "long", "link"]
    api.build(tmp_path / "big.yaml", tmp_path / "big-again.pptx")


def _draft(slides: list[Slide]) -> Draft:
    topic = DraftTopic("T", 1, slides=[DraftSlide(s, n, n) for n, s in enumerate(slides, 2)])
    return Draft("T", presenters=[DraftPresenter("A", None, topics=[topic])])


def test_tables_over_the_limits_are_split() -> None:
    origin = Origin(Position("d.pptx"), "slide 2")
    columns = tuple(f"c{i}" for i in range(60))
    rows = tuple(tuple(f"{r}.{i}" for i in range(60)) for r in range(1100))
    draft = _draft([Slide("T", Table(columns, rows), origin)])
    assert fit_limits(draft) == [
        "slide 2: split into 4 slides (at most 1,000 rows and 50 columns a table)"
    ]
    tables = [d.slide.content for d in draft.presenters[0].topics[0].slides]
    assert [(len(t.columns), len(t.rows)) for t in tables] == [  # type: ignore[union-attr]
        (50, 1000), (50, 100), (10, 1000), (10, 100),
    ]  # fmt: skip


def test_slides_past_the_recap_limit_are_left_out() -> None:
    origin = Origin(Position("d.pptx"), "slide")
    draft = _draft([Slide("T", Statement(f"s{i}"), origin) for i in range(10_050)])
    assert fit_limits(draft) == [
        "slide 10002: this and every later slide left out (a recap holds at most 10,000 slides)"
    ]
    assert len(draft.presenters[0].topics[0].slides) == 10_000
