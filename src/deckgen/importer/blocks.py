"""Paragraphs to recap content: nested bullets with code, code listings, tables, statements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.importer.markup import ALL, NOT_BOLD, Keep, para_text
from deckgen.importer.reader import Paragraph, TableShape
from deckgen.model import Bullet, Bullets, Code, Table
from deckgen.validate.semantic import MAX_BULLET_DEPTH


@dataclass(frozen=True)
class BulletLine:
    """One paragraph of a bullet list: its level and inline text, or a line of its code."""

    level: int
    text: str
    code: bool = False


@dataclass(frozen=True)
class BulletLines:
    """A bullet list as read, before continuation slides are joined and it is nested."""

    lines: tuple[BulletLine, ...]


def bullet_lines(paras: Sequence[Paragraph], keep: Keep = ALL) -> BulletLines:
    """Paragraphs as bullet lines: outline levels (or indents) ranked, code lines kept raw."""
    paras = [p for p in paras if p.text.strip() or p.mono]
    levels = _levels(paras)
    lines = []
    for para, level in zip(paras, levels, strict=True):
        if para.mono:
            lines += [BulletLine(level, line, code=True) for line in para.text.split("\n")]
        elif para.text.strip():
            lines.append(BulletLine(level, para_text(para, keep)))
    while lines and lines[-1].code and not lines[-1].text.strip():
        lines.pop()
    return BulletLines(tuple(lines))


def _levels(paras: Sequence[Paragraph]) -> list[int]:
    """Rank the distinct outline levels (or left margins when every level is 0)."""
    keys: list[int] = [p.level for p in paras]
    if len(set(keys)) == 1 and len({p.indent for p in paras if not p.mono}) > 1:
        keys = [p.indent or 0 for p in paras]
        text_keys = sorted({k for k, p in zip(keys, paras, strict=True) if not p.mono})
        # code lines belong to the bullet above them
        keys = [
            max([k2 for k2 in text_keys if k2 <= k] or [text_keys[0]]) if p.mono else k
            for k, p in zip(keys, paras, strict=True)
        ]
    rank = {key: n for n, key in enumerate(sorted(set(keys)))}
    return [min(rank[k], MAX_BULLET_DEPTH - 1) for k in keys]


def nest(lines: Sequence[BulletLine]) -> Bullets:
    """Bullet lines as a nested list (at most three levels); code joins the bullet above."""
    root: list[_Item] = []
    stack: list[_Item] = []
    for line in lines:
        if line.code:
            owner = next((i for i in reversed(stack) if i.level <= line.level), None)
            if owner is None or owner is not stack[-1]:
                # code after sub-bullets (or before any bullet): a bullet of its own
                owner = _Item(owner.level if owner is not None else 0, "")
                _place(owner, root, stack)
            owner.code.append(line.text)
            continue
        level = min(line.level, stack[-1].level + 1 if stack else 0)
        item = _Item(level, line.text)
        _place(item, root, stack)
    return Bullets(tuple(i.bullet() for i in root))


class _Item:
    def __init__(self, level: int, text: str) -> None:
        self.level, self.text = level, text
        self.children: list[_Item] = []
        self.code: list[str] = []

    def bullet(self) -> Bullet:
        source = "\n".join(self.code).rstrip("\n").expandtabs(4)
        code = Code(source) if source.strip() else None
        return Bullet(self.text, tuple(c.bullet() for c in self.children), code)


def _place(item: _Item, root: list[_Item], stack: list[_Item]) -> None:
    while stack and stack[-1].level >= item.level:
        stack.pop()
    if stack:
        item.level = stack[-1].level + 1
        stack[-1].children.append(item)
    else:
        item.level = 0
        root.append(item)
    stack.append(item)


def code_source(paras: Sequence[Paragraph]) -> str:
    """The text of monospace paragraphs as a listing (tabs expanded, no blank edges)."""
    lines = "\n".join(p.text for p in paras).expandtabs(4).split("\n")
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def statement(paras: Sequence[Paragraph], keep: Keep = NOT_BOLD) -> str:
    """Paragraphs as one statement, separated by blank lines."""
    return "\n\n".join(t for t in (para_text(p, keep) for p in paras) if t)


def table(shape: TableShape) -> Table | None:
    """The first row as columns; other rows padded or trimmed to as many cells."""
    rows = [tuple(_cell(cell, header=i == 0) for cell in row) for i, row in enumerate(shape.rows)]
    rows = [r for r in rows if any(r)]
    if not rows:
        return None
    columns, body = rows[0], rows[1:]
    width = len(columns)
    if not body:
        body = [("",) * width]
    fixed = tuple(tuple((*row, *("",) * width)[:width]) for row in body)
    return Table(columns, fixed)


def _cell(paras: Sequence[Paragraph], header: bool) -> str:
    keep = NOT_BOLD if header else ALL
    return "\n".join(t for t in (para_text(p, keep) for p in paras) if t)
