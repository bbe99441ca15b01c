"""Benchmark: `deckgen build` as a whole process against pandoc, on the same content.

    .venv/bin/python benchmarks/bench.py [--sizes 100 400 1600] [--runs 5]

Synthetic recaps of N slides: topics of 20 slides, each topic a talk with its own
YouTube video (one QR code per 20 slides), every slide a title, 5 bullets and speaker
notes; and the same content as pandoc markdown (`##` per slide, `::: notes`). Prints
the median wall time of whole-process runs, the ratios, and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOPIC = 20
WORDS = (
    "cluster",
    "operator",
    "mesh",
    "sidecar",
    "registry",
    "pipeline",
    "storage",
    "scheduler",
    "ingress",
    "policy",
    "runtime",
    "gateway",
)


def bullet(i: int, j: int) -> str:
    w = WORDS
    return (
        f"{w[(i + j) % 12].capitalize()} {w[(i * 3 + j) % 12]} and {w[(i + 5 * j) % 12]} "
        f"for release {i}.{j}"
    )


def video_id(t: int) -> str:
    return f"vid{t:08d}"[:11].ljust(11, "x")


def recap_yaml(slides: int) -> str:
    out = [
        "title: Benchmark recap",
        "options: {agenda: false}",
        "presenters:",
        "  - name: Bench",
        "    topics:",
    ]
    for t in range(slides // TOPIC):
        out += [
            f"      - title: Talk {t}",
            "        speakers: [Speaker One]",
            f"        video: https://www.youtube.com/watch?v={video_id(t)}",
            "        slides:",
        ]
        for s in range(TOPIC):
            i = t * TOPIC + s
            out.append(f"          - title: Slide {i}")
            out.append("            bullets:")
            out += [f"              - {bullet(i, j)}" for j in range(5)]
            out.append(f"            notes: Notes for slide {i}, with the point to make.")
    return "\n".join(out) + "\n"


def recap_markdown(slides: int) -> str:
    out = ["---", "title: Benchmark recap", "---", ""]
    for t in range(slides // TOPIC):
        for s in range(TOPIC):
            i = t * TOPIC + s
            out.append(f"## Slide {i}\n")
            out += [f"- {bullet(i, j)}" for j in range(5)]
            out.append(f"\n::: notes\nNotes for slide {i}, with the point to make.\n:::\n")
        out.append(f"Video: <https://youtu.be/{video_id(t)}>\n")
    return "\n".join(out)


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds over `runs` whole-process runs, and the peak RSS in MB (of
    that process alone: os.wait4 gives each child's own resource usage)."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{command[0]} failed with exit status {process.returncode}")
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pandoc-max",
        type=int,
        default=1600,
        help="skip pandoc above this size (it takes minutes at 5,000 slides)",
    )
    args = parser.parse_args()
    deckgen = [sys.executable, "-m", "deckgen"]
    pandoc = shutil.which("pandoc")
    rows = []
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as scratch:
        work = Path(scratch)
        for n in args.sizes:
            recap, md = work / f"bench{n}.yaml", work / f"bench{n}.md"
            recap.write_text(recap_yaml(n), "utf-8")
            md.write_text(recap_markdown(n), "utf-8")
            build = [*deckgen, "build", "-q", "--force", str(recap), "-o", str(work)]
            d, d_mem = timed(build, args.runs)
            p, p_mem = (
                timed([pandoc, str(md), "-o", str(work / f"pandoc{n}.pptx")], args.runs)
                if pandoc and n <= args.pandoc_max
                else (float("nan"), float("nan"))
            )
            rows.append((n, d, d_mem, p, p_mem))
            print(
                f"{n:>6} slides: deckgen {d:6.2f} s ({d_mem:5.0f} MB)   "
                f"pandoc {p:6.2f} s ({p_mem:5.0f} MB)   pandoc/deckgen {p / d:5.2f}x",
                flush=True,
            )
    for (n1, d1, *_), (n2, d2, *_) in itertools.pairwise(rows):
        print(f"deckgen t({n2})/t({n1}) = {d2 / d1:.2f} (size ratio {n2 / n1:g})")
    version = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        if pandoc
        else "pandoc not installed"
    )
    print(f"{version}; {os.cpu_count()} cores; median of {args.runs} runs")


if __name__ == "__main__":
    main()
