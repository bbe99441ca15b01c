"""Incremental builds: a deck whose inputs have not changed is left as it is."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from deckgen import api
from deckgen.fingerprint import read_record, sidecar
from deckgen.options import BuildOptions

RECAP = """\
title: KubeCon Europe 2019
presenters:
  - include: people/bryan.yaml
"""

BRYAN = """\
name: Bryan
topics:
  - title: Grafana Loki
    slides:
      - bullets: [like Prometheus, but for logs]
      - image: {path: ../pics/loki.png, caption: The Loki logo}
"""

THEME = """\
name: mine
extends: default
colors:
  accent: "#FF6600"
"""

UP_TO_DATE = re.compile(r"^out/talk\.pptx: up to date, 4 slides, .* \d+\.\d\d s$")
BUILT = re.compile(r"^out/talk\.pptx: 4 slides, .* \d+\.\d\d s$")


def make_recap(write, png) -> Path:
    write("people/bryan.yaml", BRYAN)
    png("pics/loki.png")
    return write("talk.yaml", RECAP)


def stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return (info.st_mtime_ns, info.st_ino)


def test_second_build_is_up_to_date_and_leaves_the_deck(write, png, workdir: Path, cli):
    make_recap(write, png)
    first = cli("build", "talk.yaml", "-o", "out")
    assert BUILT.match(first.stdout.splitlines()[0]), first.stdout
    deck = workdir / "out/talk.pptx"
    before, data = stamp(deck), deck.read_bytes()
    second = cli("build", "talk.yaml", "-o", "out")
    assert second.exit_code == 0
    assert UP_TO_DATE.match(second.stdout.strip()), second.stdout
    assert stamp(deck) == before
    assert deck.read_bytes() == data


def test_the_fingerprint_is_a_hidden_sidecar(write, png, workdir: Path, cli):
    make_recap(write, png)
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        ".talk.pptx.deckgen.json",
        "talk.pptx",
    ]
    record = json.loads(sidecar(workdir / "out/talk.pptx").read_text(encoding="utf-8"))
    assert record["slides"] == 4
    assert len(record["fingerprint"]) == 64


def rebuilt_after(cli, workdir: Path, change) -> bool:
    deck = workdir / "out/talk.pptx"
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    before = stamp(deck)
    change()
    result = cli("build", "talk.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    rebuilt = stamp(deck) != before
    assert rebuilt == bool(BUILT.match(result.stdout.splitlines()[0])), result.stdout
    return rebuilt


def test_editing_the_recap_rebuilds(write, png, workdir: Path, cli):
    recap = make_recap(write, png)
    assert rebuilt_after(cli, workdir, lambda: recap.write_text(RECAP.replace("2019", "19")))


def test_editing_an_included_file_rebuilds(write, png, workdir: Path, cli):
    make_recap(write, png)
    bryan = workdir / "people/bryan.yaml"
    assert rebuilt_after(cli, workdir, lambda: bryan.write_text(BRYAN.replace("logs", "LOGS")))


def test_changing_an_image_rebuilds(write, png, workdir: Path, cli):
    make_recap(write, png)
    assert rebuilt_after(cli, workdir, lambda: png("pics/loki.png", 80, 60))


def test_touching_without_changing_content_does_not_rebuild(write, png, workdir: Path, cli):
    make_recap(write, png)
    bryan = workdir / "people/bryan.yaml"
    assert not rebuilt_after(cli, workdir, lambda: os.utime(bryan, (1, 1)))


def test_changing_the_theme_files_rebuilds(write, png, workdir: Path, cli):
    make_recap(write, png)
    theme = write("mytheme/theme.yaml", THEME)
    deck = workdir / "out/talk.pptx"
    assert cli("build", "talk.yaml", "-o", "out", "--theme", "./mytheme").exit_code == 0
    before = stamp(deck)
    again = cli("build", "talk.yaml", "-o", "out", "--theme", "./mytheme")
    assert UP_TO_DATE.match(again.stdout.strip()) and stamp(deck) == before
    theme.write_text(THEME.replace("FF6600", "0066FF"), encoding="utf-8")
    changed = cli("build", "talk.yaml", "-o", "out", "--theme", "./mytheme")
    assert BUILT.match(changed.stdout.splitlines()[0]), changed.stdout
    assert stamp(deck) != before


def test_changing_the_options_rebuilds(write, png, workdir: Path, cli):
    make_recap(write, png)
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    for args in (["--theme", "dark"], ["--steps", "off"], []):
        result = cli("build", "talk.yaml", "-o", "out", *args)
        assert BUILT.match(result.stdout.splitlines()[0]), (args, result.stdout)


def test_force_rebuilds(write, png, workdir: Path, cli):
    make_recap(write, png)
    deck = workdir / "out/talk.pptx"
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    before = stamp(deck)
    result = cli("build", "--force", "talk.yaml", "-o", "out")
    assert BUILT.match(result.stdout.splitlines()[0]), result.stdout
    assert stamp(deck) != before


def test_a_missing_deck_is_rebuilt(write, png, workdir: Path, cli):
    make_recap(write, png)
    deck = workdir / "out/talk.pptx"
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    deck.unlink()
    result = cli("build", "talk.yaml", "-o", "out")
    assert BUILT.match(result.stdout.splitlines()[0]), result.stdout
    assert deck.read_bytes()[:2] == b"PK"


def test_a_deck_changed_by_hand_is_rebuilt(write, png, workdir: Path, cli):
    make_recap(write, png)
    deck = workdir / "out/talk.pptx"
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    original = deck.read_bytes()
    deck.write_bytes(original[:-1] + b"x")  # same size, other bytes
    result = cli("build", "talk.yaml", "-o", "out")
    assert BUILT.match(result.stdout.splitlines()[0]), result.stdout
    assert deck.read_bytes() == original


def test_a_corrupt_sidecar_means_a_rebuild(write, png, workdir: Path, cli):
    make_recap(write, png)
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    sidecar(workdir / "out/talk.pptx").write_text("{not json", encoding="utf-8")
    result = cli("build", "talk.yaml", "-o", "out")
    assert BUILT.match(result.stdout.splitlines()[0]), result.stdout
    assert read_record(workdir / "out/talk.pptx") is not None


def test_an_up_to_date_deck_still_reports_its_warnings(write, workdir: Path, cli):
    write(
        "talk.yaml",
        """\
        title: T
        presenters:
          - name: A
            topics:
              - title: X
                video: https://vimeo.com/123456
                slides:
                  - text: hi
        """,
    )
    assert cli("build", "talk.yaml", "-o", "out").exit_code == 0
    again = cli("build", "talk.yaml", "-o", "out")
    assert "up to date" in again.stdout and "1 warning," in again.stdout
    assert "not a YouTube link" in again.stderr
    strict = cli("build", "--strict", "talk.yaml", "-o", "out")
    assert strict.exit_code == 1


def test_json_says_whether_a_deck_was_up_to_date(write, png, workdir: Path, cli):
    make_recap(write, png)
    first = json.loads(cli("build", "--format", "json", "talk.yaml", "-o", "out").stdout)
    second = json.loads(cli("build", "--format", "json", "talk.yaml", "-o", "out").stdout)
    assert [first[0]["up_to_date"], second[0]["up_to_date"]] == [False, True]
    assert first[0]["slides"] == second[0]["slides"] == 4


def test_the_library_builds_unconditionally_by_default(write, png, workdir: Path):
    recap = make_recap(write, png)
    deck = workdir / "out/talk.pptx"
    api.build(recap, deck)
    before = stamp(deck)
    result = api.build(recap, deck)
    assert not result.up_to_date
    assert stamp(deck) != before
    assert not sidecar(deck).exists()
    assert api.build(recap, deck, BuildOptions(incremental=True)).up_to_date is False
    assert api.build(recap, deck, BuildOptions(incremental=True)).up_to_date is True
    assert api.build(recap, deck, BuildOptions(incremental=True, force=True)).up_to_date is False


def test_the_inputs_of_a_build(write, png, workdir: Path):
    recap = make_recap(write, png)
    result = api.build(recap, workdir / "out/talk.pptx")
    names = [p.relative_to(workdir).as_posix() for p in result.inputs if p.is_relative_to(workdir)]
    assert names == ["talk.yaml", "people/bryan.yaml", "pics/loki.png"]
    assert any(p.name == "theme.yaml" for p in result.inputs)
