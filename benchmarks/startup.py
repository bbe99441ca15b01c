"""Benchmark: what a command costs before and besides its work, as whole processes.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--others 50]

Times, interleaved: Python doing nothing (the floor of any command), `deckgen
--version`, `deckgen --help`, `deckgen validate` of a 50-slide recap alone in its
folder, and the same recap beside `--others` other recaps (validate looks for recaps
that include the file it is given: that search must not read them all).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench import recap_yaml
from timing import deckgen_command, interleaved, machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--others", type=int, default=50)
    args = parser.parse_args()
    deckgen = deckgen_command()
    with tempfile.TemporaryDirectory(prefix="deckgen-startup-") as scratch:
        alone, crowded = Path(scratch, "alone"), Path(scratch, "crowded")
        alone.mkdir()
        (alone / "recap.yaml").write_text(recap_yaml(50), "utf-8")
        shutil.copytree(alone, crowded)
        for n in range(args.others):
            (crowded / f"other{n:02}.yaml").write_text(recap_yaml(100), "utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "deckgen --version": [*deckgen, "--version"],
            "deckgen --help": [*deckgen, "--help"],
            "validate (50 slides)": [*deckgen, "validate", str(alone / "recap.yaml")],
            f"validate beside {args.others} recaps": [
                *deckgen,
                "validate",
                str(crowded / "recap.yaml"),
            ],
        }
        got = interleaved(commands, args.runs)
    print(f"{machine()}; medians of {args.runs} interleaved runs (min–max)")
    for name, sample in got.items():
        print(f"{name:>28}: {sample}")
    alone_t = got["validate (50 slides)"].median
    crowded_t = got[f"validate beside {args.others} recaps"].median
    print(f"validate beside {args.others} recaps / alone = {crowded_t / alone_t:.2f}")


if __name__ == "__main__":
    main()
