"""Design rules of talk cards and video slides, measured on the laid-out example decks in
every theme: the title across the slide at one place, the QR code beside the text block,
and a card without a code spanning the slide."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.api import check
from deckgen.layout import lay_out
from deckgen.layout.cards import SLIDES
from deckgen.layout.fit import INSET_X, count_lines, scaled, text_height
from deckgen.layout.frame import Context
from deckgen.layout.page import Image, Page, TextBox
from deckgen.layout.qr_codes import WATCH
from deckgen.model import Recap
from deckgen.roles import Role
from deckgen.steps import collapse_steps
from deckgen.theme import Theme, builtin_themes

ROOT = Path(__file__).resolve().parents[2]
RECAPS = [*sorted((ROOT / "recaps").glob("*.yaml")), ROOT / "tests/fixtures/stress/stress.yaml"]
THEMES = [t.name for t in builtin_themes()]
CASES = [(r, t) for r in RECAPS for t in THEMES]
IDS = [f"{r.stem}-{t}" for r, t in CASES]


def model(recap: Path, theme: str) -> tuple[Recap, Theme]:
    checked = check(recap, theme)
    return collapse_steps(checked.recap, "collapse")[0], checked.theme


def talk_cards(recap: Recap, theme: Theme) -> list[Page]:
    return [p for p in lay_out(recap, theme) if p.kind == "talk"]


def part(page: Page, role: Role) -> list[TextBox]:
    return [e for e in page.elements if isinstance(e, TextBox) and e.role is role]


def code(page: Page) -> Image | None:
    codes = [e for e in page.elements if isinstance(e, Image) and e.role is Role.QR_CODE]
    return codes[0] if codes else None


def words(box: TextBox) -> str:
    return " ".join("".join(r.text for r in p.runs) for p in box.paras)


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_talk_card_titles_start_at_one_place_in_two_lines_or_fewer(recap: Path, theme: str) -> None:
    resolved_recap, resolved = model(recap, theme)
    cards = talk_cards(resolved_recap, resolved)
    ctx = Context(resolved, resolved_recap)
    titles = [part(c, Role.TITLE)[0] for c in cards]
    assert titles and len({round(t.rect.y) for t in titles}) == 1
    lines = resolved.components.card.title_lines
    for title in titles:
        assert count_lines(title.paras[0], title.rect.w - 2 * INSET_X) <= lines
        assert title.rect.right <= ctx.body.right + 0.5  # across the slide, not beside the code
    hero = resolved.components.card.title
    for title in titles:  # one hero size; a title that needs a third line at it shrinks alone
        size = title.paras[0].runs[0].size
        assert size >= resolved.sizes.title_min
        full = scaled(title.paras, hero / size)[0]
        assert (size < hero) is (count_lines(full, ctx.body.w - 2 * INSET_X) > lines)


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_a_talk_cards_code_starts_with_its_text_under_the_title(recap: Path, theme: str) -> None:
    resolved_recap, resolved = model(recap, theme)
    ctx = Context(resolved, resolved_recap)
    for card in talk_cards(resolved_recap, resolved):
        title = part(card, Role.TITLE)[0]
        [text] = part(card, Role.CARD)
        qr = code(card)
        assert text.rect.y > title.rect.bottom
        if qr is None:  # the text spans the slide
            assert text.rect.right >= ctx.body.right - 0.5
            continue
        assert qr.rect.y == pytest.approx(text.rect.y)
        assert text.rect.right < qr.rect.x
        assert qr.rect.w >= resolved.qr_size * 72
        [label] = part(card, Role.QR_LABEL)
        assert label.rect.y >= qr.rect.bottom and label.rect.bottom <= ctx.body.bottom + 1
        assert words(label) == WATCH


def test_a_talk_with_only_slides_gets_a_speaker_slides_code_when_every_link_gets_one() -> None:
    recap, theme = model(ROOT / "recaps/kubecon2019-team.yaml", "default")
    every = replace(recap, options=replace(recap.options, qr_codes="all"))
    [buildkit] = [p for p in talk_cards(every, theme) if p.title == "buildkit"]
    assert code(buildkit) is not None
    assert [words(b) for b in part(buildkit, Role.QR_LABEL)] == [SLIDES]
    [text] = part(buildkit, Role.CARD)
    assert words(text).endswith("Slides: kccnceu19.sched.com/…/building-images…")


def test_a_talk_card_without_a_code_spans_the_slide() -> None:
    recap, theme = model(ROOT / "recaps/kubecon2019-team.yaml", "default")
    ctx = Context(theme, recap)
    cards = {p.title: p for p in talk_cards(recap, theme)}
    for title in ("buildkit", "Building Multi-Cloud Clusters with WireGuard"):
        assert code(cards[title]) is None  # `qr_codes: youtube`, and no recording
        [text] = part(cards[title], Role.CARD)
        assert text.rect.w == pytest.approx(ctx.body.w)


@pytest.mark.parametrize("theme", THEMES)
def test_a_video_slides_speakers_keep_their_distance_from_its_title(theme: str) -> None:
    recap, resolved = model(ROOT / "recaps/kubecon2019-team.yaml", theme)
    videos = [p for p in lay_out(recap, resolved) if p.kind == "video"]
    assert videos
    for page in videos:
        [text] = part(page, Role.CARD)
        first = text.lines.index(Role.SPEAKER)
        speaker = text.paras[first]
        assert speaker.space_before >= 0.5 * speaker.runs[0].size


def shown_text(pages: list[Page], *roles: Role) -> str:
    """The words of the cards' lines of `roles` on `pages`, in order."""
    return " ".join(
        "".join(r.text for r in para.runs)
        for page in pages
        for box in part(page, Role.CARD)
        for para, role in zip(box.paras, box.lines, strict=True)
        if role in roles
    )


