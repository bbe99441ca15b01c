"""The GitHub workflows: valid against GitHub's workflow schema, and running deckgen the way
the README promises (validate pull requests with annotations, build decks and PDFs on main)."""

from __future__ import annotations

import glob
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = [REPO / ".github/workflows/decks.yml", REPO / "docs/ci/decks.yml"]


def check_jsonschema(need_module) -> list[str]:
    """How to run check-jsonschema with this Python (skipped, or failed in CI, without)."""
    need_module("check_jsonschema")
    return [sys.executable, "-m", "check_jsonschema"]


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the key `on` as True
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def run_lines(job: dict[str, Any]) -> list[str]:
    """Every shell line the job runs (continuation lines joined)."""
    text = "\n".join(step["run"] for step in job["steps"] if "run" in step)
    return [line.strip() for line in text.replace("\\\n", " ").splitlines() if line.strip()]


def deckgen_lines(job: dict[str, Any], command: str) -> list[str]:
    return [line for line in run_lines(job) if line.startswith(f"deckgen {command} ")]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def job_when(workflow: dict[Any, Any], event: str) -> dict[str, Any]:
    """The one job that runs for `event` (judged by its `if:`)."""
    wanted = "== 'pull_request'" if event == "pull_request" else "!= 'pull_request'"
    found = [job for job in workflow["jobs"].values() if wanted in job.get("if", "")]
    assert len(found) == 1, f"expected one job for {event}"
    return found[0]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_workflow_is_valid_against_the_github_workflow_schema(workflow: Path, need_module):
    program = check_jsonschema(need_module)
    # the schema ships inside check-jsonschema: no network is needed
    result = subprocess.run(
        [*program, "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_workflow(tmp_path: Path, need_module):
    """The schema check above is a real check: a misspelt key fails it."""
    program = check_jsonschema(need_module)
    broken = tmp_path / "broken.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1)
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*program, "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1


CURRENT = {  # the current major of each action; every one runs on Node 24
    "actions/checkout": "v6",
    "actions/setup-python": "v7",
    "actions/cache": "v6",
    "actions/upload-artifact": "v7",
}
DIFF = (
    'deckgen diff --against "origin/$GITHUB_BASE_REF" --html output/slides-diff.html'
    " recaps/*.yaml > output/slides-diff.txt"
)
APT = ["libreoffice-impress", "poppler-utils", "fonts-crosextra-carlito", "fonts-liberation2"]


def upload(job: dict[str, Any], name: str) -> dict[str, Any]:
    """The `with:` of the step that uploads the artifact `name`."""
    (step,) = [
        s
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/upload-artifact") and s["with"]["name"] == name
    ]
    return dict(step["with"])


def caches(job: dict[str, Any]) -> list[str]:
    return [
        s["with"]["path"] for s in job["steps"] if s.get("uses", "").startswith("actions/cache")
    ]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_action_is_at_its_current_major(workflow: Path):
    data = load(workflow)
    for job in data["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                action, version = step["uses"].split("@")
                assert version == CURRENT[action], step["uses"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_a_newer_push_cancels_the_run_of_its_branch(workflow: Path):
    assert load(workflow)["concurrency"] == {
        "group": "decks-${{ github.ref }}",
        "cancel-in-progress": True,
    }


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_pip_and_apt_downloads_are_cached(workflow: Path):
    data = load(workflow)
    for job in data["jobs"].values():
        assert caches(job) == ["~/.cache/pip", "~/.cache/apt-archives"]
        (install,) = [line for line in run_lines(job) if "apt-get install" in line]
        assert '-o Dir::Cache::Archives="$HOME/.cache/apt-archives" $APT_PACKAGES' in install
    assert set(APT) <= set(data["env"]["APT_PACKAGES"].split())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_pull_requests_validate_then_upload_decks_and_contact_sheets(workflow: Path):
    data = load(workflow)
    assert "pull_request" in triggers(data)
    job = job_when(data, "pull_request")
    assert uses(job)[:2] == ["actions/checkout", "actions/setup-python"]
    lines = run_lines(job)
    validate = "deckgen validate --strict --format github recaps/*.yaml"
    build = "deckgen build recaps/*.yaml"
    preview = 'for recap in recaps/*.yaml; do deckgen preview "$recap"; done'
    assert [line for line in lines if line.startswith("deckgen") or "; do deckgen" in line] == [
        validate,
        DIFF,
        build,
        preview,
    ]
    # annotations and the slide diff come before the slow part (LibreOffice)
    apt = min(i for i, x in enumerate(lines) if "apt-get" in x)
    assert lines.index(validate) < lines.index(DIFF) < apt
    assert upload(job, "decks-preview")["path"].split() == [
        "output/*.pptx",
        "output/*-preview.html",
    ]
    assert upload(job, "decks-preview")["if-no-files-found"] == "error"
    assert upload(job, "slides-diff") == {
        "name": "slides-diff",
        "path": "output/slides-diff.html",
        "if-no-files-found": "error",
    }
    (checkout,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch, for `diff --against`


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_pushes_to_main_build_decks_and_pdfs_and_upload_them(workflow: Path):
    data = load(workflow)
    assert triggers(data)["push"] == {"branches": ["main"]}
    job = job_when(data, "push")
    assert uses(job) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "actions/cache",
        "actions/upload-artifact",
    ]
    assert "with" not in job["steps"][0]  # no history needed
    assert deckgen_lines(job, "build") == ["deckgen build --pdf recaps/*.yaml"]
    assert upload(job, "decks")["path"].split() == ["output/*.pptx", "output/*.pdf"]
    assert upload(job, "decks")["if-no-files-found"] == "error"


def test_the_copy_for_recap_repositories_differs_only_in_how_deckgen_is_installed():
    ours, theirs = (load(w) for w in WORKFLOWS)
    assert ours["jobs"].keys() == theirs["jobs"].keys()
    assert ours["concurrency"] == theirs["concurrency"]
    for name in ours["jobs"]:
        ours_lines = [x for x in run_lines(ours["jobs"][name]) if "pip install" not in x]
        theirs_lines = [x for x in run_lines(theirs["jobs"][name]) if "pip install" not in x]
        assert ours_lines == theirs_lines
        assert uses(ours["jobs"][name]) == uses(theirs["jobs"][name])
    assert {k: v for k, v in theirs["env"].items() if k != "DECKGEN"} == ours["env"]
    assert theirs["env"]["DECKGEN"].startswith("deckgen @ git+https://")


@pytest.mark.parametrize("event", ["pull_request", "push"])
def test_the_workflow_commands_succeed_on_the_example_recaps(event: str, examples: Path, cli):
    """What the workflow runs works on this repository's recaps (the build without --pdf
    and into a temporary folder: --pdf is tested with LibreOffice elsewhere)."""
    job = job_when(load(WORKFLOWS[0]), event)
    (line,) = deckgen_lines(job, "validate" if event == "pull_request" else "build")
    args = []
    for word in shlex.split(line)[1:]:
        args += sorted(glob.glob(word)) if "*" in word else [word]
    assert "recaps/kubecon2019-team.yaml" in args
    if event == "push":
        args = [a for a in args if a != "--pdf"] + ["-o", "decks"]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    if event == "push":
        assert sorted(p.name for p in (examples / "decks").glob("*.pptx")) == [
            "eu2019.pptx",
            "kubecon2019-team.pptx",
        ]
    else:
        assert result.stdout == ""  # no annotations: the examples are clean


def test_the_slide_diff_step_writes_the_summary_and_the_page(examples: Path, tmp_path: Path):
    """The pull-request job's diff step, run by bash as GitHub runs it, in a clone of the
    examples whose base branch `main` is `origin/main` and whose head edits one bullet."""
    job = job_when(load(WORKFLOWS[0]), "pull_request")
    (step,) = [s for s in job["steps"] if DIFF in s.get("run", "")]
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "recaps"], ["commit", "-q", "-m", "x"]):
        subprocess.run([*git, *args], check=True, capture_output=True, timeout=60)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    recap = examples / "recaps/eu2019.yaml"
    recap.write_text(recap.read_text(encoding="utf-8").replace("CRD still beta", "CRD is GA"))
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Slides changed\n```text\n--- origin/main:recaps/eu2019.yaml (")
    assert "\n1 changed, 0 added, 0 removed\n--- origin/main:recaps/kubecon2019-team" in text
    assert text.endswith("\n0 changed, 0 added, 0 removed\n```\n")
    assert done.stdout in text
    assert "<svg" in (examples / "output/slides-diff.html").read_text(encoding="utf-8")


def test_pyproject_test_extra_has_the_tools_these_tests_use():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"check-jsonschema' in text
    assert '"pre-commit' in text
