"""Benchmark: what a command costs before and besides its work, as whole processes.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--others 50]

Times, interleaved: Python doing nothing (the floor of any command), `deckgen
--version`, `deckgen --help`, `deckgen validate` of a 50-slide recap alone in its
folder, and the same recap beside `--others` other recaps (validate looks for recaps
that include the file it is given: that search must not read them all). Each figure is
printed with its target from issue 14, and the instructions each command executes
(valgrind, load-independent; `--no-instructions` skips them), with the load average
before and after.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench import recap_yaml
from timing import deckgen_command, instructions, interleaved, machine, verdict

TARGETS = {  # seconds, whole process (issue 14)
    "deckgen --version": 0.080,
    "deckgen --help": 0.080,
    "validate (50 slides)": 0.200,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--others", type=int, default=50)
    parser.add_argument("--no-instructions", action="store_true", help="skip valgrind counts")
    args = parser.parse_args()
    print(f"before: {machine()}", flush=True)
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
        counts = {} if args.no_instructions else {n: instructions(c) for n, c in commands.items()}
    print(f"after: {machine()}; medians of {args.runs} interleaved runs (min–max)")
    for name, sample in got.items():
        target = TARGETS.get(name)
        aim = (
            f"  target ≤ {target * 1000:.0f} ms: {verdict(sample.median, target)}" if target else ""
        )
        count = counts.get(name)
        executed = f"  {count / 1e6:,.0f} M instructions" if count else ""
        print(f"{name:>28}: {sample}{executed}{aim}")
    alone_t = got["validate (50 slides)"].median
    crowded_t = got[f"validate beside {args.others} recaps"].median
    ratio = crowded_t / alone_t
    print(
        f"validate beside {args.others} recaps / alone = {ratio:.2f}"
        f"  target ≤ 1.10: {verdict(ratio, 1.10)}"
    )


if __name__ == "__main__":
    main()
