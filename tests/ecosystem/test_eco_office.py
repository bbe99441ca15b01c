"""`build --pdf` and `preview` through LibreOffice and poppler (skipped locally when they
are missing; under CI a missing tool is a failure)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

FIVE_SLIDES = """\
title: KubeCon Europe 2019
options: {agenda: false}
presenters:
  - name: Bryan
    topics:
      - title: Grafana Loki
        slides:
          - bullets: [like Prometheus, but for logs]
          - text: Loki indexes labels, not text
          - quote: {text: "Loki is a logging backend", source: Grafana Labs}
          - stats: [{value: "8000", label: people}, {value: "331", label: talks}]
"""
SLIDES = 5  # the title slide and four content slides

# the contact sheet: 36 dpi pages of a 13.333 x 7.5 in slide (480 x 270 px, give or take
# poppler's rounding), 4 a row, 12 px apart, with a 20 px label band above each
PAGE_W, PAGE_H, GAP, LABEL, COLUMNS = 480, 270, 12, 20, 4


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


@pytest.mark.integration("soffice", "pdfinfo")
def test_build_pdf_writes_one_page_per_slide(write, workdir: Path, cli):
    write("loki.yaml", FIVE_SLIDES)
    result = cli("build", "--pdf", "loki.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"output/loki.pptx: {SLIDES} slides,")
    assert result.stdout.splitlines()[-1] == "  output/loki.pdf: written"
    assert pdf_pages(workdir / "output/loki.pdf") == SLIDES


@pytest.mark.integration("soffice")
def test_build_pdf_again_leaves_an_up_to_date_pdf(write, workdir: Path, cli):
    write("loki.yaml", FIVE_SLIDES)
    assert cli("build", "--pdf", "loki.yaml").exit_code == 0
    pdf = workdir / "output/loki.pdf"
    before = pdf.stat().st_mtime_ns
    again = cli("build", "--pdf", "loki.yaml")
    assert again.stdout.splitlines()[-1] == "  output/loki.pdf: up to date"
    assert pdf.stat().st_mtime_ns == before


def test_build_pdf_without_libreoffice_says_so_and_succeeds(write, workdir: Path, cli, monkeypatch):
    empty = workdir / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    write("loki.yaml", FIVE_SLIDES)
    result = cli("build", "--pdf", "loki.yaml")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "output/loki.pdf: not written: --pdf needs LibreOffice (soffice), which is not installed"
    ]
    assert (workdir / "output/loki.pptx").is_file()
    assert not (workdir / "output/loki.pdf").exists()


def test_build_pdf_without_libreoffice_in_json(write, workdir: Path, cli, monkeypatch):
    empty = workdir / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    write("loki.yaml", FIVE_SLIDES)
    result = cli("build", "--pdf", "--format", "json", "loki.yaml")
    assert result.exit_code == 0
    assert '"pdf": null' in result.stdout


@pytest.mark.integration("soffice", "pdftoppm")
def test_preview_draws_every_slide_on_a_grid(write, workdir: Path, cli):
    write("loki.yaml", FIVE_SLIDES)
    result = cli("preview", "loki.yaml", "-o", "sheet.png")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["sheet.png: contact sheet of loki.yaml"]
    rows = -(-SLIDES // COLUMNS)
    with Image.open(workdir / "sheet.png") as sheet:
        assert sheet.format == "PNG"
        width, height = sheet.size
    # the sheet is exactly COLUMNS x rows tiles of one page size, about 480 x 270
    page_w, spare_w = divmod(width - GAP, COLUMNS)
    page_h, spare_h = divmod(height - GAP, rows)
    assert (spare_w, spare_h) == (0, 0), sheet.size
    assert abs(page_w - GAP - PAGE_W) <= 1, sheet.size
    assert abs(page_h - GAP - LABEL - PAGE_H) <= 1, sheet.size
    assert not (workdir / "output").exists()  # the deck it drew went to a temporary folder


def test_a_png_preview_without_libreoffice_is_an_error(write, workdir: Path, cli, monkeypatch):
    empty = workdir / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    write("loki.yaml", FIVE_SLIDES)
    result = cli("preview", "loki.yaml", "-o", "output/loki-preview.png")
    assert result.exit_code == 1
    assert "LibreOffice (soffice) is not installed" in result.stderr
    assert not (workdir / "output").exists()
