"""LibreOffice and poppler, for PDFs and previews: each run in its own profile and process
group, killed on timeout, with a clear message when a program is missing."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem

SOFFICE_TIMEOUT = 300.0  # seconds; a 1,600-slide deck converts in about a minute


def missing(program: str) -> bool:
    """True when `program` is not on PATH."""
    return shutil.which(program) is None


def to_pdf(pptx: Path, pdf: Path, timeout: float = SOFFICE_TIMEOUT) -> None:
    """Convert `pptx` to `pdf` with LibreOffice; `pdf` appears whole or not at all."""
    if missing("soffice"):
        raise _error(pdf, "LibreOffice (soffice) is not installed; no PDF was written")
    with tempfile.TemporaryDirectory(prefix="deckgen-office-") as scratch:
        work = Path(scratch)
        profile = (work / "profile").as_uri()
        command = [
            "soffice",
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
        pdf.parent.mkdir(parents=True, exist_ok=True)
        staged = pdf.with_name(f".{pdf.name}.tmp")
        shutil.move(str(produced), staged)
        os.replace(staged, pdf)


def to_pngs(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """Rasterise every page of `pdf` into `folder` with poppler's pdftoppm."""
    if missing("pdftoppm"):
        raise _error(pdf, "poppler (pdftoppm) is not installed; cannot draw a preview")
    _run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], 120.0, pdf)
    return sorted(folder.glob("page-*.png"))


def _run(command: list[str], timeout: float, target: Path) -> None:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process.pid)
        process.communicate()
        raise _error(
            target, f"{command[0]} took longer than {timeout:g} s and was stopped"
        ) from None
    finally:
        _kill(process.pid)  # helpers LibreOffice may leave behind
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise _error(target, f"{command[0]} failed (exit {process.returncode}) {detail[0]}")


def _kill(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def _error(target: Path, message: str) -> BuildError:
    return BuildError([Problem(Position(target.as_posix()), message)])
