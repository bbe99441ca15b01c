"""Whole-process timing shared by the benchmarks: commands run interleaved (one run of
each in turn, `runs` rounds), so that a machine busy for a moment slows them all alike;
each is reported by its median and its range, with the CPU time and peak memory the
kernel counted for that process alone (os.wait4).

On a shared machine wall time is noisy: `instructions` counts what a command executes
(valgrind's callgrind, when installed), which does not depend on the load. Commands run
with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE removed), as an installed
deckgen runs: without it every module is compiled again in every process."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    """The runs of one command."""

    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # user + system seconds
    rss: float = 0.0  # peak resident memory, MB

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    def __str__(self) -> str:
        if not self.wall:
            return "skipped"
        low, high, cpu = min(self.wall), max(self.wall), statistics.median(self.cpu)
        return f"{_s(self.median)} ({_s(low)}–{_s(high)}; CPU {_s(cpu)}; {self.rss:.0f} MB)"


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one whole-process run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=ENV
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def interleaved(
    commands: Mapping[str, Sequence[str]], runs: int, cwd: Path | None = None
) -> dict[str, Sample]:
    """`runs` rounds of every command, one after the other; one warm-up round first."""
    samples = {name: Sample() for name in commands}
    for command in commands.values():
        run_once(command, cwd)
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu, rss = run_once(command, cwd)
            sample = samples[name]
            sample.wall.append(wall)
            sample.cpu.append(cpu)
            sample.rss = max(sample.rss, rss)
    return samples


def deckgen_command() -> list[str]:
    """The installed `deckgen` script beside this Python (what a user runs), else -m."""
    script = Path(sys.executable).with_name("deckgen")
    if script.exists():
        return [str(script)]
    found = shutil.which("deckgen")
    return [found] if found else [sys.executable, "-m", "deckgen"]


def machine() -> str:
    """The machine and how busy it is (load averages over 1, 5 and 15 minutes)."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, Python {sys.version.split()[0]}"


def instructions(command: Sequence[str], cwd: Path | None = None) -> int | None:
    """Instructions one whole-process run executes (valgrind callgrind's `Collected`),
    or None without valgrind. About 50 times slower than the command itself."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    probe = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    done = subprocess.run(probe, capture_output=True, text=True, cwd=cwd, env=ENV, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stderr}")
    counted = [line.split()[-1] for line in done.stderr.splitlines() if "Collected" in line]
    return int(counted[-1]) if counted else None


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "missed"
