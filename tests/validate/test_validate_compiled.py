"""The compiled validator (jsonschema-rs) only says "valid" faster: what it finds valid
the Python validator finds valid (what it refuses, the Python validator reports, or
finds valid after all: NaN, say, which it cannot convert), and without it the problems
are the same."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from tests.reliability.rel_common import EXAMPLES, SchemaStrategies, fuzz_settings

from deckgen.errors import DeckgenError
from deckgen.load import load_recap
from deckgen.validate import schema

INCLUDES = {"presenters": ["p.yaml", "x.yaml"], "topics": ["t.yaml", "x.yaml"]}
CORPUS = sorted(Path(__file__).parents[1].joinpath("reliability", "corpus").glob("*.yaml"))
compiled = pytest.importorskip("jsonschema_rs")


def python_verdict(data: object, name: str = "recap") -> bool:
    return not any(True for _ in schema._validator(name).iter_errors(data))


@pytest.mark.parametrize("path", [*EXAMPLES, *CORPUS], ids=lambda p: p.name)
def test_compiled_and_python_validators_agree_on_files(path: Path) -> None:
    try:
        data = load_recap(path).data
    except DeckgenError:
        return  # refused while loading: never validated
    assert not schema._valid(data, "recap") or python_verdict(data)
    if path in EXAMPLES:
        assert schema._valid(data, "recap")


@fuzz_settings(60)
@given(SchemaStrategies(["a.png", "b.png", "c.png"], INCLUDES, clean=False).recap())
def test_compiled_and_python_validators_agree_on_generated_recaps(data):
    assert not schema._valid(data, "recap") or python_verdict(data)


ONE_SLIDE = [
    {"name": "A", "topics": [{"title": "X", "slides": [{"title": "S", "bullets": ["a"]}]}]}
]
DATES = ["2019-06-12", "2020-02-29", "2019-02-29", "2019-13-01", "١٩٩٩-01-01", "2019-6-12"]


@pytest.mark.parametrize("date", DATES)
def test_dates_are_checked_as_the_python_validator_checks_them(date):
    data = {"title": "T", "date": date, "presenters": ONE_SLIDE}
    assert schema._valid(data, "recap") == python_verdict(data) == (date in DATES[:2])


def test_without_the_compiled_validator_the_problems_are_the_same(write, problems, monkeypatch):
    recap = write("r.yaml", "title: T\ndate: 2019-02-30\npresenters: []\nbulets: 1\n")
    with_it = problems(recap)
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import fails
    schema._compiled.cache_clear()
    try:
        assert problems(recap) == with_it
        assert schema._compiled("recap") is None
    finally:
        schema._compiled.cache_clear()
    assert len(with_it) == 3
