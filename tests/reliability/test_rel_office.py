"""LibreOffice runs: a PDF is written through a fresh temporary file (a symlink planted in
the output folder is never followed), the timeout is an option, and every process a run
started is gone when it ends, also a helper that left the process group with `setsid()`.

A stand-in for LibreOffice (a Python script; `soffice` first on PATH for the command line,
`office.SOFFICE` in this process) starts a helper in a new session that would sleep for
ten minutes, then writes the PDF or hangs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from rel_common import child_env, run_deckgen

from deckgen import office
from deckgen.errors import BuildError
from deckgen.office import to_pdf

FAKE_SOFFICE = """\
#!{python}
import os, subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                          start_new_session=True)
with open(os.environ["FAKE_HELPERS"], "a") as pids:
    pids.write(f"{{helper.pid}}\\n")
if os.environ.get("FAKE_MODE") == "hang":
    time.sleep(600)
out = sys.argv[sys.argv.index("--outdir") + 1]
stem = os.path.splitext(os.path.basename(sys.argv[-1]))[0]
with open(os.path.join(out, stem + ".pdf"), "wb") as pdf:
    pdf.write(b"%PDF-1.4 fake")
"""

RECAP = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the fake `soffice`, first on PATH; returns the helpers' pid file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "stand-in"):
        script = bin_dir / name
        script.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
        script.chmod(0o755)
    helpers = tmp_path / "helpers.txt"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(office, "SOFFICE", "stand-in")  # not a program the suite guards
    monkeypatch.setenv("FAKE_HELPERS", str(helpers))
    return helpers


def _survivors(helpers: Path) -> list[int]:
    """The helpers that still run (a zombie has ended: only its parent has not noticed)."""
    alive = []
    for pid in map(int, helpers.read_text().split()):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2] not in "ZX":
            alive.append(pid)
    return alive


def _deck(tmp_path: Path) -> Path:
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(b"not really a deck: the fake soffice does not read it")
    return deck


def test_a_pdf_leaves_no_helper_running(tmp_path: Path, fake: Path):
    out = tmp_path / "out"
    to_pdf(_deck(tmp_path), out / "talk.pdf")
    assert (out / "talk.pdf").read_bytes() == b"%PDF-1.4 fake"
    assert len(fake.read_text().split()) == 1
    assert _survivors(fake) == []
    assert sorted(p.name for p in out.iterdir()) == ["talk.pdf"]


def test_a_timeout_stops_soffice_and_its_setsid_helper(
    tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FAKE_MODE", "hang")
    pdf = tmp_path / "out" / "talk.pdf"
    with pytest.raises(BuildError) as caught:
        to_pdf(_deck(tmp_path), pdf, timeout=1)
    assert [str(p) for p in caught.value.problems] == [
        f"{pdf.as_posix()}: error: stand-in took longer than 1 s and was stopped"
    ]
    assert _survivors(fake) == []
    assert not pdf.exists()


def test_a_planted_symlink_in_the_output_folder_is_not_followed(tmp_path: Path, fake: Path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "precious.pdf").write_bytes(b"precious")
    (out / ".talk.pdf.tmp").symlink_to(elsewhere)  # the old fixed temporary name
    (out / "talk.pdf").symlink_to(elsewhere / "precious.pdf")
    to_pdf(_deck(tmp_path), out / "talk.pdf")
    assert not (out / "talk.pdf").is_symlink()
    assert (out / "talk.pdf").read_bytes() == b"%PDF-1.4 fake"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.pdf"]
    assert (elsewhere / "precious.pdf").read_bytes() == b"precious"


def test_the_pdf_timeout_is_an_option(tmp_path: Path, fake: Path):
    (tmp_path / "talk.yaml").write_text(RECAP, encoding="utf-8")
    env = child_env(FAKE_MODE="hang")
    run = run_deckgen("build", "talk.yaml", "--pdf", "--pdf-timeout", "1", cwd=tmp_path, env=env)
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[-1] == (
        "output/talk.pdf: error: soffice took longer than 1 s and was stopped"
    )
    assert _survivors(fake) == []
    assert (tmp_path / "output" / "talk.pptx").is_file()
