"""Theme-level design rules on built decks: the deck's title size, short lists spread
down the body, long quotes, code continuations, the symbol font for glyphs a theme font
lacks, no italics for CJK text, and the corporate theme's logo band."""

from __future__ import annotations

import html
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from deckgen.api import build, check
from deckgen.layout import lay_out
from deckgen.layout.fit import INSET_X, count_lines, text_height
from deckgen.layout.fonts import face, text_width
from deckgen.layout.frame import INCH, SLIDE_W, Context, title_area
from deckgen.layout.glyphs import SYMBOL_FONT, SYMBOL_FONTS, symbol_widths
from deckgen.layout.page import Page, Shape, TextBox
from deckgen.options import BuildOptions
from deckgen.roles import Role
from deckgen.theme import Theme

LONG_TITLE = (
    "A very long slide title that cannot possibly fit on two lines at the title size,"
    " not even on a wide slide"
)


def write(tmp_path: Path, slides: list[dict[str, Any]], **topic: Any) -> Path:
    data = {
        "title": "Deck",
        "presenters": [{"name": "P", "topics": [{"title": "Topic", **topic, "slides": slides}]}],
    }
    recap = tmp_path / "recap.yaml"
    recap.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return recap


def laid_out(recap: Path, theme: str = "default") -> tuple[list[Page], Theme]:
    checked = check(recap, theme)
    return lay_out(checked.recap, checked.theme), checked.theme


def boxes(page: Page) -> list[TextBox]:
    return [e for e in page.elements if isinstance(e, TextBox)]


def title_sizes(pages: list[Page]) -> dict[str, float]:
    return {
        p.title: b.paras[0].runs[0].size for p in pages for b in boxes(p) if b.role is Role.TITLE
    }


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_one_long_title_shrinks_alone(tmp_path: Path, theme: str) -> None:
    """v3 #6: eleven short titles and one too long for two lines: the deck keeps the
    theme's title size, the long one is set smaller on its own."""
    slides = [{"title": f"Short title {n}", "bullets": ["x"]} for n in range(11)]
    slides.append({"title": f"{LONG_TITLE}, and longer still than that", "bullets": ["x"]})
    pages, resolved = laid_out(write(tmp_path, slides), theme)
    sizes = title_sizes(pages)
    assert {sizes[f"Short title {n}"] for n in range(11)} == {resolved.sizes.title}
    assert 20 <= sizes[f"{LONG_TITLE}, and longer still than that"] < resolved.sizes.title


def test_a_long_talk_title_does_not_set_the_slide_title_size(tmp_path: Path) -> None:
    """A topic's title is set on its talk card and as a label, never at the slide-title
    size: it does not count."""
    slides = [{"title": f"Short title {n}", "bullets": ["x"]} for n in range(3)]
    recap = write(tmp_path, slides, title=LONG_TITLE, speakers=["S"])
    pages, resolved = laid_out(recap, "corporate")
    assert {title_sizes(pages)[f"Short title {n}"] for n in range(3)} == {resolved.sizes.title}


def test_many_long_titles_make_the_deck_size_smaller(tmp_path: Path) -> None:
    """When more than a tenth of the titles need a third line, every title shrinks."""
    slides = [{"title": f"{LONG_TITLE} {LONG_TITLE[:60]} {n}", "bullets": ["x"]} for n in range(3)]
    slides += [{"title": f"Short {n}", "bullets": ["x"]} for n in range(3)]
    pages, resolved = laid_out(write(tmp_path, slides))
    sizes = title_sizes(pages)
    assert sizes["Short 0"] < resolved.sizes.title


@pytest.mark.parametrize("theme", ["default", "dark", "corporate"])
def test_a_short_list_spreads_down_the_body(tmp_path: Path, theme: str) -> None:
    """Three bullets: at the body size (the theme's largest), more space between them
    than the minimum, never more than `paragraph_em_max`, and room left under them."""
    pages, resolved = laid_out(write(tmp_path, [{"bullets": ["One", "Two", "Three"]}]), theme)
    (body,) = [b for p in pages if p.kind == "bullets" for b in boxes(p) if b.role is Role.BODY]
    size = resolved.sizes.body
    assert {r.size for p in body.paras for r in p.runs} == {size}
    gaps = [p.space_before for p in body.paras[1:]]
    assert all(resolved.spacing.paragraph_em * size < g for g in gaps), gaps
    assert max(gaps) <= resolved.spacing.paragraph_em_max * size + 1e-6
    assert text_height(body.paras, body.rect.w) < body.rect.h


def test_a_full_list_keeps_its_spacing(tmp_path: Path) -> None:
    items = [f"Bullet number {n} with some words to fill a line" for n in range(7)]
    pages, resolved = laid_out(write(tmp_path, [{"bullets": items}]))
    body = next(b for p in pages if p.kind == "bullets" for b in boxes(p) if b.role is Role.BODY)
    assert text_height(body.paras, body.rect.w) <= body.rect.h
    size = body.paras[1].runs[0].size
    assert body.paras[1].space_before <= resolved.spacing.paragraph_em_max * size


