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
    groups = [[topic.slides[i] for i in run] for run in step_runs(topic.slides, mode)]
    for group in groups:
        if len(group) > 1:
            report.append(Collapse(group[0].origin, group[0].title, len(group)))
    return replace(topic, slides=tuple(_state(group, mode) for group in groups))


def step_runs(slides: Sequence[Slide], mode: StepMode = "collapse") -> list[list[int]]:
    """The runs of step slides among `slides` (consecutive, of one topic), as indexes.

    Runs are merged until none is left: a collapsed run can make its neighbour a step
    (`[Loki]`, `[Helm]`, `[Loki, Helm]`), and collapsing must be idempotent. `deckgen
    import` groups with this too, so that import and build agree."""
    runs = [[i] for i in range(len(slides))]
    while True:
        merged: list[list[int]] = []
        for run in runs:
            if merged and is_step(
                _state_of(slides, merged[-1], mode), _state_of(slides, run, mode)
            ):
                merged[-1] = merged[-1] + run
            else:
                merged.append(run)
        if len(merged) == len(runs):
            return runs
        runs = merged


def _state_of(slides: Sequence[Slide], run: list[int], mode: StepMode) -> Slide:
    return _state([slides[i] for i in run], mode)


def _state(group: list[Slide], mode: StepMode) -> Slide:
    return group[0] if len(group) == 1 else merge(group, mode)


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
        for part in (slide.notes or "").split("\n\n"):
            if part and part not in notes:
                notes.append(part)
    reveal: tuple[int, ...] = ()
    if mode == "animate" and isinstance(last.content, Bullets):
        reveal = _added(_bullets(run[0].content), last.content.items)
    return replace(
        last,
        origin=run[0].origin,
        notes="\n\n".join(notes) or None,
        reveal=reveal or last.reveal,
    )


@dataclass(frozen=True)
class _Item:
    """One comparable item of a slide: equal keys are the same item; a changed item must
    keep its anchor (a link's URL) and stay similar in text (a bullet may change level)."""

    key: str
    text: str
    anchor: str = ""


def _items(content: Content) -> list[_Item] | None:
    if isinstance(content, Bullets):
        return [_bullet_item(b, level) for b, level in _flatten(content.items)]
    if isinstance(content, Code):
        return [_Item(line, line) for line in content.source.splitlines()]
    if isinstance(content, Table):
        return [_Item("\t".join(row), "\t".join(row)) for row in content.rows]
    if isinstance(content, Links):
        return [_Item(f"{x.url}\t{x.label}", x.label, x.url) for x in content.items]
    if isinstance(content, Stats):
        return [_Item(f"{x.value}\t{x.label}", f"{x.value} {x.label}") for x in content.items]
    return None


def _flatten(items: Sequence[Bullet], level: int = 0) -> list[tuple[Bullet, int]]:
    out: list[tuple[Bullet, int]] = []
    for item in items:
        out.append((item, level))
        out.extend(_flatten(item.children, level + 1))
    return out


def _bullet_item(bullet: Bullet, level: int) -> _Item:
    code = bullet.code.source if bullet.code else ""
    return _Item(f"{level}\t{bullet.text}\t{code}", f"{bullet.text} {code}".strip())


def _bullets(content: Content) -> Sequence[Bullet]:
    return content.items if isinstance(content, Bullets) else ()


def _added(first: Sequence[Bullet], last: Sequence[Bullet]) -> tuple[int, ...]:
    """Indexes of the top-level bullets of `last` that the first step did not have
    (a reworded bullet was there already: it is not revealed)."""
    a = [_bullet_item(b, 0) for b in first]
    b = [_bullet_item(x, 0) for x in last]
    matcher = difflib.SequenceMatcher(a=[x.key for x in a], b=[x.key for x in b], autojunk=False)
    added: list[int] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "insert":
            added.extend(range(b0, b1))
        elif op == "replace":
            kept = _pairs(a[a0:a1], b[b0:b1]) or set()
            added.extend(i for i in range(b0, b1) if i - b0 not in kept)
    return tuple(added)


def _pairs(earlier: Sequence[_Item], later: Sequence[_Item]) -> set[int] | None:
    """Indexes into `later` that keep `earlier`'s items in order (reworded or not); None
    when some earlier item has no similar later item."""
    kept: set[int] = set()
    start = 0
    for item in earlier:
        for j in range(start, len(later)):
            if _similar_item(item, later[j]):
                kept.add(j)
                start = j + 1
                break
        else:
            return None
    return kept


def _sequence_step(earlier: Sequence[_Item], later: Sequence[_Item]) -> bool:
    """`later` keeps `earlier` in order, adds items, and changes at most one item."""
    changed = 0
    matcher = difflib.SequenceMatcher(
        a=[x.key for x in earlier], b=[x.key for x in later], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "delete":
            return False
        if op == "replace":
            kept = _pairs(earlier[a0:a1], later[b0:b1])
            if kept is None:
                return False
            changed += sum(
                1 for x in earlier[a0:a1] if x.key not in {later[b0 + j].key for j in kept}
            )
    return changed <= 1


def _similar_item(a: _Item, b: _Item) -> bool:
    return a.key == b.key or (a.anchor == b.anchor and _similar(a.text, b.text, _ITEM_SIMILARITY))


def _text_step(earlier: str, later: str) -> bool:
    return later.startswith(earlier) or _similar(earlier, later, _TEXT_SIMILARITY)


def _similar(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= threshold
