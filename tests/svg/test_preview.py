"""`deckgen preview`: an HTML contact sheet of SVG slides, written without LibreOffice."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from deckgen.cli import main

SVG = "{http://www.w3.org/2000/svg}"
RECAP = """\
title: Tips & <Tricks>
options: {agenda: false}
presenters:
  - name: Ana
    topics:
      - title: Tracing
        slides:
          - title: Spans
            bullets: [one per call, nested]
            notes: "Say: a < b & c"
          - text: Questions?
"""


def run(*args: str) -> Result:
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False).invoke(main, list(args))  # click < 8.2
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def no_programs(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with no LibreOffice, poppler or anything else."""
    empty = workdir / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_preview_writes_an_html_sheet_of_svg_slides_without_libreoffice(
    write, workdir: Path, no_programs: None
) -> None:
    write("tips.yaml", RECAP)
    result = run("preview", "tips.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["output/tips-preview.html: contact sheet of tips.yaml"]
    page = (workdir / "output/tips-preview.html").read_text(encoding="utf-8")
    root = etree.fromstring(page.split("\n", 1)[1].encode())  # after the doctype
    assert root.findtext("head/title") == "Tips & <Tricks> (tips.yaml)"
    figures = root.findall("body/main/figure")
    assert [f.findtext("figcaption") for f in figures] == [
        "1. Tips & <Tricks>",
        "2. Spans",
        "3. Tracing",
    ]
    assert all(f.find(f"{SVG}svg") is not None for f in figures)
    assert figures[1].findtext("details/pre") == "Say: a < b & c"
    assert figures[2].find("details") is None  # no notes, no notes block


def test_the_same_recap_gives_the_same_sheet(write, workdir: Path) -> None:
    write("tips.yaml", RECAP)
    assert run("preview", "tips.yaml", "-o", "a.html").exit_code == 0
    assert run("preview", "tips.yaml", "-o", "b.html").exit_code == 0
    assert (workdir / "a.html").read_bytes() == (workdir / "b.html").read_bytes()


def test_an_invalid_recap_leaves_the_previous_sheet_alone(write, workdir: Path) -> None:
    write("tips.yaml", RECAP)
    assert run("preview", "tips.yaml").exit_code == 0
    before = (workdir / "output/tips-preview.html").read_bytes()
    write("tips.yaml", RECAP.replace("bullets:", "bulets:"))
    result = run("preview", "tips.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "tips.yaml:9:13: error: presenters[0].topics[0].slides[0].bulets: unknown key"
        " `bulets`; did you mean `bullets`?"
    )
    assert (workdir / "output/tips-preview.html").read_bytes() == before
