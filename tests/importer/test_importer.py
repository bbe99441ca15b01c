"""`deckgen import`: decks deckgen made, python-pptx, LibreOffice and pandoc decks to recaps."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from deckgen import api, inline
from deckgen.errors import BuildError, Position, Problem, RecapError
from deckgen.importer import ImportBug, ImportReport, import_deck
from deckgen.model import Bullet, Bullets, Code, Picture, Recap, Slide, Table, Video
from deckgen.options import BuildOptions

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "recaps").glob("*.yaml"))
TUBE = "https://www.youtube.com/watch?v=6sDTB4eV4F8"
SHORT_TUBE = "https://youtu.be/6sDTB4eV4F8"
_PART = re.compile(r" \(\d+/\d+\)$")
_GENERATED = {"agenda", "video-index"}


# --- helpers ---------------------------------------------------------------------------


def facts(deck: Path) -> dict[str, set[str]]:
    """Titles (without "(1/2)"), other paragraphs, notes and link targets of a deck, leaving
    out the slides deckgen generates from the rest (agenda, video index) and slide numbers."""
    out: dict[str, set[str]] = {"titles": set(), "texts": set(), "notes": set(), "links": set()}
    for slide in Presentation(str(deck)).slides:
        if slide._element.cSld.get("name") in _GENERATED:
            continue
        title = slide.shapes.title
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if getattr(shape, "has_table", False) and shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    text = " ".join(p.text.split())
                    if title is not None and shape.shape_id == title.shape_id:
                        out["titles"].add(_PART.sub("", text))
                    elif text and not text.isdigit():
                        out["texts"].add(text)
                    out["links"] |= {r.hyperlink.address for r in p.runs if r.hyperlink.address}
            if shape.shape_type == 13 and shape.click_action.hyperlink.address:
                out["links"].add(shape.click_action.hyperlink.address)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip():
            out["notes"].add(slide.notes_slide.notes_text_frame.text.strip())
    return out


def sequence(deck: Path) -> list[tuple[str | None, str | None]]:
    """Each slide's kind and title."""
    return [
        (s._element.cSld.get("name"), s.shapes.title.text if s.shapes.title else None)
        for s in Presentation(str(deck)).slides
    ]


def imported(recap: Path) -> Recap:
    """The recap an import wrote, as deckgen reads it (it must have no warnings either)."""
    checked = api.check(recap)
    assert checked.warnings == []
    return checked.recap


def slides(recap: Recap) -> list[Slide]:
    return [s for t in recap.topics for s in t.slides]


def png(color: str = "teal", size: tuple[int, int] = (60, 40)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, color).save(data, "PNG")
    data.seek(0)
    return data


def link_run(paragraph, text: str, url: str) -> None:
    run = paragraph.add_run()
    run.text = text
    run.hyperlink.address = url


def default_template_deck(path: Path) -> Path:
    """A deck in python-pptx's default template with the usual kinds of slides."""
    prs = Presentation()
    prs.core_properties.author = "Jane Doe"
    layouts = prs.slide_layouts
    s = prs.slides.add_slide(layouts[0])  # Title Slide
    s.shapes.title.text = "Cloud Native Recap"
    s.placeholders[1].text = "What we saw in 2024"

    s = prs.slides.add_slide(layouts[2])  # Section Header: a presenter's divider
    s.shapes.title.text = "Jane Doe"
    s.placeholders[1].text = "Platform team"

    s = prs.slides.add_slide(layouts[1])  # Title and Content
    s.shapes.title.text = "Basic facts"
    frame = s.placeholders[1].text_frame
    frame.text = "First level"
    for text, level in [("Second level", 1), ("Third level", 2), ("Back to top", 0)]:
        p = frame.add_paragraph()
        p.text, p.level = text, level
    p = frame.add_paragraph()
    p.add_run().text = "See "
    link_run(p, "the docs", "https://example.com/docs")
    p.add_run().text = " and "
    bold = p.add_run()
    bold.text, bold.font.bold = "bold", True
    p.add_run().text = " 2*3 [x] `y` \\z, "
    link_run(p, "an FTP site", "ftp://example.com/pub")
    p = frame.add_paragraph()
    p.text = "Broken: https://www.youtube.com/watch?v=iPz.DAOOCKA"
    p = frame.add_paragraph()
    p.add_run().text = "The keynote, "
    link_run(p, "recorded", TUBE)
    s.notes_slide.notes_text_frame.text = "Speaker notes here.\nSecond line."

    s = prs.slides.add_slide(layouts[5])  # Title Only
    s.shapes.title.text = "A table"
    grid = s.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for i, row in enumerate([["Name", "Value"], ["a", "1"], ["b", "true"]]):
        for j, value in enumerate(row):
            grid.cell(i, j).text = value

    s = prs.slides.add_slide(layouts[5])
    s.shapes.title.text = "A picture"
    picture = s.shapes.add_picture(png(), Inches(1), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", "A teal rectangle")

    s = prs.slides.add_slide(layouts[1])  # a talk card
    s.shapes.title.text = "Kubernetes Failure Stories"
    frame = s.placeholders[1].text_frame
    frame.text = "Henning Jacobs, Zalando SE"
    link_run(frame.add_paragraph(), "Recording", TUBE)

    s = prs.slides.add_slide(layouts[5])  # code in a monospace text box
    s.shapes.title.text = "Crash your cluster"
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(2))
    for i, line in enumerate(["$ kubectl get pods", "NAME   READY", "  indented"]):
        p = box.text_frame.paragraphs[0] if i == 0 else box.text_frame.add_paragraph()
        run = p.add_run()
        run.text, run.font.name, run.font.size = line, "Courier New", Pt(14)
    prs.save(str(path))
    return path


