"""Fuzzing: any recap either builds a schema-valid deck or fails with a `DeckgenError`.

(a) recaps generated from the JSON schema (`SchemaStrategies`), half of them clean;
(b) mutations of the example recaps: truncated text, inserted characters and YAML
    syntax, deleted keys, values of the wrong type, forbidden characters, huge strings;
(c) damaged image files (truncated, a byte overwritten) of every format and mode.

A deck that builds must pass `validate_pptx`; never another exception, never a crash of
the command line (exit 3), never a traceback. The `ci` Hypothesis profile runs 190 cases
(every twelfth also through `python -m deckgen build`); `DECKGEN_FUZZ=thorough` runs
1,500 per test (see `rel_common`); `pytest -s` prints how the cases ended.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from rel_common import (
    FORBIDDEN_CHARS,
    RECAPS,
    TRICKY_TEXT,
    SchemaStrategies,
    deck_problems,
    dump_yaml,
    fuzz_settings,
    run_deckgen,
    write_strategy_files,
)

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.load import read_yaml

# Bugs in files this suite does not own, each pinned by a strict xfail test elsewhere in
# tests/reliability: fuzzing tolerates exactly these (type, message) so that it keeps
# looking for others. Remove an entry when its xfail starts passing.
KNOWN_BUGS: set[tuple[type[BaseException], str]] = set()  # none open now
CLI_EVERY = 12  # every so many cases also run `python -m deckgen build` for the exit status
COUNTS: Counter[str] = Counter()


def check_build(recap: Path, out_dir: Path) -> str:
    """Build `recap`; assert it either gives a valid deck or fails cleanly. Returns the
    outcome (`built` or `refused`)."""
    target = out_dir / f"{recap.stem}.pptx"
    if target.exists():
        target.unlink()
    try:
        api.build(recap, target)
    except tuple({kind for kind, _ in KNOWN_BUGS}) as exc:
        if not any(type(exc) is kind and re.match(rx, str(exc)) for kind, rx in KNOWN_BUGS):
            raise
        COUNTS["known bug"] += 1
        COUNTS["cases"] += 1
        return "known bug"
    except DeckgenError as exc:
        outcome = "refused"
        assert not target.exists()
        text = str(exc)
        assert text.strip(), "an error without a message"
        text.encode("utf-8")  # printable: no lone surrogates reach the terminal
        for problem in exc.problems:
            assert "\n" not in str(problem) and "\x1b" not in str(problem), str(problem)
    else:
        outcome = "built"
        assert deck_problems(target) == []
    COUNTS[outcome] += 1
    COUNTS["cases"] += 1
    if COUNTS["cases"] % CLI_EVERY == 1:
        done = run_deckgen("build", recap, "-o", out_dir, cwd=recap.parent)
        assert "Traceback" not in done.stderr
        assert done.returncode == (0 if outcome == "built" else 1), done.stderr
        COUNTS["cli"] += 1
    return outcome


# --- (a) recaps generated from the schema ---------------------------------------------------

IMAGES = (
    "img/small.png",
    "img/tall.png",
    "img/wide.jpg",
    "img/missing.png",
    "../outside.png",
    "img/fake.png",
    "img",
    "/etc/passwd",
)
INCLUDES = {
    "presenters": ("people/presenter.yaml", "topics/topic.yaml", "gone.yaml", "../outside.yaml"),
    "topics": ("topics/topic.yaml", "people/presenter.yaml", "gone.yaml", "topics"),
}


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recap folder with images and include files of every usable and broken kind."""
    outer = tmp_path_factory.mktemp("schema-fuzz")
    base = outer / "recap"
    written = write_strategy_files(base)
    Image.new("RGB", (10, 10), "red").save(outer / "outside.png")
    (base / "img/fake.png").write_text("not a picture", encoding="utf-8")
    (outer / "outside.yaml").write_text(written["presenter"], encoding="utf-8")
    return base


