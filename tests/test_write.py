"""Writing decks (stage 7): deterministic bytes and atomic writes."""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from deckgen.api import build, check
from deckgen.errors import BuildError, DeckgenError, RecapError
from deckgen.layout import lay_out
from deckgen.render import render
from deckgen.steps import collapse_steps
from deckgen.write import write_atomically

RECAP = """\
title: KubeCon Europe 2019
date: 2019-06-12
footer: Kubernetes User Group
presenters:
  - name: Kubernetes User Group
    topics:
      - title: Grafana Loki
        speakers: [Tom Wilkie]
        video: https://youtu.be/w62T1SN4g6Y
        slides:
          - bullets: [Like Prometheus, but for logs, "See [the docs](https://grafana.com/loki)"]
            notes: Labels, not full-text indexes.
          - code: {source: "kubectl get pods\\n", language: console}
          - table: {columns: [NAME, STATUS], rows: [[web-1, Running]]}
closing:
  links: [{label: Schedule, url: "https://events.linuxfoundation.org/"}]
"""


@pytest.fixture
def recap_file(tmp_path: Path) -> Path:
    path = tmp_path / "recap" / "eu2019.yaml"
    path.parent.mkdir()
    path.write_text(RECAP, encoding="utf-8")
    return path


def presentation(path: Path) -> bytes:
    """The deck's bytes, as render gives them (with the template warnings)."""
    checked = check(path)
    recap, _ = collapse_steps(checked.recap, "collapse")
    data, _warnings = render(lay_out(recap, checked.theme), recap, checked.theme)
    return data


def page_count(path: Path) -> int:
    checked = check(path)
    recap, _ = collapse_steps(checked.recap, "collapse")
    return len(lay_out(recap, checked.theme))


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def message(exc: DeckgenError) -> str:
    return str(exc)


# --- deterministic bytes --------------------------------------------------------------------


def test_two_renders_give_identical_bytes(recap_file: Path):
    first = presentation(recap_file)
    second = presentation(recap_file)
    assert first == second
    assert first[:4] == b"PK\x03\x04"


def test_two_builds_give_identical_files(recap_file: Path, tmp_path: Path):
    a = build(recap_file, tmp_path / "a" / "deck.pptx").output.read_bytes()
    b = build(recap_file, tmp_path / "b" / "deck.pptx").output.read_bytes()
    assert a == b


def test_zip_entries_carry_a_fixed_date_and_mode(recap_file: Path):
    data = presentation(recap_file)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert "[Content_Types].xml" in names
        assert len(names) == len(set(names))
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            stored = info.filename.startswith("ppt/media/")  # PNG/JPEG are compressed already
            assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            assert info.external_attr >> 16 == 0o644


def test_the_bytes_open_as_a_presentation(recap_file: Path):
    from pptx import Presentation

    prs = Presentation(io.BytesIO(presentation(recap_file)))
    assert len(prs.slides) == page_count(recap_file)
    assert prs.core_properties.title == "KubeCon Europe 2019"


# --- atomic writes --------------------------------------------------------------------------


def test_write_leaves_only_the_deck(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    write_atomically(b"new deck", target)
    assert target.read_bytes() == b"new deck"
    assert leftovers(tmp_path, {"deck.pptx"}) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_replaces_an_earlier_deck(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old deck")
    write_atomically(b"new deck", target)
    assert target.read_bytes() == b"new deck"
    assert leftovers(tmp_path, {"deck.pptx"}) == []


def test_a_missing_output_folder_is_created(tmp_path: Path):
    target = tmp_path / "output" / "2019" / "deck.pptx"
    write_atomically(b"deck", target)
    assert target.read_bytes() == b"deck"


def failing(error: BaseException) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("function", "error", "strerror"),
    [
        ("fsync", OSError(errno.EIO, os.strerror(errno.EIO)), os.strerror(errno.EIO)),
        ("replace", OSError(errno.EXDEV, os.strerror(errno.EXDEV)), os.strerror(errno.EXDEV)),
        ("replace", PermissionError(errno.EACCES, os.strerror(errno.EACCES)), "Permission denied"),
    ],
)
def test_a_failed_write_keeps_the_old_deck_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, error: OSError, strerror: str
):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old deck")
    monkeypatch.setattr(os, function, failing(error))
    with pytest.raises(BuildError) as caught:
        write_atomically(b"new deck", target)
    monkeypatch.undo()
    assert message(caught.value) == f"{target.as_posix()}: error: cannot write: {strerror}"
    assert target.read_bytes() == b"old deck"
    assert leftovers(tmp_path, {"deck.pptx"}) == []


def test_an_interrupted_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old deck")
    monkeypatch.setattr(os, "fsync", failing(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomically(b"new deck", target)
    monkeypatch.undo()
    assert target.read_bytes() == b"old deck"
    assert leftovers(tmp_path, {"deck.pptx"}) == []


def test_an_output_path_that_is_a_folder(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    target.mkdir()
    with pytest.raises(BuildError) as caught:
        write_atomically(b"deck", target)
    assert message(caught.value) == (
        f"{target.as_posix()}: error: is a folder; cannot write a deck there"
    )
    assert leftovers(tmp_path, {"deck.pptx"}) == []
    assert list(target.iterdir()) == []


def test_an_output_folder_that_is_a_file(tmp_path: Path):
    folder = tmp_path / "output"
    folder.write_bytes(b"not a folder")
    target = folder / "deck.pptx"
    with pytest.raises(BuildError) as caught:
        write_atomically(b"deck", target)
    assert message(caught.value) == (
        f"{target.as_posix()}: error: cannot create folder `{folder}`: File exists"
    )
    assert folder.read_bytes() == b"not a folder"


def test_a_folder_that_cannot_be_written_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "deck.pptx"
    monkeypatch.setattr(
        tempfile, "mkstemp", failing(PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    )
    with pytest.raises(BuildError) as caught:
        write_atomically(b"deck", target)
    assert message(caught.value) == (
        f"{target.as_posix()}: error: cannot write in `{tmp_path}`: Permission denied"
    )
    assert not target.exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_a_read_only_folder(tmp_path: Path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    (folder / "deck.pptx").write_bytes(b"old deck")
    folder.chmod(0o555)
    try:
        with pytest.raises(BuildError) as caught:
            write_atomically(b"new deck", folder / "deck.pptx")
        target = (folder / "deck.pptx").as_posix()
        assert message(caught.value) == (
            f"{target}: error: cannot write in `{folder}`: Permission denied"
        )
        assert (folder / "deck.pptx").read_bytes() == b"old deck"
        assert leftovers(folder, {"deck.pptx"}) == []
    finally:
        folder.chmod(0o755)


def test_build_errors_are_deckgen_errors_with_one_problem(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    target.mkdir()
    with pytest.raises(DeckgenError) as caught:
        write_atomically(b"deck", target)
    assert isinstance(caught.value, BuildError)
    (problem,) = caught.value.problems
    assert problem.severity == "error"
    assert problem.position.file == target.as_posix()


def test_a_failed_build_leaves_the_earlier_deck(recap_file: Path, tmp_path: Path):
    target = tmp_path / "out" / "eu2019.pptx"
    build(recap_file, target)
    earlier = target.read_bytes()
    recap_file.write_text(RECAP.replace("presenters:", "presenter:"), encoding="utf-8")
    with pytest.raises(RecapError):
        build(recap_file, target)
    assert target.read_bytes() == earlier
    assert leftovers(target.parent, {"eu2019.pptx"}) == []
