"""Commands import only what they use: `--version` and `--help` none of the pipeline's
libraries, `validate` of a valid recap no layout, rendering or Python jsonschema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen import __version__
from deckgen import entry as entry_module
from deckgen.entry import HELP_FILE, help_file_text
from deckgen.theme import load_theme
from deckgen.theme_folder import THEME_FILE, builtin_themes_dir
from tests.test_cli import INVALID, NOT_YOUTUBE, OK

HEAVY = ("pptx", "PIL", "pygments", "jsonschema", "lxml", "qrcode", "yaml", "aiohttp")
RUN = """
import json, sys
sys.argv = ["deckgen", *sys.argv[1:]]
from deckgen.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules a whole `deckgen ARGS` process has imported."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=cwd, check=True
    )
    return set(json.loads(done.stderr.splitlines()[-1]))


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["build", "--help"], ["serve", "--help"], ["diff", "--help"]],
)
def test_version_and_help_import_no_heavy_module(args):
    modules = imported(*args)
    assert packages(modules) & set(HEAVY) == set()
    assert {"deckgen.load", "deckgen.layout", "deckgen.render"} & modules == set()


def test_validating_a_valid_recap_renders_nothing(write, workdir):
    write("r.yaml", OK)
    modules = imported("validate", "r.yaml", cwd=workdir)
    assert packages(modules) & {"pptx", "PIL", "jsonschema", "lxml", "qrcode"} == set()
    assert {"deckgen.layout", "deckgen.render"} & modules == set()
    assert "deckgen.load" in modules


ENTRY = """
import json, sys
sys.argv = ["deckgen", *sys.argv[1:]]
from deckgen.entry import main
try:
    main()
except SystemExit as done:
    print(json.dumps([done.code or 0, sorted(sys.modules)]), file=sys.stderr)
"""
CLICK_HELP = """
import json, sys
from pathlib import Path
sys.argv = ["deckgen", "--help"]
import deckgen.cli
package = Path(deckgen.cli.__file__).parent
made_from = sorted(
    Path(module.__file__).relative_to(package).as_posix()
    for name, module in list(sys.modules.items())
    if name.split(".")[0] == "deckgen" and getattr(module, "__file__", None)
)
print(json.dumps(made_from), file=sys.stderr)
deckgen.cli.main()
"""


def entry(*args: str, columns: str = "80") -> tuple[str, int, set[str]]:
    """Output, exit status and imported modules of `deckgen ARGS` through the console
    script's entry point, in a terminal `columns` wide."""
    env = {**os.environ, "COLUMNS": columns}
    done = subprocess.run(
        [sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, env=env, check=True
    )
    status, modules = json.loads(done.stderr.splitlines()[-1])
    return done.stdout, status, set(modules)


def clicks_help() -> tuple[str, list[str]]:
    """What click prints for `deckgen --help` 80 columns wide, and the package files
    (relative paths) the commands it describes are defined in."""
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-c", CLICK_HELP], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(done.stderr.splitlines()[-1])


def test_the_stored_help_is_what_click_prints():
    text, made_from = clicks_help()
    expected = help_file_text(text, made_from)
    if os.environ.get("DECKGEN_UPDATE_GOLDEN"):
        Path(HELP_FILE).write_text(expected, "utf-8")
        pytest.fail(f"{HELP_FILE} rewritten: run the tests again")
    assert Path(HELP_FILE).read_text("utf-8") == expected, "DECKGEN_UPDATE_GOLDEN=1 rewrites it"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["-h"]])
def test_version_and_help_answer_without_click(args):
    out, status, modules = entry(*args)
    assert status == 0
    assert packages(modules) & {"click", *HEAVY} == set()
    assert {m for m in modules if m.startswith("deckgen")} == {"deckgen", "deckgen.entry"}
    if args == ["--version"]:
        assert out == f"deckgen, version {__version__}\n"
    else:
        assert out == clicks_help()[0]


