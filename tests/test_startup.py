"""Commands import only what they use: `--version` and `--help` none of the pipeline's
libraries, `validate` of a valid recap no layout, rendering or Python jsonschema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
    write(
        "r.yaml",
        """\
        title: T
        presenters:
          - name: A
            topics:
              - title: X
                slides:
                  - title: S
                    bullets: [one, two]
        """,
    )
    modules = imported("validate", "r.yaml", cwd=workdir)
    assert packages(modules) & {"pptx", "PIL", "jsonschema", "lxml", "qrcode"} == set()
    assert {"deckgen.layout", "deckgen.render"} & modules == set()
    assert "deckgen.load" in modules
