"""The file system as an attacker arranges it: `watch` reports names it cannot use (a NUL
in an image or include path, an image that is a symlink loop) and keeps watching; a
recap's `theme:` folder stays inside the recap's repository; a failed import leaves no
pictures behind."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from rel_common import child_env, deckgen_cmd, run_deckgen

TIMEOUT = 30.0  # seconds for any one thing to happen; never a measure of speed

TOPIC = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"
IMAGE = TOPIC + "        slides:\n          - image: {{path: {path}}}\n"
INCLUDE = 'title: T\npresenters:\n  - include: "a\\0b.yaml"\n'


class Watch:
    """`deckgen watch talk.yaml -o out` in `folder`; its error output collected."""

    def __init__(self, folder: Path) -> None:
        command = deckgen_cmd("watch", "talk.yaml", "-o", "out", "--interval", "0.1")
        self.process = subprocess.Popen(
            command, cwd=folder, env=child_env(), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", errors="backslashreplace",
        )  # fmt: skip
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"watch exited ({self.process.returncode}) waiting for {what}:"
                            f"\n" + "\n".join(self.lines))  # fmt: skip
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}:\n" + "\n".join(self.lines))
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        if self.process.stderr is not None:
            self.process.stderr.close()


def _png(path: Path) -> None:
    Image.new("RGB", (40, 30), "teal").save(path)


CASES = {
    "nul-image": (
        IMAGE.format(path='"a\\0b.png"'),
        "talk.yaml:7:27: error: presenters[0].topics[0].slides[0].image.path:"
        " image `a\\x00b.png` is not a valid file name",
    ),
    "loop-image": (
        IMAGE.format(path="loop.png"),
        "talk.yaml:7:27: error: presenters[0].topics[0].slides[0].image.path:"
        " image `loop.png` is a symlink loop",
    ),
    "nul-include": (
        INCLUDE,
        "talk.yaml:3:14: error: presenters[0].include:"
        " included file `a\\x00b.yaml` is not a valid file name",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_watch_reports_a_name_it_cannot_use_and_keeps_watching(tmp_path: Path, case: str):
    text, error = CASES[case]
    (tmp_path / "loop.png").symlink_to("loop.png")
    (tmp_path / "talk.yaml").write_text(text, encoding="utf-8")
    _png(tmp_path / "pic.png")
    watch = Watch(tmp_path)
    try:
        watch.wait_for("the error", lambda: "out/talk.pptx: not built" in " ".join(watch.lines))
        assert error in watch.lines
        assert not any("Traceback" in line or "internal error" in line for line in watch.lines)
        (tmp_path / "talk.yaml").write_text(IMAGE.format(path="pic.png"), encoding="utf-8")
        watch.wait_for("the fixed deck", (tmp_path / "out" / "talk.pptx").is_file)
    finally:
        watch.stop()


# --- a failed import leaves nothing -------------------------------------------------------


def test_a_failed_import_leaves_no_pictures(tmp_path: Path):
    _png(tmp_path / "pic.png")
    (tmp_path / "talk.yaml").write_text(IMAGE.format(path="pic.png"), encoding="utf-8")
    built = run_deckgen("build", "talk.yaml", "-o", ".", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (tmp_path / "new" / "back.yaml").mkdir(parents=True)  # the recap cannot be written
    run = run_deckgen("import", "talk.pptx", "-o", "new/back.yaml", "--force", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "new/back.yaml: error: is a folder; cannot write a deck there"
    ]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["back.yaml"]
