"""The fidelity checker itself: it finds what a deck lost, and only that."""

from __future__ import annotations

import shutil
from pathlib import Path

from fid_check import (
    canonical_url,
    check_deck,
    continued,
    expected_items,
    has_words,
    normal,
)

from deckgen import api
from deckgen.load import Document, load_recap

CORPUS = Path(__file__).resolve().parent / "corpus"

RECAP = """\
title: Checker
date: 2019-06-12
presenters:
  - name: Ana
    topics:
      - title: Loki
        slides:
          - bullets: [kept bullet, "see [docs](https://grafana.com/docs/loki/)"]
"""


def test_typographic_quotes_and_dashes_and_any_space_compare_equal() -> None:
    assert (
        normal("“It’s” – ‘done’ — ok")
        == normal("\"It's\" - 'done' - ok")
        == ("\"It's\" - 'done' - ok")
    )
    assert normal(" a\u2028b\vc\u00a0 \n d ") == "a b c d"


def test_numbers_dates_and_booleans_are_expected_as_typed() -> None:
    items = expected_items(load_recap(CORPUS / "numbers.yaml"))
    written = [i.written for i in items if i.path[-3:-1] == ("rows", 0)]
    assert written == ["helm", "1.10", "0x1F", "007", "1e3", "true"]
    stats = [i.written for i in items if i.path[-1] == "value"]
    assert stats == ["1.10", "1e3", "0x1F", "007"]


def test_text_is_found_as_whole_words_only() -> None:
    assert has_words("7", "agents: 7!")
    assert not has_words("7", "007")
    assert not has_words("1.1", "1.10")
    assert has_words("1.10", "v 1.10")
    assert not has_words("Helm", "Helmfile")
    assert has_words("(x)", "a(x)b")


def test_a_text_may_continue_on_the_next_slides_only_at_shape_edges() -> None:
    assert continued("a b c d", [["x a b"], ["c d y"]])
    assert continued("a b c d e", [["x a b"], ["c"], ["d e"]])
    assert not continued("a b c d", [["a b x"], ["c d"]])  # the piece does not end its shape
    assert not continued("a b c d", [["x a b"], ["z"], ["c d"]])  # not the next slide
    assert not continued("a b c d", [["x c d"], ["a b"]])  # out of order


def test_urls_compare_percent_decoded_and_with_unicode_hosts() -> None:
    assert canonical_url("https://例え.jp/パス") == canonical_url(
        "HTTPS://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"
    )
    assert canonical_url("https://a.example/x") != canonical_url("https://a.example/y")


def test_youtube_links_are_expected_in_their_normalised_form() -> None:
    recap = CORPUS / "inline-youtube.yaml"
    urls = [i.forms[0] for i in expected_items(load_recap(recap)) if i.kind == "url"]
    assert urls == [
        "https://youtu.be/CQiawXlgabQ?t=90",
        "https://youtu.be/w62T1SN4g6Y",
        "https://youtu.be/6sDTB4eV4F8",
    ]


def test_a_date_counts_as_typed_or_as_written_for_people(tmp_path: Path) -> None:
    (date,) = (i for i in expected_items(_doc(RECAP, tmp_path / "a.yaml")) if i.kind == "date")
    assert {"2019-06-12", "12 June 2019", "June 12, 2019", "12 Jun 2019"} <= set(date.forms)


def test_every_text_and_url_a_deck_lost_is_reported(tmp_path: Path) -> None:
    built = api.build(_write(tmp_path / "a.yaml", RECAP), tmp_path / "a.pptx")
    assert check_deck(load_recap(tmp_path / "a.yaml"), built.output).problems() == ""
    changed = RECAP.replace("kept bullet", "kept bullet, 1.10").replace(
        "grafana.com/docs/loki/", "grafana.com/docs/tempo/"
    )
    report = check_deck(_doc(changed, tmp_path / "b.yaml"), built.output)
    assert report.problems().splitlines() == [
        "lost text presenters[0].topics[0].slides[0].bullets[1]: '1.10'",
        "lost url presenters[0].topics[0].slides[0].bullets[2]: 'https://grafana.com/docs/tempo/'",
    ]
    assert (report.texts, report.urls) == (7, 1)


def test_only_a_reported_collapse_excuses_an_earlier_step_wording(tmp_path: Path) -> None:
    recap = shutil.copy(CORPUS / "steps-collapsed.yaml", tmp_path / "steps.yaml")
    built = api.build(Path(recap), tmp_path / "steps.pptx")
    doc = load_recap(Path(recap))
    without = check_deck(doc, built.output)
    assert [str(x) for x in without.missing] == [
        "presenters[0].topics[0].slides[0].bullets[0]: 'bye bye Tiller'",
        "presenters[0].topics[0].slides[1].bullets[0]: 'bye bye Tiller'",
    ]
    report = check_deck(doc, built.output, built.collapsed)
    assert (report.missing, [str(x) for x in report.excused]) == (
        [],
        [str(x) for x in without.missing],
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _doc(text: str, path: Path) -> Document:
    return load_recap(_write(path, text))
