"""LibreOffice and poppler, for PDFs and previews: each run in its own profile and session,
stopped after a timeout, with a clear message when a program is missing.

When a run ends (or is stopped) every process it started is killed: its process group,
and every process that carries the run's marker in its environment (or descends from one
that does), which finds helpers that left the group with `setsid()` and were adopted by
init. The marker is a variable no one else sets: `DECKGEN_OFFICE_RUN=<random token>`.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem

# every command imports this module (for SOFFICE_TIMEOUT): the modules a run needs
# (secrets, shutil, signal, subprocess, tempfile: ~20 ms) are imported when one starts

SOFFICE = "soffice"  # the LibreOffice program (the reliability tests put a stand-in here)
SOFFICE_TIMEOUT = 300.0  # seconds; a 1,600-slide deck converts in about a minute
PDFTOPPM_TIMEOUT = 120.0
_MARKER = "DECKGEN_OFFICE_RUN"
_REAP_SECONDS = 5.0  # how long to wait for killed processes to go
_PROC = Path("/proc")
_INSTALL = {  # what a missing program comes with on Debian and Ubuntu
    "soffice": ("LibreOffice", "libreoffice-impress"),
    "pdftoppm": ("poppler", "poppler-utils"),
}


def missing(program: str) -> bool:
    """True when `program` is not on PATH."""
    import shutil

    return shutil.which(program) is None


def need_programs(target: Path, programs: list[str]) -> None:
    """Refuse, naming `target` and the Debian package to install, when a program is missing."""
    problems = []
    for program in filter(missing, programs):
        what, package = _INSTALL[program]
        message = (
            f"not written: {what} ({program}) is not installed; install it with"
            f" `sudo apt-get install {package}`"
        )
        problems.append(Problem(Position(target.as_posix()), message))
    if problems:
        raise BuildError(problems)


def to_pdf(pptx: Path, pdf: Path, timeout: float = SOFFICE_TIMEOUT) -> None:
    """Convert `pptx` to `pdf` with LibreOffice; `pdf` appears whole or not at all (written
    through a fresh temporary file; a symlink at `pdf` is replaced, not followed)."""
    import tempfile

    from deckgen.write import write_atomically

    if missing(SOFFICE):
        raise _error(pdf, "LibreOffice (soffice) is not installed; no PDF was written")
    with tempfile.TemporaryDirectory(prefix="deckgen-office-") as scratch:
        work = Path(scratch)
        profile = (work / "profile").as_uri()
        command = [
            SOFFICE,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(pptx.resolve()),
        ]
        _run(command, timeout, pdf)
        produced = work / f"{pptx.stem}.pdf"
        if not produced.is_file():
            raise _error(pdf, "LibreOffice produced no PDF")
        write_atomically(produced.read_bytes(), pdf)


def to_pngs(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """Rasterise every page of `pdf` into `folder` with poppler's pdftoppm."""
    if missing("pdftoppm"):
        raise _error(pdf, "poppler (pdftoppm) is not installed; cannot draw a preview")
    command = ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")]
    _run(command, PDFTOPPM_TIMEOUT, pdf)
    return sorted(folder.glob("page-*.png"))


def _run(command: list[str], timeout: float, target: Path) -> None:
    """Run `command` until it exits (at most `timeout` seconds), then kill what it left.
    Its error output goes to a file, not a pipe: a helper that keeps the pipe open
    would make reading it wait for the helper."""
    import secrets
    import subprocess
    import tempfile

    token, name = secrets.token_hex(16), Path(command[0]).name
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
            env={**os.environ, _MARKER: token},
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            message = f"{name} took longer than {timeout:g} s and was stopped"
            raise _error(target, message) from None
        finally:
            kill_run(process.pid, token)  # and the helpers LibreOffice may leave behind
            process.wait()
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    if process.returncode != 0:
        raise _error(target, f"{name} failed (exit {process.returncode}) {detail[0]}")


def kill_run(group: int, token: str) -> None:
    """Kill process group `group` and every process of the run marked `token`, and wait
    (briefly) until they are gone."""
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)
    deadline = time.monotonic() + _REAP_SECONDS
    while (found := _marked(token)) and time.monotonic() < deadline:
        for pid in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _marked(token: str) -> set[int]:
    """Live processes (not zombies) that carry `token` or descend from one that does."""
    if not _PROC.is_dir():
        return set()
    needle = f"{_MARKER}={token}".encode()
    parents: dict[int, int] = {}
    marked: set[int] = set()
    for entry in _PROC.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if fields[0] in "ZX":  # a zombie is dead already: its parent will reap it
                continue
            parents[int(entry.name)] = int(fields[1])
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                marked.add(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or not ours to read
    grown = True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in marked} - marked
        marked |= more
        grown = bool(more)
    return marked


def _error(target: Path, message: str) -> BuildError:
    return BuildError([Problem(Position(target.as_posix()), message)])