@pytest.fixture(scope="module", autouse=True)
def tally() -> Iterator[None]:
    """Print how many cases ran and how they ended (shown with `pytest -s`)."""
    COUNTS.clear()
    yield
    print(f"\nfuzz cases: {dict(sorted(COUNTS.items()))}")


CLEAN = SchemaStrategies(IMAGES, INCLUDES, clean=True)
HOSTILE = SchemaStrategies(IMAGES, INCLUDES, clean=False)


@fuzz_settings(ci_examples=80)
@given(data=st.one_of(CLEAN.recap(), HOSTILE.recap()))
def test_recaps_from_the_schema_build_or_fail_cleanly(fuzz_dir: Path, data: dict[str, Any]):
    recap = fuzz_dir / "fuzz.yaml"
    recap.write_text(dump_yaml(data), encoding="utf-8")
    check_build(recap, fuzz_dir / "out")


# --- (b) mutations of the example recaps ----------------------------------------------------

EXAMPLE_FILES = sorted(p.relative_to(RECAPS).as_posix() for p in RECAPS.rglob("*.yaml"))
INSERTS = (
    *FORBIDDEN_CHARS,
    *TRICKY_TEXT[:12],
    "\ufeff",
    "\u200f",
    "\u202e",
    "🚀",
    "中文",
    "\t",
    ": ",
    "- ",
    "&anchor ",
    "*anchor",
    "!!python/object/apply:os.system ['true'] ",
    "!custom ",
    "{",
    "[",
    "'",
    '"',
    "\\",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "<<: *x\n",
    "? ",
    "|",
    ">-\n",
    "\n  ",
    "#",
)
ESCAPED = ("\ud800", "\udfff", "\ufffe", "\x00", "\x1b[31m", "\r", "\x85", "\u202e")
WRONG_VALUES: dict[str, Any] = {  # by a short name, so failing examples print short
    "null": None,
    "true": True,
    "zero": 0,
    "minus one": -1,
    "float": 1.5,
    "nan": float("nan"),
    "empty string": "",
    "string": "text",
    "empty list": [],
    "list": ["a", "b"],
    "empty mapping": {},
    "mapping": {"a": 1},
    "nested lists": [[1, 2], [3]],
    "25k characters": "x" * 25_000,
    "15k characters of words": "word " * 3_000,
    "3000 lines": "\n".join(["line"] * 3_000),
    "500 bullets": [f"bullet {i}" for i in range(501)],
}


