"""Stage 4: find step-by-step repeated slides and collapse them (or keep them).

The rule (also in the README): within a topic, two consecutive slides are steps of
one slide when they have the same kind and title, neither says `keep: true`, and
the later one keeps the earlier one's content, only adding to it or editing a
small part of it:

- bullets: the later slide must keep every earlier bullet in order, may add bullets
  anywhere, and may change at most one, whose new text keeps the old text and adds to
  it, or is still similar (ratio >= 0.5); the earlier wording is the one thing a
  collapse may drop, and the build reports every collapse;
- code (by line), tables (by row), links and stats: the later slide keeps every earlier
  item exactly, in order, and may add items (a changed line is another listing:
  `kubectl get pods`, `kubectl get svc`; a changed figure another slide);
- text and quotes: the same text, or the text with more added, with the same source;
- images and videos: only identical copies (another image or video is a new slide).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

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
from deckgen.record import Record

_ITEM_SIMILARITY = 0.5


class Collapse(Record):
    """One run of step slides that became one slide."""

    __slots__ = ("origin", "title", "count")  # noqa: RUF023 (in order)
    origin: Origin  # of the first step
    title: str
    count: int

    def __init__(self, origin: Origin, title: str, count: int) -> None:
        self.origin, self.title, self.count = origin, title, count

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
    if isinstance(a, Code) and isinstance(b, Code):
        return a.language == b.language and _keeps(a.source.splitlines(), b.source.splitlines())
    items_a, items_b = _items(a), _items(b)
    if items_a is None or items_b is None:
        return a == b  # images and videos: identical copies only
    if isinstance(a, Bullets):
        return _sequence_step(items_a, items_b)
    return _keeps([x.key for x in items_a], [x.key for x in items_b])


def merge(run: list[Slide], mode: StepMode) -> Slide:
    """The slide a run of steps becomes: the last state, with every step's notes; it
    reveals its bullets one per click when any step says `steps: true`.

    With `animate`, `reveal` lists the bullets (indexes in reading order, sub-bullets
    counted: see `bullet_order`) that the first step did not have; a bullet added with
    its sub-bullets is one entry (they appear with it)."""
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
        steps=any(slide.steps for slide in run),
        reveal=reveal or last.reveal,
    )


def bullet_order(items: Sequence[Bullet]) -> list[tuple[Bullet, int]]:
    """Every bullet with its level, in reading order (a bullet, then its sub-bullets):
    the order `Slide.reveal` indexes."""
    return _flatten(items)


class _Item(NamedTuple):
    """One comparable item of a slide: equal keys are the same item; a changed item must
    keep its anchor (a link's URL) and stay similar in text (a bullet may change level)."""

    key: str
    text: str
    anchor: str = ""


def _items(content: Content) -> list[_Item] | None:
    if isinstance(content, Bullets):
        return [_bullet_item(b, level) for b, level in _flatten(content.items)]
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
    """Indexes (in `bullet_order`) of the bullets of `last` that the first step did not
    have, sub-bullets included; a bullet under an added one is not listed (it appears
    with its parent), nor is a reworded bullet (it was there already)."""
    order = _flatten(last)
    a = [_bullet_item(b, level) for b, level in _flatten(first)]
    b = [_bullet_item(x, level) for x, level in order]
    matcher = difflib.SequenceMatcher(a=[x.key for x in a], b=[x.key for x in b], autojunk=False)
    added: set[int] = set()
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "insert":
            added.update(range(b0, b1))
        elif op == "replace":
            kept = _pairs(a[a0:a1], b[b0:b1]) or set()
            added.update(i for i in range(b0, b1) if i - b0 not in kept)
    parents = _parents([level for _, level in order])
    return tuple(i for i in sorted(added) if parents[i] not in added)


def _parents(levels: Sequence[int]) -> list[int | None]:
    """For each bullet of a `bullet_order`, the index of its parent (None at the top)."""
    stack: list[int] = []
    out: list[int | None] = []
    for i, level in enumerate(levels):
        del stack[level:]
        out.append(stack[-1] if stack else None)
        stack.append(i)
    return out


def _keeps(earlier: Sequence[str], later: Sequence[str]) -> bool:
    """Every item of `earlier` is in `later`, in order (items may be added anywhere)."""
    rest = iter(later)
    return all(item in rest for item in earlier)


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
    """The same item, or one edit of it: a grown text ("Tiller removed" -> "Tiller removed:
    Helm 3 talks to the API server") or a similar one, with the same anchor."""
    return a.key == b.key or (
        a.anchor == b.anchor
        and (
            (a.text != "" and b.text.startswith(a.text))
            or _similar(a.text, b.text, _ITEM_SIMILARITY)
        )
    )


def _text_step(earlier: str, later: str) -> bool:
    return later.startswith(earlier)


def _similar(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= threshold