def assert_default_template_recap(recap: Recap, yaml_file: Path) -> None:
    """What the import of `default_template_deck` (or a LibreOffice copy) must hold."""
    assert recap.title == "Cloud Native Recap"
    assert recap.subtitle == "What we saw in 2024"
    [presenter] = recap.presenters
    assert (presenter.name, presenter.tagline) == ("Jane Doe", "Platform team")
    [facts_topic, talk] = presenter.topics
    bullets, grid, picture = facts_topic.slides
    assert facts_topic.title == bullets.title == "Basic facts"
    assert isinstance(bullets.content, Bullets)
    items = bullets.content.items
    assert items[0] == Bullet("First level", (Bullet("Second level", (Bullet("Third level"),)),))
    assert items[1] == Bullet("Back to top")
    link = items[2].text
    assert link.startswith("See [the docs](https://example.com/docs) and **bold** ")
    assert inline.plain(link) == "See the docs and bold 2*3 [x] `y` \\z, an FTP site"
    assert inline.urls(link) == ["https://example.com/docs"]  # ftp is dropped
    assert "youtube.com/watch?v=iPz.DAOOCKA" in inline.plain(items[3].text)
    assert inline.urls(items[3].text) == []  # a malformed YouTube ID is no link
    assert inline.urls(items[4].text) == [TUBE]  # a link inside a sentence stays inline
    assert bullets.notes == "Speaker notes here.\nSecond line."
    assert grid.content == Table(("Name", "Value"), (("a", "1"), ("b", "true")))
    assert isinstance(picture.content, Picture)
    assert picture.content.alt == "A teal rectangle"
    assert picture.content.path == yaml_file.parent.resolve() / (
        f"{yaml_file.stem}-images/slide05-1.png"
    )
    assert talk.title == "Kubernetes Failure Stories"
    assert talk.video is not None and talk.video.url == SHORT_TUBE
    assert talk.speakers == ("Henning Jacobs, Zalando SE",)
    [listing] = talk.slides
    assert listing.title == "Crash your cluster"
    assert listing.content == Code("$ kubectl get pods\nNAME   READY\n  indented")


# --- (a) decks deckgen made --------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_deckgen_deck_imports_and_builds_with_every_text_note_and_link(example, tmp_path):
    first = tmp_path / "first" / f"{example.stem}.pptx"
    api.build(example, first)
    recap = tmp_path / "imported" / f"{example.stem}.yaml"
    report = import_deck(first, recap)
    second = tmp_path / "second" / f"{example.stem}.pptx"
    api.build(recap, second)

    before, after = facts(first), facts(second)
    for key in before:
        assert before[key] <= after[key], (key, before[key] - after[key])
    assert sequence(first) == sequence(second)  # presenters, topics and talks recovered
    original, back = api.check(example).recap, imported(recap)
    assert [p.name for p in back.presenters] == [p.name for p in original.presenters]
    assert [t.title for t in back.topics] == [t.title for t in original.topics]

    assert report.slides_read == len(sequence(first))
    assert report.slides_written == len(slides(back))
    assert report.pictures == len(list((recap.parent / f"{example.stem}-images").iterdir()))
    assert report.collapsed == [] and report.left_out == []
    text = recap.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert f"# Imported from {example.stem}.pptx by deckgen import" in text


