"""Decks larger than a recap may be: slides over deckgen's limits are split into several
slides (or their text shortened), and slides past the recap's limit left out; each said."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from deckgen import inline
from deckgen.importer.markup import escape
from deckgen.importer.structure import Draft, DraftSlide
from deckgen.model import (
    Bullet,
    Bullets,
    Code,
    Content,
    Links,
    Quote,
    Statement,
    Stats,
    Table,
)
from deckgen.validate.semantic import (
    MAX_BULLETS,
    MAX_CODE_LINE,
    MAX_CODE_LINES,
    MAX_ITEMS,
    MAX_SLIDES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TEXT,
)

_CODE_CHARS = MAX_TEXT * 10  # what validation allows a listing
T = TypeVar("T")


def fit_limits(draft: Draft) -> list[str]:
    """Split or shorten what a recap cannot hold in one slide; lines for the report."""
    said: list[str] = []
    seen = 0
    for presenter in draft.presenters:
        for topic in presenter.topics:
            slides: list[DraftSlide] = []
            for item in topic.slides:
                slides += _fit(item, said)
            room = max(0, MAX_SLIDES - seen)
            if len(slides) > room:
                first = slides[room].first
                said.append(
                    f"slide {first}: this and every later slide left out (a recap holds at"
                    f" most {MAX_SLIDES:,} slides)"
                )
                slides = slides[:room]
            seen += len(slides)
            topic.slides = slides
    return said


def _fit(item: DraftSlide, said: list[str]) -> list[DraftSlide]:
    slide = item.slide
    where = f"slide {item.first}: "
    before = len(said)
    notes = _short(slide.notes, MAX_TEXT, where + "notes", said, markup=False)
    parts, why = _parts(slide.content, where, said)
    if len(parts) > 1:
        said.append(f"{where}split into {len(parts)} slides ({why})")
    out = []
    for n, content in enumerate(parts):
        comments = (
            [*item.comments, *said[before:]] if n == 0 else [f"continued ({n + 1}/{len(parts)})"]
        )
        changed = replace(slide, content=content, notes=notes if n == 0 else None)
        out.append(replace(item, slide=changed, comments=list(comments)))
    return out


def _parts(content: Content, where: str, said: list[str]) -> tuple[list[Content], str]:
    """`content` as one or more slides' worth, and why it was split."""
    if isinstance(content, Bullets):
        items = tuple(part for b in content.items for part in _bullet(b, where, said))
        groups = _by_weight(items, _count, MAX_BULLETS)
        return [Bullets(g) for g in groups], f"at most {MAX_BULLETS} bullets a slide"
    if isinstance(content, Table):
        return _table(content, where, said), (
            f"at most {MAX_TABLE_ROWS:,} rows and {MAX_TABLE_COLUMNS} columns a table"
        )
    if isinstance(content, Code):
        chunks = _code_chunks(content.source, where, said)
        return [replace(content, source=c) for c in chunks], (
            f"at most {MAX_CODE_LINES:,} lines a listing"
        )
    if isinstance(content, Links):
        return [Links(g) for g in _chunks(content.items, MAX_ITEMS)], f"at most {MAX_ITEMS} links"
    if isinstance(content, Stats):
        return [Stats(g) for g in _chunks(content.items, MAX_ITEMS)], f"at most {MAX_ITEMS} stats"
    if isinstance(content, Statement | Quote):
        chunks = _text_chunks(content.text)
        return [replace(content, text=c) for c in chunks], f"at most {MAX_TEXT:,} characters"
    return [content], ""


def _chunks(items: tuple[T, ...], size: int) -> list[tuple[T, ...]]:
    return [items[i : i + size] for i in range(0, max(1, len(items)), size)]


def _by_weight(items: Sequence[T], weight: Callable[[T], int], limit: int) -> list[tuple[T, ...]]:
    groups: list[list[T]] = [[]]
    total = 0
    for item in items:
        w = weight(item)
        if groups[-1] and total + w > limit:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += w
    return [tuple(g) for g in groups]


def _count(bullet: Bullet) -> int:
    return 1 + sum(_count(c) for c in bullet.children)


def _bullet(bullet: Bullet, where: str, said: list[str]) -> list[Bullet]:
    """The bullet within the limits: a text too long continues in more bullets after it."""
    texts = _text_chunks(bullet.text)
    if len(texts) > 1:
        said.append(
            f"{where}a bullet of {len(bullet.text):,} characters split into {len(texts)}"
            f" bullets (at most {MAX_TEXT:,} characters a text)"
        )
    children = tuple(part for c in bullet.children for part in _bullet(c, where, said))
    if 1 + sum(_count(c) for c in children) > MAX_BULLETS:  # one bullet, too many below it
        kept = _by_weight(children, _count, MAX_BULLETS - 1)[0]
        said.append(f"{where}sub-bullets past the first {len(kept)} of a bullet left out")
        children = kept
    code = bullet.code
    if code is not None:
        chunks = _code_chunks(code.source, where, said)
        if len(chunks) > 1:
            said.append(f"{where}a bullet's code shortened to {MAX_CODE_LINES // 2:,} lines")
        code = replace(code, source=chunks[0])
    return [Bullet(texts[0], children, code), *(Bullet(t) for t in texts[1:])]


def _table(table: Table, where: str, said: list[str]) -> list[Content]:
    def cell(text: str) -> str:
        return _short(text, MAX_TEXT, where + "a table cell", said) or ""

    columns = tuple(cell(c) for c in table.columns)
    rows = tuple(tuple(cell(c) for c in row) for row in table.rows)
    out: list[Content] = []
    for start in range(0, len(columns), MAX_TABLE_COLUMNS):
        cut = slice(start, start + MAX_TABLE_COLUMNS)
        body = [row[cut] for row in rows]
        for at in range(0, max(1, len(body)), MAX_TABLE_ROWS):
            out.append(Table(columns[cut], tuple(body[at : at + MAX_TABLE_ROWS])))
    return out


def _code_chunks(source: str, where: str, said: list[str]) -> list[str]:
    """A listing in parts of at most half the line limit (room for a final line break)."""
    lines = source.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > MAX_CODE_LINE]
    if long:
        said.append(f"{where}{len(long)} code lines shortened to {MAX_CODE_LINE:,} characters")
        lines = [line[: MAX_CODE_LINE - 1] + "…" if len(line) > MAX_CODE_LINE else line
                 for line in lines]  # fmt: skip
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and (len(current) >= MAX_CODE_LINES // 2 or size + len(line) > _CODE_CHARS // 2):
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    chunks.append("\n".join(current))
    return chunks


def _text_chunks(text: str) -> list[str]:
    """Text in parts of at most `MAX_TEXT` characters, cut at paragraphs or spaces."""
    chunks = []
    while len(text) > MAX_TEXT:
        cut = max(text.rfind("\n\n", 0, MAX_TEXT), text.rfind(" ", 0, MAX_TEXT))
        cut = cut if cut > MAX_TEXT // 2 else MAX_TEXT
        if text[cut - 1] == "\\":  # never split an escape
            cut -= 1
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*chunks, text]


def _short(
    text: str | None, limit: int, what: str, said: list[str], markup: bool = True
) -> str | None:
    """`text` within `limit` characters (shortened with "…", and said)."""
    if text is None or len(text) <= limit:
        return text
    said.append(f"{what} shortened to {limit:,} characters")
    if not markup:
        return text[: limit - 1] + "…"
    full = inline.plain(text)
    cut = limit - 1
    while len(short := escape(full[:cut].rstrip()) + "…") > limit:
        cut -= max(1, len(short) - limit)
    return short
