"""JSON-schema validation whose errors point at the file, line and column of the value."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import Problem
from deckgen.load import DataPath, Document, format_path
from deckgen.text_rules import is_iso_date
from deckgen.validate.suggest import closest

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_JSON_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


# the package's schema folder (not importlib.resources: importing it costs validate 10 %)
_SCHEMAS = Path(__file__).resolve().parent.parent / "schema"


@cache
def load_schema(name: str = "recap") -> dict[str, Any]:
    """The packaged JSON schema `name` (`recap` or `theme`)."""
    schema: dict[str, Any] = json.loads(Path(schema_file(name)).read_text("utf-8"))
    return schema


def schema_file(name: str = "recap") -> str:
    """Where the packaged JSON schema `name` lies (a path in the installed package)."""
    return str(_SCHEMAS / f"{name}.schema.json")


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker  # only to report errors

    return Draft202012Validator(load_schema(name), format_checker=FormatChecker(["date"]))


def _is_date(text: str) -> bool:
    """The `date` format as jsonschema's FormatChecker checks it."""
    try:
        return bool(is_iso_date(text) and date.fromisoformat(text))
    except ValueError:
        return False


@cache
def _compiled(name: str) -> Callable[[Any], bool] | None:
    """`is_valid` of the schema compiled by jsonschema-rs, or None without it. Formats
    are checked as the Python validator checks them: `date` only."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    formats = {"date": _is_date, "uri": lambda text: True}
    validator = jsonschema_rs.validator_for(
        load_schema(name), validate_formats=True, formats=formats
    )
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


def _valid(data: Any, name: str) -> bool:
    """Whether the compiled validator finds `data` valid (False also when it cannot tell)."""
    is_valid = _compiled(name)
    try:
        return is_valid is not None and is_valid(data)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False  # data it cannot convert: the Python validator decides


def check_schema(doc: Document, name: str = "recap") -> list[Problem]:
    """Every schema violation in `doc`, as problems located in the source.

    A valid document is recognised by the compiled validator (jsonschema-rs, ~50 times
    faster); an invalid one is reported by the Python validator, whose errors carry
    what the messages are made of.
    """
    if _valid(doc.data, name):
        return []
    errors = list(_validator(name).iter_errors(doc.data))
    with_unknown_keys = {
        tuple(e.absolute_path) for e in errors if e.validator == "additionalProperties"
    }
    problems: dict[Problem, None] = {}  # in order, without repeats
    for error in errors:
        path: DataPath = tuple(error.absolute_path)
        if error.validator in ("oneOf", "anyOf") and path in with_unknown_keys:
            continue  # a mistyped content key already explains the missing one
        problems.update(dict.fromkeys(_translate(doc, error, path)))
    return list(problems)


def _translate(doc: Document, error: ValidationError, path: DataPath) -> list[Problem]:
    where, shown, value = doc.position(path), format_path(path), error.instance
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        if _colon_in_text(path, value):
            return [_colon_problem(doc, path, value)]
        return [
            Problem(
                doc.key_position((*path, key)), _unknown(key, allowed), format_path((*path, key))
            )
            for key in value
            if key not in allowed
        ]
    if kind == "type" and "string" in _types(error.validator_value) and _one_pair(value):
        return [_colon_problem(doc, path, value)]  # `title:` then `Step 1: build` below it
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        return [Problem(where, f"missing required key `{k}`", shown) for k in missing]
    return [Problem(where, _message(kind, error.validator_value, value), shown)]


def _colon_problem(doc: Document, path: DataPath, value: dict[str, Any]) -> Problem:
    """Text holding `: ` that YAML read as a mapping of one key."""
    key = next(iter(value))
    text = f"{key}: {value[key]}"
    text = text if len(text) <= 40 else text[:37] + "..."
    message = f"`{text}` reads as a key and a value; put the text in quotes"
    return Problem(doc.key_position((*path, key)), message, format_path(path))


def _types(expected: Any) -> list[str]:
    return [expected] if isinstance(expected, str) else list(expected)


def _one_pair(value: Any) -> bool:
    """A mapping of one key to a scalar: what `Step 1: build` reads as."""
    return (
        isinstance(value, dict)
        and len(value) == 1
        and not isinstance(next(iter(value.values())), (dict, list))
    )


def _message(kind: Any, expected: Any, value: Any) -> str:
    if kind == "type":
        types = _types(expected)
        wanted = " or ".join(_JSON_TYPES[t] for t in types)
        hint = "; put it in quotes" if "string" in types and _is_scalar(value) else ""
        return f"expected {wanted}, got {_describe(value)}{hint}"
    if kind == "enum":
        choices = ", ".join(f"`{c}`" for c in expected)
        close = closest(str(value), [str(c) for c in expected])
        hint = f"; did you mean `{close}`?" if close else ""
        return f"must be one of {choices}, got {_describe(value)}{hint}"
    if kind == "minItems":
        return f"needs at least {expected} item{'s' if expected != 1 else ''}"
    if kind == "minLength":
        return "must not be empty"
    if kind == "pattern" and expected.startswith("^#"):
        return f"expected a colour as #RRGGBB, got {_describe(value)}"
    if kind == "minimum":
        return f"must be at least {expected}, got {_describe(value)}"
    if kind == "maximum":
        return f"must be at most {expected}, got {_describe(value)}"
    if kind == "format" and expected == "date":
        return f"expected a real date as YYYY-MM-DD, got {_describe(value)}"
    if kind in ("oneOf", "anyOf") and isinstance(value, dict):
        keys = [next(iter(branch["required"])) for branch in expected]
        found = [k for k in keys if k in value]
        one = "exactly one" if kind == "oneOf" else "one"
        names = ", ".join(f"`{k}`" for k in keys)
        got = " and ".join(f"`{k}`" for k in found) if found else "none"
        return f"needs {one} of {names}; found {got}"
    return f"{_describe(value)} is not valid here ({kind})"


def _colon_in_text(path: DataPath, value: Any) -> bool:
    """A bullet written `- Step 1: build` is a one-key mapping in YAML, not text."""
    in_list = len(path) >= 2 and isinstance(path[-1], int) and path[-2] == "bullets"
    return in_list and _one_pair(value) and "text" not in value


def _unknown(key: str, allowed: list[str]) -> str:
    close = closest(key, allowed)
    if close:
        return f"unknown key `{key}`; did you mean `{close}`?"
    return f"unknown key `{key}`; expected one of {', '.join(f'`{k}`' for k in allowed)}"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, bool))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    text = str(value)
    return f"`{text if len(text) <= 40 else text[:37] + '...'}`"
