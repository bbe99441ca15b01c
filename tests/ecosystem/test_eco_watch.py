"""`deckgen watch` as a program: rebuilds on every change of the recap, an included file,
an image or the theme; survives invalid edits; stops cleanly on Ctrl-C. Every wait is
bounded and the program is always killed at the end."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from deckgen import watch as watching

# seconds for any one thing to happen: only a guard against a hang, far above a real wait
# on a loaded machine (no test asserts how fast anything is)
TIMEOUT = 300.0

RECAP = """\
title: KubeCon Europe 2019
presenters:
  - include: people/bryan.yaml
"""

BRYAN = """\
name: Bryan
topics:
  - title: Grafana Loki
    slides:
      - bullets: [like Prometheus, but for logs]
      - image: {path: ../pics/loki.png, caption: The Loki logo}
"""

THEME = """\
name: mine
extends: default
colors:
  accent: "#FF6600"
"""


class Watcher:
    """`deckgen watch ...` running in `folder`, its output collected as it comes."""

    def __init__(self, command: list[str], folder: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.err), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream: object, into: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.append(line)

    @property
    def stdout(self) -> str:
        return "".join(self.out)

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"watch exited ({self.process.returncode}) waiting for {what}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}\n{self.stdout}\n{self.stderr}")
            time.sleep(0.05)

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=TIMEOUT)
        for reader in self.readers:
            reader.join(timeout=TIMEOUT)
        return code

    def kill(self) -> None:
        """Stop the program if it still runs, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        for reader in self.readers:
            reader.join(timeout=TIMEOUT)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def start(tmp_path: Path, deckgen_cmd, subprocess_env) -> Iterator[Callable[..., Watcher]]:
    started: list[Watcher] = []

    def start_watch(*args: str) -> Watcher:
        watcher = Watcher(deckgen_cmd("watch", *args), tmp_path, subprocess_env)
        started.append(watcher)
        return watcher

    yield start_watch
    for watcher in started:
        watcher.kill()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "people").mkdir()
    (tmp_path / "pics").mkdir()
    (tmp_path / "mytheme").mkdir()
    (tmp_path / "talk.yaml").write_text(RECAP, encoding="utf-8")
    (tmp_path / "people/bryan.yaml").write_text(BRYAN, encoding="utf-8")
    (tmp_path / "mytheme/theme.yaml").write_text(THEME, encoding="utf-8")
    Image.new("RGB", (40, 30), "teal").save(tmp_path / "pics/loki.png")
    return tmp_path


def state(deck: Path) -> tuple[int, int, str] | None:
    """What changes when the deck is written again: time, inode and a hash of the bytes."""
    try:
        info = deck.stat()
        return (info.st_mtime_ns, info.st_ino, hashlib.sha256(deck.read_bytes()).hexdigest())
    except OSError:
        return None


def rewritten(watcher: Watcher, deck: Path, change: Callable[[], None], what: str) -> bool:
    """Make `change`, wait for the deck to be written again; True when its bytes changed."""
    before = state(deck)
    assert before is not None
    change()
    watcher.wait_for(f"a rebuild after {what}", lambda: state(deck) not in (None, before))
    after = state(deck)
    assert after is not None
    return after[2] != before[2]


def touch(path: Path) -> None:
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_watch_rebuilds_when_any_input_changes(project: Path, start):
    deck = project / "out/talk.pptx"
    watcher = start("talk.yaml", "-o", "out", "--theme", "./mytheme", "--interval", "0.1")
    watcher.wait_for("the first build", lambda: "watching" in watcher.stdout)
    assert state(deck) is not None
    assert "watching 5 files of talk.yaml; Ctrl-C stops" in watcher.stdout

    recap, bryan = project / "talk.yaml", project / "people/bryan.yaml"
    image, theme = project / "pics/loki.png", project / "mytheme/theme.yaml"
    touch(recap)  # the same bytes: no rebuild (the next change announced is the edit)
    assert rewritten(watcher, deck, lambda: edit(recap, "2019", "19"), "editing the recap")
    assert rewritten(watcher, deck, lambda: edit(bryan, "logs", "LOGS"), "editing an include")
    assert rewritten(
        watcher,
        deck,
        lambda: Image.new("RGB", (80, 60), "orange").save(image),
        "replacing the image",
    )
    assert rewritten(watcher, deck, lambda: edit(theme, "FF6600", "0066FF"), "editing the theme")
    assert "changed: people/bryan.yaml; rebuilding" in watcher.stdout
    assert watcher.stdout.count("changed: talk.yaml; rebuilding") == 1  # the edit, not the touch

    assert watcher.interrupt() == 0
    assert watcher.stderr.splitlines()[-1] == "deckgen: stopped watching"


