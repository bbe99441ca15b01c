"""Shape roles: each shape says what it is, and `import` reads deckgen's own slides by role
(a deck whose label texts were translated still imports the same)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pptx import Presentation

from deckgen import api
from deckgen.importer import import_deck
from deckgen.roles import Role, describe_lines, lines_of, role_of

RECAP = """\
title: Roles
footer: Team recap
options: {video_index: false, agenda: false}
presenters:
  - name: Ada
    topics:
      - title: Fast builds
        speakers: [Ada Lovelace]
        summary: How we made builds fast.
        video: https://www.youtube.com/watch?v=CQiawXlgabQ
        slides_url: https://example.org/slides.pdf
        slides:
          - title: Numbers
            bullets: [one, two]
      - title: Plans
        summary: What comes next.
        slides_url: https://example.org/plans
        slides:
          - title: Next
            video:
              url: https://youtu.be/dQw4w9WgXcQ
              title: The demo
              speakers: [Grace Hopper]
"""

# deckgen's label texts, as a translator might change them in PowerPoint
TRANSLATED = {
    "Recording: ": "Aufnahme: ",
    "Slides: ": "Folien: ",
    "Scan to watch": "Zum Ansehen scannen",
}


def shapes(deck: Path, kind: str) -> list[tuple[str, str, str]]:
    """(name, descr, text) of every shape on the first slide of `kind`."""
    slide = next(s for s in Presentation(str(deck)).slides if s._element.cSld.get("name") == kind)
    return [
        (
            s.name,
            s._element.xpath("string(./*[1]/p:cNvPr/@descr)"),
            s.text_frame.text if s.has_text_frame else "",
        )
        for s in slide.shapes
    ]


def built(tmp_path: Path) -> Any:
    """The deck of RECAP, opened to be edited."""
    recap = tmp_path / "r.yaml"
    recap.write_text(RECAP)
    return Presentation(str(api.build(recap, tmp_path / "r.pptx").output))


def test_a_role_names_the_shape_and_a_card_names_its_lines():
    assert role_of("QR code") is Role.QR_CODE and role_of("TextBox 3") is None
    lines = (Role.CARD_TITLE, Role.SUMMARY, Role.LINK)
    descr = describe_lines(Role.CARD, lines)
    assert descr == "Card: Card title, Summary, Link"
    assert lines_of(descr, Role.CARD) == lines
    assert lines_of(descr, Role.TOPIC) is None
    assert lines_of("Card: Card title, Chart", Role.CARD) is None


def test_shapes_carry_their_roles(tmp_path: Path):
    recap = tmp_path / "r.yaml"
    recap.write_text(RECAP)
    deck = tmp_path / "r.pptx"
    result = api.build(recap, deck)
    assert result.qr_codes == 2
    talk = shapes(deck, "talk")
    names = [name for name, _, _ in talk]
    assert names[2:] == ["Card", "QR code", "QR label", "Footer", "Slide number"]
    bullets = [name for name, _, _ in shapes(deck, "bullets")]
    assert bullets[-3:] == ["Footer", "Footer link", "Slide number"]  # the talk's recording
    card = talk[2]
    assert card[1] == "Card: Speaker, Summary, Recording link, Slides link"
    assert talk[3][1] == "QR code: recording of Fast builds"  # alt text stays a description
    video = shapes(deck, "video")
    assert [n for n, _, _ in video[1:]] == [
        "Topic label", "Panel", "Card", "QR code", "QR label", "Footer", "Slide number"
    ]  # fmt: skip
    assert video[3][1] == "Card: Card title, Speaker, Recording link"
    topic = shapes(deck, "topic")
    assert [n for n, _, _ in topic[1:]] == ["Moment", "Panel", "Topic", "Footer", "Slide number"]
    assert topic[3][1] == "Topic: Summary, Slides link"


def test_import_reads_deckgen_slides_by_role_not_by_label(tmp_path: Path):
    prs = built(tmp_path)
    for slide in prs.slides:
        for shape in slide.shapes:
            for para in shape.text_frame.paragraphs if shape.has_text_frame else ():
                for r in para.runs:
                    r.text = TRANSLATED.get(r.text, r.text)
    prs.save(str(tmp_path / "translated.pptx"))
    import_deck(tmp_path / "translated.pptx", tmp_path / "back.yaml")
    back = yaml.safe_load((tmp_path / "back.yaml").read_text())
    talk, topic = back["presenters"][0]["topics"]
    assert talk["video"] == "https://youtu.be/CQiawXlgabQ"
    assert talk["slides_url"] == "https://example.org/slides.pdf"
    assert talk["speakers"] == ["Ada Lovelace"]
    assert talk["summary"] == "How we made builds fast."
    assert topic["slides_url"] == "https://example.org/plans"
    assert topic["summary"] == "What comes next."
    assert topic["slides"][0]["video"]["title"] == "The demo"
    assert topic["slides"][0]["video"]["speakers"] == ["Grace Hopper"]
    assert back["footer"] == "Team recap"
    assert "scannen" not in (tmp_path / "back.yaml").read_text()


def test_a_card_whose_lines_lost_their_names_is_read_by_its_look(tmp_path: Path):
    prs = built(tmp_path)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name in ("Card", "Topic"):  # an editor that drops descriptions
                shape._element.xpath("./p:nvSpPr/p:cNvPr")[0].attrib.pop("descr")
    prs.save(str(tmp_path / "edited.pptx"))
    import_deck(tmp_path / "edited.pptx", tmp_path / "back.yaml")
    talk, topic = yaml.safe_load((tmp_path / "back.yaml").read_text())["presenters"][0]["topics"]
    assert talk["video"] == "https://youtu.be/CQiawXlgabQ"
    assert talk["slides_url"] == "https://example.org/slides.pdf"
    assert talk["speakers"] == ["Ada Lovelace"]
    assert topic["slides_url"] == "https://example.org/plans"
    assert topic["summary"] == "What comes next."
    assert topic["slides"][0]["video"]["url"] == "https://youtu.be/dQw4w9WgXcQ"
