"""Typesetting of display text: typographic quotes and dashes, addresses printed short,
dates for people, statements told from paragraphs, titles balanced on their lines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from deckgen import inline
from deckgen.layout.fit import INSET_X, count_lines
from deckgen.layout.page import Para
from deckgen.links import brief
from deckgen.model import Code, Link

_OPENING = set(" \t\n([{<\u00a0\u2013\u2014/-")  # after these a quote opens
_RANGE = re.compile(r"(?<![\w.,:/-])(\d{1,4})-(\d{1,4})(?![\w/-]|[.,:]\d)")  # 20-23, not v1-0-a
_SPACED_DASH = re.compile(r"(?<=\S) - (?=\S)")  # one hyphen: `--` stays as typed
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")  # three dots, not four
_ARROW = re.compile(r"(?<!\S)->(?!\S)")  # an arrow between words: `a->b` stays


def smarten(text: str, before: str = "") -> str:
    """`text` with typographic quotes, apostrophes, en dashes, ellipses and arrows
    (`before`: the character that precedes it, for a quote at its start). Only for display
    text: never for code or an address."""
    if "-" in text:  # (these patterns hold a hyphen: most text is left as it is sooner)
        text = _SPACED_DASH.sub(" \u2013 ", text)
        text = _RANGE.sub("\\1\u2013\\2", text)
        text = _ARROW.sub("\u2192", text)
    if "..." in text:
        text = _ELLIPSIS.sub("\u2026", text)
    if "'" not in text and '"' not in text:
        return text
    out = []
    previous = before or " "
    for i, ch in enumerate(text):
        if ch == '"':
            ch = "\u201c" if previous in _OPENING else "\u201d"
        elif ch == "'":  # before a digit: elision (Barcelona '19, the '90s)
            elided = text[i + 1 : i + 2].isdigit()
            ch = "\u2018" if previous in _OPENING and not elided else "\u2019"
        out.append(ch)
        previous = ch
    return "".join(out)


def prints_short(url: str, limit: int) -> bool:
    """True when a topic's slide prints the raw address `url` other than as written
    (`raw_address`: without its scheme, or shortened): its notes give the text whole."""
    return brief(url, limit) != url


def raw_address(text: str, limit: int, noted: bool) -> str:
    """A raw address in display text as printed: without its scheme and `www.`, shortened
    past `limit` (`links.brief`). Where no notes give the text whole (`noted` false: slides
    deckgen makes), as written up to `limit`, so that every written character is in the
    deck."""
    return text if not noted and len(text) <= limit else brief(text, limit)


def address_notes(links: Sequence[Link]) -> str | None:
    """The notes' list of a slide's links, each whole: `Label: address`, the label as the
    slide prints it (a slide prints a link's label, or its address short)."""
    lines = [
        f"{smarten(inline.plain(k.label))}: {k.url}" if k.label != k.url else k.url for k in links
    ]
    return "\n".join(lines) or None


def without_address_notes(notes: str | None, links: Sequence[Link]) -> str | None:
    """`notes` without the list `address_notes` adds to them (for `import`)."""
    added = address_notes(links)
    kept = [p for p in (notes or "").split("\n\n") if p.strip() and p.strip() != added]
    return "\n\n".join(kept) or None


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
    texts: list[str] = []
    _strings(content, texts)
    if not inline.marked("\n".join(texts)):  # most slides hold no markup: one look at all
        return []
    return [inline.plain(text) for text in texts if _prints_short(text, limit)]


def _prints_short(text: str, limit: int) -> bool:
    """True when `text` holds a raw address longer than `limit` that it prints short."""
    return inline.marked(text) and any(
        s.url and is_raw_url(s.text, s.url) and prints_short(s.text, limit)
        for s in inline.parse(text)
    )


def _strings(value: Any, out: list[str]) -> None:
    """Every text held in a slide's content, in order (code and addresses aside), added
    to `out`."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, _SEQUENCES):
        for item in value:
            _strings(item, out)
    else:
        for name in _text_fields(value.__class__):
            _strings(getattr(value, name), out)


_SEQUENCES = (tuple, list)


@cache
def _text_fields(kind: type[Any]) -> tuple[str, ...]:
    """The fields of a content class that can hold display text (none for what is not a
    dataclass): a listing's source is code (a quote's is text), and links print their
    own way."""
    if not is_dataclass(kind) or issubclass(kind, Link):
        return ()
    skipped = ("code", "url", "path", "language", "origin", "alt")
    return tuple(
        f.name
        for f in fields(kind)
        if f.name not in skipped and not (f.name == "source" and issubclass(kind, Code))
    )


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
