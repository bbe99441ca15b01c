"""Properties over recaps generated from the JSON schema (the reliability suite's
`SchemaStrategies`):

- fidelity: a generated recap that validates builds decks (the full one and each
  presenter's) that hold every text and URL it wrote;
- validate passes => build passes: `deckgen validate` exits 0 or 1, and after a 0,
  `deckgen build` exits 0 (or 1 with its reasons), never 3.

Derandomised in CI (the `ci` Hypothesis profile of `rel_common`); `DECKGEN_FUZZ=thorough`
runs many more random cases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fid_run import TALLY, build_checked, lost, run_cli
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from tests.reliability.rel_common import (
    SchemaStrategies,
    dump_yaml,
    fuzz_settings,
    write_strategy_files,
)

from deckgen.errors import DeckgenError

IMAGES = ("img/small.png", "img/tall.png", "img/wide.jpg", "img/missing.png", "../outside.png")
INCLUDES = {
    "presenters": ("people/presenter.yaml", "gone.yaml", "../outside.yaml"),
    "topics": ("topics/topic.yaml", "gone.yaml", "topics"),
}
CLEAN = SchemaStrategies(IMAGES, INCLUDES, clean=True)
HOSTILE = SchemaStrategies(IMAGES, INCLUDES, clean=False)


@pytest.fixture(scope="module")
def recap_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recap folder with the images and include files the strategies name."""
    outer = tmp_path_factory.mktemp("fidelity-fuzz")
    base = outer / "recap"
    written = write_strategy_files(base)
    Image.new("RGB", (10, 10), "red").save(outer / "outside.png")
    (outer / "outside.yaml").write_text(written["presenter"], encoding="utf-8")
    return base


@fuzz_settings(ci_examples=40)
@given(data=CLEAN.recap())
def test_a_generated_recap_that_validates_keeps_every_text_and_link(
    recap_dir: Path, data: dict[str, Any]
) -> None:
    recap = recap_dir / "fidelity.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    try:
        reports = build_checked(recap, recap_dir / "out")
    except DeckgenError:
        TALLY["generated recaps refused"] += 1
        return
    TALLY["generated recaps built"] += 1
    assert lost(reports) == ""


@fuzz_settings(ci_examples=40)
@given(data=st.one_of(CLEAN.recap(), CLEAN.recap(), HOSTILE.recap()))  # 2:1 clean
def test_a_recap_that_validates_builds(recap_dir: Path, data: dict[str, Any]) -> None:
    recap = recap_dir / "validated.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    checked = run_cli("validate", str(recap))
    assert checked.exit_code in (0, 1), checked.stderr
    TALLY[f"validate exit {checked.exit_code}"] += 1
    if checked.exit_code == 0:
        out = recap_dir / "validated-out"
        built = run_cli("build", str(recap), "-o", str(out), "--split", "presenters", "--force")
        assert built.exit_code in (0, 1), built.stderr
        assert built.exit_code == 0 or ": error: " in built.stderr, built.stderr
        TALLY[f"build after validate exit {built.exit_code}"] += 1


# --- every slot of a recap with a value that is easy to alter ----------------------------

# written into the YAML as they stand: numbers, booleans and dates keep their source form
PLAIN_VALUES = ("1.10", "1e3", "0x1F", "007", "-0", ".5", "+12", "0o17", "1_000", "true",
                "false", "2019-06-12", "3.0")  # fmt: skip
# written double-quoted (JSON is YAML): markup, typography, spaces, links, scripts
QUOTED_VALUES = (
    '"smart" quotes and it\'s', "a -- b — c", "**bold**, *italic* and `code`",
    "[the talk](https://www.youtube.com/watch?v=w62T1SN4g6Y&t=1m30s)",
    "see https://example.com/x_(y) now", "\\*not italic\\*", "tab\there", "two\nlines",
    "  padded  ", "combining e\u0301", "<b>not bold</b> &amp;", "emoji 🚀👩\u200d💻",
    "Müller https://例え.jp/パス", "mail <mailto:team@example.com>", "1.10", "x" * 120,
)  # fmt: skip
SLOTS = ("title", "subtitle", "footer", "event", "dates", "name", "tagline", "topic",
         "speaker", "summary", "bullet", "bullet2", "code", "notes", "column", "cell",
         "stat", "label", "quote", "source", "link", "caption", "alt")  # fmt: skip
TEMPLATE = """\
title: {title}
subtitle: {subtitle}
footer: {footer}
event: {{name: {event}, dates: {dates}}}
options: {{agenda: false}}
presenters:
  - name: {name}
    tagline: {tagline}
    topics:
      - title: {topic}
        speakers: [{speaker}]
        summary: {summary}
        slides:
          - bullets: [{bullet}, {{text: {bullet2}, code: {code}}}]
            notes: {notes}
          - table: {{columns: [{column}, b], rows: [[{cell}, x]]}}
          - stats: [{{value: {stat}, label: {label}}}]
          - quote: {{text: {quote}, source: {source}}}
          - links: [{{label: {link}, url: "https://example.com/"}}]
          - image: {{path: img/small.png, caption: {caption}, alt: {alt}}}
"""
NUMBER_SLOTS = ("cell", "stat")  # the schema allows numbers and booleans only there
QUOTED = st.sampled_from(QUOTED_VALUES + PLAIN_VALUES).map(
    lambda v: json.dumps(v, ensure_ascii=False)
)
FILLED = st.fixed_dictionaries(
    {
        slot: st.one_of(
            st.just(slot.capitalize() + " words"),
            QUOTED,
            *([st.sampled_from(PLAIN_VALUES)] if slot in NUMBER_SLOTS else []),
        )
        for slot in SLOTS
    }
)


@fuzz_settings(ci_examples=30)
@given(values=FILLED)
def test_every_slot_keeps_what_was_typed(recap_dir: Path, values: dict[str, str]) -> None:
    recap = recap_dir / "slots.yaml"
    recap.write_text(TEMPLATE.format(**values), encoding="utf-8")
    try:
        reports = build_checked(recap, recap_dir / "out", split=False)
    except DeckgenError:
        TALLY["slot recaps refused"] += 1
        return
    TALLY["slot recaps built"] += 1
    assert lost(reports) == ""
