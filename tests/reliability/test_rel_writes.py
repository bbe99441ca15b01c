"""Safe writes under faults: a build that fails, is interrupted (SIGINT) or killed
(SIGKILL) at any point leaves the earlier deck byte-identical (or, past the rename, the
complete new deck); concurrent builds of the same deck never leave a corrupt file; a
read-only output folder and an output path that is a file give clear errors."""

from __future__ import annotations

import importlib
import io
import os
import random
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from rel_common import (
    HANG_SECONDS,
    child_env,
    deck_problems,
    deckgen_cmd,
    leftovers,
    run_deckgen,
)

import deckgen.render.deck
from deckgen import api
from deckgen.errors import BuildError, DeckgenError


def _big_recap(version: str, size: int = 100) -> str:
    """A recap of `2 * size` slides (200 take about a second to build); `version` changes
    its text."""
    slides: list[dict[str, Any]] = []
    for i in range(size):
        words = [f"point {i}.{j} {version} " + "word " * 8 for j in range(6)]
        slides.append({"title": f"Slide {i}", "bullets": words})
        code = "\n".join(f"x{j} = {j} * {i}  # {version}" for j in range(20))
        slides.append({"title": f"Code {i}", "code": {"source": code, "language": "python"}})
    data = {
        "title": f"Big {version}",
        "options": {"collapse_steps": "off"},
        "presenters": [{"name": "A", "topics": [{"title": "X", "slides": slides}]}],
    }
    return yaml.safe_dump(data, allow_unicode=True)


SIZES = {"small": 2, "big": 100}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bytes of the small and big recap's decks in version `old` and `new`, keyed
    `small-old` and so on (builds are deterministic: any complete build of a version gives
    exactly these)."""
    folder = tmp_path_factory.mktemp("expected")
    out = {}
    for size, count in SIZES.items():
        for version in ("old", "new"):
            recap = folder / f"{size}-{version}" / "big.yaml"
            recap.parent.mkdir()
            recap.write_text(_big_recap(version, count), encoding="utf-8")
            api.build(recap, recap.with_suffix(".pptx"))
            out[f"{size}-{version}"] = recap.with_suffix(".pptx").read_bytes()
        assert out[f"{size}-old"] != out[f"{size}-new"]
    return out


def _setup(folder: Path, decks: dict[str, bytes], size: str) -> tuple[Path, Path]:
    """(recap `big.yaml` at version `new`, output folder holding the deck of version
    `old`)."""
    recap = folder / "big.yaml"
    recap.write_text(_big_recap("new", SIZES[size]), encoding="utf-8")
    out = folder / "out"
    out.mkdir()
    (out / "big.pptx").write_bytes(decks[f"{size}-old"])
    return recap, out


@pytest.fixture
def small(tmp_path: Path, decks: dict[str, bytes]) -> Iterator[tuple[Path, Path]]:
    yield _setup(tmp_path, decks, "small")


@pytest.fixture
def big(tmp_path: Path, decks: dict[str, bytes]) -> Iterator[tuple[Path, Path]]:
    yield _setup(tmp_path, decks, "big")


def _temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _sidecars(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(".deckgen.json")}


# --- exceptions at every stage --------------------------------------------------------------

FAULTS = {
    "load": ("deckgen.load.load_recap", RuntimeError("boom")),
    "layout": ("deckgen.layout.lay_out", RuntimeError("boom")),
    "render": ("deckgen.render.render", MemoryError()),
    "write": ("os.fdopen", OSError(28, "No space left on device")),
    "fsync": ("os.fsync", KeyboardInterrupt()),
    "chmod": ("os.chmod", PermissionError(1, "Operation not permitted")),
    "replace": ("os.replace", OSError(18, "Invalid cross-device link")),
}


@pytest.mark.parametrize("stage", list(FAULTS))
def test_a_failure_at_any_stage_keeps_the_old_deck(
    small: tuple[Path, Path], decks: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, stage: str
):
    recap, out = small
    target, error = FAULTS[stage]
    module, name = target.rsplit(".", 1)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if name == "fdopen":  # a full disk: the temporary file opens, writing it fails

        class _Full(io.FileIO):
            def write(self, data: Any) -> int:
                raise error

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _Full(fd, "wb"))
    else:
        monkeypatch.setattr(importlib.import_module(module), name, fail)
    with pytest.raises((DeckgenError, type(error))):
        api.build(recap, out / "big.pptx")
    monkeypatch.undo()
    assert (out / "big.pptx").read_bytes() == decks["small-old"]
    assert leftovers(out, ["big.pptx"]) == []


# --- signals during a build in another process ----------------------------------------------

SLOW_DISK = """\
import os, time