@pytest.mark.parametrize("theme", THEMES)
def test_a_talk_card_too_long_for_one_slide_continues_with_every_word(theme: str) -> None:
    from deckgen.layout.generated import talk_card

    recap, resolved = model(ROOT / "recaps/eu2019.yaml", theme)
    topic = next(t for p in recap.presenters for t in p.topics if t.video and t.summary)
    summary = " ".join(f"Clusters fail in way {n}." for n in range(300))
    speakers = tuple(f"Speaker {n}, Company {n}" for n in range(12))
    pages = talk_card(Context(resolved, recap), replace(topic, summary=summary, speakers=speakers))
    assert len(pages) >= 2
    assert [p.title for p in pages[1:]] == [
        f"{topic.title} ({n}/{len(pages)})" for n in range(2, len(pages) + 1)
    ]
    assert code(pages[0]) is not None  # the code stays, at the least size that scans
    assert shown_text(pages, Role.SUMMARY) == summary
    assert shown_text(pages, Role.SPEAKER) == " ".join(speakers)  # each speaker whole
    for page in pages:
        [box] = part(page, Role.CARD)
        assert text_height(box.paras, box.rect.w) <= box.rect.h + 0.01
        assert min(r.size for p in box.paras for r in p.runs) >= resolved.sizes.detail_min
        assert len(box.lines) == len(box.paras)
    for page in pages:  # every part of the card ends with its link
        assert part(page, Role.CARD)[0].lines[-1] is Role.RECORDING_LINK


def test_a_video_slide_too_long_for_one_slide_continues_with_every_word() -> None:
    from deckgen.layout.cards import video
    from deckgen.model import Video

    recap, resolved = model(ROOT / "recaps/kubecon2019-team.yaml", "corporate")
    slide = next(
        s for p in recap.presenters for t in p.topics for s in t.slides if s.content.kind == "video"
    )
    assert isinstance(slide.content, Video)
    summary = " ".join(f"A deep dive into readiness, part {n}." for n in range(150))
    long = replace(slide, content=replace(slide.content, summary=summary))
    pages = video(Context(resolved, recap), long)
    assert len(pages) >= 2 and pages[1].title == f"{slide.title} (2/{len(pages)})"
    assert shown_text(pages, Role.SUMMARY) == summary
    for page in pages:
        [box] = part(page, Role.CARD)
        assert text_height(box.paras, box.rect.w) <= box.rect.h + 0.01


