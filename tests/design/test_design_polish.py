"""The design review's polish items (v6), measured on the built decks' slide XML with
python-pptx: the video index's grid, the links slides' hosts, corporate's body gap, CJK
index titles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.api import build, check
from deckgen.layout import lay_out
from deckgen.layout.fit import INSET_X, INSET_Y, count_lines, longest_line, run
from deckgen.layout.fonts import line_height
from deckgen.layout.frame import Context
from deckgen.layout.page import Para, TextBox
from deckgen.options import BuildOptions
from deckgen.roles import Role
from deckgen.theme import builtin_themes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """The examples built in the default and corporate themes, read by python-pptx."""
    out = tmp_path_factory.mktemp("decks")
    built = {}
    for recap in ("eu2019", "kubecon2019-team"):
        for theme in ("default", "corporate"):
            deck = out / f"{recap}-{theme}.pptx"
            build(ROOT / f"recaps/{recap}.yaml", deck, BuildOptions(theme=theme))
            built[recap, theme] = Presentation(str(deck))
    return built


def _titled(deck: Any, start: str) -> list[Any]:
    return [s for s in deck.slides if s.shapes.title and s.shapes.title.text.startswith(start)]


def _inches(value: int) -> float:
    return round(Emu(value).inches, 2)


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_every_video_index_slide_in_the_deck_is_the_same_grid(decks: Any, theme: str) -> None:
    """v6 #1: eu2019's 13 videos on slides of 4, 4, 3, 2 QR codes, every card (a panel
    with its code left of its text) the same size, in the cells of one grid."""
    index = _titled(decks["eu2019", theme], "Videos")
    codes = [[s for s in slide.shapes if s.name == "QR code"] for slide in index]
    assert [len(c) for c in codes] == [4, 4, 3, 2]
    cards = [
        [s for s in slide.shapes if s.name == "Panel" and s.height > Emu(914400)] for slide in index
    ]
    assert [len(c) for c in cards] == [4, 4, 3, 2]
    assert len({(c.width, c.height) for page in cards for c in page}) == 1
    cells = {(c.left, c.top) for c in cards[0]}
    assert all({(c.left, c.top) for c in page} <= cells for page in cards)
    for page, found in zip(cards, codes, strict=True):  # each code inside its card, left
        for card, code in zip(page, found, strict=True):
            assert card.left <= code.left and code.left + code.width < card.left + card.width / 2


def _host_runs(deck: Any) -> list[tuple[Any, Any, Any]]:
    """(label's first run, the run before the host, the host) of every labelled link
    bullet of the deck's links slides."""
    found = []
    for slide in deck.slides:
        for shape in (s for s in slide.shapes if s.has_text_frame):
            for para in shape.text_frame.paragraphs:
                runs = para.runs
                for n, r in enumerate(runs):
                    if r.text.startswith("·") and n and runs[0].hyperlink.address:
                        found.append((runs[0], runs[n - 1], r))
    return found


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_a_links_host_is_at_the_detail_size_and_wraps_whole(decks: Any, theme: str) -> None:
    """v6 #2: "· kccnceu19.sched.com" after a 30 pt label is at the caption's size (18 pt,
    its share of a label shrunk to fit, >= 14 pt), one run with a no-break space after
    "·" (the host wraps with its "·"), after a plain space (so "·" never ends a line)."""
    found = _host_runs(decks["kubecon2019-team", theme])
    sizes = next(t for t in builtin_themes() if t.name == theme).sizes
    assert len(found) >= 8  # s.61-65: every labelled link
    for label, before, host in found:
        assert host.text.startswith("·\u00a0") and " " not in host.text
        assert before.text == " " and before.hyperlink.address is None
        share = round(label.font.size.pt * sizes.caption / sizes.body, 1)
        assert host.font.size.pt == max(sizes.detail_min, share) >= 14
    assert (sizes.body, sizes.caption) in {(a.font.size.pt, b.font.size.pt) for a, _, b in found}


def test_a_host_shrunk_with_its_label_stays_at_the_least_detail_size(tmp_path: Path) -> None:
    """Ten long labels shrunk to 21 pt to fit one slide: their hosts at `detail_min`
    (14 pt), not at the caption's share of 21 pt (12.6 pt)."""
    label = "A long label of a link that takes most of a line on the slide, number"
    items = [{"label": f"{label} {n}", "url": f"https://example.org/{n}"} for n in range(10)]
    recap = tmp_path / "recap.yaml"
    topic = {"title": "Topic", "slides": [{"title": "Links", "links": items}]}
    data = {"title": "Deck", "presenters": [{"name": "P", "topics": [topic]}]}
    recap.write_text(json.dumps(data), encoding="utf-8")
    checked = check(recap, "default")
    pages = [p for p in lay_out(checked.recap, checked.theme) if p.kind == "links"]
    sizes = checked.theme.sizes
    runs = [
        (para.runs[0].size, para.runs[-1])
        for page in pages
        for box in page.elements
        if isinstance(box, TextBox) and box.role is Role.BODY
        for para in box.paras
    ]
    assert len(runs) == 10 and {size for size, _ in runs} == {21}
    assert {host.text for _, host in runs} == {"·\u00a0example.org"}
    assert {host.size for _, host in runs} == {sizes.detail_min}


def test_measuring_never_breaks_a_line_at_a_no_break_space() -> None:
    """What LibreOffice and PowerPoint do: "·" and the host are one word to wrap (in a
    line as wide as "hostname yy": "wrapping" / "·\u00a0hostname" / "yy", never
    "wrapping ·" / "hostname yy"); a no-break space is as wide as a space."""

    def para(text: str) -> Para:
        return Para((run(text, "Calibri", 18, "#000000"),))

    width = longest_line(para("hostname yy")) * 1.01
    assert longest_line(para("wrapping ·")) < width
    assert count_lines(para("wrapping ·\u00a0hostname yy"), width) == 3
    assert count_lines(para("wrapping · hostname yy"), width) == 2
    assert longest_line(para("·\u00a0x")) == longest_line(para("· x"))


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_the_body_starts_as_far_under_the_title_rule_in_every_theme(decks: Any, theme: str) -> None:
    """v6 #3: corporate's stat cards started 0.08 in under the rule (default 0.14 in): now
    every content slide's body is 0.14 in under its rule, and a two-line title fits."""
    deck = decks["eu2019", theme]
    gaps = set()
    for slide in deck.slides:
        rules = [s for s in slide.shapes if s.name == "Panel" and s.height < Emu(914400 // 10)]
        below = [s.top for s in slide.shapes if rules and s.top > rules[0].top + rules[0].height]
        if rules and below:
            gaps.add(_inches(min(below) - rules[0].top - rules[0].height))
    assert 0.14 in gaps and min(gaps) >= 0.14, gaps
    resolved = next(t for t in builtin_themes() if t.name == theme)
    spacing, sizes = resolved.spacing, resolved.sizes
    two_lines = (2 * line_height(resolved.fonts.heading) * sizes.title + 2 * INSET_Y) / 72
    assert two_lines <= spacing.title_height
    rule_bottom = spacing.title_top + spacing.title_height + spacing.rule_gap + spacing.rule_height
    assert round(spacing.body_top - rule_bottom, 2) == 0.14
    assert round(spacing.body_bottom - spacing.body_top, 2) == 5.0
    assert resolved.logo is None or spacing.logo_top + spacing.logo_height <= spacing.title_top


CJK_TITLE = "服务网格在阿里巴巴的实践"  # 12 characters: 11 + 1 in a full-width index card


@pytest.mark.parametrize("theme", ["default", "dark", "corporate"])
def test_a_cjk_index_title_never_leaves_one_character_on_its_last_line(
    tmp_path: Path, theme: str
) -> None:
    """v6 #4: the index card of "服务网格在阿里巴巴的实践" was 239.9 pt wide (11 characters
    of 20 pt a line, then "践" alone); its text box is now narrower (by one em, 219.9 pt),
    so 10 + 2, at the same 20 pt as every other card's title; Latin titles keep the
    width."""
    talks = [
        {
            "title": CJK_TITLE,
            "speakers": ["王启华, 阿里巴巴"],
            "video": "https://youtu.be/-zsThiLvYos",
        },
        {"title": "Service Mesh Interface (SMI)", "video": "https://youtu.be/rmsNRTSmWe4"},
    ]
    topics = [{**talk, "slides": [{"bullets": ["x"]}]} for talk in talks]
    data = {"title": "Deck", "presenters": [{"name": "P", "topics": topics}]}
    (tmp_path / "recap.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    build(tmp_path / "recap.yaml", tmp_path / "deck.pptx", BuildOptions(theme=theme))
    [index] = _titled(Presentation(str(tmp_path / "deck.pptx")), "Videos")
    cards = {s.text_frame.paragraphs[0].text: s for s in index.shapes if s.name == "Card"}
    cjk, latin = cards[CJK_TITLE], cards["Service Mesh Interface (SMI)"]
    size = cjk.text_frame.paragraphs[0].runs[0].font.size.pt
    assert size == latin.text_frame.paragraphs[0].runs[0].font.size.pt == 20
    inner = Emu(cjk.width).pt - 2 * INSET_X
    per_line = int(inner // size)  # a CJK character is one em wide
    lines = -(-len(CJK_TITLE) // per_line)
    assert lines == 2 and len(CJK_TITLE) - per_line * (lines - 1) >= 2
    assert Emu(latin.width).pt - Emu(cjk.width).pt == pytest.approx(size, abs=0.1)


@pytest.mark.parametrize("videos", [1, 2])
def test_an_index_of_one_slide_sits_in_the_middle_of_the_body(tmp_path: Path, videos: int) -> None:
    """One or two recordings: the cards are set in the middle of the body, not in the top
    cells of an otherwise empty grid (an index of several slides keeps one top)."""
    topics = [
        {
            "title": f"Talk {n}",
            "speakers": ["Speaker"],
            "video": f"https://www.youtube.com/watch?v=abcdefghij{n}",
            "slides": [{"title": "Point", "bullets": ["A point"]}],
        }
        for n in range(videos)
    ]
    recap = tmp_path / "recap.yaml"
    data = {"title": "Deck", "presenters": [{"name": "P", "topics": topics}]}
    recap.write_text(json.dumps(data), encoding="utf-8")
    build(recap, tmp_path / "deck.pptx", BuildOptions(theme="default"))
    deck = Presentation(str(tmp_path / "deck.pptx"))
    (index,) = _titled(deck, "Videos")
    cards = [s for s in index.shapes if s.name == "Panel" and s.height > Emu(914400)]
    assert len(cards) == videos
    checked = check(recap, "default")
    body = Context(checked.theme, checked.recap).body
    left, right = min(c.left for c in cards), max(c.left + c.width for c in cards)
    top, bottom = min(c.top for c in cards), max(c.top + c.height for c in cards)
    middle_x, middle_y = Emu((left + right) // 2).pt, Emu((top + bottom) // 2).pt
    assert abs(middle_x - (body.x + body.w / 2)) < 1  # pt
    assert abs(middle_y - (body.y + body.h / 2)) < 1