def test_a_import_of_an_uncollapsed_build_keeps_every_step(tmp_path):
    """deckgen collapsed what it meant to: the steps a `--steps off` build shows stay, each
    with `keep: true`, so that the recap builds the same deck (nothing is lost)."""
    first = tmp_path / "team.pptx"
    api.build(REPO / "recaps" / "kubecon2019-team.yaml", first, BuildOptions(steps="off"))
    report = import_deck(first, tmp_path / "team.yaml")
    assert report.collapsed == []
    helm = next(t for t in imported(tmp_path / "team.yaml").topics if t.title == "Helm 3")
    assert len(helm.slides) == 9
    assert [s.keep for s in helm.slides] == [False] + [True] * 8
    second = tmp_path / "again.pptx"
    api.build(tmp_path / "team.yaml", second)
    assert sequence(second) == sequence(first)


def test_a_importing_twice_gives_the_same_recap(tmp_path):
    first = tmp_path / "one" / "eu2019.pptx"
    api.build(REPO / "recaps" / "eu2019.yaml", first)
    import_deck(first, tmp_path / "one" / "eu2019.yaml")
    second = tmp_path / "two" / "eu2019.pptx"
    api.build(tmp_path / "one" / "eu2019.yaml", second)
    import_deck(second, tmp_path / "two" / "eu2019.yaml")
    one = (tmp_path / "one" / "eu2019.yaml").read_text(encoding="utf-8")
    two = (tmp_path / "two" / "eu2019.yaml").read_text(encoding="utf-8")
    assert one == two


# --- (b) a python-pptx default-template deck ---------------------------------------------


def test_b_default_template_deck(tmp_path):
    deck = default_template_deck(tmp_path / "talk.pptx")
    recap = tmp_path / "out" / "talk.yaml"
    report = import_deck(deck, recap)
    assert_default_template_recap(imported(recap), recap)
    assert report == ImportReport(
        deck,
        recap,
        slides_read=7,
        slides_written=4,
        collapsed=[],
        pictures=1,
        videos=1,
        left_out=[],
    )
    assert str(report) == (
        f"{recap.as_posix()}: 7 slides read, 4 written, 0 step runs collapsed, 1 pictures, 1 videos"
    )
    api.build(recap, tmp_path / "rebuilt.pptx")


def test_b_the_yaml_is_commented_block_style_and_quotes_what_is_not_text(tmp_path):
    deck = default_template_deck(tmp_path / "talk.pptx")
    recap = tmp_path / "talk.yaml"
    import_deck(deck, recap)
    text = recap.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[1] == "# Imported from talk.pptx by deckgen import; check it and edit freely."
    assert "          # slide 3" in lines
    assert '                - [b, "true"]' in lines  # a string, not a boolean
    assert '                - [a, "1"]' in lines  # a string, not a number
    assert "{" not in text.replace("`y`", "")  # block style (no flow mappings)
    data = yaml.safe_load(text)
    assert list(data) == ["title", "subtitle", "options", "presenters"]
    topic = data["presenters"][0]["topics"][1]
    assert list(topic) == ["title", "speakers", "video", "slides"]


# --- (c) a deck LibreOffice saved ----------------------------------------------------------


@pytest.mark.integration("soffice")
def test_c_libreoffice_saved_deck(tmp_path):
    source = default_template_deck(tmp_path / "talk.pptx")
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    recap = tmp_path / "recap" / "talk.yaml"
    report = import_deck(out / "talk.pptx", recap)
    assert_default_template_recap(imported(recap), recap)
    assert (report.slides_read, report.pictures, report.videos) == (7, 1, 1)
    api.build(recap, tmp_path / "rebuilt.pptx")


# --- (d) pandoc's pptx output ------------------------------------------------------------

PANDOC_MD = f"""\
---
title: Cloud Native Days
subtitle: What we learned
author: Jane Doe
---

# Helm

## Helm 3

- bye bye Tiller

::: notes
Tiller is gone.
:::

## Helm 3

- bye bye Tiller
- some CLI changes

## Helm 3

- bye bye Tiller
- some CLI changes
- Namespaced releases

::: notes
Releases live in namespaces now.
:::

## Failure stories

Henning Jacobs, Zalando SE

[Recording]({TUBE})

## Crashing clusters

- CPU throttling
- DNS
"""


