"""Stage 7: write a deck atomically (a temporary file in the target folder, then a rename)."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` through a temporary file in the same folder and a rename.

    On any failure nothing is left behind and an existing `target` is untouched.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(target, f"cannot create folder `{folder}`: {exc.strerror}") from None
    if target.is_dir():
        raise _error(target, "is a folder; cannot write a deck there")
    _remove_stale(target)
    try:
        prefix = f".{target.name}.{os.getpid()}."
        handle, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(target, f"cannot write in `{folder}`: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _error(target, f"cannot write: {exc.strerror}") from None
        raise


def _remove_stale(target: Path) -> None:
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
