"""The command line: outputs, messages, formats and exit statuses."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[1]
THEMES = sorted(p.parent.name for p in (REPO / "themes").glob("*/theme.yaml"))

OK = """\
title: KubeCon Europe 2019
presenters:
  - name: Bryan
    topics:
      - title: Grafana Loki
        slides:
          - bullets: [like Prometheus, but for logs]
"""

WITH_VIDEO = """\
title: KubeCon Europe 2019
presenters:
  - name: Bryan
    topics:
      - title: CNCF Project Update
        video: https://www.youtube.com/watch?v=vdxcaR3I2ic
        slides:
          - text: hi
"""

NOT_YOUTUBE = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        video: https://vimeo.com/123456
        slides:
          - text: hi
"""

INVALID = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        slides:
          - bulets: [a]
          - text: ""
"""

INVALID_ERRORS = [
    "bad.yaml:7:13: error: presenters[0].topics[0].slides[0].bulets: unknown key `bulets`;"
    " did you mean `bullets`?",
    "bad.yaml:8:19: error: presenters[0].topics[0].slides[1].text: must not be empty",
]

WARNING = (
    "w.yaml:6:16: warning: presenters[0].topics[0].video: not a YouTube link, so it gets"
    " no QR code (set `options.qr_codes: all` for one)"
)

STRICT_FAILED = "w.yaml: error: failed because of 1 warning (--strict treats warnings as errors)"

SUMMARY = re.compile(
    r"^out/ok\.pptx: 3 slides, 0 steps collapsed, 0 QR codes, 0 warnings, \d+\.\d\d s$"
)


def run(*args: str) -> Result:
    """Run `deckgen ARGS` in-process, stdout and stderr kept apart (any click 8.x)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def lines(text: str) -> list[str]:
    return text.splitlines()


def files_under(folder: Path) -> list[str]:
    """The files a user sees (the hidden incremental-build records are left out)."""
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.name.startswith(".")
    )


# --- build --------------------------------------------------------------------------


