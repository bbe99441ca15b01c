"""Output for people and machines: the progress bar and colours on a terminal only (and no
colours with NO_COLOR), complete JSON, GitHub annotations for included files."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

TIMEOUT = 120.0

INVALID = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        slides:
          - bulets: [a]
"""

NOT_YOUTUBE = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        video: https://vimeo.com/123456
        slides:
          - text: hi
"""

RED, YELLOW = "\x1b[31m", "\x1b[33m"
BAR = "] "  # the end of the bar, before `done/total`


def on_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run `command` with stderr on a pseudo-terminal (stdout on a pipe): exit status,
    what it wrote to the terminal, and its stdout."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    terminal = b""
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other side is closed: the program ended
                    break
                if not chunk:
                    break
                terminal += chunk
            elif process.poll() is not None:
                break
        assert process.stdout is not None
        stdout = process.stdout.read().decode()
        code = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        os.close(master)
    return code, terminal.decode(), stdout


@pytest.fixture
def many(examples: Path) -> list[str]:
    """Eight recaps to build: enough work for the progress bar to show up."""
    names = ["recaps/kubecon2019-team.yaml"]
    for n in range(7):
        copy = examples / f"recaps/eu2019-{n}.yaml"
        shutil.copy(examples / "recaps/eu2019.yaml", copy)
        names.append(copy.relative_to(examples).as_posix())
    return names


def test_progress_bar_on_a_terminal(many, examples: Path, deckgen_cmd, subprocess_env):
    env = {**subprocess_env, "DECKGEN_PROGRESS_DELAY": "0"}  # however fast the builds are
    code, terminal, stdout = on_terminal(deckgen_cmd("build", *many, "-o", "out"), examples, env)
    assert code == 0, terminal
    assert BAR in terminal and "/8  " in terminal
    assert terminal.endswith("\r\x1b[K")  # the bar is gone at the end
    # the summary lines (stdout) are whole
    assert len([line for line in stdout.splitlines() if line.startswith("out/")]) == 8


def test_no_progress_bar_with_quiet(many, examples: Path, deckgen_cmd, subprocess_env):
    code, terminal, stdout = on_terminal(
        deckgen_cmd("build", "-q", *many, "-o", "out"), examples, subprocess_env
    )
    assert (code, terminal, stdout) == (0, "", "")


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    many, examples: Path, deckgen_cmd, subprocess_env
):
    result = subprocess.run(
        deckgen_cmd("build", *many, "-o", "out"),
        cwd=examples,
        env=subprocess_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""


def test_errors_are_red_and_warnings_yellow_on_a_terminal(
    write, workdir: Path, deckgen_cmd, subprocess_env
):
    write("bad.yaml", INVALID)
    write("w.yaml", NOT_YOUTUBE)
    code, terminal, _ = on_terminal(
        deckgen_cmd("validate", "bad.yaml", "w.yaml"), workdir, subprocess_env
    )
    assert code == 1
    lines = terminal.splitlines()
    assert lines[0].startswith(f"{RED}\x1b[1mbad.yaml:7:13: error:\x1b[0m presenters[0]")
    assert lines[1].startswith(f"{YELLOW}\x1b[1mw.yaml:6:16: warning:\x1b[0m presenters[0]")


@pytest.mark.parametrize("value", ["1", "true", "0"])
def test_no_colours_with_no_color(value: str, write, workdir: Path, deckgen_cmd, subprocess_env):
    write("bad.yaml", INVALID)
    code, terminal, _ = on_terminal(
        deckgen_cmd("validate", "bad.yaml"), workdir, {**subprocess_env, "NO_COLOR": value}
    )
    assert code == 1
    assert "\x1b[" not in terminal
    assert terminal.startswith("bad.yaml:7:13: error: presenters[0].topics[0].slides[0].bulets")


def test_an_empty_no_color_does_not_turn_colours_off(
    write, workdir: Path, deckgen_cmd, subprocess_env
):
    write("bad.yaml", INVALID)
    _, terminal, _ = on_terminal(
        deckgen_cmd("validate", "bad.yaml"), workdir, {**subprocess_env, "NO_COLOR": ""}
    )
    assert RED in terminal


def test_no_colours_when_not_on_a_terminal(write, workdir: Path, cli):
    write("bad.yaml", INVALID)
    result = cli("validate", "bad.yaml")
    assert result.exit_code == 1
    assert "\x1b[" not in result.stderr


BUILD_KEYS = {
    "recap",
    "output",
    "up_to_date",
    "slides",
    "collapsed",
    "splits",
    "qr_codes",
    "warnings",
    "errors",
    "seconds",
    "pdf",
    "split",
}


def test_json_objects_are_complete(write, workdir: Path, cli):
    write(
        "ok.yaml", NOT_YOUTUBE.replace("https://vimeo.com/123456", "https://youtu.be/vdxcaR3I2ic")
    )
    write("w.yaml", NOT_YOUTUBE)
    write("bad.yaml", INVALID)
    result = cli("build", "--format", "json", "ok.yaml", "w.yaml", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    ok, warned, bad = json.loads(result.stdout)
    assert set(ok) == set(warned) == BUILD_KEYS
    assert ok["errors"] == [] and ok["pdf"] is None and ok["split"] == []
    assert ok["qr_codes"] >= 1 and ok["slides"] == 5 and isinstance(ok["seconds"], float)
    assert len(warned["warnings"]) == 1 and warned["warnings"][0].startswith("w.yaml:6:16:")
    assert bad == {"recap": "bad.yaml", "errors": [bad["errors"][0]]}
    assert result.stderr == ""


def test_json_of_validate(write, workdir: Path, cli):
    write("w.yaml", NOT_YOUTUBE)
    result = cli("validate", "--format", "json", "w.yaml")
    (report,) = json.loads(result.stdout)
    assert set(report) == {"recap", "valid", "warnings", "errors"}
    assert report["valid"] is True and report["errors"] == []


def test_github_annotations_point_into_included_files(examples: Path, cli):
    bryan = examples / "recaps/kubecon2019-team/bryan.yaml"
    text = bryan.read_text(encoding="utf-8")
    bryan.write_text(text.replace("slides:", "slidez:", 1), encoding="utf-8")
    result = cli(
        "validate",
        "--strict",
        "--format",
        "github",
        "recaps/eu2019.yaml",
        "recaps/kubecon2019-team.yaml",
    )
    assert result.exit_code == 1
    (annotation,) = result.stdout.splitlines()
    assert annotation.startswith("::error file=recaps/kubecon2019-team/bryan.yaml,line=")
    assert "unknown key `slidez`" in annotation