@pytest.fixture(scope="module")
def examples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of `recaps/` (the mutations edit it; each case restores what it changed)."""
    base = tmp_path_factory.mktemp("mutations") / "recaps"
    shutil.copytree(RECAPS, base)
    return base


def _paths(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*at, i))


def _parent(data: Any, at: tuple[Any, ...]) -> Any:
    for part in at[:-1]:
        data = data[part]
    return data


@dataclass(frozen=True)
class Mutation:
    """One change to a file of `recaps/` (small to print when Hypothesis reports it)."""

    name: str  # the file, relative to recaps/
    kind: str
    at: int = 0  # an offset (truncate, insert), a line (lines), a data path index (others)
    what: Any = None  # the inserted text, the line operation, or the new value

    def apply(self) -> str:
        text = (RECAPS / self.name).read_text(encoding="utf-8")
        if self.kind == "truncate":
            return text[: self.at]
        if self.kind == "insert":
            return text[: self.at] + self.what + text[self.at :]
        if self.kind == "lines":
            lines = text.splitlines(keepends=True)
            i = self.at % len(lines)
            if self.what == "drop":
                del lines[i]
            elif self.what == "twice":
                lines.insert(i, lines[i])
            elif self.what == "indent":
                lines[i] = "  " + lines[i]
            else:
                lines[i] = lines[i].lstrip(" ")
            return "".join(lines)
        data = read_yaml(RECAPS / self.name).data
        paths = [p for p in _paths(data) if p]
        if self.kind == "escape":  # YAML writes these escaped ("\ud800"), double-quoted
            paths = [p for p in paths if isinstance(_parent(data, p)[p[-1]], str)]
        path = paths[self.at % len(paths)]
        parent, key = _parent(data, path), path[-1]
        if self.kind == "delete":
            del parent[key]
        elif self.kind == "retype":
            parent[key] = WRONG_VALUES[self.what]
        else:
            cut = len(parent[key]) // 2
            parent[key] = parent[key][:cut] + self.what + parent[key][cut:]
        return dump_yaml(data)


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    name = draw(st.sampled_from(EXAMPLE_FILES))
    size = len((RECAPS / name).read_text(encoding="utf-8"))
    kind = draw(st.sampled_from(["truncate", "insert", "lines", "delete", "retype", "escape"]))
    at = draw(st.integers(0, size))
    what = {
        "insert": st.sampled_from(INSERTS),
        "lines": st.sampled_from(["drop", "twice", "indent", "dedent"]),
        "retype": st.sampled_from(sorted(WRONG_VALUES)),
        "escape": st.sampled_from(ESCAPED),
    }.get(kind, st.none())
    return Mutation(name, kind, at, draw(what))


@fuzz_settings(ci_examples=70)
@given(change=mutations())
def test_mutated_examples_build_or_fail_cleanly(examples_dir: Path, change: Mutation):
    target = examples_dir / change.name
    original = target.read_bytes()
    target.write_text(change.apply(), encoding="utf-8", errors="surrogatepass")
    try:
        top = examples_dir / change.name.split("/")[0]
        if top.is_dir():  # an included file changed: build the recap that includes it
            top = top.with_suffix(".yaml")
        check_build(top, examples_dir.parent / "out")
    finally:
        target.write_bytes(original)


# --- (c) damaged image files ----------------------------------------------------------------


def _image_bytes(fmt: str, mode: str) -> bytes:
    stream = io.BytesIO()
    Image.new(mode, (64, 48), "teal" if mode in ("RGB", "RGBA") else 1).save(stream, fmt)
    return stream.getvalue()


IMAGE_KINDS = {
    f"{fmt.lower()}-{mode}": _image_bytes(fmt, mode)
    for fmt, mode in [
        ("PNG", "RGB"), ("PNG", "RGBA"), ("PNG", "P"), ("PNG", "I;16"), ("PNG", "1"),
        ("JPEG", "RGB"), ("JPEG", "CMYK"), ("JPEG", "L"), ("GIF", "P"), ("BMP", "RGB"),
        ("TIFF", "RGB"), ("TIFF", "I;16"), ("TIFF", "LA"),
    ]
}  # fmt: skip


@dataclass(frozen=True)
class Damage:
    """A change to the bytes of a small image of kind `kind`."""

    kind: str
    how: str  # "none", "truncate" or "overwrite"
    at: int
    value: int = 0

    def apply(self) -> bytes:
        data = bytearray(IMAGE_KINDS[self.kind])
        at = self.at % len(data)
        if self.how == "truncate":
            return bytes(data[:at])
        if self.how == "overwrite":
            data[at] = self.value
        return bytes(data)


DAMAGES = st.builds(
    Damage,
    kind=st.sampled_from(sorted(IMAGE_KINDS)),
    how=st.sampled_from(["none", "truncate", "overwrite"]),
    at=st.one_of(st.integers(0, 64), st.integers(0, 4096)),  # headers first
    value=st.integers(0, 255),
)


@fuzz_settings(ci_examples=40)
@given(damage=DAMAGES)
def test_damaged_images_build_or_fail_cleanly(fuzz_dir: Path, damage: Damage):
    (fuzz_dir / "img" / "damaged.img").write_bytes(damage.apply())
    recap = fuzz_dir / "images.yaml"
    recap.write_text(
        "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n        slides:\n"
        "          - image: {path: img/damaged.img, caption: Damaged}\n",
        encoding="utf-8",
    )
    check_build(recap, fuzz_dir / "out")
