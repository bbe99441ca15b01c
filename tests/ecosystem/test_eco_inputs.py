"""The input files of a recap (what watch polls and incremental builds hash), the recaps
that include a file, and the progress bar's drawing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from deckgen import inputs
from deckgen.inputs import including_recaps, recap_inputs, theme_files
from deckgen.progress import Progress
from deckgen.theme import builtin_themes_dir

RECAP = """\
title: T
theme: ./brand
presenters:
  - include: people/bryan.yaml
  - name: Inline
    topics:
      - include: topics/loki.yaml
"""

BRYAN = """\
name: Bryan
topics:
  - include: ../topics/helm.yaml
  - title: Shots
    slides:
      - image: {path: ../pics/a.png}
"""

TOPIC = """\
title: {title}
slides:
  - image: {{path: ../pics/{image}}}
"""

BRAND = """\
extends: ../base
logo: logo.png
"""

BASE = """\
extends: default
background_image: bg.png
"""


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths if p.is_relative_to(root)]


def make(write, png) -> Path:
    write("people/bryan.yaml", BRYAN)
    write("topics/helm.yaml", TOPIC.format(title="Helm", image="b.png"))
    write("topics/loki.yaml", TOPIC.format(title="Loki", image="c.png"))
    for image in ("pics/a.png", "pics/b.png", "pics/c.png", "brand/logo.png", "base/bg.png"):
        png(image)
    write("brand/theme.yaml", BRAND)
    write("base/theme.yaml", BASE)
    return write("talk.yaml", RECAP)


def test_recap_inputs_are_every_file_a_build_reads(write, png, workdir: Path):
    recap = make(write, png)
    inputs = recap_inputs(recap)
    root = workdir.resolve()
    assert names(inputs, root) == [
        "talk.yaml",
        "people/bryan.yaml",
        "topics/helm.yaml",
        "topics/loki.yaml",
        "pics/b.png",
        "pics/a.png",
        "pics/c.png",
        "brand/theme.yaml",
        "brand/logo.png",
        "base/theme.yaml",
        "base/bg.png",
    ]
    assert inputs[-1] == builtin_themes_dir().resolve() / "default/theme.yaml"
    assert all(p.is_absolute() for p in inputs)


def test_recap_inputs_with_a_theme_option(write, png, workdir: Path):
    recap = make(write, png)
    inputs = recap_inputs(recap, "dark")
    assert [p.parent.name for p in inputs if p.name == "theme.yaml"] == ["dark", "default"]


def test_recap_inputs_of_a_recap_that_does_not_load(write, png, workdir: Path):
    recap = make(write, png)
    write("people/bryan.yaml", "name: Bryan\ntopics: [\n")  # not YAML
    assert names(recap_inputs(recap), workdir.resolve()) == [
        "talk.yaml",
        "people/bryan.yaml",
        "topics/loki.yaml",
    ]
    assert recap_inputs(Path("nope.yaml")) == [(workdir / "nope.yaml").resolve()]


def test_theme_files_of_a_builtin_theme():
    folder = builtin_themes_dir() / "corporate"
    files = theme_files(folder)
    assert [p.name for p in files] == ["theme.yaml", "logo.png", "template.pptx", "theme.yaml"]
    assert files[-1].parent.name == "default"


def test_including_recaps(write, png, workdir: Path):
    make(write, png)
    write("other.yaml", "title: O\npresenters: [{include: people/bryan.yaml}]\n")
    write("people/unused.yaml", "name: U\ntopics: [{title: X}]\n")
    assert including_recaps(Path("people/bryan.yaml")) == [Path("other.yaml"), Path("talk.yaml")]
    # through bryan's file
    assert including_recaps(Path("topics/helm.yaml")) == [Path("other.yaml"), Path("talk.yaml")]
    assert including_recaps(Path("topics/loki.yaml")) == [Path("talk.yaml")]
    assert including_recaps(Path("people/unused.yaml")) == []
    assert including_recaps(Path("talk.yaml")) == []
    assert including_recaps(Path("missing.yaml")) == []


def test_including_recaps_stops_at_the_top_folder(write, png, workdir: Path):
    make(write, png)
    assert including_recaps(workdir / "people/bryan.yaml", top=workdir / "people") == []
    assert including_recaps(workdir / "people/bryan.yaml", top=workdir) == [workdir / "talk.yaml"]


def test_progress_bar_drawing():
    stream = io.StringIO()
    bar = Progress(4, stream, enabled=True, delay=0.0)
    bar.update(1.5, "eu2019.yaml: rendering")
    assert bar.line() == "[#########---------------] 1/4  eu2019.yaml: rendering"
    assert stream.getvalue() == "\r\x1b[K" + bar.line()
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_bar_disabled_or_early_draws_nothing():
    stream = io.StringIO()
    with Progress(2, stream, enabled=False, delay=0.0) as bar:
        bar.update(1, "x")
    with Progress(2, stream, enabled=True, delay=60.0) as bar:
        bar.update(1, "x")
    assert stream.getvalue() == ""


def test_including_recaps_from_another_folder(write, png, workdir: Path, monkeypatch):
    make(write, png)
    (workdir / ".git").mkdir()  # the search stops at the repository's root
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert including_recaps(workdir / "people/bryan.yaml") == [workdir / "talk.yaml"]
    assert including_recaps(Path("../topics/helm.yaml")) == [Path("../talk.yaml")]


def test_including_recaps_parses_only_candidates_that_name_the_file(
    write, png, workdir: Path, monkeypatch
):
    make(write, png)
    write("broken.yaml", "title: [unclosed\n  include: people/other.yaml\n")
    write("huge.yaml", "title: big\nnotes: " + "x" * 17_000_000 + "\n")
    write("unrelated.yaml", "title: U\npresenters: [{include: people/nobody.yaml}]\n")
    parsed: list[str] = []
    real = inputs.load_recap

    def spy(path: Path) -> Any:
        parsed.append(path.as_posix())
        return real(path)

    monkeypatch.setattr(inputs, "load_recap", spy)
    assert including_recaps(Path("people/bryan.yaml")) == [Path("talk.yaml")]
    assert parsed == ["talk.yaml"]
