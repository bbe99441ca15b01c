"""Typesetting of display text: typographic quotes and dashes, addresses printed short,
dates for people, statements told from paragraphs, titles balanced on their lines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from deckgen import inline
from deckgen.layout.fit import INSET_X, count_lines
from deckgen.layout.page import Para

_OPENING = set(" \t\n([{<\u00a0\u2013\u2014/-")  # after these a quote opens
_RANGE = re.compile(r"(?<![\w.,:/-])(\d{1,4})-(\d{1,4})(?![\w/-]|[.,:]\d)")  # 20-23, not v1-0-a
_SPACED_DASH = re.compile(r"(?<=\S) - (?=\S)")  # one hyphen: `--` stays as typed
_CUT = re.compile(r"[-/_.?=&#+]")  # where an address may be cut short


def smarten(text: str, before: str = "") -> str:
    """`text` with typographic quotes, apostrophes and en dashes (`before`: the character
    that precedes it, for a quote at its start). Only for display text: never for code
    or an address."""
    if "-" in text:  # (both patterns hold a hyphen: most text is left as it is sooner)
        text = _SPACED_DASH.sub(" \u2013 ", text)
        text = _RANGE.sub("\\1\u2013\\2", text)
    if "'" not in text and '"' not in text:
        return text
    out = []
    previous = before or " "
    for ch in text:
        if ch == '"':
            ch = "\u201c" if previous in _OPENING else "\u201d"
        elif ch == "'":
            ch = "\u2018" if previous in _OPENING else "\u2019"
        out.append(ch)
        previous = ch
    return "".join(out)


def short_url(url: str, limit: int) -> str:
    """`url` as printed in text: without its scheme and `www.`, and when still longer than
    `limit` characters, its host and the start of its path cut at a separator, then `…`
    (the full address stays the hyperlink)."""
    text = re.sub(r"^(https?://|mailto:)", "", url)
    text = text.removeprefix("www.").rstrip("/")
    if len(text) <= limit:
        return text
    host, slash, rest = text.partition("/")
    if len(host) + 2 >= limit or not slash:
        return f"{host[: limit - 1]}…" if len(host) >= limit else f"{host}/…"
    room = limit - len(host) - 2  # the slash and the ellipsis
    cuts = [m.end() for m in _CUT.finditer(rest) if m.end() <= room]
    return f"{host}/{rest[: max(cuts, default=0)]}…"


def long_url(text: str, limit: int) -> str:
    """A raw address as printed in text: as written up to `limit` characters, else short."""
    return text if len(text) <= limit else short_url(text, limit)


def is_raw_url(text: str, url: str) -> bool:
    """True when a link's text is its address written out (bare or as its own label)."""
    return text == url or re.match(r"(https?://|www\.)\S+$", text) is not None


def people_date(iso: str) -> str:
    """`2019-06-13` as people write it: `13 June 2019` (other text stays as it is)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def iso_date(text: str) -> str:
    """`13 June 2019` back as `2019-06-13` (other text stays as it is)."""
    day, _, rest = text.strip().partition(" ")
    month, _, year = rest.partition(" ")
    months = {name: n for n, name in enumerate(calendar.month_name) if name}
    if day.isdigit() and year.isdigit() and month in months:
        try:
            return dt.date(int(year), months[month], int(day)).isoformat()
        except ValueError:
            return text
    return text


def is_statement(text: str, words: int) -> bool:
    """True when `text` is short enough to be set as a statement: at most `words` words
    in one paragraph."""
    plain = inline.plain(text).strip()
    return "\n\n" not in plain and len(plain.split()) <= words


def long_url_texts(content: Any, limit: int) -> list[str]:
    """The texts of a slide's content (as readers see them) that print a raw address
    longer than `limit` characters short: they go to the notes whole."""
    return [
        inline.plain(text)
        for text in _strings(content)
        if any(
            s.url and is_raw_url(s.text, s.url) and len(s.text) > limit for s in inline.parse(text)
        )
    ]


def _strings(value: Any) -> Iterator[str]:
    """Every text held in a slide's content, in order (code and addresses aside)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.name not in ("code", "source", "url", "path", "language", "origin", "alt"):
                yield from _strings(getattr(value, f.name))


def balanced(para: Para, width: float, lines: int) -> float:
    """The narrowest box width (at most `width`) in which `para` still takes `lines` lines:
    its lines are then as even as the words allow (no orphan on the last)."""
    low, high = width / (lines + 1), width
    if count_lines(para, high - 2 * INSET_X) > lines:
        return width
    while high - low > 2:
        middle = (low + high) / 2
        if count_lines(para, middle - 2 * INSET_X) <= lines:
            high = middle
        else:
            low = middle
    return min(width, high + 1)
