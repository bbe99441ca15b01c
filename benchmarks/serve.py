"""Benchmark: how soon the page of `deckgen serve` shows a save (save -> DOM updated).

    .venv/bin/python benchmarks/serve.py [--edits 15] [--interval 0.1]

Copies recaps/ to a scratch folder, starts `deckgen serve recaps/eu2019.yaml`, opens
its page in Debian's headless chromium (tests/support/serving.py: chromedriver, a fresh
profile, nothing downloaded) and edits one bullet `--edits` times (alternating two
texts, saved as editors save: whole, by a rename). For each edit it takes the time of
the save and the time the page stamped after putting the pushed slides in its DOM
(`document.body.dataset.updated`, the same wall clock), and prints their median and
range, beside the time one `svg_slides` build of the recap takes in this process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
EDITED = ("- Service Mesh\n", "- Service Meshes\n")

from tests.support.serving import Server, chromium  # noqa: E402
from timing import machine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-serve-") as scratch:
        work = Path(scratch)
        shutil.copytree(REPO / "recaps", work / "recaps")
        latencies = page_latencies(work, args.edits, args.interval)
        build = build_time(work / "recaps/eu2019.yaml")
    ms = [x * 1000 for x in latencies]
    print(f"{machine()}; {args.edits} edits of one slide of eu2019, --interval {args.interval}")
    print(
        f"  save -> page updated: median {statistics.median(ms):.0f} ms "
        f"({min(ms):.0f}–{max(ms):.0f} ms)"
    )
    print(f"  one svg_slides build of eu2019 (median of 5): {build * 1000:.0f} ms")


def page_latencies(work: Path, edits: int, interval: float) -> list[float]:
    """Seconds from each save to the page's DOM showing it."""
    recap = work / "recaps/eu2019.yaml"
    server = Server(["recaps/eu2019.yaml", "--interval", str(interval)], work)
    out: list[float] = []
    try:
        with chromium(work / "profile") as page:
            page.get(server.url)
            version = _wait_version(page, 0)
            text = recap.read_text("utf-8")
            assert EDITED[0] in text, "the edited bullet is not in eu2019.yaml"
            for n in range(edits):
                old, new = EDITED if n % 2 == 0 else EDITED[::-1]
                text = text.replace(old, new, 1)
                temporary = recap.with_suffix(".tmp")
                temporary.write_text(text, "utf-8")
                temporary.replace(recap)
                saved = time.time()
                version = _wait_version(page, version)
                updated = float(page.execute_script("return document.body.dataset.updated"))
                out.append(updated / 1000 - saved)
                time.sleep(3 * interval)
    finally:
        server.stop()
    return out


def _wait_version(page: object, after: int) -> int:
    """The page's build number, once it is past `after`."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        got = int(page.execute_script("return Number(document.body.dataset.version || 0)"))  # type: ignore[attr-defined]
        if got > after:
            return got
        time.sleep(0.005)
    raise TimeoutError("the page did not update within 60 s")


def build_time(recap: Path) -> float:
    from deckgen.api import svg_slides

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        svg_slides(recap)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
