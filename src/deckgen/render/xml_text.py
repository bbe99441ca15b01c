"""XML escaping for the parts deckgen writes: the same strings as `xml.sax.saxutils`
`escape` and `quoteattr` give, without their per-call dictionaries (a deck escapes every
run) and without importing `urllib.request` as `saxutils` does (start-up)."""

from __future__ import annotations

from functools import lru_cache


def escape(text: str) -> str:
    """`text` with `&`, `<` and `>` escaped, for element content."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


@lru_cache(maxsize=4096)  # font, placeholder and bullet names repeat on every slide
def quoteattr(text: str) -> str:
    """`text` escaped and quoted as an attribute value (line breaks and tabs as
    character references; `"` quotes unless the text holds `"` and not `'`)."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'