def quote_box(pages: list[Page]) -> TextBox:
    page = next(p for p in pages if p.kind == "quote")
    return max(boxes(page), key=lambda b: len(b.paras[0].runs[0].text))


def test_a_long_quote_is_upright_and_smaller(tmp_path: Path) -> None:
    """v3 #11, v4 #11: more than 30 words: upright at 24 pt, the source close under it."""
    text = " ".join(["word"] * 45)
    pages, resolved = laid_out(write(tmp_path, [{"quote": {"text": text, "source": "Someone"}}]))
    box = quote_box(pages)
    assert {(r.size, r.italic) for r in box.paras[0].runs} == {(resolved.sizes.quote_long, False)}
    source = next(
        b
        for b in boxes(next(p for p in pages if p.kind == "quote"))
        if "—" in b.paras[0].runs[0].text
    )
    assert 0 < source.rect.y - box.rect.bottom <= 0.3 * INCH + 0.01


def test_a_short_quote_is_italic_on_balanced_lines(tmp_path: Path) -> None:
    """The all-caps quote of eu2019 ended on an orphan "really)": lines are balanced."""
    text = "WILL MANAGED K8S SAVE US? NO (not really) and what else would we do then"
    pages, _ = laid_out(write(tmp_path, [{"quote": {"text": text}}]))
    box = quote_box(pages)
    assert all(r.italic for r in box.paras[0].runs)
    lines = count_lines(box.paras[0], box.rect.w - 2 * INSET_X)
    assert lines >= 2
    assert count_lines(box.paras[0], box.rect.w - 2 * INSET_X - 6) > lines  # no slack left


def test_cjk_text_is_never_set_in_synthetic_italics(tmp_path: Path) -> None:
    pages, _ = laid_out(write(tmp_path, [{"quote": {"text": "服务网格 *很好*", "source": "某人"}}]))
    runs = [
        r
        for b in boxes(next(p for p in pages if p.kind == "quote"))
        for p in b.paras
        for r in p.runs
    ]
    assert not any(r.italic for r in runs if any("\u4e00" <= ch <= "\u9fff" for ch in r.text))


def test_code_continuations_share_one_panel_and_split_evenly(tmp_path: Path) -> None:
    """v3 #13: 80 lines of varying width: every page's panel as wide and at the same top
    as the others, and the lines shared evenly (no stub last page)."""
    source = "\n".join(f"line {n} " + "x" * (n % 37) for n in range(80))
    pages, _ = laid_out(write(tmp_path, [{"code": {"source": source, "language": "text"}}]))
    code = [p for p in pages if p.kind == "code"]
    assert len(code) > 1
    panels = [next(e.rect for e in p.elements if isinstance(e, Shape) and e.rounded) for p in code]
    assert len({(round(r.x, 3), round(r.y, 3), round(r.w, 3), round(r.h, 3)) for r in panels}) == 1
    counts = [len(b.paras) for p in code for b in boxes(p) if b.descr.startswith("Code")]
    assert max(counts) - min(counts) <= 1, counts


def test_a_glyph_the_theme_font_lacks_is_set_in_the_symbol_font(tmp_path: Path) -> None:
    """v3 #15, v4 #4: "Jenkins X ❤ Tekton Pipelines" drew a blank: the heart goes in its
    own run in DejaVu Sans, measured with DejaVu's width; an emoji goes to Symbola."""
    bullets = ["I ❤ it", "a box 📦 and a joystick 🕹️"]
    recap = write(tmp_path, [{"title": "Jenkins X ❤ Tekton", "bullets": bullets}])
    out = tmp_path / "deck.pptx"
    build(recap, out, BuildOptions(theme="default"))
    with zipfile.ZipFile(out) as deck:
        xml = "".join(
            deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/slide")
        )
    assert (
        f'<a:latin typeface="{SYMBOL_FONT}"/><a:ea typeface="Noto Sans CJK SC"/></a:rPr>'
        "<a:t>❤</a:t>" in xml
    )
    assert "<a:t>Jenkins X </a:t>" in xml
    assert '<a:latin typeface="Symbola"/>' in xml
    assert "<a:t>🕹\ufe0f</a:t>" in xml  # the variation selector stays with its emoji
    font, heart = symbol_widths()["❤"]
    assert font == SYMBOL_FONT
    assert text_width("❤", "Calibri", 10) == pytest.approx(heart * 10)
    assert symbol_widths()["📦"][0] == "Symbola"
    assert text_width("❤", "Lato", 10) == pytest.approx(heart * 10)  # Lato lacks it too


RUN = re.compile(r'<a:latin typeface="([^"]+)"/>.*?<a:t>([^<]*)</a:t>')


