"""`deckgen import`: a deck becomes a recap that builds; it never clobbers a recap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from deckgen.api import build

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deckgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_import_writes_a_recap_that_builds(tmp_path: Path) -> None:
    build(ROOT / "recaps" / "eu2019.yaml", tmp_path / "eu2019.pptx")
    count = len(Presentation(str(tmp_path / "eu2019.pptx")).slides)
    result = run("import", "eu2019.pptx", "-o", "back.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"back.yaml: {count} slides read, ")
    rebuilt = run("build", "back.yaml", "-o", "out", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.startswith(f"out/back.pptx: {count} slides, ")


def test_import_refuses_to_replace_a_recap(tmp_path: Path) -> None:
    build(ROOT / "recaps" / "eu2019.yaml", tmp_path / "eu2019.pptx")
    (tmp_path / "eu2019.yaml").write_text("title: mine\n", encoding="utf-8")
    result = run("import", "eu2019.pptx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "eu2019.yaml: error: exists already; use --force\n"
    assert (tmp_path / "eu2019.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_import_of_a_file_that_is_not_a_deck(tmp_path: Path) -> None:
    (tmp_path / "notes.pptx").write_text("not a zip", encoding="utf-8")
    result = run("import", "notes.pptx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "notes.pptx: error: is not a PowerPoint deck: it is not a zip package, as .pptx files are\n"
    )
    assert not (tmp_path / "notes.yaml").exists()


def test_import_reports_what_it_split_and_left_out(tmp_path: Path) -> None:
    from pptx import Presentation

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Many bullets"
    frame = s.placeholders[1].text_frame
    frame.text = "bullet 0"
    for i in range(1, 501):
        frame.add_paragraph().text = f"bullet {i}"
    prs.slides.add_slide(prs.slide_layouts[6])  # blank: nothing to keep
    prs.save(str(tmp_path / "big.pptx"))
    result = run("import", "big.pptx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "big.yaml: 2 slides read, 2 written, 0 step runs collapsed, 0 pictures, 0 videos\n"
        "  slide 2: empty slide left out\n"
        "  slide 1: split into 2 slides (at most 500 bullets a slide)\n"
    )
