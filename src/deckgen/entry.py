"""The `deckgen` command's entry point: `deckgen --version` and `deckgen --help` are
answered without importing click (importing it alone takes longer than the 80 ms these
may take), and so is `deckgen validate FILE...` with no options (a pre-commit hook's
command, which may take 200 ms in all); everything else goes to `deckgen.cli`.

`--help` prints the text click printed for it, stored in `help.txt` beside this module
(`tests/test_startup.py` checks it, and rewrites it with DECKGEN_UPDATE_GOLDEN=1). The
text is used only where click would print the same: the program is called `deckgen`,
the terminal is at least 80 columns wide (click wraps at 78 then), no shell completion
is asked for, and the files click's help is made from are the files the text was made
from (their CRC-32 is stored with it); otherwise click answers.
"""

from __future__ import annotations

import os
import sys
import zlib

from deckgen import __version__

HELP_FILE = os.path.join(os.path.dirname(__file__), "help.txt")  # (pathlib is slow to import)
_HEADER = "# deckgen --help, made from:"  # then the CRC-32 and the files, relative to here
_WIDE = 80  # columns from which click's help no longer depends on the terminal's width


def main() -> None:
    """Run `deckgen` with the command line in `sys.argv`."""
    args = sys.argv[1:]
    if args == ["--version"]:
        print(f"deckgen, version {__version__}")
        sys.exit(0)
    if args in (["--help"], ["-h"]) and _fast_help_applies():
        text = stored_help()
        if text is not None:
            sys.stdout.write(text)
            sys.exit(0)
    if _plain_validate(args):
        _validate(args[1:])
    from deckgen.cli import main as cli_main

    cli_main()


def _plain_validate(args: list[str]) -> bool:
    """`validate` and file names only (an option, `--` or an empty name goes to click)."""
    files = args[1:]
    plain = all(a and not a.startswith("-") for a in files)
    return args[:1] == ["validate"] and bool(files) and plain and not _completing()


def _validate(files: list[str]) -> None:
    """`deckgen validate FILES` as click runs it with no options, exit status included:
    `Aborted!` on Ctrl-C outside a recap, exit 1 quietly when the output pipe closed."""
    from pathlib import Path

    from deckgen.commands import validate
    from deckgen.report import Report

    try:
        validate([Path(f) for f in files], Report("text", 0, False, "validate"), None, False)
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (flushed at exit, never closed)
        sys.exit(1)
    sys.exit(0)


def _completing() -> bool:
    """Shell completion asked for (click answers it)."""
    return any(name.startswith("_DECKGEN_COMPLETE") for name in os.environ)


def _fast_help_applies() -> bool:
    named = os.path.basename(sys.argv[0]) == "deckgen"
    return named and not _completing() and _columns() >= _WIDE


def _columns() -> int:
    """The terminal width `shutil.get_terminal_size` (which click asks) reports."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stream = sys.__stdout__
    try:
        return (os.get_terminal_size(stream.fileno()).columns if stream else 0) or _WIDE
    except (AttributeError, ValueError, OSError):
        return _WIDE


def stored_help() -> str | None:
    """The stored `--help` text, or None when it is missing or its sources changed."""
    try:
        with open(HELP_FILE, encoding="utf-8", newline="") as stored:
            header, text = stored.read().split("\n", 1)
    except (OSError, ValueError):
        return None
    if not header.startswith(_HEADER):
        return None
    crc, *files = header[len(_HEADER) :].split()
    return text if sources_crc(files) == crc else None


def sources_crc(files: list[str]) -> str | None:
    """The CRC-32 of `files` (paths relative to the package), or None if one is missing."""
    package = os.path.dirname(HELP_FILE)
    crc = 0
    for name in files:
        try:
            with open(os.path.join(package, name), "rb") as source:
                crc = zlib.crc32(source.read(), zlib.crc32(name.encode(), crc))
        except OSError:
            return None
    return f"{crc:08x}"


def help_file_text(text: str, files: list[str]) -> str:
    """The contents of `help.txt` for click's `text`, made from `files`."""
    return f"{_HEADER} {sources_crc(files)} {' '.join(files)}\n{text}"