@pytest.mark.integration("pandoc")
def test_d_pandoc_deck(tmp_path):
    source = tmp_path / "in.md"
    source.write_text(PANDOC_MD, encoding="utf-8")
    deck = tmp_path / "out.pptx"
    subprocess.run(["pandoc", str(source), "-o", str(deck)], check=True, timeout=300)
    recap = tmp_path / "days.yaml"
    report = import_deck(deck, recap)
    assert report.collapsed == ['slide 3: collapsed 3 step slides "Helm 3" into 1']
    back = imported(recap)
    assert (back.title, back.subtitle) == ("Cloud Native Days", "What we learned")
    assert [p.name for p in back.presenters] == ["Jane Doe"]
    helm, talk = back.topics
    [step] = helm.slides
    assert step.title == "Helm 3"
    assert step.content == Bullets(
        (Bullet("bye bye Tiller"), Bullet("some CLI changes"), Bullet("Namespaced releases"))
    )
    assert step.notes == "Tiller is gone.\n\nReleases live in namespaces now."
    assert talk.video is not None and talk.video.url == SHORT_TUBE
    assert talk.speakers == ("Henning Jacobs, Zalando SE",)
    assert [s.title for s in talk.slides] == ["Crashing clusters"]
    assert report.videos == 1
    result = api.build(recap, tmp_path / "days.pptx")
    assert result.collapsed == []  # already collapsed by the import


# --- structure and pictures ----------------------------------------------------------------


def test_step_slides_in_a_plain_deck_collapse_with_their_notes(tmp_path):
    prs = Presentation()
    for n in range(1, 4):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = "Helm 3"
        frame = s.placeholders[1].text_frame
        frame.text = "bye bye Tiller"
        for extra in ["some CLI changes", "Namespaced releases"][: n - 1]:
            frame.add_paragraph().text = extra
        s.notes_slide.notes_text_frame.text = f"step {n}"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Helm 3"
    s.placeholders[1].text_frame.text = "something else entirely"
    prs.save(str(tmp_path / "steps.pptx"))
    report = import_deck(tmp_path / "steps.pptx", tmp_path / "steps.yaml")
    assert report.collapsed == ['slide 1: collapsed 3 step slides "Helm 3" into 1']
    first, _other = slides(imported(tmp_path / "steps.yaml"))
    assert first.notes == "step 1\n\nstep 2\n\nstep 3"
    assert isinstance(first.content, Bullets) and len(first.content.items) == 3
    assert "# slides 1-3: 3 step slides, collapsed into their last state" in (
        tmp_path / "steps.yaml"
    ).read_text(encoding="utf-8")


def test_pictures_are_deduplicated_and_logos_left_out(tmp_path):
    prs = Presentation()
    for n in range(1, 5):
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text = f"Slide {n}"
        s.shapes.add_picture(png("red", (10, 10)), Inches(9), Inches(0.1))  # a logo
        color = "teal" if n in (1, 3) else "navy"
        s.shapes.add_picture(png(color), Inches(1), Inches(2))
    prs.save(str(tmp_path / "pics.pptx"))
    report = import_deck(tmp_path / "pics.pptx", tmp_path / "pics.yaml")
    files = sorted(p.name for p in (tmp_path / "pics-images").iterdir())
    assert files == ["slide01-2.png", "slide02-2.png"]
    assert report.pictures == 2
    paths = [s.content.path.name for s in slides(imported(tmp_path / "pics.yaml"))]
    assert paths == ["slide01-2.png", "slide02-2.png", "slide01-2.png", "slide02-2.png"]


def test_sections_become_topics_and_bold_statements_text(tmp_path):
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Before any section"
    s.placeholders[1].text_frame.text = "a bullet"
    s = prs.slides.add_slide(prs.slide_layouts[2])
    s.shapes.title.text = "Serverless Summit"
    s.shapes.add_picture(png(), Inches(1), Inches(1))  # a section's picture: an image slide
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Why?"
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(2))
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.bold = "I WANT TO KNOW WHY!", True
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Results"
    chart = CategoryChartData()
    chart.categories, _ = ["a", "b"], chart.add_series("s", (1, 2))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), chart)
    prs.save(str(tmp_path / "s.pptx"))
    report = import_deck(tmp_path / "s.pptx", tmp_path / "s.yaml")
    assert report.left_out == ["slide 4: a chart left out"]
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "      # slide 4: section\n      # slide 4: a chart left out\n" in text
    recap = imported(tmp_path / "s.yaml")
    assert recap.title == "s"  # no title slide and the default title: the file name
    assert [p.name for p in recap.presenters] == ["Presenter"]
    titles = [t.title for t in recap.topics]
    assert titles == ["Before any section", "Serverless Summit", "Results"]
    picture, statement = recap.topics[1].slides
    assert isinstance(picture.content, Picture)
    assert statement.content.text == "I WANT TO KNOW WHY!"  # type: ignore[union-attr]


