"""`deckgen diff --html FILE`: one page showing each changed slide before and after.

The page stands alone (styles and SVGs inline, no script), so that a CI artifact or a
mail attachment shows the same. Slides whose notes changed show both notes.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from deckgen.diff import SlideDiff, text
from deckgen.diff.align import Change
from deckgen.diff.slides import Version

_STYLE = """
body { font-family: sans-serif; margin: 1.5rem; color: #222; }
section { margin-bottom: 2.5rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 0.85rem; color: #555; margin-bottom: 0.3rem; }
.none { border: 1px dashed #ccc; aspect-ratio: 16 / 9; display: grid; place-items: center;
        color: #888; }
.changed h3 { color: #9a6700; } .added h3 { color: #1a7f37; } .removed h3 { color: #cf222e; }
pre.notes { white-space: pre-wrap; font-size: 0.85rem; background: #f6f8fa; padding: 0.5rem; }
"""


def write_page(diffs: list[SlideDiff], target: Path) -> None:
    """Write the page of `diffs` to `target` (whole, or not at all)."""
    from deckgen.write import write_atomically

    write_atomically(html_page(diffs).encode("utf-8"), target)


def html_page(diffs: list[SlideDiff]) -> str:
    """The page for one or more recaps' diffs, with the text report of each at its top."""
    body = [_recap(d) for d in diffs]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>deckgen diff</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _recap(diff: SlideDiff) -> str:
    head = f"<h2>{escape(diff.new.label)}</h2>\n<pre>{escape(text(diff))}</pre>"
    if not diff.changes:
        return f"<section>{head}<p>No slide changed.</p></section>"
    return "\n".join([f"<section>{head}", *(_change(diff, c) for c in diff.changes), "</section>"])


def _change(diff: SlideDiff, change: Change) -> str:
    before = _figure(diff.old, change.old, "before")
    after = _figure(diff.new, change.new, "after")
    shown = diff.new.slides[change.new] if change.new is not None else None
    title = shown.title if shown else diff.old.slides[change.old or 0].title
    number = f"slide {change.new + 1}" if change.new is not None else "old slide"
    notes = _notes(diff, change)
    return (
        f'<article class="{change.status}"><h3>{change.status}: {number}: {escape(title)}</h3>'
        f'<div class="pair">{before}{after}</div>{notes}</article>'
    )


def _figure(version: Version, index: int | None, side: str) -> str:
    if index is None:
        return f'<figure><figcaption>{side}</figcaption><div class="none">no slide</div></figure>'
    slide = version.slides[index]
    caption = f"{side}: slide {index + 1} of {escape(version.label)}"
    return f"<figure><figcaption>{caption}</figcaption>{slide.svg}</figure>"


def _notes(diff: SlideDiff, change: Change) -> str:
    old = diff.old.slides[change.old].notes if change.old is not None else None
    new = diff.new.slides[change.new].notes if change.new is not None else None
    if old == new:
        return ""
    parts = [
        f"<p>Notes {side}:</p><pre class='notes'>{escape(n or '(none)')}</pre>"
        for side, n in (("before", old), ("after", new))
    ]
    return "".join(parts)