def test_build_writes_the_deck_and_prints_a_summary(write, workdir):
    write("ok.yaml", OK)
    result = run("build", "ok.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert SUMMARY.match(result.stdout.strip()), result.stdout
    assert result.stderr == ""
    assert (workdir / "out/ok.pptx").read_bytes()[:2] == b"PK"
    assert files_under(workdir / "out") == ["ok.pptx"]


def test_build_writes_to_output_by_default(write, workdir):
    write("ok.yaml", OK)
    assert run("build", "ok.yaml").exit_code == 0
    assert files_under(workdir / "output") == ["ok.pptx"]


def test_build_is_byte_identical_for_the_same_input(write, workdir):
    write("ok.yaml", OK)
    assert run("build", "ok.yaml", "-o", "a").exit_code == 0
    assert run("build", "ok.yaml", "-o", "b").exit_code == 0
    assert (workdir / "a/ok.pptx").read_bytes() == (workdir / "b/ok.pptx").read_bytes()


def test_build_quiet_prints_nothing(write):
    write("ok.yaml", OK)
    result = run("build", "-q", "ok.yaml", "-o", "out")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_build_invalid_recap_reports_every_error_and_writes_nothing(write, workdir):
    write("bad.yaml", INVALID)
    result = run("build", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    assert lines(result.stderr) == INVALID_ERRORS
    assert result.stdout == ""
    assert not (workdir / "out").exists()


def test_failed_build_leaves_an_earlier_deck_as_it_was(write, workdir):
    write("bad.yaml", INVALID)
    old = write("out/bad.pptx", b"PK an older deck")
    result = run("build", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    assert old.read_bytes() == b"PK an older deck"
    assert files_under(workdir / "out") == ["bad.pptx"]


def test_build_of_several_recaps_fails_when_one_is_invalid(write, workdir):
    write("ok.yaml", OK)
    write("bad.yaml", INVALID)
    result = run("build", "ok.yaml", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    assert lines(result.stderr) == INVALID_ERRORS
    assert files_under(workdir / "out") == ["ok.pptx"]


def test_build_missing_recap(workdir):
    result = run("build", "nope.yaml", "-o", "out")
    assert result.exit_code == 1
    assert lines(result.stderr) == ["nope.yaml: error: no such file"]


def test_build_unknown_theme(write):
    write("ok.yaml", OK)
    result = run("build", "ok.yaml", "-o", "out", "--theme", "nosuch")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        f"nosuch: error: no theme named `nosuch`; built-in: {', '.join(THEMES)}"
    ]


def test_build_with_the_dark_theme(write, workdir):
    write("ok.yaml", OK)
    assert run("build", "ok.yaml", "-o", "out", "--theme", "dark").exit_code == 0
    assert (workdir / "out/ok.pptx").is_file()


def test_warning_does_not_fail_the_build(write, workdir):
    write("w.yaml", NOT_YOUTUBE)
    result = run("build", "w.yaml", "-o", "out")
    assert result.exit_code == 0
    assert lines(result.stderr) == [WARNING]
    assert "1 warning," in result.stdout
    assert (workdir / "out/w.pptx").is_file()


def test_strict_turns_a_warning_into_a_failure(write, workdir):
    write("w.yaml", NOT_YOUTUBE)
    result = run("build", "--strict", "w.yaml", "-o", "out")
    assert result.exit_code == 1
    assert lines(result.stderr) == [WARNING, STRICT_FAILED]
    assert not (workdir / "out").exists()


# --- formats ------------------------------------------------------------------------


def test_format_github_prints_annotations(write):
    write("bad.yaml", INVALID)
    result = run("build", "--format", "github", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "::error file=bad.yaml,line=7,col=13::presenters[0].topics[0].slides[0].bulets:"
        " unknown key `bulets`; did you mean `bullets`?",
        "::error file=bad.yaml,line=8,col=19::presenters[0].topics[0].slides[1].text:"
        " must not be empty",
    ]
    assert result.stderr == ""


def test_format_github_warning_and_problem_without_position(write):
    write("w.yaml", NOT_YOUTUBE)
    result = run("validate", "--format", "github", "w.yaml", "nope.yaml")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "::warning file=w.yaml,line=6,col=16::presenters[0].topics[0].video: not a YouTube"
        " link, so it gets no QR code (set `options.qr_codes: all` for one)",
        "::error file=nope.yaml::no such file",
    ]


def test_format_github_escapes_percent(write):
    write(
        "r.yaml",
        """\
        title: T
        presenters: [{name: A, topics: [{title: X}]}]
        closing:
          links:
            - url: "ftp://example.com/100%25"
        """,
    )
    result = run("validate", "--format", "github", "r.yaml")
    assert lines(result.stdout) == [
        "::error file=r.yaml,line=5,col=12::closing.links[0].url: URL"
        " `ftp://example.com/100%2525` has `ftp:`; only http, https and mailto links are allowed"
    ]


def test_format_json_reports_each_deck(write):
    write("ok.yaml", OK)
    write("v.yaml", WITH_VIDEO)
    result = run("build", "--format", "json", "ok.yaml", "v.yaml", "-o", "out")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [r["recap"] for r in report] == ["ok.yaml", "v.yaml"]
    assert [r["output"] for r in report] == ["out/ok.pptx", "out/v.pptx"]
    assert report[0]["slides"] == 3
    assert report[0]["qr_codes"] == 0
    assert report[1]["qr_codes"] >= 1
    assert report[0]["warnings"] == [] and report[0]["collapsed"] == []


def test_format_json_reports_errors(write):
    write("bad.yaml", INVALID)
    result = run("build", "--format", "json", "bad.yaml", "-o", "out")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{"recap": "bad.yaml", "errors": INVALID_ERRORS}]
    assert result.stderr == ""


# --- validate -----------------------------------------------------------------------


def test_validate_writes_nothing(write, workdir):
    write("ok.yaml", OK)
    before = files_under(workdir)
    result = run("validate", "ok.yaml")
    assert result.exit_code == 0
    assert lines(result.stdout) == ["ok.yaml: valid (0 warnings)"]
    assert files_under(workdir) == before


def test_validate_invalid_recap(write, workdir):
    write("bad.yaml", INVALID)
    result = run("validate", "bad.yaml")
    assert result.exit_code == 1
    assert lines(result.stderr) == INVALID_ERRORS
    assert files_under(workdir) == ["bad.yaml"]


def test_validate_strict(write):
    write("w.yaml", NOT_YOUTUBE)
    assert run("validate", "w.yaml").exit_code == 0
    result = run("validate", "--strict", "w.yaml")
    assert result.exit_code == 1
    assert lines(result.stderr) == [WARNING, STRICT_FAILED]


def test_validate_strict_json_is_not_valid(write):
    write("w.yaml", NOT_YOUTUBE)
    result = run("validate", "--strict", "--format", "json", "w.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"recap": "w.yaml", "valid": False, "warnings": [], "errors": [WARNING, STRICT_FAILED]}
    ]


# --- usage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--bogus", "ok.yaml"],
        ["build"],
        ["validate"],
        ["new"],
        ["build", "ok.yaml", "--steps", "sometimes"],
        ["build", "ok.yaml", "--format", "xml"],
        ["frobnicate"],
    ],
)
def test_wrong_usage_exits_2(write, workdir, args):
    write("ok.yaml", OK)
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert not (workdir / "output").exists()


