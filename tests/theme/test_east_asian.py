"""Chinese, Japanese and Korean text: every theme names an East Asian font, which every
run (a:ea) and the deck's font scheme carry, and which LibreOffice draws them with."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from tests.support.render import render_pdf

from deckgen.api import build
from deckgen.options import BuildOptions
from deckgen.theme import builtin_themes, builtin_themes_dir, load_theme

THEMES = [t.name for t in builtin_themes()]
RECAP = """\
title: 容器编排 · コンテナ · 컨테이너
presenters:
  - name: 山田太郎
    affiliation: 日本語の所属チーム
    topics:
      - title: 中文、日本語、한국어
        slides:
          - bullets:
              - 容器编排系统可以自动化应用程序的部署。
              - Kubernetes はコンテナを管理します。
              - 쿠버네티스는 컨테이너를 관리합니다.
          - code: |
              # 注释：部署
              print("こんにちは")
"""


def _recap(folder: Path) -> Path:
    path = folder / "cjk.yaml"
    path.write_text(RECAP, encoding="utf-8")
    return path


def _parts(deck: Path, prefix: str) -> list[str]:
    with zipfile.ZipFile(deck) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(rf"{prefix}\d+\.xml", n))
        return [archive.read(n).decode("utf-8") for n in names]


def _master_theme(deck: Path) -> str:
    """The theme part of the slide master (a template may hold others, for notes)."""
    with zipfile.ZipFile(deck) as archive:
        rels = archive.read("ppt/slideMasters/_rels/slideMaster1.xml.rels").decode("utf-8")
        target = re.search(r'Target="\.\./theme/(theme\d+\.xml)"', rels)
        assert target is not None
        return archive.read(f"ppt/theme/{target.group(1)}").decode("utf-8")


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_names_a_noto_cjk_font(name: str) -> None:
    assert load_theme(builtin_themes_dir() / name).fonts.east_asian == "Noto Sans CJK SC"


@pytest.mark.parametrize("name", THEMES)
def test_every_run_and_the_font_scheme_name_the_east_asian_font(name: str, tmp_path: Path) -> None:
    deck = build(_recap(tmp_path), tmp_path / "cjk.pptx", BuildOptions(theme=name)).output
    slides = _parts(deck, "ppt/slides/slide")
    runs = [run for slide in slides for run in re.findall(r"<a:rPr .*?</a:rPr>", slide)]
    assert len(runs) > 10
    ea = '<a:ea typeface="Noto Sans CJK SC"/>'
    assert [r for r in runs if f'"/>{ea}' not in r] == []  # right after a:latin
    theme_part = _master_theme(deck)
    scheme = re.search(r"<a:fontScheme .*?</a:fontScheme>", theme_part, re.S)
    assert scheme is not None
    for kind in ("majorFont", "minorFont"):
        block = re.search(rf"<a:{kind}>.*?</a:{kind}>", scheme.group(0), re.S)
        assert block is not None and ea in block.group(0), kind


def _pdf_fonts(pdf: Path) -> list[str]:
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return [line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]]


def _cjk(fonts: list[str]) -> set[str]:
    """The CJK families among PDF font names such as `NotoSansCJKjp-Regular-VKana`."""
    return {re.sub(r"CJK.*", "CJK", f) for f in fonts if "CJK" in f}


@pytest.mark.integration("soffice", "pdffonts")
def test_libreoffice_draws_cjk_text_with_the_themes_font(tmp_path: Path) -> None:
    recap = _recap(tmp_path)
    deck = build(recap, tmp_path / "sans" / "cjk.pptx", BuildOptions(theme="default")).output
    sans = _pdf_fonts(render_pdf(deck, tmp_path / "sans"))
    assert _cjk(sans) == {"NotoSansCJK"}
    # a theme naming the serif family: drawn with it, so the run's font decides (the
    # collection's PostScript name is that of its Japanese face, whatever region is named)
    serif = tmp_path / "serif-theme"
    serif.mkdir()
    (serif / "theme.yaml").write_text(
        "extends: default\nfonts:\n  east_asian: Noto Serif CJK KR\n", encoding="utf-8"
    )
    deck = build(recap, tmp_path / "serif" / "cjk.pptx", BuildOptions(theme=str(serif))).output
    fonts = _pdf_fonts(render_pdf(deck, tmp_path / "serif"))
    assert _cjk(fonts) == {"NotoSerifCJK"}