_fsync = os.fsync

def _slow_fsync(fd):
    marker = {marker!r}
    if not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep({pause})
    _fsync(fd)

os.fsync = _slow_fsync
"""


def _slow_disk_env(folder: Path, pause: float) -> tuple[dict[str, str], Path]:
    """An environment whose first fsync (the deck's temporary file, fully written) marks
    a file and then takes `pause` seconds: a signal then lands while the deck is written."""
    hook = folder / "hook"
    hook.mkdir()
    marker = folder / "writing"
    (hook / "sitecustomize.py").write_text(
        SLOW_DISK.format(marker=str(marker), pause=pause), encoding="utf-8"
    )
    env = child_env()
    env["PYTHONPATH"] = os.pathsep.join([str(hook), env["PYTHONPATH"]])
    return env, marker


def _start(recap: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        deckgen_cmd("build", "--force", recap, "-o", out),
        cwd=recap.parent,
        env=env or child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, timeout: float = HANG_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_sigint_while_writing_keeps_the_old_deck(small: tuple[Path, Path], decks):
    recap, out = small
    env, writing = _slow_disk_env(recap.parent, pause=5)
    process = _start(recap, out, env)
    _wait_for(writing)
    assert _temporary_files(out)  # the deck is being written
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=HANG_SECONDS)
    assert process.returncode == 130
    assert err.strip() == "deckgen: interrupted; nothing was written"
    assert (out / "big.pptx").read_bytes() == decks["small-old"]
    assert _temporary_files(out) == []


def test_sigkill_while_writing_keeps_the_old_deck(small: tuple[Path, Path], decks):
    recap, out = small
    env, writing = _slow_disk_env(recap.parent, pause=5)
    process = _start(recap, out, env)
    _wait_for(writing)
    process.kill()
    process.communicate(timeout=HANG_SECONDS)
    assert (out / "big.pptx").read_bytes() == decks["small-old"]
    assert len(_temporary_files(out)) == 1  # a killed process cannot clean up


def test_the_next_build_removes_what_a_killed_build_left(small: tuple[Path, Path], decks):
    recap, out = small
    env, writing = _slow_disk_env(recap.parent, pause=5)
    process = _start(recap, out, env)
    _wait_for(writing)
    process.kill()
    process.communicate(timeout=HANG_SECONDS)
    assert _temporary_files(out)
    done = run_deckgen("build", "--force", recap, "-o", out, cwd=recap.parent)
    assert done.returncode == 0, done.stderr
    assert (out / "big.pptx").read_bytes() == decks["small-new"]
    assert _temporary_files(out) == []


_RANDOM = random.Random(20191)
DELAYS = sorted(_RANDOM.uniform(0.2, 1.6) for _ in range(3))


@pytest.mark.parametrize("delay", DELAYS, ids=lambda d: f"{d:.2f}s")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_signal_at_a_random_moment_leaves_a_whole_deck(
    big: tuple[Path, Path], decks: dict[str, bytes], sig: signal.Signals, delay: float
):
    """Whenever the signal lands, the deck is the old one or the complete new one; a
    SIGINT leaves no temporary file, and deckgen reports it without a traceback once its
    command line runs."""
    recap, out = big
    old, new = decks["big-old"], decks["big-new"]
    process = _start(recap, out)
    time.sleep(delay)
    process.send_signal(sig)
    _, err = process.communicate(timeout=HANG_SECONDS)
    print(f"{sig.name} after {delay:.2f} s: exit {process.returncode}, {err.strip()[-80:]!r}")
    assert (out / "big.pptx").read_bytes() in (old, new)
    if sig == signal.SIGINT:
        assert _temporary_files(out) == []
        if process.returncode == 130:
            assert "Traceback" not in err
            assert err.strip().endswith("deckgen: interrupted; nothing was written") or (
                (out / "big.pptx").read_bytes() == new
            )
    if process.returncode == 0:
        assert (out / "big.pptx").read_bytes() == new


# --- concurrent builds of one deck ----------------------------------------------------------


def test_concurrent_builds_of_one_deck_never_leave_a_corrupt_file(
    tmp_path: Path, decks: dict[str, bytes]
):
    """Two processes build big.pptx (old and new version) into one folder at once, both
    pausing while they write; the deck is always a whole one of the two."""
    out = tmp_path / "out"
    recaps = {}
    for version in ("old", "new"):
        recaps[version] = tmp_path / version / "big.yaml"
        recaps[version].parent.mkdir()
        recaps[version].write_text(_big_recap(version, SIZES["small"]), encoding="utf-8")
    for round_ in range(3):
        envs = {}
        for version in ("old", "new"):
            folder = tmp_path / f"{version}-{round_}"
            folder.mkdir()
            envs[version] = _slow_disk_env(folder, pause=0.4 + 0.2 * round_)[0]
        first, second = ("old", "new") if round_ % 2 else ("new", "old")
        processes = [_start(recaps[first], out, envs[first])]
        time.sleep(0.2 * round_)
        processes.append(_start(recaps[second], out, envs[second]))
        for process in processes:
            _, err = process.communicate(timeout=HANG_SECONDS)
            assert process.returncode == 0, err
        data = (out / "big.pptx").read_bytes()
        assert data in (decks["small-old"], decks["small-new"])
        with zipfile.ZipFile(out / "big.pptx") as archive:
            assert archive.testzip() is None
        assert _temporary_files(out) == []
    assert deck_problems(out / "big.pptx") == []


# --- output folders ------------------------------------------------------------------------

SMALL = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"


def test_a_missing_output_folder_is_created(tmp_path: Path):
    (tmp_path / "r.yaml").write_text(SMALL, encoding="utf-8")
    done = run_deckgen("build", "r.yaml", "-o", "a/b/c", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert deck_problems(tmp_path / "a/b/c/r.pptx") == []


def test_an_output_folder_that_is_a_file(tmp_path: Path):
    (tmp_path / "r.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "out").write_bytes(b"a file")
    done = run_deckgen("build", "r.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "out/r.pptx: error: cannot create folder `out`: File exists"
    ]
    assert (tmp_path / "out").read_bytes() == b"a file"


def test_an_output_deck_that_is_a_folder(tmp_path: Path):
    (tmp_path / "r.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "out/r.pptx").mkdir(parents=True)
    done = run_deckgen("build", "r.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["out/r.pptx: error: is a folder; cannot write a deck there"]


NOBODY = 65534


def _as_nobody(work: Any) -> tuple[int, str]:
    """Run `work()` in a forked child as the unprivileged user `nobody` (a root test
    process ignores file permissions); (exit status, what it reported)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 0
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            message = work()
        except BaseException as exc:
            message, status = f"{type(exc).__name__}: {exc}", 2
        os.write(write, message.encode("utf-8", "backslashreplace"))
        os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        report = stream.read().decode("utf-8")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), report


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_read_only_output_folder(decks: dict[str, bytes]):
    base = Path(tempfile.mkdtemp(prefix="deckgen-readonly-"))
    try:
        os.chmod(base, 0o755)
        recap = base / "big.yaml"
        recap.write_text(SMALL, encoding="utf-8")
        out = base / "out"
        out.mkdir()
        (out / "big.pptx").write_bytes(decks["small-old"])
        os.chmod(out, 0o555)
        if os.geteuid() != 0 and os.access(out, os.W_OK):
            pytest.skip("this user can write into a read-only folder")

        pptx_version = metadata.version("python-pptx")

        def build() -> str:
            os.environ["DECKGEN_CACHE"] = "off"
            # the child cannot read package metadata under root's home: use the parent's
            deckgen.render.deck.version = lambda name: pptx_version  # type: ignore[attr-defined]
            try:
                api.build(recap, out / "big.pptx")
            except BuildError as exc:
                return str(exc)
            return "built"

        if os.geteuid() == 0:
            status, report = _as_nobody(build)
        else:
            status, report = 0, build()
        if status == 2 and "Permission denied" in report and "cannot write" not in report:
            pytest.skip(f"the user nobody cannot read deckgen's own files here: {report}")
        assert status == 0, report
        assert report == f"{out}/big.pptx: error: cannot write in `{out}`: Permission denied"
        assert (out / "big.pptx").read_bytes() == decks["small-old"]
        assert leftovers(out, ["big.pptx"]) == []
    finally:
        os.chmod(base / "out", 0o755)
        for path in sorted(base.rglob("*"), reverse=True):
            path.unlink() if not path.is_dir() else path.rmdir()
        base.rmdir()
