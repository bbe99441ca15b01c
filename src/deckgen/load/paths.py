"""Files a recap names (includes, images): resolved, confined to the recap's folder tree.

Any name a recap holds must give a clear problem, never an exception: names with a NUL
character or too long for the file system, symlink loops, and symlinks (of the file or
of a folder on the way) that lead outside the recap's folder.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

MAX_SHOWN = 100  # characters of a file name quoted in a message


def short_name(name: str) -> str:
    """`name`, cut to `MAX_SHOWN` characters (with `...`) for a message."""
    return name if len(name) <= MAX_SHOWN else name[: MAX_SHOWN - 3] + "..."


class PathProblem(ValueError):
    """A file a recap names that cannot be used; the message says why."""


def resolve_name(path: Path, what: str, shown: str) -> Path:
    """`path` with every symlink resolved; `PathProblem` when that is impossible."""
    shown = short_name(shown)
    if "\x00" in str(path):
        raise PathProblem(f"{what} `{shown}` is not a valid file name")
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13 on a symlink loop
        raise PathProblem(f"{what} `{shown}` is a symlink loop") from None
    except OSError as exc:
        raise PathProblem(f"{what} `{shown}` cannot be read: {exc.strerror}") from None


def confined_file(path: Path, what: str, shown: str, root: Path) -> Path:
    """The resolved `path`, which must be an existing regular file inside `root` (also
    resolved); `PathProblem` otherwise. `what` and `shown` name it in messages
    ("image `pics/a.png` ...")."""
    resolved = resolve_name(path, what, shown)
    shown = short_name(shown)
    if not resolved.is_relative_to(resolve_name(root, "folder", root.as_posix())):
        raise PathProblem(f"{what} `{shown}` lies outside the recap's folder")
    try:
        mode = resolved.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise PathProblem(f"{what} `{shown}` does not exist") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # Python >= 3.13 resolves a loop without complaint
            raise PathProblem(f"{what} `{shown}` is a symlink loop") from None
        raise PathProblem(f"{what} `{shown}` cannot be read: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise PathProblem(f"{what} `{shown}` does not exist")
    if not stat.S_ISREG(mode):  # a device or a pipe: reading it could block or never end
        raise PathProblem(f"{what} `{shown}` is not a regular file")
    return resolved


def repository_root(recap: Path) -> Path:
    """The folder a recap's files and theme must stay in: the root of the git work tree
    that holds `recap` (the nearest folder above it with a `.git`), else the recap's own
    folder."""
    folder = resolve_name(recap, "recap", recap.as_posix()).parent
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:  # a folder above that cannot be looked into
            break
    return folder