def test_youtube_links_alone_on_their_line_become_video_slides(tmp_path):
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Other sessions"
    frame = s.placeholders[1].text_frame
    for i in range(6):
        frame.add_paragraph().text = f"point {i}"
    link_run(frame.add_paragraph(), "► youtube link", TUBE)
    prs.save(str(tmp_path / "v.pptx"))
    import_deck(tmp_path / "v.pptx", tmp_path / "v.yaml")
    bullets, video = slides(imported(tmp_path / "v.yaml"))
    assert isinstance(bullets.content, Bullets) and len(bullets.content.items) == 6
    assert isinstance(video.content, Video)
    assert (video.title, video.content.link.url) == ("Other sessions", SHORT_TUBE)


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"not a deck", "is not a PowerPoint deck: it is not a zip package, as .pptx files are"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "is not a PowerPoint deck: it is an old PowerPoint 97-2003 (.ppt) file or an"
            " encrypted deck; save it as .pptx without a password",
        ),
        ("empty", "has no slides"),
    ],
)
def test_unreadable_decks_are_build_errors_at_the_deck(tmp_path, content, message):
    deck = tmp_path / "deck.pptx"
    if content == "empty":
        Presentation().save(str(deck))
    elif content is not None:
        deck.write_bytes(content)
    with pytest.raises(BuildError) as caught:
        import_deck(deck, tmp_path / "r.yaml")
    [problem] = caught.value.problems
    assert (problem.position.file, problem.message) == (deck.as_posix(), message)
    assert not (tmp_path / "r.yaml").exists()


def test_a_broken_slide_is_named(tmp_path):
    deck = default_template_deck(tmp_path / "talk.pptx")
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "ppt/slides/slide3.xml":
                data = data.replace(b"<p:spTree>", b"<p:spTree><broken", 1)
            target.writestr(item, data)
    with pytest.raises(BuildError) as caught:
        import_deck(broken, tmp_path / "r.yaml")
    [problem] = caught.value.problems
    assert problem.position.file == broken.as_posix()
    assert problem.message.startswith("slide 3: cannot read it: ")


def test_the_recap_may_not_replace_the_deck(tmp_path):
    deck = default_template_deck(tmp_path / "talk.pptx")
    with pytest.raises(BuildError, match="would replace the deck"):
        import_deck(deck, deck)


def test_unusable_pictures_are_left_out_with_a_comment(tmp_path):
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Vector art"
    picture = s.shapes.add_picture(png(), Inches(1), Inches(2))
    picture.image._blob  # noqa: B018 - the image part exists
    prs.save(str(tmp_path / "v.pptx"))
    # swap the PNG's bytes for a WMF header, which deckgen cannot show
    wmf = b"\xd7\xcd\xc6\x9a" + b"\0" * 60
    swapped = tmp_path / "wmf.pptx"
    with zipfile.ZipFile(tmp_path / "v.pptx") as source, zipfile.ZipFile(swapped, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item, wmf if item.filename.startswith("ppt/media/") else data)
    report = import_deck(swapped, tmp_path / "w.yaml")
    assert report.left_out == [
        "slide 1: picture `Picture 2` left out: in a format deckgen cannot show (WMF)"
    ]
    text = (tmp_path / "w.yaml").read_text(encoding="utf-8")
    assert "# slide 1: picture `Picture 2` left out" in text
    assert [t.title for t in imported(tmp_path / "w.yaml").topics] == ["Vector art"]


def test_markdown_in_the_deck_text_is_escaped():
    from deckgen.importer.markup import escape

    text = "a *b* `c` [d](https://e.org) \\ <https://f.org> https://g.org/h*i"
    assert inline.plain(escape(text)) == text
    # URLs in the text stay clickable, as in any recap text
    assert inline.urls(escape(text)) == ["https://e.org", "https://f.org", "https://g.org/h*i"]
    assert escape("**x**") == "\\*\\*x\\*\\*"


def test_a_recap_that_does_not_validate_is_a_bug(tmp_path, monkeypatch):
    def broken(path, *args, **kwargs):
        raise RecapError([Problem(Position(path.as_posix(), 3, 1), "imagine a bug")])

    monkeypatch.setattr(api, "check", broken)
    deck = default_template_deck(tmp_path / "talk.pptx")
    with pytest.raises(ImportBug, match="does not validate") as caught:
        import_deck(deck, tmp_path / "talk.yaml")
    assert "talk.yaml:3:1: error: imagine a bug" in str(caught.value)
