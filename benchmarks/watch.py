"""Benchmark: how soon `deckgen watch` has a new deck on disk after a save.

    .venv/bin/python benchmarks/watch.py [--edits 15] [--interval 0.05]

Copies recaps/ to a scratch folder, starts `deckgen watch recaps/eu2019.yaml`, and
then edits one bullet of one slide `--edits` times (alternating two texts). For each
edit it records when the file was saved, when the watcher printed that it saw the
change (`changed: ...`) and when the deck on disk was replaced. Prints the medians
and ranges of save→deck and seen→deck, beside a whole-process `deckgen build --force`
of the same recap (what a rebuild costs without watch's caches).
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from timing import deckgen_command, interleaved, machine

REPO = Path(__file__).resolve().parents[1]
EDITED = ("- Service Mesh\n", "- Service Meshes\n")


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_ino


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--interval", type=float, default=0.05)
    args = parser.parse_args()
    deckgen = deckgen_command()
    with tempfile.TemporaryDirectory(prefix="deckgen-watch-") as scratch:
        work = Path(scratch)
        shutil.copytree(REPO / "recaps", work / "recaps")
        recap, deck = work / "recaps" / "eu2019.yaml", work / "out" / "eu2019.pptx"
        saved, seen, built = watch_edits(deckgen, recap, deck, args.edits, args.interval)
        cold = interleaved(
            {"build": [*deckgen, "build", "-q", "--force", str(recap), "-o", str(work / "b")]},
            5,
        )["build"]
    print(f"{machine()}; {args.edits} edits of one slide of eu2019, --interval {args.interval}")
    print(f"  save -> new deck on disk: {_range(saved, built)}")
    print(f"  seen -> new deck on disk: {_range(seen, built)}")
    print(f"  deckgen build --force (whole process, 5 runs): {cold}")


def watch_edits(
    deckgen: list[str], recap: Path, deck: Path, edits: int, interval: float
) -> tuple[list[float], list[float], list[float]]:
    """Save times, seen times and deck times of `edits` edits under `deckgen watch`."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [*deckgen, "watch", str(recap), "-o", str(deck.parent), "--interval", str(interval)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    saved, seen, built = [], [], []
    try:
        _wait_for(lines, "watching ")
        text = recap.read_text("utf-8")
        assert EDITED[0] in text, "the edited bullet is not in eu2019.yaml"
        for n in range(edits):
            before = stamp(deck)
            old, new = EDITED if n % 2 == 0 else EDITED[::-1]
            text = text.replace(old, new, 1)
            temporary = recap.with_suffix(".tmp")
            temporary.write_text(text, "utf-8")
            temporary.replace(recap)  # saved as editors save: whole, by a rename
            saved.append(time.perf_counter())
            while stamp(deck) == before:
                time.sleep(0.001)
            built.append(time.perf_counter())
            seen.append(_wait_for(lines, "changed: "))
            _wait_for(lines, f"{deck}: ")  # the summary line: this build is done
            time.sleep(3 * interval)
    finally:
        process.terminate()
        process.wait(10)
    return saved, seen, built


def _wait_for(lines: queue.Queue[tuple[float, str]], start: str) -> float:
    """When the watcher printed a line beginning with `start`."""
    while True:
        when, line = lines.get(timeout=60)
        if line.startswith(start):
            return when


def _range(starts: list[float], ends: list[float]) -> str:
    ms = [(end - start) * 1000 for start, end in zip(starts, ends, strict=True)]
    return f"median {statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f} ms)"


if __name__ == "__main__":
    main()
