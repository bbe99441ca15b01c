"""Editors explain every key: each property of the recap and theme schemas has a
description, and every example a schema gives is a valid value of its key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from deckgen.validate import load_schema


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, schema) of every property declared anywhere in `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}/{key}"
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    yield f"{here}/{name}", sub
            yield from properties(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{path}/{index}")


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_every_key_has_a_description(name):
    found = list(properties(load_schema(name)))
    assert len(found) > 30
    assert [path for path, sub in found if not sub.get("description")] == []


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_every_example_is_a_valid_value(name):
    schema = load_schema(name)
    checked = 0
    for path, sub in properties(schema):
        validator = Draft202012Validator({**sub, "$defs": schema.get("$defs", {})})
        for example in sub.get("examples", []):
            assert list(validator.iter_errors(example)) == [], (path, example)
            checked += 1
    assert checked >= 5
