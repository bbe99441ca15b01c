"""The pre-commit hook that recap repositories reuse (`.pre-commit-hooks.yaml`) and this
repository's own `.pre-commit-config.yaml`."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
CONFIG = REPO / ".pre-commit-config.yaml"

# https://pre-commit.com/#creating-new-hooks: the keys a hook of a manifest may have
MANIFEST_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "always_run",
    "fail_fast",
    "verbose",
    "pass_filenames",
    "require_serial",
    "description",
    "language_version",
    "minimum_pre_commit_version",
    "args",
    "stages",
    "additional_dependencies",
    "alias",
    "log_file",
}
REQUIRED = {"id", "name", "entry", "language"}

BROKEN_PRESENTER = """\
name: Bryan
topics:
  - title: Grafana Loki
    slides:
      - bulets: [like Prometheus, but for logs]
"""


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (only,) = [h for h in hooks if h["id"] == "deckgen-validate"]
    assert isinstance(only, dict)
    return only


def run_hook(cli, *files: str) -> Any:
    """Run the hook as pre-commit does: entry, then args, then the matching file names."""
    spec = hook()
    pattern = re.compile(spec["files"])
    words = shlex.split(spec["entry"]) + spec.get("args", [])
    assert words[0] == "deckgen"
    return cli(*words[1:], *[f for f in files if pattern.search(f)])


def test_manifest_hook_uses_only_documented_keys():
    spec = hook()
    assert REQUIRED <= spec.keys() <= MANIFEST_KEYS
    assert spec["entry"] == "deckgen validate"
    assert spec["language"] == "python"
    assert spec["pass_filenames"] is True


def test_manifest_files_pattern_takes_yaml_under_recaps():
    pattern = re.compile(hook()["files"])
    for name in ["recaps/eu2019.yaml", "recaps/team/bryan.yml", "recaps/a/b/topic.yaml"]:
        assert pattern.search(name), name
    for name in ["README.md", "themes/dark/theme.yaml", "recaps/images/x.png", ".ci/x.yaml"]:
        assert not pattern.search(name), name


def test_the_entry_is_a_deckgen_command(cli):
    words = shlex.split(hook()["entry"])
    result = cli(*words[1:], "--help")
    assert result.exit_code == 0
    assert "Check each RECAP" in result.stdout


def test_the_hook_passes_the_example_recaps(examples: Path, cli):
    files = sorted(p.relative_to(examples).as_posix() for p in examples.rglob("*.y*ml"))
    assert "recaps/kubecon2019-team/bryan.yaml" in files
    result = run_hook(cli, *files)
    assert result.exit_code == 0, result.output
    # included files are checked through the recap that includes them, once
    assert result.stdout.splitlines() == [
        "recaps/eu2019.yaml: valid (0 warnings)",
        "recaps/kubecon2019-team.yaml: valid (0 warnings)",
    ]


def test_the_hook_reports_a_broken_presenter_file_at_its_line(examples: Path, cli):
    bryan = examples / "recaps/kubecon2019-team/bryan.yaml"
    bryan.write_text(BROKEN_PRESENTER, encoding="utf-8")
    result = run_hook(cli, "recaps/kubecon2019-team/bryan.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "recaps/kubecon2019-team/bryan.yaml:5:9: error: presenters[0].topics[0].slides[0]"
        ".bulets: unknown key `bulets`; did you mean `bullets`?"
    ]


def test_the_hook_reports_a_presenter_file_that_is_not_yaml(examples: Path, cli):
    bryan = examples / "recaps/kubecon2019-team/bryan.yaml"
    bryan.write_text("name: Bryan\ntopics: [\n", encoding="utf-8")
    result = run_hook(cli, "recaps/kubecon2019-team/bryan.yaml")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("recaps/kubecon2019-team/bryan.yaml:3:1: error: invalid YAML")


@pytest.mark.parametrize(
    ("command", "path"), [("validate-manifest", MANIFEST), ("validate-config", CONFIG)]
)
def test_pre_commit_accepts_the_files(command: str, path: Path, need_module):
    """pre-commit's own schema check (offline; `pre-commit try-repo` would need the
    network to install the hook's environment)."""
    need_module("pre_commit")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", command, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_this_repository_config_runs_the_same_validation():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["deckgen-validate"]["entry"].startswith("deckgen validate")
    assert hooks["deckgen-validate"]["files"] == hook()["files"]