@pytest.mark.parametrize("theme", ["default", "dark", "corporate"])
def test_every_character_of_every_run_is_in_its_font(tmp_path: Path, theme: str) -> None:
    """Each character of a deck's runs is drawn by the run's own font (or, wide East
    Asian text, by the East Asian font): none is left to a fallback that may draw
    nothing. On the stress recap, which holds CJK, Cyrillic, emoji and symbols."""
    out = tmp_path / "deck.pptx"
    build(
        Path(__file__).resolve().parents[1] / "fixtures/stress/stress.yaml",
        out,
        BuildOptions(theme=theme),
    )
    with zipfile.ZipFile(out) as deck:
        xml = "".join(
            deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/slide")
        )
    symbols = symbol_widths()
    missing = set()
    for font, text in RUN.findall(xml):
        text = html.unescape(text)
        if font in SYMBOL_FONTS:
            missing |= {
                (font, ch) for ch in text if symbols.get(ch, ("", 0))[0] != font and not _mark(ch)
            }
            continue
        drawn = face(font).drawn
        missing |= {
            (font, ch)
            for ch in text
            if ord(ch) not in drawn and not _mark(ch)
            if unicodedata.east_asian_width(ch) not in ("W", "F") or ch in symbols
        }
    assert missing == set()


def _mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf")


def test_the_corporate_logo_sits_on_content_slides_above_full_width_titles() -> None:
    """v3 #22: no logo on the title slide, dividers or closing; titles full width."""
    checked = check(Path(__file__).resolve().parents[2] / "recaps/eu2019.yaml", "corporate")
    ctx = Context(checked.theme, checked.recap)
    area = title_area(ctx)
    assert area.w == pytest.approx(SLIDE_W - 2 * ctx.margin)
    spacing = checked.theme.spacing
    assert spacing.logo_top + spacing.logo_height < spacing.title_top


def test_the_corporate_template_shows_the_logo_on_content_layouts_only(tmp_path: Path) -> None:
    recap = Path(__file__).resolve().parents[2] / "recaps/eu2019.yaml"
    out = tmp_path / "deck.pptx"
    build(recap, out, BuildOptions(theme="corporate"))
    with zipfile.ZipFile(out) as deck:
        layouts = {
            n: deck.read(n).decode()
            for n in deck.namelist()
            if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")
        }
        master = deck.read("ppt/slideMasters/slideMaster1.xml").decode()
        slides = [deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/s")]
    closing = [x for x in slides if '<p:cSld name="closing">' in x]
    assert closing and all('showMasterSp="0"' in x for x in closing)  # no logo on it
    with_logo = [n for n, xml in layouts.items() if 'name="Logo"' in xml]
    assert len(with_logo) == 1
    assert "Corporate Content" in layouts[with_logo[0]]
    assert 'name="Logo"' not in master
    assert "Corporate decoration" not in master  # no strip down the side of every slide


def test_the_dark_table_header_is_a_calm_tint() -> None:
    """v3 #23: not the loud accent behind dark text."""
    theme = check(Path(__file__).resolve().parents[2] / "recaps/eu2019.yaml", "dark").theme
    assert theme.colors.table_header != theme.colors.accent
    assert theme.colors.table_header == theme.colors.divider_background


def test_a_short_snippet_sits_in_the_middle_of_the_slide(tmp_path: Path) -> None:
    """v4 #6: a one-line snippet at 28 pt sat at the left edge with 60 % of it empty."""
    slides = [{"code": {"source": "kubectl get pods", "language": "shell", "caption": "Pods"}}]
    pages, resolved = laid_out(write(tmp_path, slides))
    page = next(p for p in pages if p.kind == "code")
    panel = next(e.rect for e in page.elements if isinstance(e, Shape) and e.rounded)
    assert panel.x + panel.w / 2 == pytest.approx(SLIDE_W / 2)
    caption = next(b for b in boxes(page) if b.paras[0].runs[0].text == "Pods")
    assert caption.paras[0].align == "center"
    long = "\n".join(f"line {n}" for n in range(resolved.grid.snippet_lines + 1))
    pages, _ = laid_out(write(tmp_path, [{"code": long}]))
    page = next(p for p in pages if p.kind == "code")
    panel = next(e.rect for e in page.elements if isinstance(e, Shape) and e.rounded)
    assert panel.x < SLIDE_W / 4


def test_a_quote_titled_like_its_topic_gets_a_small_title(tmp_path: Path) -> None:
    """v4 #11: the quote's slide title wrapped to two lines and crowded it."""
    pages, resolved = laid_out(write(tmp_path, [{"quote": {"text": "Short and sweet."}}]))
    page = next(p for p in pages if p.kind == "quote")
    title = next(b for b in boxes(page) if b.role is Role.TITLE)
    assert title.paras[0].runs[0].size == resolved.sizes.topic_label