def test_two_recaps_with_the_same_name_are_wrong_usage(write):
    write("a/r.yaml", OK)
    write("b/r.yaml", OK)
    result = run("build", "a/r.yaml", "b/r.yaml", "-o", "out")
    assert result.exit_code == 2
    assert "a/r.yaml and b/r.yaml would both be written as r.pptx" in result.stderr


# --- new, themes, schema ------------------------------------------------------------


def test_new_writes_a_starter_that_validates_and_builds(workdir):
    result = run("new", "talk.yaml")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "schema/recap.schema.json: written; editors read it (commit it)",
        "talk.yaml: written; build it with `deckgen build talk.yaml`",
    ]
    text = (workdir / "talk.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert run("validate", "talk.yaml").stdout == "talk.yaml: valid (0 warnings)\n"
    built = run("build", "talk.yaml", "-o", "out")
    assert built.exit_code == 0, built.output
    deck = "\n".join(shape_texts(workdir / "out/talk.pptx"))
    assert "$ export DOCKER_BUILDKIT=1\n$ docker build ." in deck


def shape_texts(path: Path) -> list[str]:
    from pptx import Presentation

    slides = Presentation(str(path)).slides
    return [s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame]


def test_new_points_at_the_schema_of_an_enclosing_repository(write, workdir):
    write("schema/recap.schema.json", "{}")
    assert run("new", "recaps/talk.yaml").exit_code == 0
    first = (workdir / "recaps/talk.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/recap.schema.json"


def test_new_refuses_to_overwrite_without_force(write):
    existing = write("talk.yaml", "title: mine\n")
    result = run("new", "talk.yaml")
    assert result.exit_code == 1
    assert lines(result.stderr) == ["talk.yaml: error: exists already; use --force"]
    assert existing.read_text(encoding="utf-8") == "title: mine\n"
    assert run("new", "--force", "talk.yaml").exit_code == 0
    assert existing.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_themes_lists_the_builtin_themes():
    result = run("themes")
    assert result.exit_code == 0
    names = [line.split()[0] for line in lines(result.stdout)]
    assert {"dark", "default"} <= set(names)
    assert names == THEMES
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines(result.stdout))


def test_schema_prints_the_recap_schema():
    result = run("schema")
    assert result.exit_code == 0
    expected = json.loads((REPO / "schema/recap.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == expected


def test_schema_theme_prints_the_theme_schema():
    result = run("schema", "--theme")
    assert result.exit_code == 0
    expected = json.loads((REPO / "schema/theme.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == expected


def test_schema_that_cannot_be_written_exits_1(write):
    write("taken", "a file, not a folder")
    result = run("schema", "-o", "taken/recap.schema.json")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "taken/recap.schema.json: error: cannot create folder `taken`: File exists"
    ]


# --- internal errors ----------------------------------------------------------------


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


INTERNAL = [
    "deckgen: internal error while processing ok.yaml: RuntimeError: boom",
    "This is a bug in deckgen; rerun with --debug for the traceback.",
]


def test_internal_error_exits_3_without_traceback(write, monkeypatch):
    write("ok.yaml", OK)
    monkeypatch.setattr("deckgen.batch.build", _boom)
    result = run("build", "ok.yaml", "-o", "out")
    assert result.exit_code == 3
    assert lines(result.stderr) == INTERNAL
    assert "Traceback" not in result.output


def test_internal_error_with_debug_shows_the_traceback(write, monkeypatch):
    write("ok.yaml", OK)
    monkeypatch.setattr("deckgen.batch.build", _boom)
    result = run("--debug", "build", "ok.yaml", "-o", "out")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom" in result.stderr
    assert lines(result.stderr)[-2:] == INTERNAL


def test_internal_error_during_layout_leaves_an_earlier_deck(write, workdir, monkeypatch):
    write("ok.yaml", OK)
    old = write("out/ok.pptx", b"PK an older deck")
    monkeypatch.setattr("deckgen.layout.lay_out", _boom)
    result = run("build", "ok.yaml", "-o", "out")
    assert result.exit_code == 3
    assert lines(result.stderr) == INTERNAL
    assert old.read_bytes() == b"PK an older deck"
    assert files_under(workdir / "out") == ["ok.pptx"]


def test_internal_error_in_validate(write, monkeypatch):
    write("ok.yaml", OK)
    monkeypatch.setattr("deckgen.checking.validate", _boom)
    result = run("validate", "ok.yaml")
    assert result.exit_code == 3
    assert lines(result.stderr) == INTERNAL


TABLE_WITH_EMPTY_CELL = """\
title: T
presenters:
  - name: A
    topics:
      - title: Pods
        slides:
          - table:
              columns: [NAME, RESTARTS]
              rows: [[web-1, ""], [web-2, null]]
"""


def test_table_with_empty_cells_builds(write, workdir):
    write("t.yaml", TABLE_WITH_EMPTY_CELL)
    result = run("build", "t.yaml", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (workdir / "out/t.pptx").is_file()


def test_control_character_in_title_is_not_an_internal_error(write):
    write(
        "c.yaml",
        'title: "KubeCon\\x01"\npresenters: [{name: A, topics: [{title: X}]}]\n',
    )
    result = run("build", "c.yaml", "-o", "out")
    assert result.exit_code in (0, 1), result.stderr


# --- the real entry point -----------------------------------------------------------


def test_python_m_deckgen(write, workdir):
    write("bad.yaml", INVALID)
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", "validate", "bad.yaml"],
        capture_output=True,
        text=True,
        cwd=workdir,
        check=False,
    )
    assert result.returncode == 1
    assert lines(result.stderr) == INVALID_ERRORS
    assert "Traceback" not in result.stderr


# --- conventions --------------------------------------------------------------------

COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]


def test_every_command_takes_quiet_and_verbose():
    for name in COMMANDS:
        options = {opt for p in main.commands[name].params for opt in p.opts}  # type: ignore[attr-defined]
        assert {"-q", "--quiet", "-v", "--verbose"} <= options, name


@pytest.mark.parametrize("name", ["build", "validate", "themes", "new"])
def test_quiet_and_verbose_together_are_a_usage_error(name):
    result = run(name, "-q", "-v", "x.yaml") if name != "themes" else run(name, "-q", "-v")
    assert result.exit_code == 2
    assert lines(result.stderr)[-1] == "Error: -q and -v cannot be used together"


def test_help_summaries_are_whole():
    result = run("--help")
    listed = result.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]  # not the epilog
    summaries = dict(line.split(None, 1) for line in listed.splitlines() if line.strip())
    assert sorted(summaries) == COMMANDS
    for name, summary in summaries.items():
        assert not summary.endswith("..."), name
        assert summary == main.commands[name].get_short_help_str(limit=200), name  # type: ignore[attr-defined]


def test_validate_json_of_an_invalid_recap_says_not_valid(write):
    write("bad.yaml", INVALID)
    result = run("validate", "--format", "json", "bad.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"recap": "bad.yaml", "valid": False, "warnings": [], "errors": INVALID_ERRORS}
    ]


def test_validate_verbose_lists_the_files_read(write, workdir):
    write("ok.yaml", OK)
    result = run("validate", "-v", "ok.yaml")
    assert lines(result.stdout) == [
        "ok.yaml: valid (0 warnings)",
        "  input: ok.yaml",
        f"  input: {(REPO / 'themes/default/theme.yaml').as_posix()}",
    ]


def test_validate_quiet_prints_nothing_for_a_valid_recap(write):
    write("ok.yaml", OK)
    result = run("validate", "-q", "ok.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_build_verbose_lists_the_files_of_the_deck(write, workdir):
    write("ok.yaml", OK)
    result = run("build", "-v", "ok.yaml", "-o", "out")
    assert lines(result.stdout)[1:] == [
        "  input: ok.yaml",
        f"  input: {(REPO / 'themes/default/theme.yaml').as_posix()}",
    ]


def test_themes_quiet_and_verbose(workdir):
    assert lines(run("themes", "-q").stdout) == THEMES
    verbose = lines(run("themes", "-v").stdout)
    assert verbose[1] == " " * 13 + (REPO / "themes" / THEMES[0]).as_posix()


def test_new_quiet_and_verbose(workdir):
    assert run("new", "-q", "a.yaml").stdout == ""
    assert lines(run("new", "-v", "b.yaml").stdout)[1:] == [
        "  deckgen validate b.yaml",
        "  deckgen preview b.yaml",
        "  deckgen watch b.yaml",
    ]


def test_schema_verbose_names_the_installed_file():
    result = run("schema", "-v")
    assert json.loads(result.stdout)["$schema"]
    path = result.stderr.removeprefix("deckgen: the installed schema file is ").strip()
    assert Path(path).read_text(encoding="utf-8") == (REPO / "schema/recap.schema.json").read_text(
        encoding="utf-8"
    )


def test_preview_without_libreoffice_names_the_png_and_the_packages(write, workdir, monkeypatch):
    empty = workdir / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    write("ok.yaml", OK)
    result = run("preview", "ok.yaml", "-o", "output/ok-preview.png")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "output/ok-preview.png: error: not written: LibreOffice (soffice) is not installed;"
        " install it with `sudo apt-get install libreoffice-impress`",
        "output/ok-preview.png: error: not written: poppler (pdftoppm) is not installed;"
        " install it with `sudo apt-get install poppler-utils`",
    ]
    assert not (workdir / "output").exists()


def test_validate_a_presenter_file_from_another_folder(write, workdir, monkeypatch):
    write("repo/.git/HEAD", "ref: refs/heads/main\n")
    write("repo/recaps/team.yaml", "title: T\npresenters:\n  - include: people/b.yaml\n")
    write(
        "repo/recaps/people/b.yaml",
        "name: B\ntopics:\n  - title: X\n    slides:\n      - text: hi\n",
    )
    (workdir / "elsewhere").mkdir()
    monkeypatch.chdir(workdir / "elsewhere")
    result = run("validate", "../repo/recaps/people/b.yaml")
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == ["../repo/recaps/team.yaml: valid (0 warnings)"]
