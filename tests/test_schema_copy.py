"""The schemas editors use (`schema/`) are the ones deckgen validates with (the package's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deckgen.validate import load_schema

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_schema_folder_is_byte_identical_to_the_packaged_copy(name):
    public = REPO / "schema" / f"{name}.schema.json"
    packaged = REPO / "src" / "deckgen" / "schema" / f"{name}.schema.json"
    assert public.read_bytes() == packaged.read_bytes()


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_packaged_schema_is_what_the_validator_loads(name):
    public = REPO / "schema" / f"{name}.schema.json"
    assert load_schema(name) == json.loads(public.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_schema_is_a_valid_draft_2020_12_schema(name):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(load_schema(name))
