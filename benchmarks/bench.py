"""Benchmark: `deckgen build` as a whole process against pandoc and against the floor.

    .venv/bin/python benchmarks/bench.py [--sizes 100 400 1600 5000] [--runs 5]
        [--pandoc-max 1600]

Synthetic recaps of N slides: topics of 20 slides, each topic a talk with its own
YouTube video (one QR code per 20 slides), every slide a title, 5 bullets and speaker
notes; and the same content as pandoc markdown (`##` per slide, `::: notes`, run with
`--slide-level=2`; skipped above --pandoc-max). The floor is a Python process that only
zips the deck's own finished parts (read from files) with zipfile, as deckgen's deck
is compressed: the time to write the deck's bytes. Per size it prints the median wall
time of interleaved whole-process runs, their range, CPU time and peak memory (max
RSS), and the ratios, each with its target from issue 14 where it has one; the load
average before and after; with `--instructions`, the instructions one build executes
(valgrind: independent of the load, about 50 times slower than the build).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from timing import deckgen_command, instructions, interleaved, machine, run_once, verdict

TARGETS = {1600: 1.0, 5000: 3.0}  # seconds, whole process (issue 14)
RSS_TARGET = (5000, 250.0)  # MB of peak memory at that size
GROWTH_TARGET = (1600, 5000, 3.4)  # t(5000)/t(1600) at most

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


FLOOR = """
import sys, zipfile
from pathlib import Path
folder, target = Path(sys.argv[1]), sys.argv[2]
names = (folder / "order.txt").read_text("utf-8").splitlines()
with zipfile.ZipFile(target, "w") as archive:
    for name in names:
        entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        media = name.startswith("ppt/media/")
        entry.compress_type = zipfile.ZIP_STORED if media else zipfile.ZIP_DEFLATED
        archive.writestr(entry, (folder / "parts" / name).read_bytes(), compresslevel=6)
"""


def unpack(deck: Path, folder: Path) -> None:
    """The deck's finished parts as files, and their order: what the floor zips."""
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        archive.extractall(folder / "parts")
    (folder / "order.txt").write_text("\n".join(names), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600, 5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pandoc-max",
        type=int,
        default=1600,
        help="skip pandoc above this size (it takes minutes at 5,000 slides)",
    )
    parser.add_argument("--instructions", action="store_true", help="count them (valgrind)")
    args = parser.parse_args()
    deckgen = deckgen_command()
    pandoc = shutil.which("pandoc")
    medians: dict[int, float] = {}
    print(f"before: {machine()}; medians of {args.runs} interleaved runs (min–max)", flush=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as scratch:
        work = Path(scratch)
        for n in args.sizes:
            recap, md = work / f"bench{n}.yaml", work / f"bench{n}.md"
            recap.write_text(recap_yaml(n), "utf-8")
            md.write_text(recap_markdown(n), "utf-8")
            build = [*deckgen, "build", "-q", "--force", str(recap), "-o", str(work)]
            run_once(build)
            unpack(work / f"bench{n}.pptx", work / f"floor{n}")
            commands = {
                "deckgen": build,
                "floor": [
                    sys.executable,
                    "-c",
                    FLOOR,
                    str(work / f"floor{n}"),
                    str(work / "f.zip"),
                ],
            }
            if pandoc and n <= args.pandoc_max:
                commands["pandoc"] = [
                    pandoc, "--slide-level=2", str(md), "-o", str(work / f"pandoc{n}.pptx")
                ]  # fmt: skip
            got = interleaved(commands, args.runs)
            d, f = got["deckgen"], got["floor"]
            p = got.get("pandoc")
            medians[n] = d.median
            target = TARGETS.get(n)
            aim = f"   target ≤ {target:g} s: {verdict(d.median, target)}" if target else ""
            print(f"{n:>6} slides: deckgen {d}{aim}", flush=True)
            if n == RSS_TARGET[0]:
                rss = f"peak RSS {d.rss:.0f} MB, target ≤ {RSS_TARGET[1]:.0f} MB"
                print(f"{'':>14} {rss}: {verdict(d.rss, RSS_TARGET[1])}")
            count = instructions(build) if args.instructions else None
            if count:
                print(f"{'':>14} deckgen executes {count / 1e9:.2f} G instructions")
            print(f"{'':>14} floor   {f}   deckgen/floor {d.median / f.median:.2f}", flush=True)
            if p is not None:
                print(f"{'':>14} pandoc  {p}   pandoc/deckgen {p.median / d.median:.1f}x")
            else:
                print(f"{'':>14} pandoc  skipped (--pandoc-max {args.pandoc_max})")
    for n1, n2 in itertools.pairwise(medians):
        ratio = medians[n2] / medians[n1]
        aim = ""
        if (n1, n2) == GROWTH_TARGET[:2]:
            aim = f", target ≤ {GROWTH_TARGET[2]:g}: {verdict(ratio, GROWTH_TARGET[2])}"
        print(f"deckgen t({n2})/t({n1}) = {ratio:.2f} (size ratio {n2 / n1:g}{aim})")
    print(f"after: {machine()}")
    version = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        if pandoc
        else "pandoc not installed"
    )
    print(version)


if __name__ == "__main__":
    main()