@pytest.mark.parametrize("columns", ["60", "79"])
def test_a_narrow_terminal_gets_clicks_own_wrapping(columns):
    out, status, modules = entry("--help", columns=columns)
    assert status == 0
    assert "click" in modules
    assert max(len(line) for line in out.splitlines()) <= int(columns)


def test_other_commands_go_to_click():
    out, status, modules = entry("themes")
    assert status == 0
    assert "click" in modules
    assert "default" in out


def test_help_whose_sources_changed_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "help.txt"
    monkeypatch.setattr(entry_module, "HELP_FILE", str(stale))
    source = tmp_path / "cli.py"
    source.write_text("x = 1\n")
    stale.write_text(help_file_text("Usage: deckgen\n", ["cli.py"]), "utf-8")
    assert entry_module.stored_help() == "Usage: deckgen\n"
    source.write_text("x = 2\n")
    assert entry_module.stored_help() is None
    source.unlink()
    assert entry_module.stored_help() is None
    stale.write_text("Usage: deckgen\n", "utf-8")  # no header
    assert entry_module.stored_help() is None


MAIN = 'import sys; sys.argv = ["deckgen", *sys.argv[1:]]; from deckgen.{} import main; main()'


def run_both(*args: str, cwd: Path) -> list[tuple[str, str, int]]:
    """Output, errors and exit status of `deckgen ARGS` through the entry point and
    through click itself (`deckgen.cli.main`)."""
    out = []
    for module in ("entry", "cli"):
        done = subprocess.run(
            [sys.executable, "-c", MAIN.format(module), *args],
            capture_output=True, text=True, cwd=cwd, check=False,
        )  # fmt: skip
        out.append((done.stdout, done.stderr, done.returncode))
    return out


def test_validate_of_files_runs_without_click(write, workdir):
    write("r.yaml", OK)
    out, status, modules = entry("validate", "r.yaml")
    assert (out, status) == ("r.yaml: valid (0 warnings)\n", 0)
    assert packages(modules) & {"click", *HEAVY} == {"yaml"}
    assert {"deckgen.model", "deckgen.theme", "deckgen.api"} & modules == set()  # a built-in theme
    assert "dataclasses" not in modules  # with `inspect`, a sixth of the time (deckgen.record)


@pytest.mark.parametrize("recap", [OK, NOT_YOUTUBE, INVALID], ids=["valid", "warned", "broken"])
def test_validate_without_click_prints_what_click_does(write, workdir, recap):
    write("r.yaml", recap)
    write("other.yaml", OK)
    by_entry, by_click = run_both("validate", "r.yaml", "other.yaml", cwd=workdir)
    assert by_entry == by_click
    assert by_click[2] == (1 if recap is INVALID else 0)
    assert ("warning:" in by_click[1]) == (recap is NOT_YOUTUBE)


@pytest.mark.parametrize("args", [["validate", "-q", "r.yaml"], ["validate", "--", "r.yaml"]])
def test_validate_with_options_goes_to_click(write, workdir, args):
    write("r.yaml", OK)
    _, status, modules = entry(*args)
    assert status == 0
    assert "click" in modules


def test_every_builtin_theme_loads():
    # what lets `validate` take a built-in theme as valid without loading it
    folders = [d for d in builtin_themes_dir().iterdir() if (d / THEME_FILE).is_file()]
    assert sorted(load_theme(d).name for d in folders) == ["corporate", "dark", "default"]


@pytest.mark.parametrize("args", [["r.yaml"], ["--theme", "./mine", "r.yaml"]])
def test_validate_checks_a_theme_folder_in_full(write, workdir, args):
    write("r.yaml", "theme: ./mine\n" + OK)
    write("mine/theme.yaml", "extends: default\nqr_size: 1.5\n")
    message = "mine/theme.yaml:2:10: error: qr_size: must be at least 2.8, got the number `1.5`"
    for out, err, status in run_both("validate", *args, cwd=workdir):
        assert (out, status) == ("", 1)
        assert err.splitlines() == [f"{(workdir / message).as_posix()}"]
