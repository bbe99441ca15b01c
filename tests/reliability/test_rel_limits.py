"""Limits: absurd input gets a clear error, never a hang or a memory blow-up.

Each case runs `python -m deckgen build` as its own process with at most 1 GiB of address
space (`rel_common.MEMORY_LIMIT`); it must exit 1 with exactly the expected message. A
hang is killed (`rel_common.HANG_SECONDS`) and then fails on its message; how fast the
limits answer is measured by `benchmarks/limits.py`, not asserted here.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from rel_common import Run, run_many

HEAD = "title: Limits\npresenters:\n  - name: A\n    topics:\n      - title: X\n        slides:\n"


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _laughs() -> str:
    lines = ['title: Laughs\nlol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"lol{i}: &l{i} [{refs}]")
    lines.append("presenters: *l9")
    return "\n".join(lines) + "\n"


def _nested_blocks(levels: int) -> str:
    body = "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + "  " * levels + "end\n"
    return "title: Deep\nnested:\n" + "\n".join("  " + line for line in body.splitlines()) + "\n"


def _slides(n: int) -> str:
    return HEAD + "          - {text: s}\n" * n


# name -> (recap text, the exact line deckgen prints)
CASES: dict[str, tuple[str | bytes, str]] = {
    "billion-laughs": (_laughs(), "r.yaml:2:7: error: more than 200000 values (alias expansion?)"),
    "long-string-aliased": (
        'title: T\nt: &t "' + "x" * 1_000_000 + '"\npresenters: [' + "*t, " * 50 + "]\n",
        "r.yaml:2:4: error: more than 10 million characters (alias expansion?)",
    ),
    "file-over-16-mb": (
        "# padding\n" * 1_610_000 + "title: T\n",
        "r.yaml: error: file is larger than 16 MB",
    ),
    "deep-flow-nesting": (
        "title: T\npresenters: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "r.yaml:2:76: error: nesting deeper than 64 levels",
    ),
    "deep-block-nesting": (
        _nested_blocks(200),
        "r.yaml:66:129: error: nesting deeper than 64 levels",
    ),
    "300k-values": (
        "title: T\npresenters: [" + "1," * 300_000 + "]\n",
        "r.yaml:2:400008: error: more than 200000 values (alias expansion?)",
    ),
    "number-with-5000-digits": (
        HEAD + "          - stats: [{value: " + "9" * 5000 + ", label: x}]\n",
        "r.yaml:7:29: error: a number of more than 100 digits",
    ),
    "10001-slides": (
        _slides(10_001),
        "r.yaml:10007:13: error: presenters[0].topics[0].slides[10000]:"
        " the recap has 10001 slides; at most 10000",
    ),
    "501-bullets": (
        HEAD + "          - bullets: [" + ", ".join(f"b{i}" for i in range(501)) + "]\n",
        "r.yaml:7:22: error: presenters[0].topics[0].slides[0].bullets:"
        " 501 bullets on one slide; at most 500",
    ),
    "501-links": (
        HEAD + "          - links: [" + "{url: 'https://a.example/'}, " * 501 + "]\n",
        "r.yaml:7:20: error: presenters[0].topics[0].slides[0].links:"
        " 501 links on one slide; at most 500",
    ),
    "1001-table-rows": (
        HEAD + "          - table: {columns: [a], rows: [" + "[x], " * 1001 + "]}\n",
        "r.yaml:7:41: error: presenters[0].topics[0].slides[0].table.rows: 1001 rows; at most 1000",
    ),
    "51-table-columns": (
        HEAD + "          - table: {columns: [" + "c, " * 51 + "], rows: [[x]]}\n",
        "r.yaml:7:30: error: presenters[0].topics[0].slides[0].table.columns:"
        " 51 columns; at most 50",
    ),
    "code-line-of-2001-characters": (
        HEAD + "          - code: " + "x" * 2001 + "\n",
        "r.yaml:7:19: error: presenters[0].topics[0].slides[0].code:"
        " line 1 has 2001 characters; at most 2000",
    ),
    "code-of-1-million-characters": (
        HEAD + "          - code: " + "x" * 1_000_000 + "\n",
        "r.yaml:7:19: error: presenters[0].topics[0].slides[0].code:"
        " 1000000 characters; at most 200000 fit on a slide",
    ),
    "code-of-2001-lines": (
        HEAD + "          - code: |\n" + "              print()\n" * 2001,
        "r.yaml:7:19: error: presenters[0].topics[0].slides[0].code: has 2002 lines; at most 2000",
    ),
    "image-claiming-100000x100000-pixels": (
        HEAD + "          - image: {path: bomb.png}\n",
        "r.yaml:7:27: error: presenters[0].topics[0].slides[0].image.path:"
        " image `bomb.png` has too many pixels; the limit is 50 megapixels",
    ),
    "image-claiming-60000x1000-pixels": (
        HEAD + "          - image: {path: wide.png}\n",
        "r.yaml:7:27: error: presenters[0].topics[0].slides[0].image.path:"
        " image `wide.png` has 60000x1000 pixels; the limit is 50 megapixels",
    ),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every case, run as its own deckgen process (a few at a time)."""
    jobs = {}
    for name, (text, _) in CASES.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / "r.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
        (folder / "bomb.png").write_bytes(_png_claiming(100_000, 100_000))
        (folder / "wide.png").write_bytes(_png_claiming(60_000, 1_000))
        jobs[name] = (["build", "r.yaml", "-o", "out"], folder)
    return run_many(jobs)


@pytest.mark.parametrize("name", list(CASES))
def test_limit_gives_a_clear_error(runs: dict[str, Run], name: str):
    done = runs[name]
    assert done.stderr.splitlines() == [CASES[name][1]], done.stderr[-2000:]
    assert done.returncode == 1


def test_the_bomb_images_are_small_files(tmp_path: Path):
    assert len(_png_claiming(100_000, 100_000)) < 200