def test_an_invalid_edit_is_reported_and_a_fix_rebuilds(project: Path, start):
    deck = project / "out/talk.pptx"
    bryan = project / "people/bryan.yaml"
    watcher = start("talk.yaml", "-o", "out", "--interval", "0.1")
    watcher.wait_for("the first build", lambda: "watching" in watcher.stdout)
    built = state(deck)

    edit(bryan, "- bullets:", "- bulets:")
    error = (
        "people/bryan.yaml:5:9: error: presenters[0].topics[0].slides[0].bulets: unknown key"
        " `bulets`; did you mean `bullets`?"
    )
    watcher.wait_for("the error", lambda: "not built" in watcher.stderr)
    assert error in watcher.stderr.splitlines()
    assert "out/talk.pptx: not built; fix the problems above and save again" in watcher.stderr
    assert watcher.process.poll() is None  # still watching
    assert state(deck) == built  # the earlier deck is left as it was

    edit(bryan, "- bulets:", "- bullets:")
    watcher.wait_for("the rebuild after the fix", lambda: state(deck) not in (None, built))
    assert watcher.interrupt() == 0


def test_a_broken_include_is_still_watched(project: Path, start):
    deck = project / "out/talk.pptx"
    bryan = project / "people/bryan.yaml"
    bryan.write_text("name: Bryan\ntopics: [\n", encoding="utf-8")  # not YAML
    watcher = start("talk.yaml", "-o", "out", "--interval", "0.1")
    watcher.wait_for("the error", lambda: "not built" in watcher.stderr)
    assert "people/bryan.yaml:3:1: error: invalid YAML" in watcher.stderr
    assert state(deck) is None
    bryan.write_text(BRYAN, encoding="utf-8")
    watcher.wait_for("the build after the fix", lambda: state(deck) is not None)
    assert watcher.interrupt() == 0


def test_a_new_include_is_watched_after_the_rebuild(project: Path, start):
    deck = project / "out/talk.pptx"
    alice = project / "people/alice.yaml"
    alice.write_text(BRYAN.replace("Bryan", "Alice"), encoding="utf-8")
    watcher = start("talk.yaml", "-o", "out", "--interval", "0.1")
    watcher.wait_for("the first build", lambda: "watching" in watcher.stdout)
    recap = project / "talk.yaml"
    add = RECAP + "  - include: people/alice.yaml\n"
    assert rewritten(watcher, deck, lambda: recap.write_text(add), "adding an include")
    assert rewritten(watcher, deck, lambda: edit(alice, "logs", "LOGS"), "editing the new file")
    assert watcher.interrupt() == 0


def test_watch_waits_for_a_recap_that_does_not_exist_yet(tmp_path: Path, start):
    watcher = start("later.yaml", "-o", "out", "--interval", "0.1")
    watcher.wait_for("the error", lambda: "not built" in watcher.stderr)
    assert "later.yaml: error: no such file" in watcher.stderr.splitlines()
    (tmp_path / "later.yaml").write_text(
        "title: T\npresenters: [{name: A, topics: [{title: X}]}]\n", encoding="utf-8"
    )
    watcher.wait_for("the build", lambda: (tmp_path / "out/later.pptx").is_file())
    assert watcher.interrupt() == 0


def test_watch_loop_builds_again_only_after_a_change(tmp_path: Path):
    """The polling loop itself, without a program or real time."""
    file = tmp_path / "a.yaml"
    file.write_text("one", encoding="utf-8")
    builds: list[int] = []
    polls = iter(range(6))

    def build() -> list[Path]:
        builds.append(1)
        return [file]

    def sleep(seconds: float) -> None:
        n = next(polls)
        if n == 2:
            file.write_text("two, longer", encoding="utf-8")
        if n == 4:
            file.unlink()

    watching.watch(build, 0.5, sleep=sleep, keep_going=lambda: len(builds) < 3)
    assert len(builds) == 3  # the first build, then one per change (an edit, a removal)


def test_watch_loop_does_not_build_after_a_touch(tmp_path: Path):
    """A save that changes nothing (a new modification time, the same bytes) is no change."""
    file = tmp_path / "a.yaml"
    file.write_text("one", encoding="utf-8")
    builds: list[int] = []
    polls = iter(range(8))

    def build() -> list[Path]:
        builds.append(next(polls))
        return [file]

    def sleep(seconds: float) -> None:
        n = next(polls)
        if n in (2, 4):
            touch(file)
        if n == 6:
            file.write_text("two", encoding="utf-8")  # the same size, other bytes

    watching.watch(build, 0.5, sleep=sleep, keep_going=lambda: len(builds) < 2)
    assert builds == [0, 7]  # the first build, then only after the edit


def test_watch_usage(tmp_path: Path, cli):
    result = cli("watch", "--interval", "0", "talk.yaml")
    assert result.exit_code == 2
    assert "--interval" in result.stderr
