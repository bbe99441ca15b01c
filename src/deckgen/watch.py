"""`deckgen watch`: build, then build again whenever one of the deck's input files changes.

Files are polled (modification time, size and inode, every `interval` seconds) rather
than watched through OS notifications: recaps have a handful of inputs, polling works
the same on every system, on network and container file systems and with editors that
save by renaming, and it needs no extra dependency. A file that disappears or appears
counts as a change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

Stamp = tuple[int, int, int] | None  # (mtime in ns, size, inode), None when missing
Snapshot = dict[Path, Stamp]


def stamp(path: Path) -> Stamp:
    """What changes when `path` is written, replaced or removed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The stamp of each path."""
    return {path: stamp(path) for path in paths}


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The paths whose stamp differs between two snapshots of the same paths."""
    return [path for path in after if before.get(path) != after[path]]


def watch(
    build: Callable[[], Collection[Path]],
    interval: float = 0.5,
    on_change: Callable[[list[Path]], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Call `build` (which returns the files to watch), then again after each change.

    Runs until `keep_going()` is false or the user presses Ctrl-C (KeyboardInterrupt
    propagates). A change made while `build` runs is seen at the next poll, because the
    files watched before the build keep the stamps they had when it started.
    """
    seen = _after(build, {})
    while keep_going():
        sleep(interval)
        now = snapshot(seen)
        paths = changed(seen, now)
        if not paths:
            continue
        if on_change is not None:
            on_change(paths)
        seen = _after(build, now)


def _after(build: Callable[[], Collection[Path]], before: Snapshot) -> Snapshot:
    """Build, and the snapshot to compare the next poll with: files watched before keep
    their stamps from before the build; a newly found file written since the build began
    may have changed after the build read it, so it counts as changed (stamp None)."""
    started = time.time_ns()
    inputs = build()
    out: Snapshot = {}
    for path in inputs:
        if path in before:
            out[path] = before[path]
        else:
            now = stamp(path)
            out[path] = None if now is not None and now[0] >= started else now
    return out
