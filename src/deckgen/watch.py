"""`deckgen watch`: build, then build again whenever one of the deck's input files changes.

Files are polled (every `interval` seconds) rather than watched through OS
notifications: recaps have a handful of inputs, polling works the same on every system,
on network and container file systems and with editors that save by renaming, and it
needs no extra dependency. A file changes when its bytes do: its modification time, size
and inode are looked at first, and when one of them differs the file is hashed, so a
save that changes nothing (`touch`) does not rebuild. A file that disappears or appears
counts as a change; a name that cannot be read (a NUL in it, a symlink loop) counts as
missing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError
from deckgen.fingerprint import file_digest

if TYPE_CHECKING:
    from deckgen.api import BuildResult
    from deckgen.options import BuildOptions

Stamp = tuple[int, int, int]  # (mtime in ns, size, inode)
State = tuple[Stamp, str] | None  # the stamp and SHA-256 of a file, None when missing
Snapshot = dict[Path, State]


def stamp(path: Path) -> Stamp | None:
    """What changes when `path` is written, replaced or removed (None when missing)."""
    try:
        info = path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def state(path: Path, before: State = None) -> State:
    """The state of `path`; its bytes are hashed only when its stamp differs from
    `before`'s."""
    now = stamp(path)
    if now is None:
        return None
    if before is not None and before[0] == now:
        return before
    digest = file_digest(path)
    return None if digest == "missing" else (now, digest)


def snapshot(paths: Iterable[Path], before: Snapshot | None = None) -> Snapshot:
    """The state of each path (hashing only files whose stamp changed since `before`)."""
    known = before or {}
    return {path: state(path, known.get(path)) for path in paths}


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The paths whose bytes (or existence) differ between two snapshots."""
    return [path for path in after if _content(before.get(path)) != _content(after[path])]


def _content(entry: State) -> str | None:
    return entry[1] if entry is not None else None


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
    files watched before the build keep the states they had when it started.
    """
    seen = _after(build, {})
    while keep_going():
        sleep(interval)
        now = snapshot(seen, seen)
        paths = changed(seen, now)
        if not paths:
            seen = now  # a touched file: its new stamp, the same bytes
            continue
        if on_change is not None:
            on_change(paths)
        seen = _after(build, now)


def _after(build: Callable[[], Collection[Path]], before: Snapshot) -> Snapshot:
    """Build, and the snapshot to compare the next poll with: files watched before keep
    their states from before the build; a newly found file written since the build began
    may have changed after the build read it, so it counts as changed (state None)."""
    started = time.time_ns()
    inputs = build()
    out: Snapshot = {}
    for path in inputs:
        if path in before:
            out[path] = before[path]
        else:
            now = state(path)
            out[path] = None if now is not None and now[0][0] >= started else now
    return out


class Rebuild:
    """Build `recap` into `target` on each call, always (`options.force`), reusing what the
    previous build rendered; `watched` is what to watch after it, `builds` how many ran."""

    def __init__(self, recap: Path, target: Path, options: BuildOptions) -> None:
        from deckgen.inputs import watchable
        from deckgen.render import RenderCache

        self.recap, self.target, self.options = recap, target, options
        self.watched = [watchable(recap)]
        self.builds = 0
        self.cache = RenderCache()  # slides and zip members that did not change are reused

    def __call__(self) -> BuildResult:
        """Build; a recap that does not build adds the files it names to `watched` (so that
        fixing any of them rebuilds), and a bug in deckgen leaves `watched` as it was."""
        from deckgen.api import build
        from deckgen.inputs import recap_inputs, watchable

        self.builds += 1
        try:
            result = build(self.recap, self.target, self.options, cache=self.cache)
        except DeckgenError:
            named = recap_inputs(self.recap, self.options.theme)
            self.watched = list(dict.fromkeys([*self.watched, *named]))
            raise
        self.watched = list(dict.fromkeys([watchable(self.recap), *result.inputs]))
        return result
