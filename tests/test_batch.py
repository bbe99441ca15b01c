"""What `deckgen build`, `preview` and `watch` do, called as a library: many recaps, PDFs
and their freshness, previews, rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import batch
from deckgen.api import BuildResult, build
from deckgen.errors import BuildError, RecapError
from deckgen.options import BuildOptions
from deckgen.watch import Rebuild
from tests.test_cli import OK  # one presenter, one topic, one bullets slide


def test_name_clash_says_which_recaps_would_share_a_deck():
    recaps = [Path("a/r.yaml"), Path("b/s.yaml"), Path("b/r.yaml")]
    assert batch.name_clash(recaps) == "a/r.yaml and b/r.yaml would both be written as r.pptx"
    assert batch.name_clash([Path("a/r.yaml"), Path("a/r.yaml")]) is None


def test_builds_one_by_one_tell_how_far_they_are(write, workdir):
    jobs = batch.jobs(
        [write("one.yaml", OK), write("two.yaml", "title: [\n")], Path("out"), BuildOptions()
    )
    heard: list[tuple[float, str]] = []
    one, two = batch.builds(jobs, False, lambda done, label: heard.append((done, label)))
    assert heard == []  # nothing is built before it is asked for
    assert one().output == Path("out/one.pptx")
    assert heard[0] == (0.0, "one.yaml: checking one.yaml")
    assert heard[-1] == (1.0, "one.yaml: done")
    with pytest.raises(RecapError):
        two()
    assert not Path("out/two.pptx").exists()


def test_parallel_builds_hand_out_their_outcomes(write, workdir):
    jobs = batch.jobs(
        [write("one.yaml", OK), write("two.yaml", "title: [\n")], Path("out"), BuildOptions()
    )
    heard: list[str] = []
    one, two = batch.builds(jobs, True, lambda done, label: heard.append(label))
    assert sorted(heard) == ["one.yaml: built", "two.yaml: built"]
    assert isinstance(one(), BuildResult)
    with pytest.raises(RecapError):
        two()


def _stand_in(deck: Path, pdf: Path, timeout: float) -> None:
    pdf.write_bytes(b"%PDF " + deck.name.encode())


def test_a_pdf_is_written_again_only_when_its_deck_changed(write, workdir, monkeypatch):
    monkeypatch.setattr("deckgen.office.missing", lambda program: False)
    monkeypatch.setattr("deckgen.office.to_pdf", _stand_in)
    options = BuildOptions(incremental=True)
    recap = write("r.yaml", OK)
    first = build(recap, Path("out/r.pptx"), options)
    assert batch.write_pdf(first, options) == batch.Pdf(Path("out/r.pdf"), "written")
    again = build(recap, Path("out/r.pptx"), options)
    assert batch.write_pdf(again, options).state == "up to date"
    forced = BuildOptions(incremental=True, force=True)
    assert batch.write_pdf(again, forced).state == "written"
    Path("out/r.pdf").unlink()
    assert batch.write_pdf(again, options).state == "written"


def test_no_pdf_without_libreoffice(write, workdir, monkeypatch):
    monkeypatch.setattr("deckgen.office.missing", lambda program: True)
    result = build(write("r.yaml", OK), Path("out/r.pptx"))
    assert batch.write_pdf(result, BuildOptions()) == batch.Pdf(Path("out/r.pdf"), "missing")
    assert not Path("out/r.pdf").exists()


def test_a_preview_without_poppler_names_the_package(write, workdir, monkeypatch):
    monkeypatch.setattr("deckgen.office.missing", lambda program: program == "pdftoppm")
    with pytest.raises(BuildError) as caught:
        batch.write_preview(write("r.yaml", OK), Path("r.png"), BuildOptions())
    assert [str(p) for p in caught.value.problems] == [
        "r.png: error: not written: poppler (pdftoppm) is not installed; install it with"
        " `sudo apt-get install poppler-utils`"
    ]


def test_a_rebuild_that_fails_keeps_watching_the_files_it_names(write, workdir):
    recap = write("r.yaml", OK)
    rebuild = Rebuild(recap, Path("out/r.pptx"), BuildOptions(incremental=True, force=True))
    assert rebuild().output == Path("out/r.pptx")
    assert rebuild.builds == 1
    assert recap.resolve() in rebuild.watched
    write("r.yaml", OK + "  - include: people/b.yaml\n")  # not there yet
    with pytest.raises(RecapError):
        rebuild()
    assert rebuild.builds == 2
    assert Path("people/b.yaml").resolve() in rebuild.watched
    assert recap.resolve() in rebuild.watched
