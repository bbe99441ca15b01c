"""A recap as it was at a Git revision: `deckgen diff RECAP --against REV`.

The recap and the files it reads (includes, images, a theme of the repository) are
read with `git show REV:PATH` into a scratch folder laid out as the repository is,
following the files the recap names until no new one turns up. A file git does not
have at `REV` is left out, so the old version fails as it would have then.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from deckgen.errors import BuildError, DeckgenError, Position, Problem

GIT_TIMEOUT = 60  # seconds one git command may take


def at_revision(recap: Path, rev: str, scratch: Path) -> Path | None:
    """Write `recap` as it was at `rev`, and the files it reads there, under `scratch`;
    return its path there, or None when `rev` has no such file."""
    from deckgen.inputs import recap_inputs

    top = Path(_git(recap, ["rev-parse", "--show-toplevel"], recap.resolve().parent).decode())
    if not _git_ok(top, ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]):
        raise _problem(recap, f"--against {rev}: no such revision in {top.as_posix()}")
    if not recap.resolve().is_relative_to(top):  # a symlink out of the repository
        raise _problem(recap, f"--against needs the recap inside {top.as_posix()}")
    root = scratch.resolve()
    (root / ".git").mkdir()  # the copy's root: includes and themes stay inside it, as there
    copy = root / recap.resolve().relative_to(top)
    if not _copy(top, rev, copy, root):
        return None
    tried = {copy}
    while True:
        named = [*recap_inputs(copy), *_theme_files(copy)]
        wanted = [p for p in dict.fromkeys(named) if p.is_relative_to(root) and p not in tried]
        tried.update(wanted)
        if not [p for p in wanted if _copy(top, rev, p, root)]:
            return copy


def _theme_files(recap: Path) -> list[Path]:
    """The `theme.yaml` of the recap's theme folder and of each theme folder it extends,
    as far as they are there (`recap_inputs` finds only themes that exist)."""
    from deckgen.load import read_yaml
    from deckgen.theme_folder import THEME_FILE

    out: list[Path] = []
    file, key = recap, "theme"
    while True:
        try:
            spec = read_yaml(file).data.get(key)
        except (DeckgenError, AttributeError):  # unreadable, or not a mapping
            return out
        if not isinstance(spec, str) or not ("/" in spec or spec.startswith(".")):
            return out  # a built-in theme, or none
        file, key = (file.parent / spec / THEME_FILE).resolve(), "extends"
        if file in out or not file.is_file():
            return [*out, file]
        out.append(file)


def relabel(error: DeckgenError, scratch: Path, rev: str) -> DeckgenError:
    """`error` with files in `scratch` named `REV:PATH`, as git names them."""
    root = scratch.resolve().as_posix() + "/"
    problems = []
    for p in error.problems:
        name = p.position.file
        if name.startswith(root):
            name = f"{rev}:{name[len(root) :]}"
        position = Position(name, p.position.line, p.position.col)
        problems.append(Problem(position, p.message, p.path, p.severity))
    return type(error)(problems)


def _copy(top: Path, rev: str, target: Path, root: Path) -> bool:
    """Write the file at `target`'s place in the repository as it was at `rev`."""
    name = target.relative_to(root).as_posix()
    done = _run(top, ["show", f"{rev}:{name}"])
    if done.returncode != 0:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(done.stdout)
    return True


def _git(recap: Path, args: list[str], cwd: Path) -> bytes:
    done = _run(cwd, args)
    if done.returncode != 0:
        raise _problem(recap, "--against needs the recap to be in a Git repository")
    return done.stdout.strip()


def _git_ok(cwd: Path, args: list[str]) -> bool:
    return _run(cwd, args).returncode == 0


def _run(cwd: Path, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise BuildError([Problem(Position("git"), "--against needs git; install it")]) from None
    except subprocess.TimeoutExpired:
        message = f"`git {args[0]}` took over {GIT_TIMEOUT} s and was stopped"
        raise BuildError([Problem(Position(cwd.as_posix()), message)]) from None


def _problem(recap: Path, message: str) -> BuildError:
    return BuildError([Problem(Position(recap.as_posix()), message)])
