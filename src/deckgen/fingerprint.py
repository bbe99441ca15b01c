"""Incremental builds: a deck is rebuilt only when something it is made from has changed.

The fingerprint of a deck is a SHA-256 over the bytes of every input file (the recap, its
includes, its images, its theme's files), the options that change the output (theme,
steps, which presenter of a split), deckgen itself (its version and the bytes of its
package, so an edited checkout counts as a new version) and the versions of the libraries
that shape the bytes. It is kept in a small sidecar next to the deck,
`.NAME.pptx.deckgen.json`, with the SHA-256 of the deck written and what the summary
line needs (slides, splits, QR codes, template warnings). A deck is up to date when the
sidecar's fingerprint matches and the deck file is still the one written.

Why a sidecar and not the deck's custom document properties: the deck stays exactly what
rendering produced (no extra part, nothing for PowerPoint to show), a deck edited or
replaced by hand is detected by its hash (PowerPoint keeps custom properties on save, so a
hand-edited deck would look up to date), and the render and write stages need no change.
The sidecar is a dotfile, so `output/*.pptx` globs and artifact uploads skip it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from deckgen import __version__
from deckgen.errors import Position, Problem

_FORMAT = 1  # of the sidecar; a change makes every deck rebuild once
_LIBRARIES = ("python-pptx", "lxml", "Pillow", "qrcode", "Pygments", "PyYAML", "uharfbuzz")
_CHUNK = 1 << 20


class Record(NamedTuple):
    """What the sidecar of a deck remembers of the build that wrote it."""

    fingerprint: str
    deck_sha256: str
    deck_size: int
    slides: int
    splits: tuple[str, ...]
    qr_codes: int
    template_warnings: tuple[Problem, ...] = ()


def sidecar(deck: Path) -> Path:
    """The sidecar file of `deck`: `.NAME.pptx.deckgen.json` in the same folder."""
    return deck.with_name(f".{deck.name}.deckgen.json")


def fingerprint(
    inputs: Iterable[Path],
    options: Mapping[str, str | int | None],
    read: Mapping[Path, str] | None = None,
) -> str:
    """SHA-256 (hex) of the toolchain, `options` and every input file's path and bytes.

    `read` holds the SHA-256 of the bytes a build loaded (the recap files, theme.yaml): a
    file replaced since it was loaded counts as it was loaded, so the fingerprint records
    what was built and the next build sees the change. Other files are hashed now, before
    rendering reads them: a change after that makes the next build rebuild too."""
    known = read or {}
    digest = hashlib.sha256()
    head = {"format": _FORMAT, "toolchain": toolchain(), "options": dict(options)}
    digest.update(json.dumps(head, sort_keys=True).encode())
    for path in inputs:
        digest.update(b"\0" + path.as_posix().encode() + b"\0")
        digest.update((known.get(path) or file_digest(path)).encode())
    return digest.hexdigest()


@cache
def toolchain() -> str:
    """deckgen's version, a hash of its package files and the versions of its libraries."""
    from deckgen.versions import version  # only builds need it

    digest = hashlib.sha256(__version__.encode())
    package = os.path.dirname(os.path.realpath(__file__))
    for name in _package_files(package):
        digest.update(name.encode() + b"\0")
        digest.update(file_digest(os.path.join(package, name)).encode())
    for name in _LIBRARIES:
        try:
            installed = version(name)
        except ImportError:  # PackageNotFoundError: not installed
            installed = "-"
        digest.update(f"{name}=={installed}\0".encode())
    return digest.hexdigest()


def _package_files(package: str) -> list[str]:
    """The files of the package folder (bytecode aside) as paths relative to it, in the
    order of their parts (as sorted `Path`s are). `os.walk`: a build spends the time of
    its YAML parse on `Path.rglob` otherwise."""
    found = []
    for folder, folders, files in os.walk(package):
        folders[:] = [f for f in folders if f != "__pycache__"]
        within = os.path.relpath(folder, package).replace(os.sep, "/")
        for name in files:
            if os.path.splitext(name)[1] != ".pyc":
                found.append(name if within == "." else f"{within}/{name}")
    return sorted(found, key=lambda name: name.split("/"))


def up_to_date(deck: Path, key: str) -> Record | None:
    """The sidecar record of `deck` when it matches `key` and `deck` is the deck it
    recorded; otherwise None (the deck must be built)."""
    record = read_record(deck)
    if record is None or record.fingerprint != key:
        return None
    try:
        if deck.stat().st_size != record.deck_size or file_digest(deck) != record.deck_sha256:
            return None
    except OSError:
        return None
    return record


def record_bytes(record: Record) -> bytes:
    """The bytes of the sidecar file of `record` (`api` writes them with the deck)."""
    data = {
        "format": _FORMAT,
        "deckgen": __version__,
        "fingerprint": record.fingerprint,
        "deck": {"sha256": record.deck_sha256, "size": record.deck_size},
        "slides": record.slides,
        "splits": list(record.splits),
        "qr_codes": record.qr_codes,
        "template_warnings": [_problem_data(p) for p in record.template_warnings],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_record(deck: Path) -> Record | None:
    """The sidecar record of `deck`, or None when there is none or it cannot be read."""
    try:
        data = json.loads(sidecar(deck).read_text(encoding="utf-8"))
        if data["format"] != _FORMAT:
            return None
        return Record(
            fingerprint=str(data["fingerprint"]),
            deck_sha256=str(data["deck"]["sha256"]),
            deck_size=int(data["deck"]["size"]),
            slides=int(data["slides"]),
            splits=tuple(str(s) for s in data["splits"]),
            qr_codes=int(data["qr_codes"]),
            template_warnings=tuple(_problem(p) for p in data["template_warnings"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def sha256(data: bytes) -> str:
    """SHA-256 (hex) of `data`."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | Path) -> str:
    """SHA-256 (hex) of the bytes of `path` now; `missing` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return "missing"
    return digest.hexdigest()


def _problem_data(problem: Problem) -> dict[str, Any]:
    p = problem.position
    return {
        "file": p.file,
        "line": p.line,
        "col": p.col,
        "path": problem.path,
        "message": problem.message,
        "severity": problem.severity,
    }


def _problem(data: dict[str, Any]) -> Problem:
    position = Position(str(data["file"]), int(data["line"]), int(data["col"]))
    return Problem(position, str(data["message"]), str(data["path"]), str(data["severity"]))
