"""Damaged pictures: an EMF whose frame is empty makes Pillow divide by zero; as a slide's
image and as a theme's logo it is a clear error in `validate` and `build` (exit 1)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image
from rel_common import run_deckgen

# an EMF header record (EMR_HEADER) whose bounds are 10 x 10 and whose frame is empty
ZERO_FRAME_EMF = struct.pack("<II4i4i", 1, 88, 0, 0, 10, 10, 0, 0, 0, 0) + b" EMF" + bytes(44)

RECAP = """\
title: T
{theme}presenters:
  - name: A
    topics:
      - title: X
        slides:
          - image:
              path: {image}
"""


@pytest.mark.parametrize("command", ["validate", "build"])
def test_an_emf_with_a_zero_frame_as_an_image(tmp_path: Path, command: str):
    (tmp_path / "zero.emf").write_bytes(ZERO_FRAME_EMF)
    (tmp_path / "r.yaml").write_text(RECAP.format(theme="", image="zero.emf"), encoding="utf-8")
    run = run_deckgen(command, "r.yaml", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0] == (
        "r.yaml:8:21: error: presenters[0].topics[0].slides[0].image.path:"
        " image `zero.emf` is not a readable image file"
    )
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_an_emf_with_a_zero_frame_as_a_theme_logo(tmp_path: Path, command: str):
    theme = tmp_path / "brand"
    theme.mkdir()
    (theme / "logo.emf").write_bytes(ZERO_FRAME_EMF)
    (theme / "theme.yaml").write_text("extends: default\nlogo: logo.emf\n", encoding="utf-8")
    (tmp_path / "pic.png").write_bytes(_png())
    text = RECAP.format(theme="theme: ./brand\n", image="pic.png")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    run = run_deckgen(command, "r.yaml", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0] == (
        f"{theme / 'theme.yaml'}:2:7: error: logo: image `logo.emf` is not a readable image file"
    )


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, format="PNG")
    return out.getvalue()
