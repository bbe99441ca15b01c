"""Stage 4: find step-by-step repeated slides and collapse them (or keep them).

The rule (also in the README): within a topic, two consecutive slides are steps of
one slide when they have the same kind and title, neither says `keep: true`, and
the later one keeps the earlier one's content, only adding to it or editing a
small part of it:

- bullets, links, stats, code (by line) and tables (by row) are sequences of items;
  the later slide must keep every earlier item in order, may add items anywhere,
  and may change at most one item, whose new text is still similar (ratio >= 0.5);
- text and quotes: the same text, the text with more added, or one small edit
  (similarity >= 0.8), with the same quote source;
- images and videos: only identical copies (another image or video is a new slide).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from deckgen.model import (
    Bullet,
    Bullets,
    Code,
    Content,
    Links,
    Origin,
    Quote,
    Recap,
    Slide,
    Statement,
    Stats,
    Table,
    Topic,
)
from deckgen.model.types import StepMode

_ITEM_SIMILARITY = 0.5
_TEXT_SIMILARITY = 0.8


@dataclass(frozen=True)
class Collapse:
    """One run of step slides that became one slide."""

    origin: Origin  # of the first step
    title: str
    count: int

    def __str__(self) -> str:
        where = f"{self.origin.position.file}:{self.origin.position.line}"
        return f'{where}: collapsed {self.count} step slides "{self.title}" into 1'


def collapse_steps(recap: Recap, mode: StepMode) -> tuple[Recap, list[Collapse]]:
    """Apply `mode` to every topic; return the new recap and what was collapsed."""
    if mode == "off":
        return recap, []
    report: list[Collapse] = []
    presenters = tuple(
        replace(p, topics=tuple(_topic(t, mode, report) for t in p.topics))
        for p in recap.presenters
    )
    return replace(recap, presenters=presenters), report


def _topic(topic: Topic, mode: StepMode, report: list[Collapse]) -> Topic:
    runs: list[list[Slide]] = []
    for slide in topic.slides:
        if runs and is_step(runs[-1][-1], slide):
            runs[-1].append(slide)
        else:
            runs.append([slide])
    slides = []
    for run in runs:
        if len(run) > 1:
            report.append(Collapse(run[0].origin, run[0].title, len(run)))
        slides.append(merge(run, mode))
    return replace(topic, slides=tuple(slides))


def is_step(earlier: Slide, later: Slide) -> bool:
    """True when `later` is a build step that follows `earlier`."""
    a, b = earlier.content, later.content
    if earlier.keep or later.keep or earlier.title != later.title or type(a) is not type(b):
        return False
    if isinstance(a, Statement) and isinstance(b, Statement):
        return _text_step(a.text, b.text)
    if isinstance(a, Quote) and isinstance(b, Quote):
        return a.source == b.source and _text_step(a.text, b.text)
    if isinstance(a, Table) and isinstance(b, Table) and a.columns != b.columns:
        return False
    if isinstance(a, Code) and isinstance(b, Code) and a.language != b.language:
        return False
    items_a, items_b = _items(a), _items(b)
    if items_a is None or items_b is None:
        return a == b  # images and videos: identical copies only
    return _sequence_step(items_a, items_b)


def merge(run: list[Slide], mode: StepMode) -> Slide:
    """The slide a run of steps becomes: the last state, with every step's notes."""
    last = run[-1]
    notes: list[str] = []
    for slide in run:
        if slide.notes and slide.notes not in notes:
            notes.append(slide.notes)
    reveal: tuple[int, ...] = ()
    if mode == "animate" and len(run) > 1 and isinstance(last.content, Bullets):
        first = {_bullet_key(b) for b in _bullets(run[0].content)}
        reveal = tuple(i for i, b in enumerate(last.content.items) if _bullet_key(b) not in first)
    return replace(
        last,
        origin=run[0].origin,
        notes="\n\n".join(notes) or None,
        reveal=reveal or last.reveal,
    )


def _items(content: Content) -> Sequence[str] | None:
    if isinstance(content, Bullets):
        return [_bullet_key(b) for b in _flatten(content.items)]
    if isinstance(content, Code):
        return content.source.splitlines()
    if isinstance(content, Table):
        return ["\t".join(row) for row in content.rows]
    if isinstance(content, Links):
        return [f"{x.label}\t{x.url}" for x in content.items]
    if isinstance(content, Stats):
        return [f"{x.value}\t{x.label}" for x in content.items]
    return None


def _flatten(items: Sequence[Bullet], level: int = 0) -> list[Bullet]:
    out: list[Bullet] = []
    for item in items:
        out.append(replace(item, children=(), text=f"{level}\t{item.text}"))
        out.extend(_flatten(item.children, level + 1))
    return out


def _bullets(content: Content) -> Sequence[Bullet]:
    return content.items if isinstance(content, Bullets) else ()


def _bullet_key(bullet: Bullet) -> str:
    code = bullet.code.source if bullet.code else ""
    return f"{bullet.text}\t{code}"


def _sequence_step(earlier: Sequence[str], later: Sequence[str]) -> bool:
    """`later` keeps `earlier` in order, adds items, and changes at most one item."""
    changed = 0
    matcher = difflib.SequenceMatcher(a=earlier, b=later, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "delete":
            return False
        if op == "replace":
            # every earlier item of the block must stay, in order, as itself or reworded
            later_block = iter(later[b0:b1])
            for item in earlier[a0:a1]:
                match = next((y for y in later_block if _similar(item, y, _ITEM_SIMILARITY)), None)
                if match is None:
                    return False
                changed += match != item
    return changed <= 1


def _text_step(earlier: str, later: str) -> bool:
    return later.startswith(earlier) or _similar(earlier, later, _TEXT_SIMILARITY)


def _similar(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= threshold
