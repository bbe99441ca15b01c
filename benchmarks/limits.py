"""Benchmark: how fast `deckgen build` refuses absurd input (the cases of
tests/reliability/test_rel_limits.py, which check the messages but not the time).

    .venv/bin/python benchmarks/limits.py [--runs 3]

Prints each case's median wall time of whole-process runs, one at a time, and the slowest.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "reliability"), str(REPO)]

from test_rel_limits import CASES, _png_claiming  # noqa: E402


def seconds(text: str | bytes, runs: int) -> float:
    """Median wall seconds of `deckgen build` on a recap of `text`, which must fail."""
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        (where / "r.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
        (where / "bomb.png").write_bytes(_png_claiming(100_000, 100_000))
        (where / "wide.png").write_bytes(_png_claiming(60_000, 1_000))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "deckgen", "build", "r.yaml", "-o", "out"],
                cwd=where,
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
            if done.returncode != 1:
                raise SystemExit(f"expected exit status 1, got {done.returncode}")
        return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {name: seconds(text, args.runs) for name, (text, _) in CASES.items()}
    for name, took in results.items():
        print(f"{name:40} {took:6.2f} s")
    slowest = max(results, key=results.__getitem__)
    print(f"slowest: {slowest}, {results[slowest]:.2f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