def test_the_one_code_of_a_links_slide_is_labelled_with_its_link() -> None:
    recap, resolved = model(ROOT / "recaps/kubecon2019-team.yaml", "default")
    [storage] = [p for p in lay_out(recap, resolved) if p.title == "Storage"]
    [label] = part(storage, Role.QR_LABEL)
    qr = code(storage)
    assert qr is not None
    [link] = [
        i
        for s in (s for p in recap.presenters for t in p.topics for s in t.slides)
        if s.title == "Storage"
        for i in getattr(s.content, "items", ())
        if i.url == qr.url
    ]
    from deckgen.layout.continued import clamped

    # one line: the list beside it has the label whole
    assert words(label).removesuffix("…") in link.label and words(label) != WATCH
    assert clamped(label.paras[0], label.rect.w, 1) == label.paras[0]


@pytest.mark.parametrize(("recap", "theme"), CASES, ids=IDS)
def test_qr_labels_fit_one_line_over_the_footer(recap: Path, theme: str) -> None:
    resolved_recap, resolved = model(recap, theme)
    for page in lay_out(resolved_recap, resolved):
        for label in part(page, Role.QR_LABEL):
            para = label.paras[0]
            assert count_lines(para, label.rect.w - 2 * INSET_X) == 1, (page.title, words(label))
            assert text_height(label.paras, label.rect.w) <= label.rect.h + 0.01
            assert para.runs[0].size >= resolved.sizes.detail_min
            assert label.rect.bottom <= resolved.spacing.footer_top * 72


def test_a_talk_card_continued_on_more_slides_imports_as_one_talk(tmp_path: Path) -> None:
    import json

    import yaml

    from deckgen.api import build
    from deckgen.importer import import_deck

    speakers = [f"Speaker {n}, Company number {n}" for n in range(40)]
    summary = "Clusters fail in many ways. " * 40
    topic = {"title": "A long talk", "video": "https://youtu.be/w62T1SN4g6Y"}
    topic |= {"speakers": speakers, "summary": summary.strip()}
    topic["slides"] = [{"title": "One", "bullets": ["x"]}]
    data = {"title": "T", "date": "2019-06-12", "presenters": [{"name": "P", "topics": [topic]}]}
    (tmp_path / "long.yaml").write_text(json.dumps(data), encoding="utf-8")
    build(tmp_path / "long.yaml", tmp_path / "long.pptx")
    import_deck(tmp_path / "long.pptx", tmp_path / "back.yaml")
    back = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    [talk] = back["presenters"][0]["topics"]
    assert talk["speakers"] == speakers
    assert talk["summary"] == summary.strip()


def test_a_video_slide_continued_on_more_slides_imports_as_one_video(tmp_path: Path) -> None:
    import json

    import yaml

    from deckgen.api import build
    from deckgen.importer import import_deck

    video = {"url": "https://youtu.be/w62T1SN4g6Y", "title": "A talk"}
    video |= {"speakers": [f"S {n}, C {n}" for n in range(30)]}
    video["summary"] = ("Clusters fail in many ways. " * 40).strip()
    slides = [{"title": "Other Sessions", "video": video}]
    data = {"title": "T", "date": "2019-06-12"}
    data["presenters"] = [{"name": "P", "topics": [{"title": "Other", "slides": slides}]}]
    (tmp_path / "vid.yaml").write_text(json.dumps(data), encoding="utf-8")
    build(tmp_path / "vid.yaml", tmp_path / "vid.pptx")
    import_deck(tmp_path / "vid.pptx", tmp_path / "back.yaml")
    back = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert back["presenters"][0]["topics"][0]["slides"] == slides
