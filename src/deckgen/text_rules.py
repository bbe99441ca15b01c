"""Rules about text that several stages apply, each written once: the characters a recap
cannot hold, what an ISO date looks like, and the plain scalars that YAML 1.2 (the core
schema deckgen reads) takes for null, booleans and numbers."""

from __future__ import annotations

import re

# C0/C1 controls (tab and newline excepted), DEL, lone surrogates and the non-characters
# U+FFFE and U+FFFF: they cannot be stored in a deck's XML or are invisible mistakes
FORBIDDEN_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"  # a [...] class
FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARS}]")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # YYYY-MM-DD, to `fullmatch`

YAML_12_NULL = r"~|null|Null|NULL"
YAML_12_BOOL = r"true|True|TRUE|false|False|FALSE"
YAML_12_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
YAML_12_FLOAT = (
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def forbidden_kind(ch: str) -> str:
    """What a forbidden character is: `lone surrogate`, `non-character` or `control
    character`."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if code in (0xFFFE, 0xFFFF):
        return "non-character"
    return "control character"


def without_forbidden(text: str) -> str:
    """`text` without the characters a recap cannot hold."""
    return FORBIDDEN.sub("", text)


def is_iso_date(text: str) -> bool:
    """True when `text` is shaped YYYY-MM-DD (ASCII digits)."""
    return ISO_DATE.fullmatch(text) is not None
