"""The themed base is cached on disk: a cached build gives the same bytes as a fresh one,
and a damaged cache entry is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.api import build
from deckgen.options import BuildOptions

ROOT = Path(__file__).resolve().parents[2]
RECAP = ROOT / "recaps" / "eu2019.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(folder))
    return folder


def test_cached_base_gives_the_same_bytes(cache_dir: Path, tmp_path: Path) -> None:
    fresh = build(RECAP, tmp_path / "a.pptx").output.read_bytes()
    assert len(list((cache_dir / "base").iterdir())) == 1
    cached = build(RECAP, tmp_path / "b.pptx").output.read_bytes()
    assert cached == fresh


def test_without_cache_the_bytes_are_the_same(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = build(RECAP, tmp_path / "a.pptx").output.read_bytes()
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    assert build(RECAP, tmp_path / "b.pptx").output.read_bytes() == cached
    assert len(list((cache_dir / "base").iterdir())) == 1


def test_a_damaged_entry_is_rebuilt(cache_dir: Path, tmp_path: Path) -> None:
    good = build(RECAP, tmp_path / "a.pptx").output.read_bytes()
    (entry,) = (cache_dir / "base").iterdir()
    entry.write_bytes(b"not a zip")
    assert build(RECAP, tmp_path / "b.pptx").output.read_bytes() == good


def test_a_theme_change_misses_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    build(RECAP, tmp_path / "a.pptx")
    build(RECAP, tmp_path / "b.pptx", BuildOptions(theme="dark"))
    assert len(list((cache_dir / "base").iterdir())) == 2
