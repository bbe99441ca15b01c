"""Stage 7: write a deck atomically (a temporary file in the target folder, then a rename).

Several files that belong together (a deck and its fingerprint) are written as a set:
every temporary file is written first, then each replaces its target; when a rename
fails, those already done are undone, so every target is as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` through a temporary file in the same folder and a rename.

    On any failure nothing is left behind and an existing `target` is untouched. A
    symlink at `target` is replaced by the file, never followed.
    """
    write_together([(data, target)])


def write_together(files: Sequence[tuple[bytes, Path]]) -> None:
    """Write each `(data, target)` atomically, all or none: on any failure every target
    is as it was and no temporary file is left."""
    staged: list[tuple[str, Path]] = []
    created: list[Path] = []  # folders made for the targets, removed again on failure
    try:
        for data, target in files:
            created += _make_folder(target)
            staged.append((_stage(data, target), target))
        _commit(staged)
    except BaseException:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        raise


def _make_folder(target: Path) -> list[Path]:
    """Create the folder of `target` (and those above it); the folders created, top first."""
    folder = target.parent
    missing = [f for f in (folder, *folder.parents) if not f.exists()][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(target, f"cannot create folder `{folder}`: {exc.strerror}") from None
    return missing


def _stage(data: bytes, target: Path) -> str:
    """A fresh temporary file (created exclusively) beside `target`, holding `data`."""
    folder = target.parent
    if target.is_dir() and not target.is_symlink():
        raise _error(target, "is a folder; cannot write a deck there")
    remove_stale(target)
    try:
        handle, temp = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(target, f"cannot write in `{folder}`: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _error(target, f"cannot write: {exc.strerror}") from None
        raise
    return temp


def _commit(staged: list[tuple[str, Path]]) -> None:
    """Rename each temporary file over its target; undo the done ones when one fails."""
    backups: list[str | None] = []  # of the old files of all targets but the last
    replaced: list[Path] = []
    target = staged[0][1]
    try:
        for _, target in staged[:-1]:
            backups.append(_backup(target))
        for temp, target in staged:
            os.replace(temp, target)
            replaced.append(target)
    except BaseException as exc:
        for done, backup in reversed(list(zip(replaced, backups, strict=False))):
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(done)
                else:
                    os.replace(backup, done)
        _remove(backups)
        if isinstance(exc, OSError):
            raise _error(target, f"cannot write: {exc.strerror}") from None
        raise
    _remove(backups)


def _remove(paths: list[str | None]) -> None:
    for path in paths:
        if path is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)


def _backup(target: Path) -> str | None:
    """A second name for the file at `target` (a hard link, else a copy), to put it back
    with; None when there is no file there."""
    if not os.path.lexists(target):
        return None
    backup = str(target.with_name(f"{_prefix(target)}{secrets.token_hex(4)}.tmp"))
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)
    return backup


def _prefix(target: Path) -> str:
    """The start of the temporary names of `target`: they carry the writer's process id."""
    return f".{target.name}.{os.getpid()}."


def remove_stale(target: Path) -> None:
    """Remove temporary files of `target` that a killed build left: their names carry
    the writer's process id, and only those of processes that are gone are removed (a
    build running beside this one keeps its own)."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stale.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                stale.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _error(target: Path, message: str) -> BuildError:
    return BuildError([Problem(Position(target.as_posix()), message)])
